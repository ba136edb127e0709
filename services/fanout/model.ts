/**
 * A fan-out: one message to each of many members (the habilitet prompt, a vote reminder),
 * queued in the store when the chair asks for it and sent afterwards by the sweep. One
 * document per fan-out, in its meeting's partition, holding every recipient's state: the
 * chair's turn writes one document however many members there are, and the status card
 * reads one to show the progress.
 */

export const FANOUT_KIND = 'fanout';

export const FANOUT_PURPOSES = ['habilitet', 'voteReminder'] as const;
export type FanoutPurpose = (typeof FANOUT_PURPOSES)[number];

/**
 * - `queued`: still to send (again after `retryAt`, when a send failed for a while);
 * - `sent`: Teams accepted it;
 * - `unreachable`: the bot has no way to reach them yet (they have not written, no linked team lists them);
 * - `failed`: Teams refused it, or kept failing; asking again queues it anew.
 */
export type RecipientState = 'queued' | 'sent' | 'unreachable' | 'failed';

export interface Recipient {
  email: string;
  state: RecipientState;
  /** Failed sends so far of the queued message. */
  attempts: number;
  retryAt?: string;
  error?: string;
}

export interface FanoutDoc {
  networkId: string;
  meetingId: string;
  purpose: FanoutPurpose;
  /** The agenda item of a vote reminder. */
  itemNumber?: number;
  /** Who asked for it (e-mail), and when this batch was queued. */
  by: string;
  queuedAt: string;
  /** When the last queued recipient was settled; unset while sends remain. */
  finishedAt?: string;
  recipients: Recipient[];
}

/** Which fan-out of a meeting: its purpose and, for a vote reminder, the item. */
export interface FanoutRef {
  networkId: string;
  meetingId: string;
  purpose: FanoutPurpose;
  itemNumber?: number;
}

/** How far a fan-out has come, as a status card shows it. */
export interface FanoutProgress {
  total: number;
  sent: number;
  /** Still to send (some perhaps waiting to be retried). */
  queued: number;
  unreachable: string[];
  failed: string[];
  finished: boolean;
}

export function progressOf(job: FanoutDoc): FanoutProgress {
  const having = (state: RecipientState) => job.recipients.filter((r) => r.state === state);
  return {
    total: job.recipients.length,
    sent: having('sent').length,
    queued: having('queued').length,
    unreachable: having('unreachable').map((r) => r.email),
    failed: having('failed').map((r) => r.email),
    finished: !having('queued').length,
  };
}
