import type { Cards } from '../cards/cards';
import type { Services } from '../services';
import { DeliveryError, type Nudge, type NudgeDelivery } from '../services/deadlines';
import { DomainError } from '../services/errors';
import { langOf } from '../services/i18n';
import type { Messenger } from './messenger';

/**
 * The deadlines scheduler's way into Teams: renders the nudge card and sends it to the
 * assignee's 1:1 chat through the Messenger, and describes a failure to the scheduler:
 * 429 → throttled (with Retry-After), 5xx/408/network → transient, other 4xx or nobody to
 * reach yet → permanent. botbuilder's connector client has already retried the call
 * (it honours Retry-After itself) before an error reaches this adapter; its RestError
 * carries `statusCode` and `response.headers`.
 */
export class TeamsNudgeDelivery implements NudgeDelivery {
  constructor(
    private readonly messenger: Messenger,
    private readonly services: Services,
    private readonly cards: Cards,
  ) {}

  async deliver(nudge: Nudge): Promise<void> {
    const { task, network, assignee, status, reason, by } = nudge;
    const [reach, meeting] = await Promise.all([
      this.services.identities.reach(assignee.email),
      task.meetingId ? this.services.meetings.get(network.id, task.meetingId) : undefined,
    ]);
    // Refresh names users by their Teams user id (MRI) only; an assignee whose MRI is not known
    // yet gets the card as it is now, and their click still brings the current state.
    const userIds = reach.contact?.teamsUserId ? [reach.contact.teamsUserId] : [];
    // In the assignee's own language, else the network's: never the language of whoever set the task.
    const lang = reach.lang ?? langOf(network.locale);
    const card = this.cards.nudge({ task, network, status, reason, by, meeting, now: this.services.clock.now(), userIds }, lang);
    try {
      await this.messenger.toMember(assignee.email, { card }, reach);
    } catch (err) {
      throw deliveryError(err);
    }
  }
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string | undefined> };
}

/** A connector (or messenger) error as the scheduler understands it. */
export function deliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof DomainError) return new DeliveryError(err.message, 'permanent');
  const e = (typeof err === 'object' && err !== null ? err : {}) as ConnectorError;
  const message = e.message ?? String(err);
  const status = e.statusCode;
  if (status === 429) return new DeliveryError(message, 'throttled', retryAfterMs(header(e, 'retry-after')));
  if (status === undefined || status === 408 || status >= 500) return new DeliveryError(message, 'transient');
  return new DeliveryError(message, 'permanent');
}

function header(e: ConnectorError, name: string): string | undefined {
  const headers = e.response?.headers;
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | undefined>;
  return record[name] ?? Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
