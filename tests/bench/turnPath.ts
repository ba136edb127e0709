/**
 * (1) The turn path under load: the same autocannon run against a plain Node handler, a
 * bare botbuilder echo bot, and the real bot answering `hjælp` and a ballot click.
 */
import type { Member } from '../../services/model';
import { votingMembers } from '../../services/networks';
import type { BotProcess } from '../helpers/botProcess';
import { CARD, invoke, message, postInvoke } from './activities';
import { load, type LoadResult } from './load';
import { cpuMsOf, type ServerProcess } from './processes';
import type { Seeded } from './world';

export interface TurnRun {
  connections: number;
  durationS: number;
  connectorUrl: string;
}

const WARMUP_S = 2;

/** A warm-up, then the measured run, with the CPU the server (process `pid`) and the store's process (`storePid`) spent on it. */
async function measured(run: TurnRun, url: string, body: string | (() => string), pid: number, storePid?: number): Promise<LoadResult> {
  await load({ url, connections: run.connections, durationS: WARMUP_S, body });
  const cpuBefore = cpuMsOf(pid);
  const storeBefore = storePid === undefined ? 0 : cpuMsOf(storePid);
  const result = await load({ url, connections: run.connections, durationS: run.durationS, body });
  const measuredCpu = { ...result, cpuMsPerRequest: (cpuMsOf(pid) - cpuBefore) / result.requests };
  return storePid === undefined ? measuredCpu : { ...measuredCpu, storeCpuMsPerRequest: (cpuMsOf(storePid) - storeBefore) / result.requests };
}

export function plainRun(run: TurnRun, plain: ServerProcess, member: Member): Promise<LoadResult> {
  return measured(run, `${plain.url}/api/messages`, message(member, run.connectorUrl, 'hjælp'), plain.child.pid!);
}

export function echoRun(run: TurnRun, echo: ServerProcess, member: Member): Promise<LoadResult> {
  return measured(run, `${echo.url}/api/messages`, message(member, run.connectorUrl, 'hjælp'), echo.child.pid!);
}

/** `hjælp` from each voting member in turn: the help card goes back through the connector. */
export function helpRun(run: TurnRun, bot: BotProcess, world: Seeded, storePid?: number): Promise<LoadResult> {
  const members = world.example.network.members;
  let k = 0;
  return measured(run, `${bot.url}/api/messages`, () => message(members[k++ % members.length], run.connectorUrl, 'hjælp'), bot.pid, storePid);
}

/**
 * Ballot clicks on item 2 of the example meeting: each voter in turn answers one of the
 * three proposals, alternating Enig and Undlader so every click writes a ballot, and gets
 * the refreshed vote card back in the invoke response.
 */
export async function voteRun(run: TurnRun, bot: BotProcess, world: Seeded, storePid?: number): Promise<LoadResult> {
  const voters = votingMembers(world.example.network);
  const proposals = world.example.meeting.agenda.find((i) => i.number === 2)!.proposals.map((p) => p.id);
  let k = 0;
  const click = () => {
    const n = k++;
    const voter = voters[n % voters.length];
    const proposal = proposals[Math.floor(n / voters.length) % proposals.length];
    const choice = Math.floor(n / (voters.length * proposals.length)) % 2 ? 'agree' : 'abstain';
    return invoke(voter, run.connectorUrl, 'meeting.vote.cast', { networkId: 'pid', meetingId: world.example.meeting.id, item: 2, [`choice-${proposal}`]: choice });
  };
  const probe = await postInvoke(bot.url, click());
  if (probe.status !== 200 || probe.type !== CARD) throw new Error(`a ballot click did not return the vote card: ${JSON.stringify(probe)}`);
  return measured(run, `${bot.url}/api/messages`, click, bot.pid, storePid);
}
