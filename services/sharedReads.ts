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
 */
export class SharedReads {
  /** Per key, the read callers may still join: it has not started. */
  private readonly waiting = new Map<string, Promise<unknown>>();
  /** Per key, the read in progress. */
  private readonly running = new Map<string, Promise<unknown>>();

  read<T>(key: string, run: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting as Promise<T>;
    const next = (this.running.get(key) ?? Promise.resolve()).then(afterCallbacks, afterCallbacks).then(() => {
      this.waiting.delete(key);
      const reading = run();
      this.running.set(key, reading);
      const done = () => {
        if (this.running.get(key) === reading) this.running.delete(key);
      };
      reading.then(done, done);
      return reading;
    });
    this.waiting.set(key, next);
    return next;
  }
}

/** A tick queued from a promise callback runs once all queued promise callbacks have. */
const afterCallbacks = () => new Promise<void>((resolve) => process.nextTick(resolve));
