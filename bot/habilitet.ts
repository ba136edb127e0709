/**
 * The Teams side of the habilitet round, shared by its commands and card actions: the 1:1
 * prompts to voting members and the live status card in the network's channel.
 */
import { promptCard, statusCard } from '../cards/habilitet';
import type { Services } from '../services';
import { DomainError } from '../services/errors';
import type { Meeting, Member, Network } from '../services/model';
import { votingMembers } from '../services/networks';
import type { Logger } from './log';
import type { Messenger } from './messenger';

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
 * Sends the prompt to every voting member it has not reached yet. Members already prompted
 * are skipped, so starting the round again only reaches those who could not be reached.
 */
export async function promptMembers(services: Services, messenger: Messenger, log: Logger, network: Network, meeting: Meeting): Promise<PromptResult> {
  const round = await services.habilitet.round(meeting);
  const result: PromptResult = { sent: [], unreachable: [], failed: [] };
  for (const member of votingMembers(network).filter((m) => !round?.prompted.includes(m.email))) {
    const contact = await services.identities.contact(member.email);
    if (!contact) {
      result.unreachable.push(member);
      continue;
    }
    try {
      const view = await services.habilitet.viewFor(network.id, meeting.id, member.email);
      await messenger.toMember(member.email, { card: promptCard(view, NETWORK_LANG, { userIds: contact.teamsUserId ? [contact.teamsUserId] : [] }) });
      result.sent.push(member);
    } catch (err) {
      if (err instanceof DomainError && err.key === 'common.unreachable') {
        result.unreachable.push(member);
      } else {
        log.warn({ err, member: member.email, meeting: meeting.id }, 'could not send the habilitet prompt');
        result.failed.push(member);
      }
    }
  }
  await services.habilitet.markPrompted(meeting, result.sent.map((m) => m.email));
  return result;
}

/** Posts the status card in the network's linked channel and remembers it; false if no channel is linked. */
export async function postStatus(services: Services, messenger: Messenger, networkId: string, meetingId: string): Promise<boolean> {
  const card = statusCard(await services.habilitet.status(networkId, meetingId), NETWORK_LANG);
  const sent = await messenger.toChannel(networkId, { card });
  if (sent) await services.habilitet.setStatusPost({ networkId, id: meetingId }, sent);
  return Boolean(sent);
}

const updating = new Map<string, Promise<void>>();
const stale = new Set<string>();

/**
 * Replaces the posted status card with the round's current state. Updates for one meeting
 * run one at a time and a burst of answers collapses into one more update after the running
 * one, so the last update shows the last answer. A failed update is logged: the answer stands.
 */
export function updateStatus(services: Services, messenger: Messenger, log: Logger, networkId: string, meetingId: string): Promise<void> {
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
          await messenger.update(post, { card: statusCard(await services.habilitet.status(networkId, meetingId), NETWORK_LANG) });
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
