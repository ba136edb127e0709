/**
 * The Teams side of the habilitet round, shared by its commands and card actions: the 1:1
 * prompts to voting members and the live status card in the network's channel.
 */
import type { Cards } from '../cards/cards';
import type { CardJson } from '../cards/render';
import type { Services } from '../services';
import type { PostedCard } from '../services/habilitet';
import type { ConversationReference } from '../services/identity';
import type { Meeting, Member, Network } from '../services/model';
import { votingMembers } from '../services/networks';
import type { Lang } from '../services/time';
import type { Logger } from './log';
import type { Messenger } from './messenger';
import { langOf } from '../services/i18n';

/** Proactive posts are written in the network's working language. */
const NETWORK_LANG = 'da';

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
   * Queues the prompt to every voting member it has not reached yet (one write; the sweep
   * sends them). Members prompted or queued already are left alone, so starting the round
   * again only reaches those who could not be reached, and a retried command queues nothing.
   * The caller wakes the sweep once it has answered.
   */
  async queuePrompts(network: Network, meeting: Meeting, by: Member): Promise<Member[]> {
    const round = await this.services.habilitet.round(meeting);
    const voters = votingMembers(network).filter((m) => !round?.prompted?.includes(m.email));
    const { queued } = await this.services.fanout.enqueue({ networkId: network.id, meetingId: meeting.id, purpose: 'habilitet' }, voters.map((m) => m.email), by.email, 'topUp');
    return voters.filter((m) => queued.includes(m.email));
  }

  /** Sends one voting member their prompt, in their language; 'unreachable' if there is no way to reach them yet. */
  async prompt(network: Network, meeting: Meeting, member: Member): Promise<'sent' | 'unreachable'> {
    const { services, messenger, cards } = this;
    const reach = await services.identities.reach(member.email);
    const { contact } = reach;
    if (!contact) return 'unreachable';
    const view = await services.habilitet.viewIn(network, meeting, member);
    const lang = reach.lang ?? langOf(network.locale);
    await messenger.toMember(member.email, { card: cards.habilitetPrompt(view, lang, { userIds: contact.teamsUserId ? [contact.teamsUserId] : [] }) }, reach);
    return 'sent';
  }

  /**
   * Shows the round's status where it is followed, and keeps it up to date from then on: the
   * card posted before is updated; else one is posted in the network's linked channel, or,
   * with no channel linked, in this conversation (`here`, in the reader's language).
   */
  async showStatus(networkId: string, meetingId: string, here: { reference: ConversationReference; lang: Lang; reply(card: CardJson): Promise<string | undefined> }): Promise<void> {
    const { services, messenger, cards } = this;
    if ((await services.habilitet.round({ networkId, id: meetingId }))?.statusPost) return this.updateStatus(networkId, meetingId);
    const status = await services.habilitet.status(networkId, meetingId);
    let post: PostedCard | undefined = await messenger.toChannel(networkId, { card: cards.habilitetStatus(status, NETWORK_LANG) });
    if (!post) {
      const activityId = await here.reply(cards.habilitetStatus(status, here.lang));
      post = activityId ? { reference: here.reference, activityId, lang: here.lang } : undefined;
    }
    if (post) await services.habilitet.setStatusPost({ networkId, id: meetingId }, post);
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
          const status = await services.habilitet.status(networkId, meetingId);
          const post = status.round.statusPost;
          if (!post) return;
          try {
            await messenger.update(post, { card: cards.habilitetStatus(status, post.lang ?? NETWORK_LANG) });
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
