import type { Cards } from '../cards/cards';
import type { Services } from '../services';
import { DeliveryError } from '../services/deadlines';
import { DomainError } from '../services/errors';
import type { FanoutDelivery, FanoutSender } from '../services/fanout/drain';
import type { FanoutDoc } from '../services/fanout/model';
import type { Meeting, Network } from '../services/model';
import { findMember } from '../services/networks';
import type { HabilitetPosts } from './habilitet';
import { sendVoteReminder } from './meeting';
import type { Messenger } from './messenger';
import { deliveryError } from './nudgeDelivery';

/**
 * The sweep's way into Teams for fan-outs: renders each member's message as it is sent (so
 * it shows the state of that moment, in their language) and keeps the status card following.
 * Failures are described as for nudges (bot/nudgeDelivery.ts); nobody to reach yet is an
 * outcome of its own, shown on the status card.
 */
export class TeamsFanoutDelivery implements FanoutDelivery {
  constructor(
    private readonly services: Services,
    private readonly messenger: Messenger,
    private readonly cards: Cards,
    private readonly habilitetPosts: HabilitetPosts,
  ) {}

  /**
   * The network and the meeting are read once for the pass (a pass takes minutes at most);
   * what a message says about its member (declaration, vote state) is read as it is sent.
   */
  sender(job: FanoutDoc): FanoutSender {
    const { services } = this;
    const shared = retriedOnce(async () => ({
      network: await services.networks.require(job.networkId),
      meeting: await services.meetings.require(job.networkId, job.meetingId),
    }));
    return (email) => this.deliver(job, shared, email);
  }

  private async deliver(job: FanoutDoc, shared: () => Promise<{ network: Network; meeting: Meeting }>, email: string): Promise<'sent' | 'unreachable'> {
    const { services } = this;
    try {
      const { network, meeting } = await shared();
      const member = findMember(network, email);
      if (!member) throw new DeliveryError(`no longer on the roster of ${network.id}`, 'permanent');
      switch (job.purpose) {
        case 'habilitet':
          return await this.habilitetPosts.prompt(network, meeting, member);
        case 'voteReminder':
          await sendVoteReminder(services, this.cards, this.messenger, meeting, network, job.itemNumber ?? 0, email);
          return 'sent';
      }
    } catch (err) {
      if (err instanceof DomainError && err.key === 'common.unreachable') return 'unreachable';
      throw deliveryError(err);
    }
  }

  async progressed(job: FanoutDoc): Promise<void> {
    if (job.purpose === 'habilitet') await this.habilitetPosts.updateStatus(job.networkId, job.meetingId);
  }
}

/** `read`'s answer, read at the first call and kept; a failed read is tried again by the next call. */
function retriedOnce<T>(read: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () =>
    (kept ??= read().catch((err: unknown) => {
      kept = undefined;
      throw err;
    }));
}
