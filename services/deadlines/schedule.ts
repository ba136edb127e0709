/**
 * When nudges go out: only in working hours (08.00–17.00 Copenhagen time, Monday to
 * Friday). A reminder that would fall outside moves to the previous working slot (so it
 * is never late); a nudge that must come after something (the announcement, "remind me
 * tomorrow", the overdue nudge) moves to the next working morning instead.
 */
import { localParts, zonedInstant } from '../time';
import type { NudgeReason } from './model';

export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 17;
/** Planned nudges go out at 09.00 local time: people are in, the day is not yet full. */
export const NUDGE_HOUR = 9;
/** The last slot of a working day, where a reminder moved back from the evening or a weekend lands. */
export const LAST_SLOT_HOUR = 16;
/** A due date given as a plain date means that day at the end of working hours. */
export const DUE_HOUR = WORK_END_HOUR;
export const DEFAULT_DAYS_BEFORE = [7, 2];

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const localDate = (at: Date): LocalDate => {
  const { year, month, day } = localParts(at);
  return { year, month, day };
};

/** The calendar day `days` after (or before) a local date; calendar arithmetic, no DST involved. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const weekday = (date: LocalDate) => ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
const isWorkday = (date: LocalDate) => weekday(date) <= 5;
const at = (date: LocalDate, hour: number) => zonedInstant(date.year, date.month, date.day, hour);

export function isWorkingTime(instant: Date): boolean {
  const p = localParts(instant);
  return p.weekday <= 5 && p.hour >= WORK_START_HOUR && p.hour < WORK_END_HOUR;
}

/** The instant itself in working hours, else the last slot (16.00) of the latest working day before it. */
export function previousWorkingSlot(instant: Date): Date {
  if (isWorkingTime(instant)) return instant;
  const p = localParts(instant);
  let date = localDate(instant);
  if (!(isWorkday(date) && p.hour >= WORK_END_HOUR)) {
    do date = addDays(date, -1);
    while (!isWorkday(date));
  }
  return at(date, LAST_SLOT_HOUR);
}

/** The instant itself in working hours, else 09.00 on the next working morning. */
export function nextWorkingSlot(instant: Date): Date {
  if (isWorkingTime(instant)) return instant;
  const p = localParts(instant);
  let date = localDate(instant);
  if (!(isWorkday(date) && p.hour < WORK_START_HOUR)) {
    do date = addDays(date, 1);
    while (!isWorkday(date));
  }
  return at(date, NUDGE_HOUR);
}

/** "Påmind mig i morgen": the same time tomorrow, moved forward into working hours. */
export const snoozeUntil = (now: Date): Date => nextWorkingSlot(new Date(now.getTime() + 24 * 3600_000));

export interface Slot {
  reason: NudgeReason;
  at: Date;
  /** The idempotency key of this nudge: reason and instant, so a changed due date plans new ones. */
  key: string;
}

const slot = (reason: NudgeReason, instant: Date, tag = ''): Slot => ({ reason, at: instant, key: `${reason}${tag}@${instant.toISOString()}` });

/**
 * The nudges of one assignment: the announcement when the task is created (unless
 * `announce` is false: another feature has asked already), `daysBefore` days before the
 * due day, the morning of the due day and once the day after if overdue. Reminders that
 * would come before the announcement or after the deadline are dropped; two on the same
 * instant become one.
 */
export function planNudges(createdAt: Date, due: Date, daysBefore: readonly number[] = DEFAULT_DAYS_BEFORE, announce = true): Slot[] {
  const first = slot('announce', nextWorkingSlot(createdAt));
  const dueDay = localDate(due);
  const reminders = [
    ...[...new Set(daysBefore)].map((days) => slot('before', previousWorkingSlot(at(addDays(dueDay, -days), NUDGE_HOUR)), String(days))),
    slot('dueDay', previousWorkingSlot(at(dueDay, NUDGE_HOUR))),
  ].filter((s) => (announce ? s.at > first.at : s.at >= createdAt) && s.at < due);
  const overdue = slot('overdue', nextWorkingSlot(at(addDays(dueDay, 1), NUDGE_HOUR)));
  const all = [...(announce ? [first] : []), ...reminders, overdue].sort((a, b) => a.at.getTime() - b.at.getTime());
  return all.filter((s, i) => i === 0 || s.at.getTime() !== all[i - 1].at.getTime());
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
