import fs from 'node:fs';

/**
 * Makes an SQLite WAL durable off the event loop. With synchronous=NORMAL a commit writes
 * its frames to the WAL without an fsync; syncing the WAL file after the commit, before
 * anyone is told the write succeeded, gives what synchronous=FULL gives (the write survives
 * power loss), but on libuv's thread pool instead of blocking every other request for the
 * milliseconds an fsync takes.
 *
 * One sync runs at a time. Commits made while it runs share the next one: the WAL is
 * appended in order, so a sync started after a commit covers it and every commit before.
 */
export class WalSync {
  /** The sync callers may still join: it has not started. */
  private next: Promise<void> | undefined;
  /** Settles (never rejects) when the sync in progress has ended. */
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly walPath: string) {}

  /** Settles once everything committed before the call is on disk; rejects if the disk refused. */
  durable(): Promise<void> {
    this.next ??= this.running.then(() => {
      this.next = undefined;
      const sync = syncFile(this.walPath);
      this.running = sync.catch(() => undefined);
      return sync;
    });
    return this.next;
  }
}

/** fdatasync of the file; none there means SQLite has checkpointed it away (and synced the database file). */
async function syncFile(file: string): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
