import assert from 'node:assert/strict';
import sinon from 'sinon';
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

  describe('resting after a slow read (on a fake clock)', function () {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })));
    afterEach(() => clock.restore());

    /** Lets the promise callbacks and ticks queued so far run. */
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

    it('lets the callers after a slow read share the next one, which waits out four times as long as the read took', async function () {
      const reads = new SharedReads();
      let runs = 0;
      const slow = () =>
        reads.read('k', async () => {
          runs++;
          clock.tick(4); // 4 ms of synchronous work, as the embedded store reads
          return runs;
        });
      assert.equal(await slow(), 1);
      const later = Promise.all([slow(), slow(), slow()]);
      await settle();
      clock.tick(15);
      await settle();
      assert.equal(runs, 1, 'the next read still rests 1 ms after 15');
      clock.tick(1);
      assert.deepEqual(await later, [2, 2, 2], 'the three callers after the first read shared one');
    });

    it('never rests for a store that waits on the network: its callers at once still share a read', async function () {
      const reads = new SharedReads({ rest: false });
      let runs = 0;
      const remote = () =>
        reads.read('k', async () => {
          runs++;
          clock.tick(5); // a round trip
          return runs;
        });
      assert.equal(await remote(), 1);
      assert.equal(clock.countTimers(), 0, 'no rest was scheduled');
      assert.deepEqual(await Promise.all([remote(), remote()]), [2, 2]);
    });

    it('never holds back a read that took under a millisecond', async function () {
      const reads = new SharedReads();
      for (let i = 0; i < 20; i++) {
        assert.equal(await reads.read('k', async () => i), i);
        assert.equal(clock.countTimers(), 0, 'no rest was scheduled');
      }
    });
  });
});
