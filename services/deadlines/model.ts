/**
 * The deadlines feature's own shapes: a task (from a meeting's agenda, from the
 * secretary's `frist` form, a comment round, or another feature such as habilitet),
 * and one assignment per (task, assignee) that holds their answer and their next nudge.
 */
import type { Assignees } from '../model';

/**
 * - `task`: deliver something (buttons "Afleveret" / "Påmind mig i morgen").
 * - `comments`: a draft circulated for written comments ("Kommentarer sendt" / "Ingen kommentarer").
 * - `reply`: answer something elsewhere in Referent (e.g. the habilitet question); the owning
 *   feature calls `markDone` when the member has answered, the card only offers snoozing.
 */
export const TASK_KINDS = ['task', 'comments', 'reply'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** How an assignee finished: delivered, sent comments, or had none. */
export const OUTCOMES = ['done', 'commentsSent', 'noComments'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The longest comment a member may write in answer to a comment round. */
export const COMMENT_MAX = 1000;

/** What `createTask` takes; validated with zod inside. */
export interface CreateTaskInput {
  networkId: string;
  /** The meeting (and agenda item) the task belongs to, for the minutes. */
  meetingId?: string;
  itemNumber?: number;
  title: string;
  /** Free text or a link to the draft/form. */
  description?: string;
  /** E-mails, a group (`regions`, `members`, `all`, an appointing body such as `lvs`), or a list mixing both. */
  assignees: Assignees | string[];
  /** "2021-08-11" (that day, 17.00 Copenhagen time), "2021-08-11T14:00" (Copenhagen) or ISO with offset. */
  due: string;
  /** Who receives the deliveries (an e-mail on the roster); defaults to the creator for comment rounds. */
  deliverTo?: string;
  kind?: TaskKind;
  /** Idempotency: creating twice with the same key returns the first task (re-imports, retried submits). */
  key?: string;
}

export interface TaskDoc {
  id: string;
  networkId: string;
  meetingId?: string;
  itemNumber?: number;
  kind: TaskKind;
  title: string;
  description?: string;
  /** As given (a group name or e-mails), for display and the minutes. */
  assignees: Assignees | string[];
  /** Resolved e-mails at creation (or the last re-import). */
  assigneeEmails: string[];
  /** The instant the task is due (ISO, UTC). */
  due: string;
  /** True when only a date was given; the due instant is then that day's end of work (17.00). */
  dueIsDate: boolean;
  deliverTo?: string;
  key?: string;
  createdBy: string;
  createdAt: string;
  /** Set when the secretary or the owning feature closed the task; no more nudges. */
  closedAt?: string;
}

/** Why a nudge is sent; the card's heading follows from it and from the time left. */
export type NudgeReason = 'announce' | 'before' | 'dueDay' | 'overdue' | 'snoozed' | 'manual';

export interface AssignmentDoc {
  taskId: string;
  networkId: string;
  email: string;
  status: 'open' | 'done' | 'removed';
  outcome?: Outcome;
  doneAt?: string;
  /** What a member wrote in answer to a comment round. */
  comment?: string;
  /** "Påmind mig i morgen": no nudge before this instant, then one. */
  snoozedUntil?: string;
  /** The nudge due at the document's dueAt: its idempotency key and reason. */
  pending?: { key: string; reason: NudgeReason; /** Who sent a manual nudge (e-mail), so it says who. */ by?: string };
  /** Recorded successful sends; a key here is never sent again. */
  sent: { key: string; reason: NudgeReason; at: string }[];
  /** Failed delivery rounds in a row for the pending nudge. */
  failures: number;
  lastError?: string;
  /** Set after too many failures: nudging stopped until the secretary nudges again. */
  failedAt?: string;
}

/** One assignee's state, as `frister` and the cards show it. */
export interface AssigneeStatus {
  email: string;
  name: string;
  status: AssignmentDoc['status'];
  outcome?: Outcome;
  doneAt?: string;
  comment?: string;
  nextNudgeAt?: string;
  lastNudgedAt?: string;
  failed: boolean;
  lastError?: string;
}

export interface TaskStatus {
  task: TaskDoc;
  assignees: AssigneeStatus[];
  /** While the first message is still on its way to some (a round to many members takes a while): how many have it. */
  sending?: { sent: number; total: number };
}
