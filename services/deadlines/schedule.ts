/**
 * When nudges go out: only in working hours (08.00–17.00 Copenhagen time, Monday to
 * Friday). A reminder that would fall outside moves to the previous working slot (so it
 * is never late); a nudge that must come after something (the announcement, "remind me
 * tomorrow", the overdue nudge) moves to the next working morning instead.
 */
import { DEFAULT_NUDGE_DAYS } from '../model';
import { instantOfWall, wallTime, zonedInstant } from '../time';
import type { NudgeReason } from './model';

export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 17;
/** Planned nudges go out at 09.00 local time: people are in, the day is not yet full. */
export const NUDGE_HOUR = 9;
/** The last slot of a working day, where a reminder moved back from the evening or a weekend lands. */
export const LAST_SLOT_HOUR = 16;
/** A due date given as a plain date means that day at the end of working hours. */
export const DUE_HOUR = WORK_END_HOUR;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// Calendar arithmetic on Copenhagen wall-clock milliseconds (see wallTime): a local day is
// days since 1970-01-01, and a sweep plans a thousand nudges in plain numbers.
const dayOf = (wall: number) => Math.floor(wall / DAY_MS);
const hourOf = (wall: number) => Math.floor((wall - dayOf(wall) * DAY_MS) / HOUR_MS);
/** 1970-01-01 was a Thursday: (day + 3) % 7 counts from Monday = 0. */
const isWorkday = (day: number) => (day + 3) % 7 < 5;
const at = (day: number, hour: number) => instantOfWall(day * DAY_MS + hour * HOUR_MS);
const working = (wall: number) => isWorkday(dayOf(wall)) && hourOf(wall) >= WORK_START_HOUR && hourOf(wall) < WORK_END_HOUR;

/** `ms` itself in working hours, else 16.00 on the latest working day before it. */
function previousSlot(ms: number): number {
  const wall = wallTime(ms);
  if (working(wall)) return ms;
  let day = dayOf(wall);
  if (!(isWorkday(day) && hourOf(wall) >= WORK_END_HOUR)) {
    do day--;
    while (!isWorkday(day));
  }
  return at(day, LAST_SLOT_HOUR);
}

/** `ms` itself in working hours, else 09.00 on the next working morning. */
function nextSlot(ms: number): number {
  const wall = wallTime(ms);
  if (working(wall)) return ms;
  let day = dayOf(wall);
  if (!(isWorkday(day) && hourOf(wall) < WORK_START_HOUR)) {
    do day++;
    while (!isWorkday(day));
  }
  return at(day, NUDGE_HOUR);
}

export const isWorkingTime = (instant: Date): boolean => working(wallTime(instant.getTime()));

/** The instant itself in working hours, else 09.00 on the next working morning. */
export const nextWorkingSlot = (instant: Date): Date => new Date(nextSlot(instant.getTime()));

/** "Påmind mig i morgen": the same time tomorrow, moved forward into working hours. */
export const snoozeUntil = (now: Date): Date => nextWorkingSlot(new Date(now.getTime() + 24 * HOUR_MS));

export interface Slot {
  reason: NudgeReason;
  at: Date;
  /** The idempotency key of this nudge: reason and instant, so a changed due date plans new ones. */
  key: string;
}

type Planned = { reason: NudgeReason; at: number; tag: string };

/**
 * The nudges of one assignment: the announcement when the task is created (unless
 * `announce` is false: another feature has asked already), `daysBefore` days before the
 * due day, the morning of the due day and once the day after if overdue. Reminders that
 * would come before the announcement or after the deadline are dropped; two on the same
 * instant become one.
 */
export function planNudges(createdAt: Date, due: Date, daysBefore: readonly number[] = DEFAULT_NUDGE_DAYS, announce = true): Slot[] {
  const created = createdAt.getTime();
  const dueAt = due.getTime();
  const first = nextSlot(created);
  const dueDay = dayOf(wallTime(dueAt));
  const reminders = [...new Set(daysBefore)].map((days): Planned => ({ reason: 'before', at: previousSlot(at(dueDay - days, NUDGE_HOUR)), tag: String(days) }));
  reminders.push({ reason: 'dueDay', at: previousSlot(at(dueDay, NUDGE_HOUR)), tag: '' });
  const all: Planned[] = [
    ...(announce ? [{ reason: 'announce' as const, at: first, tag: '' }] : []),
    ...reminders.filter((s) => (announce ? s.at > first : s.at >= created) && s.at < dueAt),
    { reason: 'overdue', at: nextSlot(at(dueDay + 1, NUDGE_HOUR)), tag: '' },
  ];
  all.sort((a, b) => a.at - b.at);
  return all
    .filter((s, i) => i === 0 || s.at !== all[i - 1].at)
    .map(({ reason, at: ms, tag }) => {
      const instant = new Date(ms);
      return { reason, at: instant, key: `${reason}${tag}@${instant.toISOString()}` };
    });
}

/**
 * The due instant from what a person or an import gave: a date (that day at 17.00), a
 * local date-time ("2021-08-11T14:00", Copenhagen time) or an ISO instant with offset.
 * Undefined when it is not a real date.
 */
export function parseDue(text: string): { due: Date; dateOnly: boolean } | undefined {
  const trimmed = text.trim();
  const local = trimmed.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/);
  if (local) {
    const [year, month, day] = [Number(local[1]), Number(local[2]), Number(local[3])];
    const hour = local[4] === undefined ? DUE_HOUR : Number(local[4]);
    const minute = local[5] === undefined ? 0 : Number(local[5]);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
    return { due: zonedInstant(year, month, day, hour, minute), dateOnly: local[4] === undefined };
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) return undefined;
  const due = new Date(trimmed);
  return Number.isNaN(due.getTime()) ? undefined : { due, dateOnly: false };
}
