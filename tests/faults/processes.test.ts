/**
 * The bot as real processes (bot/main.ts through tsx, LOG_LEVEL=info, PLAYGROUND=0):
 *  - kill -9 in the middle of a nudge sweep and of a burst of ballot clicks, then a restart
 *    on the same embedded store: every acknowledged ballot is there, and each nudge reaches
 *    the connector exactly once;
 *  - two processes on one Cosmos store sweeping the same due nudges: none is sent twice.
 * A nudge counts as reaching Teams when the connector answered it. The one window no bot
 * can close is a send Teams accepted whose answer the bot never saw: the test kills only
 * once every answered send is recorded, with further sends held unanswered, so what it
 * checks is that recorded sends are never repeated and unanswered ones are sent again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../../services';
import { systemClock } from '../../services/clock';
import type { AssignmentDoc } from '../../services/deadlines/model';
import { SWEEP_LEASE_KEY, type SweepLeaseDoc } from '../../services/deadlines/sweepLease';
import { meetingPartition } from '../../services/meetings';
import { votingMembers } from '../../services/networks';
import { CosmosStore } from '../../services/store/cosmos';
import { EmbeddedStore } from '../../services/store/embedded';
import type { Store } from '../../services/store/store';
import type { Ballot } from '../../services/voting/tally';
import { CARD, invoke, postInvoke } from '../bench/activities';
import { seedWorld, type Seeded } from '../bench/world';
import { actor, exampleAccounts } from '../helpers/bot';
import { startBotProcess, type BotProcess } from '../helpers/botProcess';
import { FakeConnector } from '../helpers/connector';
import { startCosmosServer } from '../helpers/cosmosServer';
import { SECRETARY } from '../helpers/examplePeople';

const NUDGES = 40;

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** NUDGES reply tasks (no announcement) whose "nudge now" is due at once, round the members. Returns the task ids. */
async function seedNudges(services: Services): Promise<string[]> {
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const members = exampleAccounts();
  const ids: string[] = [];
  for (let i = 0; i < NUDGES; i++) {
    const task = await services.deadlines.createTask({ networkId: 'pid', title: `Nødtest, opgave ${i + 1}`, kind: 'reply', assignees: [members[i % members.length].email], due }, actor(SECRETARY));
    await services.deadlines.nudgeNow(task.id, actor(SECRETARY));
    ids.push(task.id);
  }
  return ids;
}

/** How many of the seeded "nudge now" sends the store has recorded as done. */
async function recorded(store: Store): Promise<number> {
  const docs = await store.list<AssignmentDoc>('assignment', 'pid');
  return docs.filter((d) => d.data.sent.some((s) => s.key.startsWith('manual@'))).length;
}

/** The tasks whose nudge the connector did not answer exactly once (its card's buttons name the task). */
function notOnce(connector: FakeConnector, taskIds: string[]): [string, number][] {
  const sent = connector.sent.map((r) => JSON.stringify(r.activity));
  return taskIds.map((id): [string, number] => [id, sent.filter((s) => s.includes(`"taskId":"${id}"`)).length]).filter(([, n]) => n !== 1);
}

describe('faults: the bot process killed, and two bot processes', function () {
  this.timeout(150_000);
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterEach(async function () {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('kill -9 mid-sweep and mid-burst, restart: every acknowledged ballot is stored, each nudge reaches Teams once', async function () {
    const connector = await new FakeConnector(exampleAccounts()).start();
    cleanup.push(() => connector.close());
    const dir = mkdtempSync(join(tmpdir(), 'referent-kill-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const seeding = new EmbeddedStore(dir);
    const world: Seeded = await seedWorld(seeding, systemClock, connector.url, 20);
    const taskIds = await seedNudges(world.services);
    await seeding.close();

    // The first 10 sends are answered; later ones are held until the bot is dead, then dropped.
    let held = 0;
    let drop: (err: Error) => void = () => {};
    const holding = new Promise<void>((_, reject) => (drop = reject));
    holding.catch(() => undefined);
    connector.gate = () => (connector.sent.length >= 10 ? (held++, holding) : Promise.resolve());

    let bot: BotProcess = await startBotProcess({ env: { DATA_DIR: dir } });
    cleanup.push(() => bot.kill());
    const reader = new EmbeddedStore(dir);
    cleanup.push(() => reader.close());

    // The burst: every voter answers every proposal of item 1, six clicks in flight at a time.
    const { network, meeting } = world.big;
    const clicks = votingMembers(network).flatMap((v) => meeting.agenda[0].proposals.map((p) => ({ key: `${v.email}|${p.id}`, body: invoke(v, connector.url, 'meeting.vote.cast', { networkId: network.id, meetingId: meeting.id, item: 1, [`choice-${p.id}`]: 'agree' }) })));
    const acked = new Set<string>();
    let next = 0;
    let killed = false;
    const clicker = async () => {
      while (!killed && next < clicks.length) {
        const click = clicks[next++];
        const answer = await postInvoke(bot.url, click.body).catch(() => undefined);
        if (answer?.status === 200 && answer.type === CARD) acked.add(click.key);
      }
    };
    const burst = Promise.all(Array.from({ length: 6 }, clicker));

    await waitFor('10 nudges answered and recorded, more held, and 40 ballots acknowledged', async () => acked.size >= 40 && held > 0 && connector.sent.length >= 10 && (await recorded(reader)) === connector.sent.length);
    await bot.kill();
    killed = true;
    drop(new Error('the bot is gone'));
    await burst;
    connector.gate = undefined;
    assert.ok(acked.size < clicks.length, 'the burst was cut short');
    const answeredBeforeKill = connector.sent.length;
    assert.ok(answeredBeforeKill < NUDGES, 'the sweep was cut short');

    // The dead process's sweep lease holds for 5 minutes; instead of waiting, let it run out now.
    const lease = (await reader.get<SweepLeaseDoc>(SWEEP_LEASE_KEY))!;
    await reader.replace({ ...SWEEP_LEASE_KEY, data: { ...lease.data, until: new Date().toISOString() } }, lease.etag);

    bot = await startBotProcess({ env: { DATA_DIR: dir } });
    await waitFor('every nudge recorded after the restart', async () => (await recorded(reader)) === NUDGES && connector.sent.length >= NUDGES);
    await bot.stop();

    assert.deepEqual(notOnce(connector, taskIds), [], 'each nudge reached the connector exactly once');
    const stored = new Set((await reader.list<Ballot>('ballot', meetingPartition(meeting))).filter((d) => d.data.choice === 'agree').map((d) => `${d.data.email}|${d.data.proposalId}`));
    assert.deepEqual([...acked].filter((k) => !stored.has(k)), [], 'every acknowledged ballot is stored');
  });

  it('two processes on one Cosmos store, finding the same due nudges at once, send each nudge once', async function () {
    const connector = await new FakeConnector(exampleAccounts()).start();
    cleanup.push(() => connector.close());
    const cosmos = await startCosmosServer();
    cleanup.push(() => cosmos.close());
    const options = { endpoint: cosmos.endpoint, key: 'test', database: 'two-bots', agent: cosmos.agent };
    const store = await CosmosStore.open(options);
    cleanup.push(() => store.close());
    const world = await seedWorld(store, systemClock, connector.url, 2);
    const taskIds = await seedNudges(world.services);

    // Nothing is answered until both are up, so their sweeps overlap.
    let open: () => void = () => {};
    const bothUp = new Promise<void>((resolve) => (open = resolve));
    connector.gate = () => bothUp;
    const env = { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: 'test', COSMOS_DATABASE: 'two-bots', NODE_TLS_REJECT_UNAUTHORIZED: '0' };
    const bots = await Promise.all([startBotProcess({ env }), startBotProcess({ env })]);
    cleanup.push(() => Promise.all(bots.map((b) => b.kill())));
    open();

    await waitFor('every nudge recorded', async () => (await recorded(store)) === NUDGES && connector.sent.length >= NUDGES);
    await Promise.all(bots.map((b) => b.stop()));
    assert.deepEqual(notOnce(connector, taskIds), [], 'each nudge reached the connector exactly once');
    const sentBy = bots.map((b) => b.logs.filter((l) => l.includes('"nudges swept"')).reduce((n, l) => n + ((JSON.parse(l) as { sent: number }).sent ?? 0), 0));
    assert.equal(sentBy[0] + sentBy[1], NUDGES);
    // They overlapped: one held the sweep lease, the other found it held and left the nudges to it.
    assert.ok(bots.some((b) => b.logs.some((l) => l.includes('"due nudges left to the instance holding the sweep lease"'))), `one waited for the other (sent ${sentBy.join(' + ')})`);
  });
});
