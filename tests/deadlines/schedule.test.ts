import assert from 'node:assert/strict';
import { nextWorkingSlot, parseDue, planNudges, snoozeUntil } from '../../services/deadlines/schedule';
import { localParts, zonedInstant } from '../../services/time';

/** "2021-08-04 09:00 Wed" in Copenhagen time. */
function local(at: Date): string {
  const p = localParts(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][p.weekday - 1]}`;
}
const plan = (createdAt: Date, due: string, days?: number[], announce = true) =>
  planNudges(createdAt, parseDue(due)!.due, days, announce).map((s) => `${s.reason} ${local(s.at)}`);

describe('deadlines: when nudges go out', () => {
  it('plans the example task (due 2021-08-11) at creation, 7 and 2 days before, the due morning and the day after', () => {
    // Materialised just after the meeting of 2 June 2021, 15.10 local time.
    assert.deepEqual(plan(zonedInstant(2021, 6, 2, 15, 10), '2021-08-11'), [
      'announce 2021-06-02 15:10 Wed',
      'before 2021-08-04 09:00 Wed',
      'before 2021-08-09 09:00 Mon',
      'dueDay 2021-08-11 09:00 Wed',
      'overdue 2021-08-12 09:00 Thu',
    ]);
    // Summer time: 09.00 in Copenhagen is 07.00 UTC; a plain due date means 17.00 that day.
    assert.equal(planNudges(zonedInstant(2021, 6, 2, 15, 10), parseDue('2021-08-11')!.due)[1].at.toISOString(), '2021-08-04T07:00:00.000Z');
    assert.equal(parseDue('2021-08-11')!.due.toISOString(), '2021-08-11T15:00:00.000Z');
  });

  it('keeps 09.00 local across the last Sunday of March (CET → CEST)', () => {
    const slots = planNudges(zonedInstant(2022, 3, 1, 10), parseDue('2022-03-30')!.due);
    assert.deepEqual(
      slots.map((s) => s.at.toISOString()),
      ['2022-03-01T09:00:00.000Z', '2022-03-23T08:00:00.000Z', '2022-03-28T07:00:00.000Z', '2022-03-30T07:00:00.000Z', '2022-03-31T07:00:00.000Z'],
    );
    assert.deepEqual(slots.slice(1).map((s) => local(s.at).slice(11, 16)), ['09:00', '09:00', '09:00', '09:00']);
  });

  it('keeps 09.00 local across the last Sunday of October (CEST → CET), moving a Sunday reminder to Friday', () => {
    // Due Tuesday 2 November 2021; 2 days before is Sunday 31 October, the day the clocks go back.
    assert.deepEqual(plan(zonedInstant(2021, 10, 1, 10), '2021-11-02'), [
      'announce 2021-10-01 10:00 Fri',
      'before 2021-10-26 09:00 Tue',
      'before 2021-10-29 16:00 Fri',
      'dueDay 2021-11-02 09:00 Tue',
      'overdue 2021-11-03 09:00 Wed',
    ]);
    const utc = planNudges(zonedInstant(2021, 10, 1, 10), parseDue('2021-11-02')!.due).map((s) => s.at.toISOString());
    assert.deepEqual(utc.slice(1), ['2021-10-26T07:00:00.000Z', '2021-10-29T14:00:00.000Z', '2021-11-02T08:00:00.000Z', '2021-11-03T08:00:00.000Z']);
  });

  it('moves reminders off weekends to the previous working slot, and later nudges to the next working morning', () => {
    // Due Monday 16 August: 2 days before is Saturday → Friday 16.00.
    assert.deepEqual(plan(zonedInstant(2021, 8, 2, 10), '2021-08-16'), [
      'announce 2021-08-02 10:00 Mon',
      'before 2021-08-09 09:00 Mon',
      'before 2021-08-13 16:00 Fri',
      'dueDay 2021-08-16 09:00 Mon',
      'overdue 2021-08-17 09:00 Tue',
    ]);
    // Due on a Saturday: the due-day reminder comes Friday; the overdue one waits for Monday.
    assert.deepEqual(plan(zonedInstant(2021, 8, 2, 10), '2021-08-14').slice(-2), ['dueDay 2021-08-13 16:00 Fri', 'overdue 2021-08-16 09:00 Mon']);
    // Created on a Friday evening: announced Monday morning; the Saturday reminder would come before that, so it is dropped.
    assert.deepEqual(plan(zonedInstant(2021, 8, 13, 19), '2021-08-17'), ['announce 2021-08-16 09:00 Mon', 'dueDay 2021-08-17 09:00 Tue', 'overdue 2021-08-18 09:00 Wed']);
  });

  it('defines the working slots: weekdays 08.00–17.00 Copenhagen time', () => {
    assert.equal(local(nextWorkingSlot(zonedInstant(2021, 8, 11, 7, 0))), '2021-08-11 09:00 Wed');
    assert.equal(local(nextWorkingSlot(zonedInstant(2021, 8, 11, 17, 0))), '2021-08-12 09:00 Thu');
    assert.equal(local(nextWorkingSlot(zonedInstant(2021, 8, 14, 12, 0))), '2021-08-16 09:00 Mon');
    assert.equal(local(nextWorkingSlot(zonedInstant(2021, 8, 11, 8, 0))), '2021-08-11 08:00 Wed');
  });

  it('snoozes to the same time tomorrow, or the next working morning', () => {
    assert.equal(local(snoozeUntil(zonedInstant(2021, 8, 11, 10, 15))), '2021-08-12 10:15 Thu');
    assert.equal(local(snoozeUntil(zonedInstant(2021, 8, 13, 15, 0))), '2021-08-16 09:00 Mon');
    assert.equal(local(snoozeUntil(zonedInstant(2021, 8, 12, 16, 30))), '2021-08-13 16:30 Fri');
  });

  it("follows the network's nudgeDaysBefore, drops reminders after the deadline, and skips the announcement for reply tasks", () => {
    assert.deepEqual(plan(zonedInstant(2021, 7, 1, 10), '2021-08-11', [14, 7, 1]).map((s) => s.slice(0, -4)), [
      'announce 2021-07-01 10:00',
      'before 2021-07-28 09:00',
      'before 2021-08-04 09:00',
      'before 2021-08-10 09:00',
      'dueDay 2021-08-11 09:00',
      'overdue 2021-08-12 09:00',
    ]);
    // Due at 08.30: the 09.00 reminder that day would be late.
    assert.deepEqual(plan(zonedInstant(2021, 8, 9, 10), '2021-08-11T08:30', [7]), ['announce 2021-08-09 10:00 Mon', 'overdue 2021-08-12 09:00 Thu']);
    assert.deepEqual(plan(zonedInstant(2021, 5, 26, 10), '2021-06-02T13:00:00+02:00', [7, 2], false), [
      'before 2021-05-31 09:00 Mon',
      'dueDay 2021-06-02 09:00 Wed',
      'overdue 2021-06-03 09:00 Thu',
    ]);
  });

  it('reads due dates as dates, local date-times or instants, and nothing else', () => {
    assert.deepEqual(parseDue('2021-08-11T14:00'), { due: new Date('2021-08-11T12:00:00Z'), dateOnly: false });
    assert.deepEqual(parseDue('2021-12-01'), { due: new Date('2021-12-01T16:00:00Z'), dateOnly: true });
    assert.deepEqual(parseDue('2021-08-11T14:00:00+02:00'), { due: new Date('2021-08-11T12:00:00Z'), dateOnly: false });
    for (const bad of ['2021-02-30', '11-08-2021', '11. august', 'i morgen', '', '2021-08-11T25:00', '2021-13-01']) assert.equal(parseDue(bad), undefined, bad);
  });
});
