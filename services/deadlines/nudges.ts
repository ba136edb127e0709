import type { AssignmentDoc, NudgeReason, TaskDoc } from './model';
import { planNudges, type Slot } from './schedule';

/**
 * The next nudge of an assignment after `after`: the first planned one not yet sent,
 * or the "remind me tomorrow" one (which silences the planned ones before it).
 * Missed slots before `after` are skipped: one message says the latest state.
 */
export function nextNudge(task: TaskDoc, a: AssignmentDoc, after: Date, daysBefore: readonly number[]): { key: string; reason: NudgeReason; at: Date } | undefined {
  if (a.status !== 'open' || task.closedAt) return undefined;
  const sent = new Set(a.sent.map((s) => s.key));
  let slots: Slot[] = planNudges(new Date(task.createdAt), new Date(task.due), daysBefore, task.kind !== 'reply').filter((s) => s.at > after && !sent.has(s.key));
  if (a.snoozedUntil) {
    const until = new Date(a.snoozedUntil);
    const key = `snoozed@${a.snoozedUntil}`;
    if (until > after && !sent.has(key)) slots = [{ reason: 'snoozed', at: until, key }, ...slots.filter((s) => s.at > until)];
  }
  return slots.sort((x, y) => x.at.getTime() - y.at.getTime())[0];
}

/** The assignment with `next` as its pending nudge, and the dueAt at which a sweep finds it (none: nothing left). */
export function planned(a: AssignmentDoc, next: ReturnType<typeof nextNudge>): { data: AssignmentDoc; dueAt: string | null } {
  return { data: { ...a, pending: next && { key: next.key, reason: next.reason } }, dueAt: next?.at.toISOString() ?? null };
}
