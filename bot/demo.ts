import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../services';
import { isoWithOffset, localParts, zonedInstant } from '../services/time';
import type { Logger } from './log';
import { projectRoot } from './paths';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** Calendar days from the local date in `iso` to the next weekday (Mon–Fri) after `now`, in Copenhagen. */
function daysToNextWeekday(iso: string, now: Date): number {
  const [, y, m, d] = ISO_DATE_TIME.exec(iso) ?? [];
  const today = localParts(now);
  let next = Date.UTC(today.year, today.month - 1, today.day) + DAY_MS;
  while ([0, 6].includes(new Date(next).getUTCDay())) next += DAY_MS;
  return Math.round((next - Date.UTC(Number(y), Number(m) - 1, Number(d))) / DAY_MS);
}

/**
 * A date ("2021-08-11") or date-time moved `days` calendar days: a date-time keeps its
 * wall-clock time and takes the offset Copenhagen has then (summer time may differ).
 */
function shift(value: string, days: number): string {
  const [, y, m, d, hh, mm] = (ISO_DATE_TIME.exec(value) ?? ISO_DATE.exec(value) ?? []).map(Number);
  if (ISO_DATE.test(value)) return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
  return isoWithOffset(zonedInstant(y!, m!, d! + days, hh!, mm!));
}

/**
 * The example meeting moved so it falls on the next weekday after `now`, its tasks' due
 * dates by as many days: on any day the walk-through finds a meeting not yet begun and
 * deadlines still open. The example file itself stays fixed, for the tests that read it.
 */
export function demoMeetingFor(example: Record<string, unknown>, now: Date): Record<string, unknown> {
  const start = String(example.start);
  const days = daysToNextWeekday(start, now);
  const agenda = (example.agenda as Record<string, unknown>[]).map((item) =>
    Array.isArray(item.tasks)
      ? { ...item, tasks: (item.tasks as Record<string, unknown>[]).map((t) => (typeof t.due === 'string' ? { ...t, due: shift(t.due, days) } : t)) }
      : item,
  );
  return { ...example, start: shift(start, days), end: shift(String(example.end), days), agenda };
}

/**
 * Local mode on an empty store: imports the example network and meeting (examples/, the
 * same files the README and the tests use, the meeting moved to the next weekday) so the
 * Playground's people — who are that network — can try every command at once. Never runs
 * in production or on a store that has any network.
 */
export async function seedDemo(services: Services, log: Logger): Promise<void> {
  if ((await services.networks.list()).length) return;
  const dir = join(projectRoot(), 'examples');
  const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const { network } = await services.networks.import(read('network.json'));
  const { meeting } = await services.meetings.import(demoMeetingFor(read('meeting-2021-06-02.json'), services.clock.now()));
  log.info({ network: network.id, meeting: meeting.id }, 'empty store: imported the demo network and meeting');
}
