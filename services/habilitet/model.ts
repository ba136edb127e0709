/**
 * The habilitet (impartiality) round's stored shapes and its one input: a member's answer.
 * One round document per meeting, one answer document per (meeting, member); both live in
 * the meeting's partition.
 */
import { z } from 'zod';
import type { ConversationReference } from '../identity';
import type { Member } from '../model';
import type { Lang } from '../time';

export const DESCRIPTION_MAX = 1000;
/** A member may change their answer this often; keeps the per-member document small. */
export const MAX_CHANGES = 100;

export const ROUND_KIND = 'habilitet-round';
export const ANSWER_KIND = 'habilitet-answer';

const itemNumber = z.number({ error: 'expected an item number' }).int().min(0).max(999);
/** Item numbers as a list, or as the comma-separated string a multi-select ChoiceSet sends. */
const itemList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : v),
  z.array(itemNumber).max(40),
);

/**
 * A member's answer as it arrives. The rules a member can break by typing (items chosen,
 * description present and short enough, items on this agenda) are checked after parsing,
 * so each gets its own clear message.
 */
export const AnswerInputSchema = z.discriminatedUnion(
  'answer',
  [
    z.object({ answer: z.literal('no') }),
    z.object({ answer: z.literal('yes'), items: itemList.default([]), description: z.string().max(100_000).default('') }),
  ],
  { error: 'expected answer "no" or "yes"' },
);
export type AnswerInput = z.input<typeof AnswerInputSchema>;

export interface Answer {
  answer: 'no' | 'yes';
  /** Affected agenda item numbers, ascending; empty for "no". */
  items: number[];
  description?: string;
}

/** One recorded answer: what and when (who is the document's member). */
export interface AnswerEntry extends Answer {
  at: string;
}

export interface AnswerDoc {
  email: string;
  name: string;
  /** The answer that counts: the last one given. */
  latest: AnswerEntry;
  /** Every answer given, oldest first; the last equals `latest`. */
  history: AnswerEntry[];
}

/** A posted card that can be replaced in place later (opaque to the domain). */
export interface PostedCard {
  reference: ConversationReference;
  activityId: string;
  /** The language it was written in, when not the network's (a card in the reader's own chat). */
  lang?: Lang;
}

export interface RoundEvent {
  what: 'started' | 'locked' | 'reopened';
  by: string;
  at: string;
}

export interface RoundDoc {
  meetingId: string;
  networkId: string;
  locked: boolean;
  /** Who started, locked and reopened the round, and when; oldest first. */
  events: RoundEvent[];
  /** Members the prompt reached, in rounds started before prompts were queued (services/fanout); they are not prompted again. */
  prompted?: string[];
  /** The status card in the network's channel, updated as answers arrive. */
  statusPost?: PostedCard;
  /** The deadlines task that reminds members who have not answered before the meeting. */
  reminderTaskId?: string;
  /** What an answer needs of the network, kept when the round is started (again); none in rounds started before it was kept. */
  frame?: RoundFrame;
}

/**
 * The network as a member's answer needs it, kept with the round so an answer reads the round
 * instead of the roster: who may answer, and in which language each is answered. It only lets a
 * listed member in: anyone else is looked up on the roster, which decides. `langs`: the voters'
 * own choice of language, where they made one; the others are answered in `locale`'s.
 */
export interface RoundFrame {
  locale: string;
  voters: Member[];
  langs: Record<string, Lang>;
}

/** One line of the round's history: who answered what, when. */
export interface HistoryEntry extends AnswerEntry {
  email: string;
  name: string;
}

export const sameAnswer = (a: Answer, b: Answer): boolean =>
  a.answer === b.answer && a.items.join(',') === b.items.join(',') && (a.description ?? '') === (b.description ?? '');
