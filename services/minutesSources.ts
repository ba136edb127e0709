import type { Meeting, Network } from './model';

/**
 * What a feature adds to a meeting's minutes. The minutes generator knows no feature:
 * it asks every registered source (see `Services.minutesSources`) and places what they
 * return under the agenda item's sub-heading, ordered by `order` — so habilitet, the
 * secretary's notes, vote results and tasks each add their part through one function.
 */
export interface MinutesContribution {
  /** The agenda item's `number`. */
  itemNumber: number;
  /** The sub-heading it goes under: "Referat" or "Videre proces". */
  section: 'referat' | 'nextSteps';
  /** Position among contributions to the same section: habilitet 10, recusals 15 (before any decision), notes 20, votes 30, agreed tasks 50. */
  order: number;
  /** Danish paragraphs, as they should read in the minutes. */
  paragraphs: string[];
  /** One-line entries for the summary card (decisions, consensus results, tasks with deadlines). */
  summary?: string[];
}

/** A feature's contribution to the minutes of one meeting. */
export type MinutesSource = (meeting: Meeting, network: Network) => Promise<MinutesContribution[]>;
