/**
 * Concurrent asks for the same read share one store read. A caller joins the next read of
 * its key that has not started yet, never one already running, so what it gets was read
 * after it asked: every write that completed before (its own included) is in it, also
 * writes of other processes, since each read goes to the store. No result outlives its read.
 *
 * One read per key runs at a time; callers arriving meanwhile share the one after it. A read
 * starts once the promise callbacks queued when it was asked for have run, so callers resumed
 * together (the embedded store settles a group commit's writes at once) share it, without
 * waiting for the next turn of the event loop.
 *
 * With `rest` (for a store that reads on this thread, as the embedded store does), after a
 * slow read the next one of its key rests a while (REST_FACTOR times as long as the read took,
 * at most MAX_REST_MS): a burst of callers then shares few reads, and an expensive read (an
 * item's 1,000 ballots, read synchronously) takes a bounded share of the process however many
 * ask. A read under a millisecond is never held back. A store that waits on the network (Cosmos
 * DB) spends that time idle: resting after its reads would only add their round trip again.
 */
const REST_FACTOR = 4;
const MAX_REST_MS = 25;
const SLOW_READ_MS = 1;

export class SharedReads {
  constructor(private readonly options: { rest: boolean } = { rest: true }) {}

  /** Per key, the read callers may still join: it has not started. */
  private readonly waiting = new Map<string, Promise<unknown>>();
  /** Per key, settles when the next read may start: the read in progress has ended and rested. */
  private readonly gates = new Map<string, Promise<void>>();

  read<T>(key: string, run: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting as Promise<T>;
    const next = (this.gates.get(key) ?? Promise.resolve()).then(afterCallbacks).then(() => {
      this.waiting.delete(key);
      const started = performance.now();
      const reading = run();
      const rest = () => {
        const took = performance.now() - started;
        return !this.options.rest || took < SLOW_READ_MS ? undefined : pause(Math.min(REST_FACTOR * took, MAX_REST_MS));
      };
      const gate = reading.then(rest, rest);
      this.gates.set(key, gate);
      void gate.then(() => {
        if (this.gates.get(key) === gate) this.gates.delete(key);
      });
      return reading;
    });
    this.waiting.set(key, next);
    return next;
  }
}

/** A tick queued from a promise callback runs once all queued promise callbacks have. */
const afterCallbacks = () => new Promise<void>((resolve) => process.nextTick(resolve));
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
