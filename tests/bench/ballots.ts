/**
 * (2) A burst of ballots: every voter of the big network answers every proposal of item 1,
 * one click per ballot, all sent at once. Each click that returned the refreshed vote card
 * is acknowledged; afterwards every acknowledged ballot must be in the store with the choice
 * it gave. A second burst with another choice changes every ballot of the first.
 */
import { meetingPartition } from '../../services/meetings';
import { votingMembers } from '../../services/networks';
import type { Store } from '../../services/store/store';
import type { Ballot } from '../../services/voting/tally';
import type { BotProcess } from '../helpers/botProcess';
import { CARD, invoke, postInvoke } from './activities';
import { cpuMsOf } from './processes';
import type { Seeded } from './world';

export interface BurstResult {
  ballots: number;
  acknowledged: number;
  /** Acknowledged but not in the store with the answer given. */
  lost: number;
  ms: number;
  votesPerS: number;
  /** Why clicks were not acknowledged: answer (status, type, message) → count. */
  refusals: Record<string, number>;
  /** The bot's CPU time per click, ms (all its threads). */
  cpuMsPerClick: number;
}

/** `store` is a second connection to the bot's store, read once the burst is answered. */
export async function ballotBurst(bot: BotProcess, connectorUrl: string, world: Seeded, store: Store, choice: 'agree' | 'abstain'): Promise<BurstResult> {
  const { network, meeting } = world.big;
  const item = meeting.agenda.find((i) => i.number === 1)!;
  const clicks = votingMembers(network).flatMap((voter) =>
    item.proposals.map((p) => ({
      key: `${voter.email}|${p.id}`,
      body: invoke(voter, connectorUrl, 'meeting.vote.cast', { networkId: network.id, meetingId: meeting.id, item: 1, [`choice-${p.id}`]: choice }),
    })),
  );
  const cpuBefore = cpuMsOf(bot.pid);
  const started = performance.now();
  const answers = await Promise.all(clicks.map((c) => postInvoke(bot.url, c.body).catch(failedRequest)));
  const ms = performance.now() - started;
  const cpuMsPerClick = (cpuMsOf(bot.pid) - cpuBefore) / clicks.length;
  const acked = clicks.filter((_, i) => answers[i]?.status === 200 && answers[i]?.type === CARD);
  const refusals: Record<string, number> = {};
  for (const a of answers) {
    if (a.status === 200 && a.type === CARD) continue;
    const why = `${a.status} ${a.type ?? ''} ${typeof a.value === 'string' ? a.value.slice(0, 120) : ''}`.trim();
    refusals[why] = (refusals[why] ?? 0) + 1;
  }
  const stored = new Set(
    (await store.list<Ballot>('ballot', meetingPartition(meeting))).filter((d) => d.data.itemNumber === 1 && d.data.choice === choice).map((d) => `${d.data.email}|${d.data.proposalId}`),
  );
  return { ballots: clicks.length, acknowledged: acked.length, lost: acked.filter((c) => !stored.has(c.key)).length, ms, votesPerS: (acked.length / ms) * 1000, refusals, cpuMsPerClick };
}

/** A click that got no HTTP answer at all, with why. */
const failedRequest = (err: unknown) => {
  const { code, message } = err as { code?: string; message?: string };
  return { status: 0, type: undefined, value: `no answer: ${code ?? message ?? String(err)}` };
};
