/**
 * The storage contract as tests, run against every Store implementation so that code
 * written and tested on the embedded store behaves the same on Cosmos DB.
 */
import assert from 'node:assert/strict';
import { ConflictError, PreconditionFailedError, updateDoc } from '../../services/store/store';
import type { DocKey, Store, StoredDoc } from '../../services/store/store';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

interface Counter {
  n: number;
}

const T0 = '2025-03-01T08:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, function () {
    let fixture: StoreFixture;
    let store: Store;
    // A fresh partition per test keeps tests independent without a fresh store each time.
    let pk: string;
    let seq = 0;

    before(async function () {
      fixture = await make();
      store = fixture.store;
    });
    after(async function () {
      await fixture?.cleanup();
    });
    beforeEach(function () {
      pk = `net-${++seq}`;
    });

    const key = (id: string, kind = 'meeting'): DocKey => ({ kind, pk, id });

    describe('single documents', function () {
      it('get of a missing document is undefined', async function () {
        assert.equal(await store.get(key('nope')), undefined);
      });

      it('create then get returns the data, key, dueAt and an etag', async function () {
        const created = await store.create({ ...key('m1'), data: { title: 'Møde', n: 1 }, dueAt: at(5) });
        assert.ok(created.etag);
        const got = await store.get<{ title: string; n: number }>(key('m1'));
        assert.deepEqual(got, { ...key('m1'), data: { title: 'Møde', n: 1 }, dueAt: at(5), etag: created.etag });
      });

      it('a document written without dueAt reads back with dueAt null', async function () {
        await store.create({ ...key('m1'), data: 1 });
        assert.equal((await store.get(key('m1')))?.dueAt, null);
      });

      it('create on an existing key throws ConflictError and keeps the first data', async function () {
        await store.create({ ...key('m1'), data: 'first' });
        await assert.rejects(store.create({ ...key('m1'), data: 'second' }), ConflictError);
        assert.equal((await store.get<string>(key('m1')))?.data, 'first');
      });

      it('upsert creates and then overwrites, changing the etag', async function () {
        const a = await store.upsert({ ...key('m1'), data: { v: 1 } });
        const b = await store.upsert({ ...key('m1'), data: { v: 2 }, dueAt: at(1) });
        assert.notEqual(a.etag, b.etag);
        const got = await store.get<{ v: number }>(key('m1'));
        assert.deepEqual(got?.data, { v: 2 });
        assert.equal(got?.dueAt, at(1));
        assert.equal(got?.etag, b.etag);
      });

      it('replace with the current etag writes and returns a new etag', async function () {
        const a = await store.create({ ...key('m1'), data: { v: 1 } });
        const b = await store.replace({ ...key('m1'), data: { v: 2 } }, a.etag);
        assert.notEqual(b.etag, a.etag);
        const got = await store.get<{ v: number }>(key('m1'));
        assert.deepEqual(got?.data, { v: 2 });
        assert.equal(got?.etag, b.etag);
      });

      it('replace with a stale etag throws PreconditionFailedError and changes nothing', async function () {
        const a = await store.create({ ...key('m1'), data: { v: 1 } });
        const b = await store.replace({ ...key('m1'), data: { v: 2 } }, a.etag);
        await assert.rejects(store.replace({ ...key('m1'), data: { v: 3 } }, a.etag), PreconditionFailedError);
        const got = await store.get<{ v: number }>(key('m1'));
        assert.deepEqual(got?.data, { v: 2 });
        assert.equal(got?.etag, b.etag);
      });

      it('replace of a missing document throws PreconditionFailedError', async function () {
        await assert.rejects(store.replace({ ...key('ghost'), data: 1 }, 'whatever'), PreconditionFailedError);
        assert.equal(await store.get(key('ghost')), undefined);
      });

      it('delete removes the document, and deleting a missing one is fine', async function () {
        await store.create({ ...key('m1'), data: 1 });
        await store.delete(key('m1'));
        assert.equal(await store.get(key('m1')), undefined);
        await store.delete(key('m1'));
        await store.delete(key('never-existed'));
        // The key is free again.
        await store.create({ ...key('m1'), data: 2 });
        assert.equal((await store.get<number>(key('m1')))?.data, 2);
      });

      it('the same id under another kind or partition is a different document', async function () {
        const other = { kind: 'meeting', pk: `${pk}-other`, id: 'x' };
        await store.create({ ...key('x'), data: 'meeting' });
        await store.create({ ...key('x', 'minutes'), data: 'minutes' });
        await store.create({ ...other, data: 'other partition' });
        await store.delete(key('x', 'minutes'));
        assert.equal((await store.get<string>(key('x')))?.data, 'meeting');
        assert.equal(await store.get(key('x', 'minutes')), undefined);
        assert.equal((await store.get<string>(other))?.data, 'other partition');
      });

      it('ids with / # ? \\ % ~ | spaces and æøå round-trip and stay distinct', async function () {
        const ids = ['a/b', 'a#b', 'a?b=c&d', 'back\\slash', '100%', 'til~de', 'pi|pe', 'møde på Ærø', ' spaced ', 'a~2fb'];
        for (const id of ids) await store.create({ ...key(id), data: id });
        for (const id of ids) assert.equal((await store.get<string>(key(id)))?.data, id, id);
        assert.deepEqual(
          (await store.list('meeting', pk)).map((d) => d.id),
          [...ids].sort(),
        );
        await store.delete(key('a/b'));
        assert.equal(await store.get(key('a/b')), undefined);
        assert.equal((await store.get<string>(key('a~2fb')))?.data, 'a~2fb');
      });

      it('unicode and nested data round-trip exactly', async function () {
        const data = {
          text: 'Æbleskiver på Ærø – “citat” 😀 日本語 \u0000 \n\t',
          nested: { list: [1, 2.5, -3, true, null, 'x'], empty: {}, deep: { a: [{ b: 'c' }] } },
        };
        await store.create({ ...key('u'), data });
        assert.deepEqual((await store.get(key('u')))?.data, data);
      });

      it('a ~200 KB document round-trips', async function () {
        const data = { rows: Array.from({ length: 2000 }, (_, i) => ({ i, text: `linje ${i} `.padEnd(90, 'æ') })) };
        assert.ok(JSON.stringify(data).length > 190_000);
        await store.create({ ...key('big'), data });
        assert.deepEqual((await store.get(key('big')))?.data, data);
      });

      it('ping resolves', async function () {
        await store.ping();
      });

      it('probeWrite resolves, again and concurrently, and puts nothing in a sweep of due documents', async function () {
        await Promise.all([store.probeWrite(), store.probeWrite()]);
        await store.probeWrite();
        assert.deepEqual(await store.due('probe', at(100_000), 10), []);
      });
    });

    describe('list', function () {
      it('returns only that kind and partition, ordered by id', async function () {
        for (const id of ['c', 'a', 'b']) await store.create({ ...key(id), data: id });
        await store.create({ ...key('a', 'minutes'), data: 'other kind' });
        await store.create({ kind: 'meeting', pk: `${pk}-other`, id: 'a', data: 'other partition' });
        const docs = await store.list<string>('meeting', pk);
        assert.deepEqual(
          docs.map((d) => [d.kind, d.pk, d.id, d.data]),
          [
            ['meeting', pk, 'a', 'a'],
            ['meeting', pk, 'b', 'b'],
            ['meeting', pk, 'c', 'c'],
          ],
        );
        assert.ok(docs.every((d) => d.etag));
      });

      it('keeps a partition named "<network>:<meeting>" apart from the network\'s and the meeting\'s own', async function () {
        // Meeting state lives in such partitions (services/meetings.ts); an older store kept it under the meeting id.
        await store.create({ kind: 'ballot', pk: `${pk}:m1-${pk}`, id: 'x', data: 'network and meeting' });
        await store.create({ kind: 'ballot', pk: `m1-${pk}`, id: 'x', data: 'meeting alone' });
        await store.create({ kind: 'ballot', pk, id: 'x', data: 'network alone' });
        assert.deepEqual((await store.list<string>('ballot', `${pk}:m1-${pk}`)).map((d) => [d.pk, d.data]), [[`${pk}:m1-${pk}`, 'network and meeting']]);
        assert.equal((await store.get<string>({ kind: 'ballot', pk: `${pk}:m1-${pk}`, id: 'x' }))?.data, 'network and meeting');
        await store.delete({ kind: 'ballot', pk: `m1-${pk}`, id: 'x' });
        assert.equal((await store.get<string>({ kind: 'ballot', pk: `${pk}:m1-${pk}`, id: 'x' }))?.data, 'network and meeting');
      });

      it('with an id prefix returns only the ids that start with it, ordered by id', async function () {
        for (const id of ['2|b', '12|a', '2|a', '20|a', '2']) await store.create({ ...key(id), data: id });
        await store.create({ ...key('2|c', 'minutes'), data: 'other kind' });
        await store.create({ kind: 'meeting', pk: `${pk}-other`, id: '2|d', data: 'other partition' });
        assert.deepEqual((await store.list<string>('meeting', pk, '2|')).map((d) => d.data), ['2|a', '2|b']);
        assert.deepEqual((await store.list<string>('meeting', pk)).map((d) => d.data), ['12|a', '2', '20|a', '2|a', '2|b']);
        assert.deepEqual(await store.list('meeting', pk, '3|'), []);
      });

      it('getMany returns the documents of those ids in that kind and partition, in the order asked, leaving out the missing', async function () {
        for (const id of ['a', 'b', 'c']) await store.create({ ...key(id), data: id });
        await store.create({ ...key('d', 'minutes'), data: 'other kind' });
        await store.create({ kind: 'meeting', pk: `${pk}-other`, id: 'e', data: 'other partition' });
        assert.deepEqual((await store.getMany<string>('meeting', pk, ['c', 'x', 'a', 'd', 'e'])).map((d) => [d.id, d.data]), [['c', 'c'], ['a', 'a']]);
        assert.ok((await store.getMany('meeting', pk, ['b']))[0].etag);
        assert.deepEqual(await store.getMany('meeting', pk, []), []);
      });

      it('of an empty partition is empty', async function () {
        assert.deepEqual(await store.list('meeting', pk), []);
      });
    });

    describe('readPartition', function () {
      /** As kind/id/data, sorted: the method promises no order. */
      const listed = (docs: StoredDoc<unknown>[]) => {
        const order = (d: StoredDoc<unknown>) => `${d.kind}\u0000${d.id}`;
        return [...docs].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map((d) => [d.kind, d.id, d.data]);
      };

      beforeEach(async function () {
        await store.create({ ...key('vote', 'vote'), data: 'the vote', dueAt: at(3) });
        for (const id of ['2|a', '2|b', '20|a', '3|a']) await store.create({ ...key(id, 'ballot'), data: `ballot ${id}` });
        for (const id of ['anna', 'bo']) await store.create({ ...key(id, 'attendance'), data: `present ${id}` });
        await store.create({ ...key('anna', 'habilitet'), data: 'not asked for' });
        await store.create({ kind: 'ballot', pk: `${pk}-other`, id: '2|c', data: 'other partition' });
        await store.create({ kind: 'attendance', pk: `${pk}-other`, id: 'cy', data: 'other partition' });
        await store.create({ kind: 'vote', pk: `${pk}-other`, id: 'vote', data: 'other partition' });
      });

      it('returns what any selector names: one id, an id prefix, a whole kind; nothing of other kinds or partitions, and no missing id', async function () {
        const docs = await store.readPartition(pk, [
          { kind: 'vote', id: 'vote' },
          { kind: 'vote', id: 'missing' },
          { kind: 'ballot', idPrefix: '2|' },
          { kind: 'attendance' },
          { kind: 'presence' },
        ]);
        assert.deepEqual(listed(docs), [
          ['attendance', 'anna', 'present anna'],
          ['attendance', 'bo', 'present bo'],
          ['ballot', '2|a', 'ballot 2|a'],
          ['ballot', '2|b', 'ballot 2|b'],
          ['vote', 'vote', 'the vote'],
        ]);
        assert.ok(docs.every((d) => d.pk === pk));
        assert.deepEqual(await store.readPartition(pk, [{ kind: 'vote', id: 'missing' }, { kind: 'ballot', idPrefix: '9|' }]), []);
      });

      it('returns each document as get does, with its etag and dueAt, and the version written last', async function () {
        const [vote] = await store.readPartition(pk, [{ kind: 'vote', id: 'vote' }]);
        assert.deepEqual(vote, await store.get(key('vote', 'vote')));
        assert.equal(vote.dueAt, at(3));
        // Read once before the writes, so a store that keeps what it read must follow them.
        assert.equal((await store.readPartition(pk, [{ kind: 'ballot', idPrefix: '2|' }, { kind: 'attendance', id: 'bo' }])).length, 3);
        const replaced = await store.replace({ ...key('2|a', 'ballot'), data: 'changed' }, (await store.get(key('2|a', 'ballot')))!.etag);
        await store.delete(key('2|b', 'ballot'));
        const docs = await store.readPartition(pk, [{ kind: 'ballot', idPrefix: '2|' }, { kind: 'attendance', id: 'bo' }]);
        assert.deepEqual(listed(docs), [
          ['attendance', 'bo', 'present bo'],
          ['ballot', '2|a', 'changed'],
        ]);
        assert.deepEqual(docs.find((d) => d.kind === 'ballot'), replaced);
        assert.deepEqual(docs.find((d) => d.kind === 'attendance'), await store.get(key('bo', 'attendance')));
      });

      it('returns a document that several selectors name once', async function () {
        const docs = await store.readPartition(pk, [{ kind: 'ballot' }, { kind: 'ballot', id: '2|a' }, { kind: 'ballot', idPrefix: '2' }]);
        assert.deepEqual(listed(docs).map(([, id]) => id), ['20|a', '2|a', '2|b', '3|a']);
      });

      it('of no selectors is empty', async function () {
        assert.deepEqual(await store.readPartition(pk, []), []);
      });

      it('refuses a selector with both an id and an id prefix', async function () {
        await assert.rejects(store.readPartition(pk, [{ kind: 'vote', id: 'vote', idPrefix: 'v' }]), /both an id and an id prefix/);
      });
    });

    describe('due', function () {
      // Each due test uses its own kind: due() spans partitions, so pk cannot isolate tests.
      let kind: string;
      beforeEach(function () {
        kind = `reminder-${seq}`;
      });

      it('returns docs with dueAt <= until across partitions, oldest first', async function () {
        await store.create({ kind, pk: 'p1', id: 'late', data: 3, dueAt: at(30) });
        await store.create({ kind, pk: 'p2', id: 'early', data: 1, dueAt: at(10) });
        await store.create({ kind, pk: 'p3', id: 'mid', data: 2, dueAt: at(20) });
        await store.create({ kind, pk: 'p1', id: 'future', data: 4, dueAt: at(60) });
        const due = await store.due<number>(kind, at(30), 10);
        assert.deepEqual(
          due.map((d) => [d.pk, d.id, d.data, d.dueAt]),
          [
            ['p2', 'early', 1, at(10)],
            ['p3', 'mid', 2, at(20)],
            ['p1', 'late', 3, at(30)],
          ],
        );
      });

      it('respects the limit, keeping the oldest', async function () {
        for (let i = 0; i < 8; i++) await store.create({ kind, pk: `p${i % 3}`, id: `r${i}`, data: i, dueAt: at(8 - i) });
        const due = await store.due<number>(kind, at(100), 3);
        assert.deepEqual(
          due.map((d) => d.id),
          ['r7', 'r6', 'r5'],
        );
      });

      it('ignores other kinds and documents without dueAt', async function () {
        await store.create({ kind, pk: 'p1', id: 'yes', data: 1, dueAt: at(1) });
        await store.create({ kind, pk: 'p1', id: 'null', data: 1, dueAt: null });
        await store.create({ kind, pk: 'p1', id: 'absent', data: 1 });
        await store.create({ kind: `${kind}-other`, pk: 'p1', id: 'other', data: 1, dueAt: at(1) });
        assert.deepEqual(
          (await store.due(kind, at(100), 10)).map((d) => d.id),
          ['yes'],
        );
      });

      it('follows dueAt changes made by replace, upsert and delete', async function () {
        const a = await store.create({ kind, pk: 'p1', id: 'a', data: 1, dueAt: at(50) });
        await store.create({ kind, pk: 'p1', id: 'b', data: 1, dueAt: at(5) });
        await store.create({ kind, pk: 'p1', id: 'c', data: 1, dueAt: at(6) });
        assert.deepEqual((await store.due(kind, at(10), 10)).map((d) => d.id), ['b', 'c']);
        await store.replace({ kind, pk: 'p1', id: 'a', data: 1, dueAt: at(1) }, a.etag);
        await store.upsert({ kind, pk: 'p1', id: 'b', data: 1, dueAt: null });
        await store.delete({ kind, pk: 'p1', id: 'c' });
        assert.deepEqual((await store.due(kind, at(10), 10)).map((d) => d.id), ['a']);
      });
    });

    describe('updateDoc', function () {
      it('creates a missing document', async function () {
        const doc = await updateDoc<Counter>(store, key('c'), (cur) => ({ data: { n: (cur?.n ?? 0) + 1 }, dueAt: at(1) }));
        assert.deepEqual(doc?.data, { n: 1 });
        const got = await store.get<Counter>(key('c'));
        assert.deepEqual(got?.data, { n: 1 });
        assert.equal(got?.dueAt, at(1));
      });

      it('updates an existing document and keeps dueAt unless it is changed', async function () {
        await store.create({ ...key('c'), data: { n: 5 }, dueAt: at(2) });
        await updateDoc<Counter>(store, key('c'), (cur) => ({ data: { n: (cur?.n ?? 0) + 1 } }));
        let got = await store.get<Counter>(key('c'));
        assert.deepEqual(got?.data, { n: 6 });
        assert.equal(got?.dueAt, at(2));
        await updateDoc<Counter>(store, key('c'), (cur) => ({ data: { n: (cur?.n ?? 0) + 1 }, dueAt: null }));
        got = await store.get<Counter>(key('c'));
        assert.deepEqual(got?.data, { n: 7 });
        assert.equal(got?.dueAt, null);
      });

      it('writes nothing when the change returns undefined', async function () {
        const before = await store.create({ ...key('c'), data: { n: 1 } });
        const result = await updateDoc<Counter>(store, key('c'), () => undefined);
        assert.equal(result?.etag, before.etag);
        assert.equal((await store.get(key('c')))?.etag, before.etag);
        assert.equal(await updateDoc<Counter>(store, key('missing'), () => undefined), undefined);
        assert.equal(await store.get(key('missing')), undefined);
      });

      it('starts from a known version without reading, and re-reads when that version is stale', async function () {
        const known = await store.create({ ...key('c'), data: { n: 1 } });
        const fresh = await updateDoc<Counter>(store, key('c'), (cur) => ({ data: { n: (cur?.n ?? 0) + 1 } }), known);
        assert.equal(fresh?.data.n, 2);
        // `known` is now stale: the change must see 2, not 1, or the increment above is lost.
        const seen: number[] = [];
        const next = await updateDoc<Counter>(store, key('c'), (cur) => (seen.push(cur?.n ?? 0), { data: { n: (cur?.n ?? 0) + 1 } }), known);
        assert.deepEqual(seen, [1, 2]);
        assert.equal(next?.data.n, 3);
      });
    });

    describe('concurrency', function () {
      it('50 concurrent updateDoc increments on one document end at exactly 50', async function () {
        await store.create({ ...key('counter'), data: { n: 0 } });
        // With updateDoc's defaults (jittered backoff between attempts) no writer gives up and none is lost.
        await Promise.all(
          Array.from({ length: 50 }, () =>
            updateDoc<Counter>(store, key('counter'), (cur) => ({ data: { n: (cur?.n ?? 0) + 1 } })),
          ),
        );
        assert.equal((await store.get<Counter>(key('counter')))?.data.n, 50);
      });

      it('200 concurrent creates of distinct documents are all listed', async function () {
        const ids = Array.from({ length: 200 }, (_, i) => `d${String(i).padStart(3, '0')}`);
        await Promise.all(ids.map((id) => store.create({ ...key(id), data: { id } })));
        assert.deepEqual(
          (await store.list('meeting', pk)).map((d) => d.id),
          ids,
        );
      });

      it('20 concurrent creates of the same key: exactly one succeeds', async function () {
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.create({ ...key('race'), data: { i } })),
        );
        const won = results.filter((r): r is PromiseFulfilledResult<StoredDoc<{ i: number }>> => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(won.length, 1);
        assert.ok(lost.every((r) => r.reason instanceof ConflictError));
        assert.deepEqual((await store.get(key('race')))?.data, won[0].value.data);
      });

      it('concurrent replaces with the same etag: exactly one succeeds', async function () {
        const a = await store.create({ ...key('r'), data: { v: 0 } });
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.replace({ ...key('r'), data: { v: i + 1 } }, a.etag)),
        );
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        assert.ok(
          results.every((r) => r.status === 'fulfilled' || r.reason instanceof PreconditionFailedError),
        );
      });
    });
  });
}
