import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { itemLabel, meetingPartition, type MeetingRef } from '../meetings';
import type { MinutesSource } from '../minutesSources';
import type { AgendaItem, Meeting, Member } from '../model';
import { updateDoc, type Store } from '../store/store';
import { requireLeading } from './leading';
import { requireItem } from './schedule';

/** Which item the meeting is at; one document per meeting. */
interface CurrentItemDoc {
  itemNumber: number;
  movedBy: string;
  movedAt: string;
  /** Every move to another item, in order: when each item was reached. */
  trail?: ItemReached[];
}

/** The meeting reached an item at a moment (its actual start). */
export interface ItemReached {
  itemNumber: number;
  at: string;
}

/** The secretary's Referat text of one item: what was discussed and decided. */
export interface ItemNotes {
  itemNumber: number;
  text: string;
  savedBy: string;
  savedAt: string;
}

export const NOTES_MAX = 20_000;

const currentKey = (meeting: MeetingRef) => ({ kind: 'agendaState', pk: meetingPartition(meeting), id: 'current' });
const notesKey = (meeting: MeetingRef, itemNumber: number) => ({ kind: 'itemNotes', pk: meetingPartition(meeting), id: String(itemNumber) });

/** Running a meeting through its agenda, and the notes taken per item for the minutes. */
export class Agenda {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The item the meeting is at, once the chair or secretary has started it. */
  async currentItem(meeting: Meeting): Promise<AgendaItem | undefined> {
    const doc = await this.store.get<CurrentItemDoc>(currentKey(meeting));
    return doc ? meeting.agenda.find((i) => i.number === doc.data.itemNumber) : undefined;
  }

  /** The items in the order the meeting reached them, each with the moment it did; none before the start. */
  async trail(meeting: MeetingRef): Promise<ItemReached[]> {
    return (await this.store.get<CurrentItemDoc>(currentKey(meeting)))?.data.trail ?? [];
  }

  /** Starts at the first item (the welcome). */
  start(meeting: Meeting, by: Member): Promise<AgendaItem> {
    return this.move(meeting, by, () => meeting.agenda[0]);
  }

  /** The item after the current one; the first if the meeting has not started. */
  next(meeting: Meeting, by: Member): Promise<AgendaItem> {
    return this.move(meeting, by, (current) => {
      if (current === undefined) return meeting.agenda[0];
      const index = meeting.agenda.findIndex((i) => i.number === current);
      const next = meeting.agenda[index + 1];
      if (!next) throw new DomainError('meeting.atEnd', { item: itemLabel(meeting, meeting.agenda[index]) }, `meeting ${meeting.id} is at its last item`);
      return next;
    });
  }

  goTo(meeting: Meeting, by: Member, number: number): Promise<AgendaItem> {
    return this.move(meeting, by, () => requireItem(meeting, number));
  }

  /** Read-modify-write, so two leaders pressing "næste" at once advance one item each. */
  private async move(meeting: Meeting, by: Member, pick: (current: number | undefined) => AgendaItem): Promise<AgendaItem> {
    requireLeading(by);
    let chosen: AgendaItem = meeting.agenda[0];
    await updateDoc<CurrentItemDoc>(this.store, currentKey(meeting), (current) => {
      chosen = pick(current?.itemNumber);
      const at = this.clock.now().toISOString();
      const trail = current?.trail ?? [];
      const moved = current?.itemNumber !== chosen.number || !trail.length;
      return { data: { itemNumber: chosen.number, movedBy: by.email, movedAt: at, trail: moved ? [...trail, { itemNumber: chosen.number, at }] : trail } };
    });
    return chosen;
  }

  /**
   * Saves the item's Referat text (the latest save counts; empty text removes it). Only
   * the chair and the secretary write the minutes.
   */
  async saveNotes(meeting: Meeting, by: Member, itemNumber: number, text: string): Promise<ItemNotes | undefined> {
    requireLeading(by);
    requireItem(meeting, itemNumber);
    const trimmed = text.replace(/\r\n/g, '\n').trim();
    if (trimmed.length > NOTES_MAX) throw new DomainError('meeting.item.notesTooLong', { max: NOTES_MAX, length: trimmed.length });
    if (!trimmed) {
      await this.store.delete(notesKey(meeting, itemNumber));
      return undefined;
    }
    const notes: ItemNotes = { itemNumber, text: trimmed, savedBy: by.email, savedAt: this.clock.now().toISOString() };
    await this.store.upsert({ ...notesKey(meeting, itemNumber), data: notes });
    return notes;
  }

  async notesOf(meeting: Meeting, itemNumber: number): Promise<ItemNotes | undefined> {
    return (await this.store.get<ItemNotes>(notesKey(meeting, itemNumber)))?.data;
  }

  /** The notes as paragraphs under each item's "Referat" heading (order 20: after habilitet, before votes). */
  readonly minutesSource: MinutesSource = async (meeting) => {
    const docs = await this.store.list<ItemNotes>('itemNotes', meetingPartition(meeting));
    return docs
      .map((d) => d.data)
      .sort((a, b) => a.itemNumber - b.itemNumber)
      .map((notes) => ({
        itemNumber: notes.itemNumber,
        section: 'referat' as const,
        order: 20,
        paragraphs: notes.text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      }));
  };
}
