/**
 * Sends queued fan-outs, as a job of the sweep (services/deadlines/scheduler.ts): under the
 * sweep's lease, so one instance sends at a time and another takes over when it dies, and
 * through the sweep's rate limiter, so fan-outs and nudges together stay within Teams' rates
 * (deadlines/rateLimit.ts), with the nudges' retry policy. Each outcome is written into the
 * fan-out's document as soon as it is known, and only queued recipients are sent to: a
 * restart resumes with those not recorded yet, and a recorded send is never repeated. Like a
 * nudge, the one send that can be repeated is one Teams accepted whose answer never reached
 * the bot.
 */
import type { Clock } from '../clock';
import { DeliveryError } from '../deadlines/delivery';
import type { SchedulerLog, SweepJob, SweepSends } from '../deadlines/scheduler';
import { eachLimited } from '../eachLimited';
import { memberLogId } from '../model';
import { updateDoc, type DocKey, type Store, type StoredDoc } from '../store/store';
import type { Fanout } from './fanout';
import { FANOUT_KIND, type FanoutDoc, type Recipient } from './model';

/** The Teams side of a fan-out: bot/fanoutDelivery.ts; tests use fakes. */
export interface FanoutDelivery {
  /**
   * What sends this fan-out's message to one member, for one pass over its queued recipients:
   * what every message shares may be read once for the pass. The sender answers 'unreachable'
   * when the bot has no way to reach the member yet, and throws DeliveryError when Teams
   * refused (anything else counts as transient).
   */
  sender(job: FanoutDoc): FanoutSender;
  /** Outcomes were recorded (every few sends, and when the sweep is done with it): e.g. a status card follows. */
  progressed(job: FanoutDoc): Promise<void>;
}

export type FanoutSender = (email: string) => Promise<'sent' | 'unreachable'>;

type DrainLog = Pick<SchedulerLog, 'warn' | 'error'>;

/** Outcomes between two progress reports: often enough for a live card, seldom enough not to compete with the sends. */
const PROGRESS_EVERY = 25;
/** Due fan-outs read at once; each is sent whole before the next page. */
const PAGE = 10;

export class FanoutDrain implements SweepJob {
  readonly kind = FANOUT_KIND;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly queue: Fanout,
    private readonly delivery: FanoutDelivery,
    private readonly log: DrainLog,
  ) {}

  onDue(listener: () => void): () => void {
    return this.queue.onQueued(listener);
  }

  /** Sends every fan-out due by `until`, until the lease is lost; how many messages it handled. */
  async run(until: string, held: () => Promise<boolean>, sends: SweepSends): Promise<number> {
    const seen = new Set<string>();
    let handled = 0;
    for (;;) {
      const jobs = (await this.store.due<FanoutDoc>(FANOUT_KIND, until, PAGE)).filter((j) => !seen.has(`${j.pk}|${j.id}`));
      // Nothing new: done, or the rest could not be recorded and waits for the next tick.
      if (!jobs.length) return handled;
      for (const job of jobs) {
        seen.add(`${job.pk}|${job.id}`);
        const { count, lost } = await this.send(job, held, sends);
        handled += count;
        if (lost) return handled;
      }
    }
  }

  /** Sends one fan-out's queued messages; `lost` if the lease was lost on the way. */
  private async send(job: StoredDoc<FanoutDoc>, held: () => Promise<boolean>, sends: SweepSends): Promise<{ count: number; lost: boolean }> {
    const now = this.clock.now().getTime();
    const todo = job.data.recipients.filter((r) => r.state === 'queued' && (!r.retryAt || Date.parse(r.retryAt) <= now));
    if (!todo.length) return { count: 0, lost: false };
    const outcomes = new Outcomes(this.store, job, this.clock, this.log);
    const deliver = this.delivery.sender(job.data);
    let lost = false;
    let count = 0;
    await eachLimited(todo, sends.concurrency, async (recipient) => {
      if (lost || outcomes.broken) return;
      await sends.pace(recipient.email);
      if (lost || (lost = !(await held()))) return;
      outcomes.add(await this.attempt(job.data, deliver, recipient, sends));
      if (++count % PROGRESS_EVERY === 0) void outcomes.written().then((doc) => this.progressed(doc));
    });
    await this.progressed(await outcomes.written());
    return { count, lost };
  }

  private async attempt(job: FanoutDoc, deliver: FanoutSender, recipient: Recipient, sends: SweepSends): Promise<Recipient> {
    const { email } = recipient;
    try {
      return { email, state: await deliver(email), attempts: 0 };
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError(err instanceof Error ? err.message : String(err), 'transient');
      const attempts = recipient.attempts + 1;
      this.log.warn({ err: e.message, failure: e.failure, member: memberLogId(email), meeting: job.meetingId, purpose: job.purpose, attempts }, 'fan-out message not delivered');
      const backoff = sends.retryAfter(attempts);
      if (e.failure === 'permanent' || backoff === undefined) return { email, state: 'failed', attempts, error: e.message };
      if (e.failure === 'throttled') sends.pause(e.retryAfterMs ?? backoff);
      const wait = e.failure === 'throttled' ? Math.max(e.retryAfterMs ?? backoff, 1000) : backoff;
      return { email, state: 'queued', attempts, error: e.message, retryAt: new Date(this.clock.now().getTime() + wait).toISOString() };
    }
  }

  private async progressed(doc: StoredDoc<FanoutDoc> | undefined): Promise<void> {
    if (!doc) return;
    try {
      await this.delivery.progressed(doc.data);
    } catch (err) {
      this.log.warn({ err, meeting: doc.data.meetingId, purpose: doc.data.purpose }, 'could not show the progress of a fan-out');
    }
  }
}

/**
 * A fan-out's outcomes on their way into its document: each is written as soon as it is
 * known, and outcomes that arrive while a write is in flight go together in the next one,
 * so concurrent sends do not race each other for the document's ETag.
 */
class Outcomes {
  private readonly pending = new Map<string, Recipient>();
  private writing?: Promise<void>;
  /** A write failed: the sends stop, and the unrecorded ones are found queued again later. */
  broken = false;

  constructor(
    private readonly store: Store,
    private latest: StoredDoc<FanoutDoc>,
    private readonly clock: Clock,
    private readonly log: DrainLog,
  ) {}

  add(outcome: Recipient): void {
    this.pending.set(outcome.email, outcome);
    this.writing ??= this.write().finally(() => (this.writing = undefined));
  }

  /** The document once every outcome so far is written; undefined if it is gone or a write failed. */
  async written(): Promise<StoredDoc<FanoutDoc> | undefined> {
    while (this.writing) await this.writing;
    return this.broken ? undefined : this.latest;
  }

  private async write(): Promise<void> {
    try {
      while (this.pending.size && !this.broken) {
        const batch = new Map(this.pending);
        this.pending.clear();
        const doc = await updateDoc<FanoutDoc>(this.store, keyOf(this.latest), (current) => (current ? withOutcomes(current, batch, this.clock.now()) : undefined), this.latest);
        if (!doc) {
          this.broken = true;
          return;
        }
        this.latest = doc;
      }
    } catch (err) {
      this.broken = true;
      this.log.error({ err, meeting: this.latest.data.meetingId, purpose: this.latest.data.purpose }, 'could not record fan-out sends; the unrecorded ones are sent again later');
    }
  }
}

/**
 * The fan-out with these outcomes (for recipients still queued: asking again meanwhile may
 * have changed others), due again at once while anything is queued for now, at the first
 * retry when only retries are left, and finished otherwise.
 */
function withOutcomes(current: FanoutDoc, outcomes: Map<string, Recipient>, now: Date): { data: FanoutDoc; dueAt: string | null } {
  const recipients = current.recipients.map((r) => (r.state === 'queued' && outcomes.has(r.email) ? outcomes.get(r.email)! : r));
  const queued = recipients.filter((r) => r.state === 'queued');
  const { finishedAt: _finished, ...unfinished } = current;
  if (!queued.length) return { data: { ...unfinished, recipients, finishedAt: now.toISOString() }, dueAt: null };
  const waits = queued.map((r) => r.retryAt ?? now.toISOString()).sort();
  return { data: { ...unfinished, recipients }, dueAt: waits[0] };
}

const keyOf = ({ kind, pk, id }: DocKey): DocKey => ({ kind, pk, id });
