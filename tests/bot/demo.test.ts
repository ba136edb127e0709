import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMeetingFor, seedDemo } from '../../bot/demo';
import { createLogger } from '../../bot/log';
import { createServices } from '../../services';
import { ManualClock } from '../../services/clock';
import { EmbeddedStore } from '../../services/store/embedded';
import { exampleMeeting } from '../helpers/bot';

const moved = (now: string) => {
  const m = demoMeetingFor(exampleMeeting(), new Date(now)) as { start: string; end: string; agenda: { tasks?: { due: string }[] }[] };
  return { start: m.start, end: m.end, due: m.agenda.flatMap((i) => i.tasks ?? []).map((t) => t.due) };
};

describe('demo seeding: the example meeting on the next weekday', function () {
  it('moves the meeting to the next weekday at its own hours, and its deadlines as many days', function () {
    // Tuesday morning → Wednesday; the example's task is due 70 days after its meeting.
    assert.deepEqual(moved('2026-12-01T08:00:00Z'), { start: '2026-12-02T13:00:00+01:00', end: '2026-12-02T15:00:00+01:00', due: ['2027-02-10'] });
    // Friday (late, even after the meeting's hours) → Monday, over the weekend.
    assert.deepEqual(moved('2026-12-04T20:00:00Z'), { start: '2026-12-07T13:00:00+01:00', end: '2026-12-07T15:00:00+01:00', due: ['2027-02-15'] });
    // Saturday and Sunday → Monday.
    assert.equal(moved('2026-12-05T10:00:00Z').start, '2026-12-07T13:00:00+01:00');
    assert.equal(moved('2026-12-06T10:00:00Z').start, '2026-12-07T13:00:00+01:00');
  });

  it('keeps 13.00 Copenhagen time across the change to summer time, and reads "today" in Copenhagen', function () {
    // Friday 26 March 2027 → Monday 29 March, after the clocks went forward on the 28th.
    assert.equal(moved('2027-03-26T09:00:00Z').start, '2027-03-29T13:00:00+02:00');
    // 23.30 UTC on Sunday is already Monday in Copenhagen: the next weekday is Tuesday.
    assert.equal(moved('2027-06-06T22:30:00Z').start, '2027-06-08T13:00:00+02:00');
  });

  it('leaves the example file itself as it is', function () {
    demoMeetingFor(exampleMeeting(), new Date('2026-12-01T08:00:00Z'));
    assert.equal(exampleMeeting().start, '2021-06-02T13:00:00+02:00');
  });

  it('seeds an empty store with a meeting not yet begun and its deadlines open after it', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'referent-demo-'));
    const store = new EmbeddedStore(dir);
    try {
      const now = new Date('2026-12-04T12:00:00Z');
      const services = createServices(store, new ManualClock(now));
      await seedDemo(services, createLogger('silent'));
      const [meeting] = await services.meetings.list('pid');
      assert.equal(meeting?.id, 'pid-2026-12-07');
      assert.ok(new Date(meeting.start) > now, 'the meeting has not begun');
      assert.equal(await services.deadlines.materialiseMeeting(meeting), 1, 'its task is not past due');
      const [task] = await services.deadlines.tasksOfMeeting(meeting);
      assert.equal(task?.title, 'Udfyld Skema 2: Regional kortlægning');
      await seedDemo(services, createLogger('silent'));
      assert.equal((await services.meetings.list('pid')).length, 1, 'a store with a network is not seeded again');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
