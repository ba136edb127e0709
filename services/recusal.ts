import type { MeetingRef } from './meetings';
import type { PartitionSelector, StoredDoc } from './store/store';

/**
 * Who may not take part in an item: members who declared a conflict of interest on it
 * in the habilitet round (forvaltningsloven §3 and §6). Voting asks this before it
 * counts or accepts a ballot; the habilitet feature answers it.
 */
export interface Recusals {
  /** E-mails of the members recused from this item of this meeting (their latest answers count). */
  recusedOn(meeting: MeetingRef, itemNumber: number): Promise<Set<string>>;
  /** The documents of the meeting's partition `recusedIn` counts from: a vote reads them with its own in one read. */
  readonly recusalDocs: readonly PartitionSelector[];
  /** The same answer from those documents. */
  recusedIn(docs: readonly StoredDoc<unknown>[], itemNumber: number): Set<string>;
}
