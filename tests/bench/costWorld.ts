/**
 * A network as it is used, on the in-process Cosmos emulator with every request counted:
 * the real bot (restify, CloudAdapter, ReferentBot) on a CosmosStore, the fake Teams
 * connector on the other side. Every member has written to the bot once (their account is
 * linked and their contact saved), the chair has linked the network's channel, and the
 * network's meeting of 20 items (20 proposals on item 1) is ahead. Its size is what the
 * cost of a turn may not grow with: members, past meetings (each with a task on its agenda)
 * and other networks in the store.
 *
 *   const requests = new CosmosRequestCounter();
 *   const bytes = new ResponseBytes();
 *   const cosmos = await startCosmosServer((req, res) => bytes.intercept(req, res) || requests.intercept(req, res));
 *   const world = await costWorld(cosmos, requests, bytes, { members: 200, pastMeetings: 0, networks: 1 });
 *   const counts = await world.count(() => world.bot.say(world.voters[3].email, 'hjælp'));
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ManualClock } from '../../services/clock';
import type { Meeting, Member, Network } from '../../services/model';
import { votingMembers } from '../../services/networks';
import { CosmosStore } from '../../services/store/cosmos';
import { startTestBot, teamsAccount, type TestBot } from '../helpers/bot';
import type { CosmosRequestCounter, CosmosRequestCounts } from '../helpers/cosmosRequests';
import type { CosmosTestServer } from '../helpers/cosmosServer';
import { BIG_NETWORK, bigMeeting, bigNetwork } from './world';

export interface CostWorldSize {
  /** On the network's roster: all but the secretary and a staff member vote. */
  members: number;
  pastMeetings: number;
  /** Networks in the store, this one included; the others have people of their own. */
  networks: number;
}

/** The requests by kind, the bytes of their answers, and what came after the operation resolved. */
export type Counted = CosmosRequestCounts & { kb: number; background: number };

/**
 * Sums the bytes the emulator answers with: a request that reads every ballot of a meeting
 * is one request, but its answer grows with the meeting.
 */
export class ResponseBytes {
  total = 0;

  /** Pass beside a CosmosRequestCounter's: counts what each answer writes, and hands the request on. */
  readonly intercept = (_req: IncomingMessage, res: ServerResponse): false => {
    const { write, end } = res;
    const add = (chunk: unknown) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.total += Buffer.byteLength(chunk);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => (add(chunk), (write as (...a: unknown[]) => boolean).call(res, chunk, ...rest))) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (add(chunk), (end as (...a: unknown[]) => typeof res).call(res, chunk, ...rest))) as typeof res.end;
    return false;
  };
}

export interface CostWorld {
  bot: TestBot;
  clock: ManualClock;
  network: Network;
  meeting: Meeting;
  chair: Member;
  secretary: Member;
  voters: Member[];
  /**
   * The Cosmos requests `operation` makes until it resolves (a turn: until its HTTP answer),
   * and then, in `background`, how many more the work it set off makes until all is quiet.
   */
  count(operation: () => Promise<unknown>): Promise<Counted>;
  /** Waits until nothing has reached the emulator for a while: what a turn set off is done. */
  quiet(): Promise<void>;
  close(): Promise<void>;
}

/** Monday morning, nine days before the meeting: the habilitet round is open, deadlines are ahead. */
export const COST_WORLD_NOW = new Date('2021-08-23T07:00:00Z');
const WEEK = 7 * 86_400_000;
/** Members who write to the bot at once while the world is built. */
const WRITING_AT_ONCE = 16;

let databases = 0;

export async function costWorld(cosmos: CosmosTestServer, requests: CosmosRequestCounter, bytes: ResponseBytes, size: CostWorldSize): Promise<CostWorld> {
  const store = await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'cost', database: `cost${process.pid}x${++databases}`, agent: cosmos.agent });
  const imported = bigNetwork(size.members - 2);
  const clock = new ManualClock(COST_WORLD_NOW);
  const bot = await startTestBot({ store, clock, seed: false, accounts: imported.members.map((m) => teamsAccount(m.email, m.name)) });
  // Sweeps (nudges, queued prompts) run when the caller asks for one, never in the middle of a counted turn.
  await bot.app.nudges.stop();
  const { services } = bot.app;
  try {
    const { network } = await services.networks.import(imported);
    for (let n = 2; n <= size.networks; n++) await services.networks.import(bigNetwork(13, `net${n}`));
    for (let k = 1; k <= size.pastMeetings; k++) await services.meetings.import(pastMeeting(network, k));
    const { meeting } = await services.meetings.import(bigMeeting(20, 2));
    const chair = network.members[0];
    const secretary = network.members.find((m) => m.role === 'secretary')!;
    // Each member's first message links their account and saves their contact, as in Teams.
    await eachAtOnce(network.members, WRITING_AT_ONCE, (m) => expectOk(bot.say(m.email, 'hjælp'), `${m.email}'s first message`));
    await expectOk(bot.sayInChannel(chair.email, `tilknyt ${network.id}`), 'linking the channel');
    const world: CostWorld = {
      bot,
      clock,
      network,
      meeting,
      chair,
      secretary,
      voters: votingMembers(network),
      async count(operation) {
        await world.quiet();
        const mark = requests.mark();
        const bytesBefore = bytes.total;
        await operation();
        const counts = requests.since(mark);
        const kb = Math.round((bytes.total - bytesBefore) / 102.4) / 10;
        await world.quiet();
        return { ...counts, kb, background: requests.since(mark).total - counts.total };
      },
      quiet: () => quiet(requests),
      close: () => bot.close(),
    };
    await world.quiet();
    return world;
  } catch (err) {
    await bot.close();
    throw err;
  }
}

/** Past meeting `k` (k weeks ago): three items, the second with a deadline for two members, two days after it (past too). */
function pastMeeting(network: Network, k: number): Record<string, unknown> {
  const start = new Date(COST_WORLD_NOW.getTime() - k * WEEK + 6 * 3_600_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const item = (number: number, extra: Record<string, unknown> = {}) => ({ number, minutes: 20, title: `Punkt ${number}: opfølgning`, ...extra });
  return {
    id: `${BIG_NETWORK}-past-${k}`,
    networkId: network.id,
    title: `Møde ${k} i nationalt specialistnetværk for benchmarking`,
    start: start.toISOString(),
    end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    location: 'virtuelt',
    chair: network.members[0].email,
    secretary: network.members.find((m) => m.role === 'secretary')!.email,
    agenda: [
      item(1),
      item(2, { tasks: [{ title: 'Kommentér udkastet til kriterier', assignees: [network.members[2].email, network.members[3].email], due: day(new Date(start.getTime() + 2 * 86_400_000)) }] }),
      item(3),
    ],
  };
}

async function expectOk(reply: Promise<{ status: number }>, what: string): Promise<void> {
  const { status } = await reply;
  if (status !== 200) throw new Error(`${what} was answered ${status}`);
}

/** Resolves once no request has reached the emulator for QUIET_MS (at most a minute). */
const QUIET_MS = 150;
async function quiet(requests: CosmosRequestCounter): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = requests.mark().counts.total;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const now = requests.mark().counts.total;
    if (now === last || Date.now() > deadline) return;
    last = now;
  }
}

/** Runs `run` on every item, `atOnce` at a time. */
export async function eachAtOnce<T>(items: T[], atOnce: number, run: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: atOnce }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}
