import assert from 'node:assert/strict';
import { SharedReads } from '../../services/sharedReads';

describe('SharedReads', function () {
  it('serves callers who ask at once from one read, and callers of another key from their own', async function () {
    const reads = new SharedReads();
    let runs = 0;
    const read = (key: string) => reads.read(key, async () => `${key} ${++runs}`);
    assert.deepEqual(await Promise.all([read('a'), read('a'), read('b'), read('a')]), ['a 1', 'a 1', 'b 2', 'a 1']);
    assert.equal(await read('a'), 'a 3', 'a later ask reads again');
  });

  it('never hands a caller a read that started before it asked: it waits for the next one', async function () {
    const reads = new SharedReads();
    let value = 'old';
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = reads.read('k', () => {
      started();
      return new Promise<string>((resolve) => (release = () => resolve(value)));
    });
    await running;
    value = 'new'; // a write completes, then two more callers ask
    const later = [reads.read('k', async () => value), reads.read('k', async () => 'not run')];
    release();
    assert.equal(await first, 'new', 'the first read returns what it read');
    assert.deepEqual(await Promise.all(later), ['new', 'new'], 'both later callers share the read after it');
  });

  it('passes a failed read to its callers only; the next ask reads again', async function () {
    const reads = new SharedReads();
    const failing = [reads.read('k', async () => Promise.reject(new Error('store down'))), reads.read('k', async () => 'unused')];
    for (const p of failing) await assert.rejects(p, /store down/);
    assert.equal(await reads.read('k', async () => 'back'), 'back');
  });

  it('after a slow read, lets the callers of its rest share the next read, which waits out the rest', async function () {
    const reads = new SharedReads();
    let runs = 0;
    const slow = () =>
      reads.read('k', async () => {
        runs++;
        const started = performance.now();
        while (performance.now() - started < 4); // 4 ms of synchronous work, as the embedded store reads
        return performance.now();
      });
    const firstDone = await slow();
    const later = await Promise.all([slow(), slow(), slow()]);
    assert.equal(runs, 2, 'the three callers after the first read shared one');
    assert.ok(later[0] - firstDone >= 4 * 4, `the second read began ${(later[0] - firstDone).toFixed(1)} ms after the first ended: it rested 4 times as long as the read`);
  });

  it('never holds back a read that took under a millisecond', async function () {
    const reads = new SharedReads();
    const started = performance.now();
    for (let i = 0; i < 20; i++) await reads.read('k', async () => i);
    assert.ok(performance.now() - started < 20, 'twenty quick reads one after another waited for no timer');
  });
});
