/**
 * Sends due nudges, exactly once per planned nudge, with any number of bot instances on
 * one store:
 *  - one instance sweeps at a time, holding the sweep lease (sweepLease.ts); if it dies
 *    mid-sweep, another takes over when the lease runs out;
 *  - due nudges are found with `store.due` (a time index), so a sweep reads what is due,
 *    a page at a time, each page read just before it is sent;
 *  - a success is recorded under the nudge's idempotency key, from the version the page
 *    read (a click meanwhile makes it re-read), and a recorded key is never sent again;
 *  - after a send the next planned nudge after now is scheduled, so nudges missed while
 *    the bot was down go out as one message per assignee and task (in working hours: one
 *    found at night waits for the morning);
 *  - sends are paced by token buckets (Teams' limits), a 429 holds every send back for its
 *    Retry-After, other failures are retried with exponential backoff and jitter, and after
 *    `maxFailures` rounds the nudge is marked failed (shown in `frister`) and the next one
 *    planned.
 * botbuilder's connector client already retries each HTTP call a few times (honouring
 * Retry-After); what reaches this scheduler has outlasted those retries.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { eachLimited } from '../eachLimited';
import { memberLogId, type Member, type Network } from '../model';
import { findMember, type Networks } from '../networks';
import { PreconditionFailedError, updateDoc, type DocKey, type Store, type StoredDoc } from '../store/store';
import { ASSIGNMENT, statusOf, taskKey, type Deadlines } from './deadlines';
import { DeliveryError, type DeliveryFailure, type NudgeDelivery } from './delivery';
import type { AssignmentDoc, NudgeReason, TaskDoc } from './model';
import { nextNudge, planned } from './nudges';
import { RateLimiter, TEAMS_LIMITS, type RateLimits } from './rateLimit';
import { isWorkingTime, nextWorkingSlot } from './schedule';
import { SweepLease } from './sweepLease';

/** What the scheduler logs through; pino's logger fits. */
export interface SchedulerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Other work done by the sweep under its lease, so it too runs on one instance at a time:
 * documents of `kind` whose dueAt has come. `held()` says whether this instance still holds
 * the lease; a job asks before each send and stops at a no. A job that sends to members
 * paces its sends with `sends`, so the nudges and every job together keep within Teams' rates.
 */
export interface SweepJob {
  kind: string;
  /** Handles what is due by `until`; how many documents (or messages) it handled. */
  run(until: string, held: () => Promise<boolean>, sends: SweepSends): Promise<number>;
  /** Subscribes to "something of this kind is due now", so the sweep starts at once instead of on its next tick. */
  onDue?(listener: () => void): () => void;
  /** Run before the due nudges are sent: what it settles may make a nudge unnecessary. */
  beforeNudges?: boolean;
}

/** What the sweep lends its jobs for sending: its rate limiter and the nudges' retry policy. */
export interface SweepSends {
  /** Resolves when a message may go to this conversation (Teams' per-conversation and per-app rates). */
  pace(conversation: string): Promise<void>;
  /** Holds every send back, for a 429's Retry-After. */
  pause(ms: number): void;
  /** Sends in flight at once. */
  concurrency: number;
  /** The wait before trying again after this many failed sends; undefined once they are too many. */
  retryAfter(failures: number): number | undefined;
}

export interface SchedulerOptions {
  store: Store;
  clock: Clock;
  networks: Networks;
  deadlines: Deadlines;
  delivery: NudgeDelivery;
  log?: SchedulerLog;
  /** Further jobs swept under the same lease, after the nudges. */
  jobs?: SweepJob[];
  /** This instance's name in the sweep lease; random by default. */
  owner?: string;
  /** Between sweeps (default 30 s). */
  tickMs?: number;
  /** How long the sweep lease holds before another instance may sweep (default 2 min; renewed while sending). */
  leaseMs?: number;
  /** Due nudges read per query (default 200). */
  batchSize?: number;
  /** Nudges handled at once within a sweep (default 8). */
  concurrency?: number;
  /** Failed delivery rounds before a nudge is marked failed (default 5). */
  maxFailures?: number;
  /** First retry delay after a transient failure, doubled each time, with jitter (default 1 min, at most 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  limits?: RateLimits;
  /** The pacing's own time (default: the real one); tests pass a virtual one. */
  pacing?: Pacing;
  /** Re-reads meetings for imported tasks every this many ticks (default 10, i.e. 5 min). */
  materialiseEvery?: number;
  random?: () => number;
}

export interface Pacing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface SweepReport {
  /** Assignment documents the due query returned. */
  read: number;
  sent: number;
  /** Will be retried later. */
  retrying: number;
  /** Marked failed after too many attempts (or a permanent error). */
  failed: number;
  /** Due but not sent: already sent, outside working hours, or nothing left to nudge. */
  skipped: number;
  /** Another instance held the sweep lease: the due nudges were left to it. */
  busy: boolean;
  /** Documents the further jobs handled. */
  jobs: number;
}

/** A due nudge with what sending it needs. */
interface Due {
  /** The assignment as the page read it (its etag saves a read when recording). */
  doc: StoredDoc<AssignmentDoc>;
  task: TaskDoc;
  network: Network;
  member: Member;
  key: string;
  reason: NudgeReason;
  by?: string;
}

const silent: SchedulerLog = { info: () => {}, warn: () => {}, error: () => {} };
const SENT_KEPT = 100;

export class NudgeScheduler {
  readonly owner: string;
  private readonly o: Required<Omit<SchedulerOptions, 'owner' | 'log' | 'pacing'>>;
  private readonly log: SchedulerLog;
  private readonly limiter: RateLimiter;
  private readonly lease: SweepLease;
  private readonly sends: SweepSends;
  private timer?: NodeJS.Timeout;
  private unsubscribe: (() => void)[] = [];
  private ticks = 0;
  private stopped = false;
  private chain: Promise<unknown> = Promise.resolve();
  private queued?: Promise<SweepReport>;
  private ticking?: Promise<void>;
  private soonTimer?: NodeJS.Timeout;
  private woken?: Promise<void>;

  constructor(options: SchedulerOptions) {
    this.owner = options.owner ?? randomUUID();
    this.log = options.log ?? silent;
    this.o = {
      tickMs: 30_000,
      leaseMs: 2 * 60_000,
      batchSize: 200,
      concurrency: 8,
      maxFailures: 5,
      backoffMs: 60_000,
      maxBackoffMs: 3_600_000,
      limits: TEAMS_LIMITS,
      materialiseEvery: 10,
      random: Math.random,
      jobs: [],
      ...stripUndefined(options),
    } as Required<Omit<SchedulerOptions, 'owner' | 'log' | 'pacing'>>;
    this.limiter = new RateLimiter(this.o.limits, options.pacing?.now, options.pacing?.sleep);
    this.lease = new SweepLease(this.o.store, this.o.clock, this.owner, this.o.leaseMs);
    this.sends = {
      pace: (conversation) => this.limiter.take(conversation),
      pause: (ms) => this.limiter.pause(ms),
      concurrency: this.o.concurrency,
      retryAfter: (failures) => (failures >= this.o.maxFailures ? undefined : this.backoff(failures)),
    };
  }

  /**
   * Due nudges read at once: what the app's rate lets out in about a second (at most
   * batchSize), so a page is fresh when it is sent: an assignee who clicked "done" a
   * moment ago is not nudged.
   */
  private get pageSize(): number {
    return Math.max(this.o.concurrency, Math.min(this.o.batchSize, Math.ceil(this.o.limits.perAppPerSecond)));
  }

  /** Starts ticking: at once (imported tasks, and nudges missed while the bot was down), then every tickMs. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.unsubscribe = [this.o.deadlines.onNudgeDue(() => this.soon()), ...this.o.jobs.flatMap((job) => (job.onDue ? [job.onDue(() => this.soon())] : []))];
    this.timer = setInterval(() => void this.tick(), this.o.tickMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops ticking and waits for the sweep in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.soonTimer);
    this.soonTimer = undefined;
    this.woken = undefined;
    this.unsubscribe.forEach((off) => off());
    await this.ticking;
    await this.chain;
  }

  /** One tick: now and then re-read meetings for tasks, then sweep; errors are logged, never thrown. */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        if (this.ticks++ % this.o.materialiseEvery === 0) await this.o.deadlines.materialiseAll();
        const report = await this.sweep();
        if (report.sent || report.retrying || report.failed || report.jobs) this.log.info({ ...report, owner: this.owner }, 'nudges swept');
        if (report.busy) this.log.info({ owner: this.owner }, 'due nudges left to the instance holding the sweep lease');
      } catch (err) {
        this.log.error({ err }, 'nudge sweep failed');
      } finally {
        this.ticking = undefined;
      }
    })();
    return this.ticking;
  }

  /**
   * Sends every nudge due now. Sweeps of one instance never overlap: a call while one runs
   * waits for it and then sweeps again (joining a sweep that is already waiting).
   */
  sweep(): Promise<SweepReport> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = undefined;
      return this.sweepOnce();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Resolves once the sweeps asked for so far (a wake, a tick, a call) are done: what a
   * caller awaits to see what it queued sent, or planned for later.
   */
  async settled(): Promise<void> {
    await this.woken;
    await this.ticking;
    await this.chain;
  }

  private soon(): void {
    if (this.stopped || this.soonTimer) return;
    this.woken = new Promise((resolve) => {
      this.soonTimer = setTimeout(() => {
        this.soonTimer = undefined;
        resolve(this.sweep().then(
          () => undefined,
          (err: unknown) => this.log.error({ err }, 'nudge sweep failed'),
        ));
      }, 0);
      this.soonTimer.unref();
    });
  }

  private async sweepOnce(): Promise<SweepReport> {
    const report: SweepReport = { read: 0, sent: 0, retrying: 0, failed: 0, skipped: 0, busy: false, jobs: 0 };
    const until = this.o.clock.now().toISOString();
    // Most ticks find nothing due: only then is the lease worth a write.
    const nudgesDue = (await this.o.store.due(ASSIGNMENT, until, 1)).length > 0;
    const jobsDue = [];
    for (const job of this.o.jobs) if ((await this.o.store.due(job.kind, until, 1)).length) jobsDue.push(job);
    if (!nudgesDue && !jobsDue.length) return report;
    if (!(await this.lease.take())) return { ...report, busy: true };
    const held = async () => {
      report.busy ||= !(await this.lease.keep());
      return !report.busy;
    };
    const runJobs = async (jobs: SweepJob[]) => {
      for (const job of jobs) {
        if (report.busy) break;
        report.jobs += await job.run(until, held, this.sends);
      }
    };
    try {
      await runJobs(jobsDue.filter((job) => job.beforeNudges));
      if (nudgesDue && !report.busy) await this.sweepNudges(until, report);
      await runJobs(jobsDue.filter((job) => !job.beforeNudges));
      return report;
    } finally {
      await this.lease.release();
    }
  }

  /** Sends the nudges due by `until`, a page at a time. */
  private async sweepNudges(until: string, report: SweepReport): Promise<void> {
    const seen = new Set<string>();
    const cache = new SweepCache(this.o.store, this.o.networks);
    for (;;) {
      const docs = await this.o.store.due<AssignmentDoc>(ASSIGNMENT, until, this.pageSize);
      report.read += docs.length;
      const fresh = docs.filter((d) => !seen.has(`${d.pk}|${d.id}`));
      fresh.forEach((d) => seen.add(`${d.pk}|${d.id}`));
      // Each outcome is recorded as soon as it is known, without holding up the next send.
      const records: Promise<unknown>[] = [];
      await eachLimited(fresh, this.o.concurrency, async (doc) => {
        const nudge = await this.guarded(doc, report, () => this.prepare(doc, cache, report));
        if (!nudge) return;
        const failure = await this.deliver(nudge, report);
        if (failure === 'notHeld') return;
        records.push(this.guarded(doc, report, () => (failure ? this.recordFailure(nudge, failure.err, report) : this.recordSuccess(nudge, report))));
      });
      await Promise.all(records);
      if (report.busy) break;
      // A short page is the end; a page of nothing new means the rest is stuck until the next tick.
      if (docs.length < this.pageSize || !fresh.length) break;
    }
  }

  /** Runs one nudge's step; an error leaves the nudge due (it is found again) and is logged. */
  private async guarded<T>(doc: StoredDoc<AssignmentDoc>, report: SweepReport, step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (err) {
      report.skipped++;
      this.log.error({ err, nudge: doc.id }, 'nudge could not be handled; it stays due');
      return undefined;
    }
  }

  /** What sending a due nudge needs, or undefined after planning what comes instead (nothing, the next nudge, the morning). */
  private async prepare(doc: StoredDoc<AssignmentDoc>, cache: SweepCache, report: SweepReport): Promise<Due | undefined> {
    const a = doc.data;
    const now = this.o.clock.now();
    const task = await cache.task(a.taskId);
    const network = task && (await cache.network(task.networkId));
    const member = network && findMember(network, a.email);
    if (!task || !network || !member || task.closedAt || a.status !== 'open' || !a.pending) {
      await this.settle(doc, undefined);
      report.skipped++;
      return undefined;
    }
    const key = a.pending.key;
    if (a.sent.some((s) => s.key === key)) {
      // Sent and recorded by someone before: only the next nudge is left to plan.
      await this.settle(doc, nextNudge(task, a, now, network.settings.nudgeDaysBefore));
      report.skipped++;
      return undefined;
    }
    if (a.pending.reason !== 'manual' && !isWorkingTime(now)) {
      // Found late (the bot was down): it waits for the next working morning rather than ringing at night.
      await this.settle(doc, { key, reason: a.pending.reason, at: nextWorkingSlot(now) });
      report.skipped++;
      return undefined;
    }
    return { doc, task, network, member, key, reason: currentReason(a.pending.reason, task, now), by: a.pending.by };
  }

  /**
   * Sends a due nudge, paced; what went wrong, if anything. The lease is checked after the
   * pacing (which may wait out a long Retry-After): a lease that ran out meanwhile may be
   * another instance's now, and the nudge is left to it.
   */
  private async deliver(nudge: Due, report: SweepReport): Promise<{ err: unknown } | 'notHeld' | undefined> {
    const { task, network, member, key, doc } = nudge;
    try {
      await this.limiter.take(member.email);
      if (report.busy || !(await this.lease.keep())) {
        report.busy = true;
        return 'notHeld';
      }
      await this.o.delivery.deliver({
        idempotencyKey: `${task.id}|${member.email}|${key}`,
        reason: nudge.reason,
        by: nudge.by,
        task,
        network,
        assignee: member,
        status: statusOf(network, doc.data, null),
      });
      return undefined;
    } catch (err) {
      return { err };
    }
  }

  private async recordSuccess({ doc, task, network, key, reason }: Due, report: SweepReport): Promise<void> {
    const now = this.o.clock.now();
    await updateDoc<AssignmentDoc>(
      this.o.store,
      keyOf(doc),
      (current) => {
        if (!current) return undefined;
        const data: AssignmentDoc = {
          ...current,
          sent: [...current.sent.filter((s) => s.key !== key), { key, reason, at: now.toISOString() }].slice(-SENT_KEPT),
          failures: 0,
          lastError: undefined,
          failedAt: undefined,
        };
        // A click (done, snooze) or a "nudge now" while we sent has planned what comes next.
        if (current.pending?.key !== key) return { data };
        return planned(data, nextNudge(task, data, now, network.settings.nudgeDaysBefore));
      },
      doc,
    );
    report.sent++;
  }

  private async recordFailure({ doc, task, network, key }: Due, err: unknown, report: SweepReport): Promise<void> {
    const now = this.o.clock.now();
    const email = doc.data.email;
    const failure: DeliveryFailure = err instanceof DeliveryError ? err.failure : 'transient';
    const message = err instanceof Error ? err.message : String(err);
    const retryAfterMs = err instanceof DeliveryError && err.retryAfterMs !== undefined ? err.retryAfterMs : undefined;
    if (failure === 'throttled') this.limiter.pause(retryAfterMs ?? this.o.backoffMs);
    const result: { outcome: 'retrying' | 'failed' } = { outcome: 'retrying' };
    await updateDoc<AssignmentDoc>(
      this.o.store,
      keyOf(doc),
      (current) => {
        // Gone, or a click (done, snooze) or a "nudge now" has planned what comes next.
        if (current?.pending?.key !== key) return undefined;
        const failures = current.failures + 1;
        if (failure === 'permanent' || failures >= this.o.maxFailures) {
          result.outcome = 'failed';
          const data: AssignmentDoc = { ...current, failures: 0, lastError: message, failedAt: now.toISOString() };
          return planned(data, nextNudge(task, data, now, network.settings.nudgeDaysBefore));
        }
        result.outcome = 'retrying';
        const wait = failure === 'throttled' ? Math.max(retryAfterMs ?? this.o.backoffMs, 1000) : this.backoff(failures);
        return { data: { ...current, failures, lastError: message }, dueAt: new Date(now.getTime() + wait).toISOString() };
      },
      doc,
    );
    const details = { task: task.id, member: memberLogId(email), key, failure, err: message };
    if (result.outcome === 'failed') this.log.warn(details, 'nudge failed; the next one is planned');
    else this.log.info(details, 'nudge will be retried');
    report[result.outcome]++;
  }

  /** Exponential backoff with equal jitter: half the delay fixed, half random. */
  private backoff(failures: number): number {
    const delay = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (failures - 1));
    return Math.round(delay / 2 + (this.o.random() * delay) / 2);
  }

  /** Plans `next` (or nothing) for a due document without sending; a concurrent writer wins. */
  private async settle(doc: StoredDoc<AssignmentDoc>, next: ReturnType<typeof nextNudge>): Promise<void> {
    try {
      await this.o.store.replace<AssignmentDoc>({ ...keyOf(doc), ...planned(doc.data, next) }, doc.etag);
    } catch (err) {
      if (!(err instanceof PreconditionFailedError)) throw err;
    }
  }
}

/** A reminder that goes out after the deadline (late, or snoozed past it) says it is overdue. */
function currentReason(planned: NudgeReason, task: TaskDoc, now: Date): NudgeReason {
  if (planned === 'announce' || planned === 'manual') return planned;
  return now.getTime() > Date.parse(task.due) ? 'overdue' : planned;
}

/** Tasks and networks read once per sweep, however many of their nudges are due. */
class SweepCache {
  private readonly tasks = new Map<string, Promise<TaskDoc | undefined>>();
  private readonly networks = new Map<string, Promise<Network | undefined>>();

  constructor(
    private readonly store: Store,
    private readonly roster: Networks,
  ) {}

  task(id: string): Promise<TaskDoc | undefined> {
    if (!this.tasks.has(id)) this.tasks.set(id, this.store.get<TaskDoc>(taskKey(id)).then((d) => d?.data));
    return this.tasks.get(id)!;
  }

  network(id: string): Promise<Network | undefined> {
    if (!this.networks.has(id)) this.networks.set(id, this.roster.get(id));
    return this.networks.get(id)!;
  }
}

/** A due document's own key: every outcome is recorded where the sweep found it. */
const keyOf = ({ kind, pk, id }: DocKey): DocKey => ({ kind, pk, id });

const stripUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
