/**
 * What each operation costs on Cosmos DB, counted in requests through the bot's real turn
 * path (HTTP → CloudAdapter → ReferentBot → services → CosmosStore → the in-process emulator),
 * in worlds built directly in the store: a network of `members` voting members among
 * `networks` networks, a 20-item meeting, optionally `pastMeetings` earlier meetings with
 * tasks. Each operation is measured in its steady state (the actor has written before).
 *
 *   const rows = await measureCosmosCosts();   // every operation at every size
 *   npx tsx tests/perf/printCosmosCosts.ts     // the same as a table
 */
import { createLogger } from '../../bot/log';
import { ManualClock } from '../../services/clock';
import type { Meeting, Member, Network } from '../../services/model';
import { CosmosStore } from '../../services/store/cosmos';
import { bigMeeting, bigNetwork, BIG_NETWORK } from '../bench/world';
import { startTestBot, teamsAccount, type TestBot } from '../helpers/bot';
import { CosmosRequestCounter, type CosmosRequestCounts } from '../helpers/cosmosRequests';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';

export interface WorldSize {
  /** Members on the roster of the network acted in (all but a secretary and a staff member vote). */
  members: number;
  /** Networks in the store, the one acted in among them. */
  networks: number;
  /** Meetings of the network before this one, each with a task. */
  pastMeetings: number;
  /** The item voted on: 1, or 20 with a closed vote on every item before it (15 members' ballots each). */
  item: 1 | 20;
}

export interface CostRow {
  operation: string;
  size: WorldSize;
  counts: CosmosRequestCounts;
}

export const OPERATIONS = ['hjælp', 'ballot click', 'vote card refresh', 'open a vote', 'habilitet answer', 'habilitet answer follow-up', 'habilitet round start', 'habilitet prompts (sweep)', 'frister', 'nudge sweep (10 due)'] as const;
export type Operation = (typeof OPERATIONS)[number];

const SMALL: WorldSize = { members: 15, networks: 1, pastMeetings: 0, item: 1 };

/** The sizes each operation is measured at: what its cost might grow with. */
export const SIZES: Record<Operation, WorldSize[]> = {
  hjælp: [SMALL, { ...SMALL, networks: 50 }, { ...SMALL, members: 200 }],
  'ballot click': [SMALL, { ...SMALL, item: 20 }, { ...SMALL, members: 200 }, { ...SMALL, members: 200, item: 20 }, { ...SMALL, networks: 50 }],
  'vote card refresh': [SMALL, { ...SMALL, item: 20 }, { ...SMALL, members: 200, item: 20 }],
  'open a vote': [SMALL, { ...SMALL, members: 200 }],
  'habilitet answer': [SMALL, { ...SMALL, members: 200 }],
  'habilitet answer follow-up': [SMALL, { ...SMALL, members: 200 }],
  'habilitet round start': [SMALL, { ...SMALL, members: 200 }],
  'habilitet prompts (sweep)': [SMALL, { ...SMALL, members: 200 }],
  frister: [SMALL, { ...SMALL, pastMeetings: 100 }, { ...SMALL, networks: 50 }],
  'nudge sweep (10 due)': [SMALL, { ...SMALL, members: 200 }],
};

const CHAIR = 'medlem1@example.dk';
const VOTER = 'medlem3@example.dk';
const OTHER_VOTER = 'medlem4@example.dk';
/** The world's clock: a week before the meeting. */
const NOW = new Date('2021-08-25T08:00:00Z');

/** A small network of people not in the measured one. */
function otherNetwork(n: number): Network {
  const members: Member[] = Array.from({ length: 15 }, (_, i) => ({
    name: `Anden ${n}.${i + 1}`,
    email: `anden${n}-${i + 1}@example.dk`,
    role: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member',
    appointedBy: 'Region Hovedstaden',
  }));
  return { ...bigNetwork(1), id: `andet${n}`, name: `Andet netværk ${n}`, members };
}

function pastMeeting(n: number): Record<string, unknown> {
  const day = new Date(Date.UTC(2019, 0, 1 + 7 * n)).toISOString().slice(0, 10);
  return {
    id: `${BIG_NETWORK}-past-${n}`,
    networkId: BIG_NETWORK,
    title: `Tidligere møde ${n}`,
    start: `${day}T13:00:00+01:00`,
    end: `${day}T15:00:00+01:00`,
    location: 'virtuelt',
    chair: CHAIR,
    secretary: 'sekretaer@example.dk',
    agenda: [{ number: 1, minutes: 10, title: 'Opfølgning', tasks: [{ title: 'Indsend kortlægning', assignees: 'members', due: day, deliverTo: CHAIR }] }],
  };
}

interface World {
  bot: TestBot;
  network: Network;
  meeting: Meeting;
}

/** Imports the networks and meetings, saves every member's contact, and votes on the items before `size.item`. */
async function buildWorld(store: CosmosStore, size: WorldSize): Promise<World> {
  const networkInput = bigNetwork(size.members - 2);
  const accounts = networkInput.members.map((m) => teamsAccount(m.email, m.name));
  const clock = new ManualClock(NOW);
  const bot = await startTestBot({ store, clock, seed: false, accounts, log: createLogger('silent') });
  const { services } = bot.app;
  const { network } = await services.networks.import(networkInput);
  await Promise.all(Array.from({ length: size.networks - 1 }, (_, i) => services.networks.import(otherNetwork(i + 1))));
  for (let n = 0; n < size.pastMeetings; n++) await services.meetings.import(pastMeeting(n));
  const { meeting } = await services.meetings.import(bigMeeting(20, 2));
  // Contacts as the members' first messages would have left them: their Teams ids refresh cards.
  await Promise.all(
    accounts.map((a) =>
      services.identities.saveContact(a.email, { tenantId: a.tenantId, aadObjectId: a.aadObjectId, teamsUserId: a.id, serviceUrl: bot.connector.url, personal: undefined }),
    ),
  );
  const chair = network.members[0];
  // The closed votes hold the ballots of 15 members at every size: enough to show a cost that grows with them, and quick to build.
  const voters = network.members.filter((m) => m.role !== 'secretary' && m.role !== 'staff').slice(0, 15);
  for (let item = 1; item < size.item; item++) {
    await services.voting.open(meeting, chair, item);
    await Promise.all(
      voters.map((v) => services.voting.cast(meeting, network, v, item, meeting.agenda[item - 1].proposals.map((p) => ({ proposalId: p.id, choice: 'agree' })))),
    );
    await services.voting.close(meeting, network, chair, item);
  }
  return { bot, network, meeting };
}

/** Runs `operation` in a world of `size` and counts the Cosmos requests of its measured turn. */
async function measure(server: CosmosTestServer, requests: CosmosRequestCounter, database: string, operation: Operation, size: WorldSize): Promise<CosmosRequestCounts> {
  const store = await CosmosStore.open({ endpoint: server.endpoint, key: 'test', database, agent: server.agent });
  const world = await buildWorld(store, size);
  try {
    // Nothing runs beside the measured turn: the sweep is called by hand where it is measured.
    await world.bot.app.nudges.stop();
    return await OPERATION_RUNS[operation](world, requests, size);
  } finally {
    await world.bot.close();
  }
}

const ref = (w: World, item: number) => ({ networkId: w.network.id, meetingId: w.meeting.id, item });
/** A click on one proposal of the item's card, as a member answers them one by one. */
const choose = (w: World, item: number, choice: string) => ({ [`choice-${w.meeting.agenda[item - 1].proposals[0].id}`]: choice });

/** Fails loudly when a warm-up or measured turn was refused, so a count is never of an error path. */
async function ok<T extends { status: number }>(reply: Promise<T>): Promise<T> {
  const r = await reply;
  if (r.status !== 200) throw new Error(`turn answered ${r.status}`);
  return r;
}

const OPERATION_RUNS: Record<Operation, (w: World, requests: CosmosRequestCounter, size: WorldSize) => Promise<CosmosRequestCounts>> = {
  async hjælp(w, requests) {
    await ok(w.bot.say(VOTER, 'hjælp'));
    return requests.during(() => ok(w.bot.say(VOTER, 'hjælp')));
  },
  async 'ballot click'(w, requests, { item }) {
    await ok(w.bot.invoke(CHAIR, 'meeting.vote.open', ref(w, item)));
    await ok(w.bot.invoke(OTHER_VOTER, 'meeting.vote.cast', { ...ref(w, item), ...choose(w, item, 'agree') }));
    await ok(w.bot.invoke(VOTER, 'meeting.vote.cast', { ...ref(w, item), ...choose(w, item, 'agree') }));
    return requests.during(() => ok(w.bot.invoke(VOTER, 'meeting.vote.cast', { ...ref(w, item), ...choose(w, item, 'abstain') })));
  },
  /** Teams refreshing a voter's own view of the vote card (a user-specific view). */
  async 'vote card refresh'(w, requests, { item }) {
    await ok(w.bot.invoke(CHAIR, 'meeting.vote.open', ref(w, item)));
    await ok(w.bot.invoke(VOTER, 'meeting.vote.cast', { ...ref(w, item), ...choose(w, item, 'agree') }));
    return requests.during(() => ok(w.bot.invoke(VOTER, 'meeting.vote.view', ref(w, item), { trigger: 'automatic' })));
  },
  async 'open a vote'(w, requests) {
    await ok(w.bot.invoke(CHAIR, 'meeting.item.view', ref(w, 1)));
    return requests.during(() => ok(w.bot.invoke(CHAIR, 'meeting.vote.open', ref(w, 2))));
  },
  /** The member's turn alone: what it causes besides the answer is done by the sweep, called by hand before and after. */
  async 'habilitet answer'(w, requests) {
    const { services, nudges } = w.bot.app;
    await services.habilitet.start(w.network.id, w.meeting.id, w.network.members[0]);
    await ok(w.bot.invoke(OTHER_VOTER, 'habilitet.no', { networkId: w.network.id, meetingId: w.meeting.id }));
    await ok(w.bot.say(VOTER, 'hjælp'));
    await nudges.sweep();
    const counts = await requests.during(() => ok(w.bot.invoke(VOTER, 'habilitet.no', { networkId: w.network.id, meetingId: w.meeting.id })));
    await nudges.sweep();
    return counts;
  },
  /** The sweep after one answer: the member's reminder marked done and the status card (posted in the chair's chat) refreshed. */
  async 'habilitet answer follow-up'(w, requests) {
    const { nudges } = w.bot.app;
    await ok(w.bot.say(CHAIR, 'habilitet'));
    await ok(w.bot.invoke(OTHER_VOTER, 'habilitet.no', { networkId: w.network.id, meetingId: w.meeting.id }));
    // The prompts sent and the first answer followed up: the sweep finds the measured answer alone.
    await nudges.sweep();
    await ok(w.bot.invoke(VOTER, 'habilitet.no', { networkId: w.network.id, meetingId: w.meeting.id }));
    let jobs = 0;
    const counts = await requests.during(async () => ({ jobs } = await nudges.sweep()));
    if (jobs !== 1) throw new Error(`the sweep followed up ${jobs} answers, not 1`);
    return counts;
  },
  /** The chair's turn: the prompts are queued, not sent in it. */
  async 'habilitet round start'(w, requests) {
    await ok(w.bot.say(CHAIR, 'hjælp'));
    return requests.during(() => ok(w.bot.say(CHAIR, 'habilitet')));
  },
  /** The sweep that sends the queued prompts, each to a member's first 1:1 chat with the bot. */
  async 'habilitet prompts (sweep)'(w, requests) {
    await ok(w.bot.say(CHAIR, 'habilitet'));
    return requests.during(() => w.bot.app.nudges.sweep());
  },
  async frister(w, requests) {
    await ok(w.bot.say(CHAIR, 'frister'));
    return requests.during(() => ok(w.bot.say(CHAIR, 'frister')));
  },
  async 'nudge sweep (10 due)'(w, requests) {
    const { services, nudges } = w.bot.app;
    const secretary = w.network.members.find((m) => m.role === 'secretary') as Member;
    const assignees = w.network.members.slice(0, 10).map((m) => m.email);
    const task = await services.deadlines.createTask({ networkId: w.network.id, title: 'Indsend skema', assignees, due: '2021-08-27' }, secretary);
    await nudges.sweep();
    // "Nudge now": one nudge due at once for each of the ten.
    await services.deadlines.nudgeNow(task.id, secretary);
    let sent = 0;
    const counts = await requests.during(async () => ({ sent } = await nudges.sweep()));
    if (sent !== assignees.length) throw new Error(`the sweep sent ${sent} of ${assignees.length} due nudges`);
    return counts;
  },
};

/** Counts every operation at each of its sizes (or those asked for), each in a fresh database. */
export async function measureCosmosCosts(only: readonly Operation[] = OPERATIONS): Promise<CostRow[]> {
  const requests = new CosmosRequestCounter();
  const server = await startCosmosServer(requests.intercept);
  const rows: CostRow[] = [];
  let database = 0;
  try {
    for (const operation of only) {
      for (const size of SIZES[operation]) {
        rows.push({ operation, size, counts: await measure(server, requests, `costs${process.pid}x${++database}`, operation, size) });
      }
    }
  } finally {
    await server.close();
  }
  return rows;
}

/** A size as the table names it: only what differs from the small world. */
export function sizeLabel(size: WorldSize): string {
  const parts = [`${size.members} members`];
  if (size.item !== 1) parts.push(`item ${size.item} after ${size.item - 1} closed votes`);
  if (size.networks !== 1) parts.push(`${size.networks} networks`);
  if (size.pastMeetings) parts.push(`${size.pastMeetings} past meetings`);
  return parts.join(', ');
}
