/**
 * The port through which the scheduler sends a nudge. The Teams edge implements it
 * (bot/nudgeDelivery.ts); tests use fakes. The domain knows nothing of Teams: a failed
 * send is described as throttled (with the wait asked for), transient or permanent.
 */
import type { Member, Network } from '../model';
import type { AssigneeStatus, NudgeReason, TaskDoc } from './model';

export interface Nudge {
  /** Unique per (task, assignee, planned nudge): the same key is never sent twice after a recorded success. */
  idempotencyKey: string;
  reason: NudgeReason;
  /** Who sent a manual nudge (e-mail). */
  by?: string;
  task: TaskDoc;
  network: Network;
  assignee: Member;
  /** The assignee's state as the card should show it. */
  status: AssigneeStatus;
}

export interface NudgeDelivery {
  /** Sends the nudge to the assignee's 1:1 chat; throws DeliveryError (anything else counts as transient). */
  deliver(nudge: Nudge): Promise<void>;
}

export type DeliveryFailure = 'throttled' | 'transient' | 'permanent';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    /** For `throttled`: how long the service asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
