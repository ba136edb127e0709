/**
 * The Teams side of the habilitet round, shared by its commands and card actions: the 1:1
 * prompts to voting members and the live status card in the network's channel.
 */
import type { Cards } from '../cards/cards';
import type { Services } from '../services';
import { DomainError } from '../services/errors';
import { memberLogId, type Meeting, type Member, type Network } from '../services/model';
import { votingMembers } from '../services/networks';
import type { Logger } from './log';
import type { Messenger } from './messenger';
import { languageOf } from './turn';

/** Proactive posts are written in the network's working language. */
const NETWORK_LANG = 'da';

export interface PromptResult {
  sent: Member[];
  /** No way to reach them yet: they have not written and no linked team lists them. */
  unreachable: Member[];
  /** Teams refused the send (throttling, outage); starting again retries them. */
  failed: Member[];
}

/**
 * The Teams side of the habilitet round for one App: prompts, and the channel's status card,
 * whose updates it runs one meeting at a time for the App's lifetime.
 */
export class HabilitetPosts {
  private readonly updating = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly services: Services,
    private readonly messenger: Messenger,
    private readonly cards: Cards,
    private readonly log: Logger,
  ) {}

  /**
   * Sends the prompt to every voting member it has not reached yet. Members already prompted
   * are skipped, so starting the round again only reaches those who could not be reached.
   */
  async promptMembers(network: Network, meeting: Meeting): Promise<PromptResult> {
    const { services, messenger, cards, log } = this;
    const round = await services.habilitet.round(meeting);
    const result: PromptResult = { sent: [], unreachable: [], failed: [] };
    for (const member of votingMembers(network).filter((m) => !round?.prompted.includes(m.email))) {
      const contact = await services.identities.contact(member.email);
      if (!contact) {
        result.unreachable.push(member);
        continue;
      }
      try {
        const view = await services.habilitet.viewFor(network.id, meeting.id, member);
        const lang = await languageOf(services, network, member.email);
        await messenger.toMember(member.email, { card: cards.habilitetPrompt(view, lang, { userIds: contact.teamsUserId ? [contact.teamsUserId] : [] }) });
        result.sent.push(member);
      } catch (err) {
        if (err instanceof DomainError && err.key === 'common.unreachable') {
          result.unreachable.push(member);
        } else {
          log.warn({ err, member: memberLogId(member.email), meeting: meeting.id }, 'could not send the habilitet prompt');
          result.failed.push(member);
        }
      }
    }
    await services.habilitet.markPrompted(meeting, result.sent.map((m) => m.email));
    return result;
  }

  /** Posts the status card in the network's linked channel and remembers it; false if no channel is linked. */
  async postStatus(networkId: string, meetingId: string): Promise<boolean> {
    const card = this.cards.habilitetStatus(await this.services.habilitet.status(networkId, meetingId), NETWORK_LANG);
    const sent = await this.messenger.toChannel(networkId, { card });
    if (sent) await this.services.habilitet.setStatusPost({ networkId, id: meetingId }, sent);
    return Boolean(sent);
  }

  /**
   * Replaces the posted status card with the round's current state. Updates for one meeting
   * run one at a time and a burst of answers collapses into one more update after the running
   * one, so the last update shows the last answer. A failed update is logged: the answer stands.
   */
  updateStatus(networkId: string, meetingId: string): Promise<void> {
    const { services, messenger, cards, log, updating, stale } = this;
    const key = `${networkId}/${meetingId}`;
    stale.add(key);
    const running = updating.get(key);
    if (running) return running;
    const loop = (async () => {
      try {
        while (stale.delete(key)) {
          const post = (await services.habilitet.round({ networkId, id: meetingId }))?.statusPost;
          if (!post) return;
          try {
            await messenger.update(post, { card: cards.habilitetStatus(await services.habilitet.status(networkId, meetingId), NETWORK_LANG) });
          } catch (err) {
            log.warn({ err, meeting: meetingId }, 'could not update the habilitet status card');
          }
        }
      } finally {
        updating.delete(key);
      }
    })();
    updating.set(key, loop);
    return loop;
  }
}
