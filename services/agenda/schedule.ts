import { DomainError } from '../errors';
import { itemLabel } from '../meetings';
import type { AgendaItem, Meeting } from '../model';

export interface ScheduledItem {
  item: AgendaItem;
  /** Planned start: the meeting's start plus the durations ("Ca. tid") of the items before it. */
  start: Date;
  /** Planned end: its start plus its own duration. */
  end: Date;
}

/**
 * The planned clock time of every item, in agenda order: from the scheduled start, or from
 * `from`, the moment the meeting actually started (a late start moves every item).
 */
export function schedule(meeting: Meeting, from?: Date): ScheduledItem[] {
  let at = from?.getTime() ?? Date.parse(meeting.start);
  return meeting.agenda.map((item) => {
    const start = new Date(at);
    at += item.minutes * 60_000;
    return { item, start, end: new Date(at) };
  });
}

/** The item numbered `number`, or a refusal listing the numbers there are. */
export function requireItem(meeting: Meeting, number: number): AgendaItem {
  const item = meeting.agenda.find((i) => i.number === number);
  if (!item) {
    const items = meeting.agenda.map((i) => i.number).join(', ');
    throw new DomainError('meeting.unknownItem', { number, items }, `meeting ${meeting.id} has no item ${number}`);
  }
  return item;
}

/** "Pkt. 2/2021" of the item numbered `number`. */
export const labelOf = (meeting: Meeting, number: number): string => itemLabel(meeting, requireItem(meeting, number));
