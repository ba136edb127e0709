/**
 * (6) What each turn costs on Cosmos DB, counted: the requests the in-process emulator
 * receives while the real bot answers it (costWorld.ts), in networks of different sizes.
 * Counts do not drift with the machine. A turn several members make is counted for three
 * of them after a first one (steady state), and the largest count is the figure.
 */
import { CosmosRequestCounter } from '../helpers/cosmosRequests';
import { startCosmosServer } from '../helpers/cosmosServer';
import { costWorld, eachAtOnce, ResponseBytes, type CostWorld, type CostWorldSize, type Counted } from './costWorld';

/**
 * The worlds counted in. Item 20 is counted after items 1–19 were voted by everyone and closed,
 * except among 200 members: the emulator scans every document of the container for each
 * query, so voting 19 items there takes it many minutes; item 20 among 15 members shows
 * whether closed votes add to a click, and item 1 among 200 whether members do.
 */
export const WORLDS = {
  '15 members': { members: 15, pastMeetings: 0, networks: 1, item20: true },
  '200 members': { members: 200, pastMeetings: 0, networks: 1, item20: false },
  '100 past meetings': { members: 15, pastMeetings: 100, networks: 1, item20: true },
  '50 networks': { members: 15, pastMeetings: 0, networks: 50, item20: true },
} satisfies Record<string, CostWorldSize & { item20: boolean }>;
export type WorldName = keyof typeof WORLDS;

export const OPERATIONS = {
  help: '1:1 `hjælp`',
  habilitetStart: 'habilitet round start (the chair\'s turn)',
  habilitetSends: 'the round\'s prompts, sent by the sweep',
  habilitetAnswer: 'habilitet answer',
  deadlines: '`frister` (chair)',
  voteOpen1: 'open a vote, item 1',
  click1: 'ballot click, item 1',
  voteOpen20: 'open a vote, item 20 (19 closed)',
  click20: 'ballot click, item 20',
  sweep10: 'nudge sweep, 10 due',
} as const;
export type Operation = keyof typeof OPERATIONS;

/** An operation not counted in a world is missing. */
export type WorldCounts = Partial<Record<Operation, Counted>>;

/** Every operation in every world, in one emulator; a fresh database per world. */
export async function requestCounts(log: (line: string) => void): Promise<Record<WorldName, WorldCounts>> {
  const requests = new CosmosRequestCounter();
  const bytes = new ResponseBytes();
  const cosmos = await startCosmosServer((req, res) => bytes.intercept(req, res) || requests.intercept(req, res));
  try {
    const result = {} as Record<WorldName, WorldCounts>;
    for (const [name, size] of Object.entries(WORLDS) as [WorldName, (typeof WORLDS)[WorldName]][]) {
      const started = performance.now();
      const world = await costWorld(cosmos, requests, bytes, size);
      try {
        result[name] = await countAll(world, size.item20);
      } finally {
        await world.close();
      }
      log(`  ${name} (${Math.round((performance.now() - started) / 1000)} s): ${JSON.stringify(Object.fromEntries(Object.entries(result[name]).map(([op, c]) => [op, c && `${c.total} (${c.kb} KB)`])))}`);
    }
    return result;
  } finally {
    await cosmos.close();
  }
}

const TASKS = 10;

async function countAll(w: CostWorld, item20: boolean): Promise<WorldCounts> {
  const { bot, network, meeting, chair, secretary, voters } = w;
  const { services } = bot.app;
  const ref = { networkId: network.id, meetingId: meeting.id };
  const say = (email: string, text: string) => async () => ok(await bot.say(email, text), text);
  const click = (email: string, verb: string, data: Record<string, unknown>) => async () => {
    const reply = await bot.invoke(email, verb, data);
    if (!reply.card) throw new Error(`${verb} by ${email} did not answer with a card: ${JSON.stringify(reply.body).slice(0, 300)}`);
  };
  const ballot = (item: number) => {
    const proposal = meeting.agenda.find((i) => i.number === item)!.proposals[0].id;
    return (email: string) => click(email, 'meeting.vote.cast', { ...ref, item, [`choice-${proposal}`]: 'agree' });
  };

  const help = await steady(w, (m) => say(m, 'hjælp'));
  const habilitetStart = await w.count(say(chair.email, 'habilitet'));
  const habilitetSends = await w.count(() => bot.app.nudges.sweep());
  if (!(await services.habilitet.round(meeting))) throw new Error('the habilitet round did not start');
  const habilitetAnswer = await steady(w, (m) => click(m, 'habilitet.no', ref));

  const tasks = [];
  for (const voter of voters.slice(0, TASKS)) {
    tasks.push(await services.deadlines.createTask({ networkId: network.id, title: `Svar om indikation for ${voter.name}`, kind: 'reply', assignees: [voter.email], due: '2021-09-15' }, secretary));
  }
  const deadlines = await steady(w, () => say(chair.email, 'frister'));

  const voteOpen1 = await w.count(click(chair.email, 'meeting.vote.open', { ...ref, item: 1 }));
  const click1 = await steady(w, ballot(1));
  let voteOpen20: Counted | undefined;
  let click20: Counted | undefined;
  if (item20) {
    // Items 1 to 19 voted by everyone and closed, as by the end of a long meeting.
    for (let item = 1; item < 20; item++) {
      if (item > 1) await services.voting.open(meeting, chair, item);
      const proposals = meeting.agenda.find((i) => i.number === item)!.proposals;
      await eachAtOnce(voters, 16, (v) => services.voting.cast(meeting, network, v, item, proposals.map((p) => ({ proposalId: p.id, choice: 'agree' }))));
      await services.voting.close(meeting, network, chair, item);
    }
    voteOpen20 = await w.count(click(chair.email, 'meeting.vote.open', { ...ref, item: 20 }));
    click20 = await steady(w, ballot(20));
  }

  // Whatever else the turns queued is sent first: the sweep counted is the nudges'.
  await bot.app.nudges.sweep();
  for (const task of tasks) await services.deadlines.nudgeNow(task.id, secretary);
  let sent = 0;
  const sweep10 = await w.count(async () => ({ sent } = await bot.app.nudges.sweep()));
  if (sent !== TASKS) throw new Error(`the sweep sent ${sent} of ${TASKS} due nudges`);

  return { help, habilitetStart, habilitetSends, habilitetAnswer, deadlines, voteOpen1, click1, voteOpen20, click20, sweep10 };
}

/** A turn of voters 2–5 (voter 1 first, uncounted): the largest count. */
async function steady(w: CostWorld, turn: (email: string) => () => Promise<void>): Promise<Counted> {
  const [first, ...others] = w.voters.slice(2, 6);
  await turn(first.email)();
  const counts: Counted[] = [];
  for (const voter of others) counts.push(await w.count(turn(voter.email)));
  return counts.reduce((a, b) => (b.total > a.total ? b : a));
}

function ok(reply: { status: number }, what: string): void {
  if (reply.status !== 200) throw new Error(`${what} was answered ${reply.status}`);
}
