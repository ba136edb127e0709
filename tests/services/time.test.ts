import assert from 'node:assert/strict';
import { localParts, zonedInstant } from '../../services/time';

/** What Intl says the clocks in Copenhagen show, read another way (Swedish style is ISO-like: "2021-03-28 03:30"). */
const swedish = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });

function reference(at: Date) {
  const [year, month, day, hour, minute] = swedish.format(at).split(/[- :]/).map(Number);
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, hour, minute, weekday };
}

describe('time: Copenhagen wall-clock readings', () => {
  it('reads every quarter of an hour of 2021 and 2022, both clock changes included, as Intl does', () => {
    const from = Date.UTC(2021, 0, 1);
    const to = Date.UTC(2023, 0, 1);
    for (let ms = from; ms < to; ms += 15 * 60_000) {
      const at = new Date(ms);
      assert.deepEqual(localParts(at), reference(at), at.toISOString());
    }
  });

  it('reads the minutes around the clock changes, and instants before 1980, as Intl does', () => {
    const instants = [
      ...[Date.UTC(2021, 2, 28, 0, 59), Date.UTC(2021, 2, 28, 1, 0), Date.UTC(2021, 9, 31, 0, 59, 59, 999), Date.UTC(2021, 9, 31, 1, 0)],
      ...[Date.UTC(1975, 5, 1, 12), Date.UTC(1948, 7, 8, 22, 30), Date.UTC(2099, 11, 31, 23, 59)],
    ];
    for (const ms of instants) assert.deepEqual(localParts(new Date(ms)), reference(new Date(ms)), new Date(ms).toISOString());
  });

  it('finds the instant of a wall time on both sides of a clock change', () => {
    assert.equal(zonedInstant(2021, 3, 28, 1, 30).toISOString(), '2021-03-28T00:30:00.000Z');
    assert.equal(zonedInstant(2021, 3, 28, 3, 30).toISOString(), '2021-03-28T01:30:00.000Z');
    assert.equal(zonedInstant(2021, 10, 31, 4, 0).toISOString(), '2021-10-31T03:00:00.000Z');
  });
});
