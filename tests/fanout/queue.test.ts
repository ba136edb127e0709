/**
 * Fan-outs queued in the store and sent by the sweep, on both stores: queuing is idempotent,
 * every member gets the message once (also with two instances sweeping, and after a restart
 * mid-way), members without a way to reach them and refused sends are recorded, and the
 * habilitet status shows it. The sweep's pacing runs on the test's clock.
 */
import assert from 'node:assert/strict';
import { DeliveryError } from '../../services/deadlines';
import type { SchedulerOptions } from '../../services/deadlines/scheduler';
import { fanoutKey } from '../../services/fanout/fanout';
import { FanoutDrain, type FanoutDelivery, type FanoutSender } from '../../services/fanout/drain';
import { progressOf, type FanoutDoc, type FanoutRef } from '../../services/fanout/model';
import { votingMembers } from '../../services/networks';
import { actor, exampleNetwork, MEETING_ID } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { CHAIR, scheduler, seeded, type Seeded } from '../deadlines/fixtures';

const ROUND: FanoutRef = { networkId: 'pid', meetingId: MEETING_ID, purpose: 'habilitet' };
const VOTERS = votingMembers(exampleNetwork()).map((m) => m.email);
const MINUTE = 60_000;
/** The week before the example meeting: the round is open. */
const BEFORE = new Date('2021-05-26T08:00:00Z');

/** Records each message sent; `outcome` decides for a member (default: sent). */
class RecordingFanout implements FanoutDelivery {
  readonly sent: string[] = [];
  readonly progress: FanoutDoc[] = [];
  outcome?: (email: string) => Promise<'sent' | 'unreachable'> | 'sent' | 'unreachable';

  sender(): FanoutSender {
    return async (email) => {
      const outcome = (await this.outcome?.(email)) ?? 'sent';
      if (outcome === 'sent') this.sent.push(email);
      return outcome;
    };
  }

  async progressed(job: FanoutDoc): Promise<void> {
    this.progress.push(job);
  }
}

const silent = { warn: () => {}, error: () => {} };
/** The sweep with the fan-out as its job, sending through `delivery`; no nudges are due in these tests. */
const sweeper = (s: Seeded, delivery: FanoutDelivery, options: Partial<SchedulerOptions> = {}) =>
  scheduler(s, { deliver: async () => {} }, { jobs: [new FanoutDrain(s.services.store, s.clock, s.services.fanout, delivery, silent)], ...options });

const once = (emails: string[]) => emails.filter((e, i) => emails.indexOf(e) !== i);

forEachStore('fan-out queue', (fresh) => {
  it('queues once: a retried start or a double click writes nothing; asking again queues only newcomers and those not reached', async function () {
    const s = await seeded(await fresh(), BEFORE);
    const first = await s.services.fanout.enqueue(ROUND, VOTERS, CHAIR, 'topUp');
    assert.deepEqual(first.queued, VOTERS);
    const stored = await s.services.store.get(fanoutKey(ROUND));
    const again = await s.services.fanout.enqueue(ROUND, VOTERS.map((e) => e.toUpperCase()), CHAIR, 'topUp');
    assert.deepEqual(again.queued, []);
    assert.equal((await s.services.store.get(fanoutKey(ROUND)))?.etag, stored?.etag, 'nothing written');

    const delivery = new RecordingFanout();
    delivery.outcome = (email) => (email === VOTERS[0] ? 'unreachable' : 'sent');
    await sweeper(s, delivery).sweep();
    const topUp = await s.services.fanout.enqueue(ROUND, [...VOTERS, 'ny@example.dk'], CHAIR, 'topUp');
    assert.deepEqual(topUp.queued, [VOTERS[0], 'ny@example.dk'], 'the unreachable one and the newcomer');

    // A reminder: nothing while it is being sent or for a while after; then a new one.
    const reminder: FanoutRef = { ...ROUND, purpose: 'voteReminder', itemNumber: 2 };
    const repeat = { repeatAfterMs: MINUTE };
    assert.equal((await s.services.fanout.enqueue(reminder, VOTERS.slice(0, 3), CHAIR, repeat)).queued.length, 3);
    assert.deepEqual((await s.services.fanout.enqueue(reminder, VOTERS.slice(0, 3), CHAIR, repeat)).queued, [], 'a double click');
    await sweeper(s, new RecordingFanout()).sweep();
    assert.deepEqual((await s.services.fanout.enqueue(reminder, VOTERS.slice(0, 2), CHAIR, repeat)).queued, [], 'a retry just after');
    s.clock.advance(MINUTE);
    assert.deepEqual((await s.services.fanout.enqueue(reminder, VOTERS.slice(0, 2), CHAIR, repeat)).queued, VOTERS.slice(0, 2), 'a new reminder later');
  });

  it('sends each queued message once, records every outcome, and shows who could not be reached on the habilitet status', async function () {
    const s = await seeded(await fresh(), BEFORE);
    await s.services.habilitet.start('pid', MEETING_ID, actor(CHAIR));
    await s.services.fanout.enqueue(ROUND, VOTERS, CHAIR, 'topUp');
    const delivery = new RecordingFanout();
    const [unreachable, refused] = [VOTERS[3], VOTERS[5]];
    delivery.outcome = (email) => {
      if (email === refused) throw new DeliveryError('Forbidden', 'permanent');
      return email === unreachable ? 'unreachable' : 'sent';
    };
    const nudges = sweeper(s, delivery);
    assert.equal((await nudges.sweep()).jobs, 9, 'every member handled');
    assert.equal((await nudges.sweep()).jobs, 0, 'a second sweep sends nothing');
    assert.deepEqual(once(delivery.sent), []);
    assert.deepEqual([...delivery.sent].sort(), VOTERS.filter((e) => e !== unreachable && e !== refused).sort());

    const stored = (await s.services.store.get<FanoutDoc>(fanoutKey(ROUND)))!;
    assert.equal(stored.dueAt, null, 'nothing left due');
    assert.deepEqual(progressOf(stored.data), { total: 9, sent: 7, queued: 0, unreachable: [unreachable], failed: [refused], finished: true });
    assert.equal(stored.data.recipients.find((r) => r.email === refused)?.error, 'Forbidden');
    assert.ok(progressOf(delivery.progress.at(-1)!).finished, 'the status card was told at the end');

    const status = await s.services.habilitet.status('pid', MEETING_ID);
    assert.deepEqual(status.delivery?.unreachable.map((m) => m.name), ['Karen Østby']);
    assert.deepEqual(status.delivery?.failed.map((m) => m.name), ['Jens Præst']);
    assert.equal(status.delivery?.sent, 7);
  });

  it('retries a throttled or failing send later, holding every send back for a 429', async function () {
    const s = await seeded(await fresh(), BEFORE);
    await s.services.fanout.enqueue(ROUND, VOTERS.slice(0, 2), CHAIR, 'topUp');
    const delivery = new RecordingFanout();
    let calls = 0;
    delivery.outcome = () => {
      if (calls++ === 0) throw new DeliveryError('Too Many Requests', 'throttled', 30_000);
      return 'sent';
    };
    const nudges = sweeper(s, delivery, { concurrency: 1 });
    const start = s.clock.now().getTime();
    assert.equal((await nudges.sweep()).jobs, 2);
    assert.deepEqual(progressOf((await s.services.fanout.get(ROUND))!), { total: 2, sent: 1, queued: 1, unreachable: [], failed: [], finished: false });
    assert.ok(s.clock.now().getTime() - start >= 30_000, 'the next send waited for Retry-After');
    const stored = (await s.services.store.get<FanoutDoc>(fanoutKey(ROUND)))!;
    assert.ok(stored.dueAt && Date.parse(stored.dueAt) > start, 'due again after Retry-After');
    s.clock.advance(30_000);
    assert.equal((await nudges.sweep()).jobs, 1, 'the throttled one, after its Retry-After');
    assert.equal(delivery.sent.length, 2);
    assert.ok(progressOf((await s.services.fanout.get(ROUND))!).finished);
  });

  it('with two instances sweeping one store sends each message once', async function () {
    const s = await seeded(await fresh(), BEFORE);
    const many = Array.from({ length: 60 }, (_, i) => `medlem${i}@example.dk`);
    await s.services.fanout.enqueue(ROUND, many, CHAIR, 'topUp');
    const [a, b] = [new RecordingFanout(), new RecordingFanout()];
    // Each send yields, so the two sweeps interleave.
    a.outcome = b.outcome = () => new Promise((resolve) => setImmediate(() => resolve('sent')));
    const one = sweeper(s, a, { owner: 'instance-a' });
    const two = sweeper(s, b, { owner: 'instance-b' });
    const reports = await Promise.all([one.sweep(), two.sweep(), one.sweep(), two.sweep()]);
    s.clock.advance(3 * MINUTE);
    reports.push(...(await Promise.all([one.sweep(), two.sweep()])));
    const sent = [...a.sent, ...b.sent];
    assert.deepEqual(once(sent), [], 'no message sent twice');
    assert.equal(sent.length, many.length, 'and none lost');
    assert.ok(reports.some((r) => r.busy), 'one found the other holding the sweep lease');
  });

  it('after a restart mid-way resumes with the members not recorded yet, never repeating a recorded send', async function () {
    const s = await seeded(await fresh(), BEFORE);
    await s.services.fanout.enqueue(ROUND, VOTERS, CHAIR, 'topUp');
    // The first instance sends three, then dies: every later send hangs unanswered.
    const dying = new RecordingFanout();
    dying.outcome = () => (dying.sent.length < 3 ? 'sent' : new Promise(() => {}));
    void sweeper(s, dying, { owner: 'dies', leaseMs: 5 * MINUTE, concurrency: 1 }).sweep();
    const recorded = async () => progressOf((await s.services.fanout.get(ROUND))!).sent;
    while ((await recorded()) < 3) await new Promise((resolve) => setImmediate(resolve));

    const survivor = new RecordingFanout();
    const restarted = sweeper(s, survivor, { owner: 'restarted', leaseMs: 5 * MINUTE });
    assert.equal((await restarted.sweep()).busy, true, 'the dead instance’s lease holds until it runs out');
    s.clock.advance(5 * MINUTE + 1000);
    assert.equal((await restarted.sweep()).jobs, 6);
    assert.deepEqual([...survivor.sent].sort(), VOTERS.filter((e) => !dying.sent.includes(e)).sort());
    assert.deepEqual(progressOf((await s.services.fanout.get(ROUND))!), { total: 9, sent: 9, queued: 0, unreachable: [], failed: [], finished: true });
  });
});
