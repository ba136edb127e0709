import type { MeetingRef } from './meetings';

/**
 * Who may not take part in an item: members who declared a conflict of interest on it
 * in the habilitet round (forvaltningsloven §3 and §6). Voting asks this before it
 * counts or accepts a ballot; the habilitet feature answers it.
 */
export interface Recusals {
  /** E-mails of the members recused from this item of this meeting (their latest answers count). */
  recusedOn(meeting: MeetingRef, itemNumber: number): Promise<Set<string>>;
}
