/**
 * A sweep costs in proportion to what is due: the scheduler reads the due nudges through
 * the store's time index, plus their tasks, and nothing else. The stores are wrapped in a
 * counting proxy that counts every document read and every write.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AssignmentDoc, TaskDoc } from '../../services/deadlines/model';
import { EMBEDDED_DB_FILE, EmbeddedStore } from '../../services/store/embedded';
import type { NewDoc, Store } from '../../services/store/store';
import { forEachStore } from '../helpers/stores';
import { RecordingDelivery, scheduler, SECRETARY, seeded } from './fixtures';

const NOW = new Date('2021-06-02T13:10:00Z');
const VOTERS = ['anne.lund@example.dk', 'mads.kjaer@example.dk', 'soren.ahl@example.dk', 'karen.ostby@example.dk', 'lise.damgaard@example.dk', 'jens.praest@example.dk', 'ida.fjord@example.dk', 'ole.winther@example.dk', 'maja.krogh@example.dk'];
/** No pacing in these tests: they measure the store, not Teams' limits. */
const UNLIMITED = { perAppPerSecond: 1e9, perConversationPerSecond: 1e9 };

interface Counter {
  read: number;
  written: number;
}

/** The store, counting documents returned by get/list/due and every write. */
function counting(store: Store): { store: Store; counter: Counter } {
  const counter: Counter = { read: 0, written: 0 };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const result = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        if (prop === 'get' && result) counter.read++;
        if (prop === 'list' || prop === 'due') counter.read += (result as unknown[]).length;
        if (['create', 'upsert', 'replace', 'delete'].includes(String(prop))) counter.written++;
        return result;
      };
    },
  });
  return { store: proxy, counter };
}

/** Task i and its one assignee's nudge; every `dueEvery`-th nudge is due now, the others later. */
function taskAndNudge(i: number, dueEvery: number): [NewDoc<TaskDoc>, NewDoc<AssignmentDoc>] {
  const id = `pid.load${i}`;
  const email = VOTERS[i % VOTERS.length];
  const due = i % dueEvery === 0;
  const at = new Date(NOW.getTime() + (due ? -60_000 * (1 + (i % 50)) : 3600_000 * (1 + (i % 2000)))).toISOString();
  const task: TaskDoc = {
    id,
    networkId: 'pid',
    kind: 'task',
    title: `Opgave ${i}`,
    assignees: [email],
    assigneeEmails: [email],
    due: '2021-09-01T15:00:00.000Z',
    dueIsDate: true,
    createdBy: SECRETARY,
    createdAt: '2021-06-01T08:00:00.000Z',
  };
  const nudge: AssignmentDoc = { taskId: id, networkId: 'pid', email, status: 'open', pending: { key: `manual@${at}`, reason: 'manual' }, sent: [], failures: 0 };
  return [
    { kind: 'task', pk: 'pid', id, data: task },
    { kind: 'assignment', pk: 'pid', id: `${id}|${email}`, data: nudge, dueAt: at },
  ];
}

async function sweepAndCount(store: Store, due: number) {
  const { store: counted, counter } = counting(store);
  const s = await seeded(counted, NOW);
  const delivery = new RecordingDelivery(s.clock);
  const nudges = scheduler(s, delivery, { limits: UNLIMITED });
  Object.assign(counter, { read: 0, written: 0 });
  const started = Date.now();
  const report = await nudges.sweep();
  const ms = Date.now() - started;
  assert.equal(report.sent, due);
  assert.equal(report.read, due, 'the due query returned only the due nudges');
  assert.equal(new Set(delivery.sent.map((n) => n.task.id)).size, due);
  // Per due nudge: itself from the index, its task, and one re-read to record the send; plus the network once.
  assert.ok(counter.read <= 3 * due + 5, `read ${counter.read} documents for ${due} due nudges`);
  assert.ok(counter.written <= 2 * due + 5, `wrote ${counter.written} documents for ${due} due nudges`);
  Object.assign(counter, { read: 0, written: 0 });
  assert.equal((await nudges.sweep()).read, 0, 'a second sweep finds nothing due');
  assert.equal(counter.read, 0);
  return ms;
}

forEachStore('deadlines sweep cost', (fresh) => {
  it('a sweep over 300 tasks’ nudges with 15 due reads only the due ones and their tasks', async function () {
    const store = await fresh();
    const docs: NewDoc<unknown>[] = Array.from({ length: 300 }, (_, i) => taskAndNudge(i, 20)).flat();
    for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((d) => store.create(d)));
    await sweepAndCount(store, 15);
  });
});

describe('deadlines sweep cost at scale (embedded store only; seeding 200,000 documents through the Cosmos emulator takes minutes)', function () {
  let dir: string;
  let store: EmbeddedStore;
  before(function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'referent-sweep-'));
    store = new EmbeddedStore(dir);
    // Seeded in one transaction on the same file: 100,000 single writes would each wait for fsync.
    const db = new Database(join(dir, EMBEDDED_DB_FILE));
    const insert = db.prepare('INSERT INTO docs (kind, pk, id, data, etag, due_at) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        for (const doc of taskAndNudge(i, 100)) insert.run(doc.kind, doc.pk, doc.id, JSON.stringify(doc.data), `seed-${i}`, doc.dueAt ?? null);
      }
    })();
    db.close();
  });
  after(async function () {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sweep over 100,000 tasks’ nudges with 1,000 due touches only the due ones, fast', async function () {
    const ms = await sweepAndCount(store, 1000);
    assert.ok(ms < 20_000, `the sweep took ${ms} ms`);
  });
});
