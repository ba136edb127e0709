import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DeliveryError, type Nudge, type NudgeDelivery } from '../../services/deadlines';
import type { AssignmentDoc } from '../../services/deadlines/model';
import { planNudges } from '../../services/deadlines/schedule';
import type { SweepReport } from '../../services/deadlines/scheduler';
import { SWEEP_LEASE_KEY, type SweepLeaseDoc } from '../../services/deadlines/sweepLease';
import { localParts } from '../../services/time';
import { forEachStore } from '../helpers/stores';
import { RecordingDelivery, REGIONS, scheduler, SECRETARY, seeded } from './fixtures';
import { actor } from '../helpers/bot';

const local = (at: Date) => {
  const p = localParts(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
};
const MINUTE = 60_000;

forEachStore('deadlines scheduler', (fresh) => {
  it('sends the example task’s nudges at the planned local times, each to every regional representative, once', async function () {
    const s = await seeded(await fresh());
    await s.services.deadlines.materialiseAll();
    const delivery = new RecordingDelivery(s.clock);
    const nudges = scheduler(s, delivery);
    const expected = ['2021-06-02T13:10:00Z', '2021-08-04T07:00:00Z', '2021-08-09T07:00:00Z', '2021-08-11T07:00:00Z', '2021-08-12T07:00:00Z'];
    for (const at of expected) {
      s.clock.set(new Date(Date.parse(at) - MINUTE));
      if (at !== expected[0]) assert.equal((await nudges.sweep()).sent, 0, `nothing before ${at}`);
      s.clock.set(new Date(at));
      assert.equal((await nudges.sweep()).sent, 5, `five at ${at}`);
      assert.equal((await nudges.sweep()).sent, 0, 'a second sweep sends nothing');
    }
    s.clock.set(new Date('2021-09-30T07:00:00Z'));
    assert.equal((await nudges.sweep()).sent, 0, 'nothing after the overdue nudge');
    const times = [...new Set(delivery.sent.map((n) => `${local(n.at)} ${n.reason}`))];
    assert.deepEqual(times, ['2021-06-02 15:10 announce', '2021-08-04 09:00 before', '2021-08-09 09:00 before', '2021-08-11 09:00 dueDay', '2021-08-12 09:00 overdue']);
    for (const email of REGIONS) assert.equal(delivery.sent.filter((n) => n.assignee.email === email).length, 5, email);
    assert.equal(new Set(delivery.sent.map((n) => n.idempotencyKey)).size, 25, 'every nudge has its own idempotency key');
  });

  it('stops nudging whoever marked the task done, and snoozes one day for whoever asked', async function () {
    const s = await seeded(await fresh());
    await s.services.deadlines.materialiseAll();
    const [task] = await s.services.deadlines.overview('pid', actor(SECRETARY));
    const delivery = new RecordingDelivery(s.clock);
    const nudges = scheduler(s, delivery);
    await nudges.sweep();
    await s.services.deadlines.markDone(task.task.id, actor('soren.ahl@example.dk'));
    s.clock.set(new Date('2021-08-04T07:00:00Z'));
    await nudges.sweep();
    s.clock.set(new Date('2021-08-04T08:20:00Z')); // Wednesday 10.20: Karen asks to be reminded tomorrow
    await s.services.deadlines.snooze(task.task.id, actor('karen.ostby@example.dk'));
    for (const at of ['2021-08-05T08:20:00Z', '2021-08-09T07:00:00Z']) {
      s.clock.set(new Date(at));
      await nudges.sweep();
    }
    const of = (email: string) => delivery.sent.filter((n) => n.assignee.email === email).map((n) => `${local(n.at)} ${n.reason}`);
    assert.deepEqual(of('soren.ahl@example.dk'), ['2021-06-02 15:10 announce']);
    assert.deepEqual(of('karen.ostby@example.dk'), ['2021-06-02 15:10 announce', '2021-08-04 09:00 before', '2021-08-05 10:20 snoozed', '2021-08-09 09:00 before']);
    assert.deepEqual(of('lise.damgaard@example.dk'), ['2021-06-02 15:10 announce', '2021-08-04 09:00 before', '2021-08-09 09:00 before']);
  });

  it('sends nudges missed while the bot was down once at start-up, one per assignee and task, then ticks on (fake timers)', async function () {
    const s = await seeded(await fresh());
    await s.services.deadlines.materialiseAll();
    // Down from before the announcement until after the 7- and 2-day reminders.
    s.clock.set(new Date('2021-08-10T12:00:00Z'));
    const delivery = new RecordingDelivery(s.clock);
    const timers = sinon.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const nudges = scheduler(s, delivery, { tickMs: 30_000 });
    try {
      nudges.start();
      await nudges.tick();
      assert.deepEqual(delivery.log().sort(), REGIONS.map((e) => `${e} announce`).sort(), 'one message each, not three');
      s.clock.set(new Date('2021-08-11T07:00:00Z'));
      timers.tick(30_000);
      await nudges.tick();
      assert.equal(delivery.sent.length, 10);
      assert.ok(delivery.sent.slice(5).every((n) => n.reason === 'dueDay'));
      timers.tick(30_000);
      await nudges.tick();
      assert.equal(delivery.sent.length, 10, 'the next tick finds nothing new');
    } finally {
      await nudges.stop();
      timers.restore();
    }
  });

  it('with two instances on one store sends each nudge exactly once', async function () {
    const s = await seeded(await fresh());
    for (let i = 0; i < 6; i++) {
      await s.services.deadlines.createTask({ networkId: 'pid', title: `Opgave ${i}`, assignees: 'regions', due: `2021-06-${10 + i}` }, actor(SECRETARY));
    }
    const [a, b] = [new RecordingDelivery(s.clock), new RecordingDelivery(s.clock)];
    const one = scheduler(s, a, { owner: 'instance-a' });
    const two = scheduler(s, b, { owner: 'instance-b' });
    // The overview also materialises the example meeting's task: it is swept too.
    const tasks = await s.services.deadlines.overview('pid', actor(SECRETARY));
    const slots = tasks.flatMap(({ task }) => planNudges(new Date(task.createdAt), new Date(task.due)).map((slot) => slot.at.getTime()));
    const reports: SweepReport[] = [];
    for (const at of [...new Set(slots)].sort((x, y) => x - y)) {
      if (at > s.clock.now().getTime()) s.clock.set(new Date(at));
      reports.push(...(await Promise.all([one.sweep(), two.sweep(), one.sweep(), two.sweep()])));
    }
    const planned = slots.length * 5;
    const keys = [...a.sent, ...b.sent].map((n) => n.idempotencyKey);
    assert.equal(new Set(keys).size, keys.length, 'no nudge sent twice');
    assert.equal(keys.length, planned, 'and none lost');
    assert.ok(planned >= 6 * 5 * 4);
    // The sweeps overlapped: one found the other holding the sweep lease and left the nudges to it.
    assert.ok(reports.some((r) => r.busy), `the instances raced for the same nudges (sent ${a.sent.length}/${b.sent.length})`);
  });

  it('after a crash mid-sweep, another instance sends once the sweep lease runs out; never after a recorded success', async function () {
    const s = await seeded(await fresh());
    const task = await s.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    let sending = 0;
    const crashing: NudgeDelivery = { deliver: () => (sending++, new Promise<void>(() => {})) };
    const dead = scheduler(s, crashing, { owner: 'dies', leaseMs: 5 * MINUTE });
    void dead.sweep();
    while (sending === 0) await new Promise((resolve) => setImmediate(resolve));

    const delivery = new RecordingDelivery(s.clock);
    const survivor = scheduler(s, delivery, { owner: 'survives', leaseMs: 5 * MINUTE });
    const held = await survivor.sweep();
    assert.deepEqual([held.sent, held.busy], [0, true], 'the lease holds while it runs');
    s.clock.advance(5 * MINUTE + 1000);
    assert.equal((await survivor.sweep()).sent, 1, 'resent once the lease expired');
    assert.equal((await survivor.sweep()).sent, 0);
    assert.equal(delivery.sent.length, 1);

    // A pending key already recorded as sent is skipped, and the next nudge planned instead.
    const key = { kind: 'assignment', pk: 'pid', id: `${task.id}|ida.fjord@example.dk` };
    const current = (await s.services.store.get<AssignmentDoc>(key))!;
    const sentKey = current.data.sent[0].key;
    const restored = await s.services.store.replace<AssignmentDoc>({ ...key, data: { ...current.data, pending: { key: sentKey, reason: 'announce' } }, dueAt: s.clock.now().toISOString() }, current.etag);
    assert.equal((await survivor.sweep()).sent, 0, 'a recorded success is never sent again');
    const after = (await s.services.store.get<AssignmentDoc>(key))!;
    assert.notEqual(after.etag, restored.etag);
    assert.equal(after.data.pending?.reason, 'before', 'the next nudge is planned instead');
  });

  it('stops sending when its lease ran out during a long Retry-After and another instance took over', async function () {
    const s = await seeded(await fresh());
    for (const title of ['Skema A', 'Skema B']) {
      await s.services.deadlines.createTask({ networkId: 'pid', title, assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    }
    const [a, b] = [new RecordingDelivery(s.clock), new RecordingDelivery(s.clock)];
    a.fail = () => {
      throw new DeliveryError('Too Many Requests', 'throttled', 3 * MINUTE);
    };
    const two = scheduler(s, b, { owner: 'b' });
    let taken: SweepReport | undefined;
    // One nudge at a time; while A waits out the Retry-After (longer than its lease), B sweeps.
    const one = scheduler(s, a, {
      owner: 'a',
      concurrency: 1,
      pacing: {
        now: () => s.clock.now().getTime(),
        sleep: async (ms) => {
          s.clock.advance(ms);
          if (ms >= MINUTE) taken = await two.sweep();
        },
      },
    });
    const report = await one.sweep();
    assert.equal(taken?.sent, 2, 'B sent both: the one A was waiting to send, and the throttled one due again');
    assert.deepEqual([report.sent, report.retrying, report.busy], [0, 1, true], 'A found its lease taken and sent nothing more');
    assert.deepEqual(a.sent, []);
    assert.equal(new Set(b.sent.map((n) => n.idempotencyKey)).size, 2);
  });

  it('extends its lease while sending, once for all sends in flight, and sends everything due', async function () {
    const s = await seeded(await fresh());
    for (let i = 0; i < 6; i++) {
      await s.services.deadlines.createTask({ networkId: 'pid', title: `Opgave ${i}`, assignees: 'regions', due: '2021-06-16' }, actor(SECRETARY));
    }
    const delivery = new RecordingDelivery(s.clock);
    // 30 announcements at 30 a second, eight in flight, under a lease of 400 ms: it must be extended several times.
    const report = await scheduler(s, delivery, { leaseMs: 400 }).sweep();
    assert.deepEqual([report.sent, report.busy], [30, false]);
    assert.equal(new Set(delivery.sent.map((n) => n.idempotencyKey)).size, 30);
  });

  it('holds the sweep lease only while sweeping, and only when something is due', async function () {
    const s = await seeded(await fresh());
    const idle = scheduler(s, new RecordingDelivery(s.clock), { owner: 'idle' });
    assert.equal((await idle.sweep()).busy, false);
    assert.equal(await s.services.store.get(SWEEP_LEASE_KEY), undefined, 'a sweep with nothing due writes nothing');
    await s.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    assert.equal((await idle.sweep()).sent, 1);
    const lease = (await s.services.store.get<SweepLeaseDoc>(SWEEP_LEASE_KEY))!.data;
    assert.deepEqual(lease, { owner: 'idle', until: s.clock.now().toISOString() }, 'released at the end of the sweep');
  });

  it('backs off on 429 for its Retry-After, then delivers', async function () {
    const s = await seeded(await fresh());
    await s.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    const delivery = new RecordingDelivery(s.clock);
    let throttled = 0;
    delivery.fail = () => {
      if (throttled++ === 0) throw new DeliveryError('Too Many Requests', 'throttled', 30_000);
    };
    const nudges = scheduler(s, delivery);
    const start = s.clock.now().getTime();
    assert.deepEqual(await nudges.sweep(), { read: 1, sent: 0, retrying: 1, failed: 0, skipped: 0, busy: false, jobs: 0 });
    assert.equal((await nudges.sweep()).sent, 0, 'not before Retry-After');
    s.clock.advance(30_000);
    assert.equal((await nudges.sweep()).sent, 1);
    assert.ok(delivery.sent[0].at.getTime() - start >= 30_000, 'delayed by Retry-After');
    const [status] = (await s.services.deadlines.overview('pid', actor(SECRETARY))).find((t) => t.task.title === 'Skema')!.assignees;
    assert.equal(status.failed, false);
  });

  it('retries 5xx with exponential backoff and jitter, then marks the nudge failed for the secretary and plans the next', async function () {
    const s = await seeded(await fresh());
    const task = await s.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    const delivery = new RecordingDelivery(s.clock);
    delivery.fail = () => {
      throw new DeliveryError('Service Unavailable', 'transient');
    };
    const nudges = scheduler(s, delivery, { maxFailures: 3, backoffMs: 60_000, random: () => 0.5 });
    const dueAt = async () => (await s.services.deadlines.status(task.id)).assignees[0].nextNudgeAt;
    const t0 = s.clock.now().getTime();
    assert.equal((await nudges.sweep()).retrying, 1);
    assert.equal(await dueAt(), new Date(t0 + 45_000).toISOString(), '60 s halved plus half of it at random');
    s.clock.advance(45_000);
    assert.equal((await nudges.sweep()).retrying, 1);
    assert.equal(await dueAt(), new Date(t0 + 45_000 + 90_000).toISOString(), 'doubled');
    s.clock.advance(90_000);
    assert.equal((await nudges.sweep()).failed, 1);
    const [failed] = (await s.services.deadlines.status(task.id)).assignees;
    assert.equal(failed.failed, true);
    assert.equal(failed.lastError, 'Service Unavailable');
    assert.equal(failed.nextNudgeAt, '2021-06-09T07:00:00.000Z', 'the 7-day reminder is still planned');

    delivery.fail = undefined;
    s.clock.set(new Date('2021-06-09T07:00:00Z'));
    assert.equal((await nudges.sweep()).sent, 1);
    assert.equal((await s.services.deadlines.status(task.id)).assignees[0].failed, false, 'a later success clears the mark');
  });

  it('treats a permanent failure (nobody to reach) as failed at once, without retrying', async function () {
    const s = await seeded(await fresh());
    const task = await s.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    const calls: Nudge[] = [];
    const nudges = scheduler(s, {
      deliver: async (n) => {
        calls.push(n);
        throw new DeliveryError('no way to reach ida.fjord@example.dk yet', 'permanent');
      },
    });
    assert.equal((await nudges.sweep()).failed, 1);
    assert.equal(calls.length, 1);
    assert.equal((await s.services.deadlines.status(task.id)).assignees[0].failed, true);
    // The secretary's "nudge now" puts it back in line.
    assert.equal(await s.services.deadlines.nudgeNow(task.id, actor(SECRETARY)), 1);
    assert.equal((await s.services.deadlines.status(task.id)).assignees[0].failed, false);
  });
});
