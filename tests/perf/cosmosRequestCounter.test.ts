/**
 * The request counter the Cosmos cost tests and the benchmark read: each store operation
 * lands in the kind it is.
 */
import assert from 'node:assert/strict';
import { CosmosStore } from '../../services/store/cosmos';
import { CosmosRequestCounter } from '../helpers/cosmosRequests';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';

describe('Cosmos request counter', function () {
  const requests = new CosmosRequestCounter();
  let cosmos: CosmosTestServer;
  let store: CosmosStore;

  before(async function () {
    cosmos = await startCosmosServer(requests.intercept);
    store = await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'test', database: `counter${process.pid}`, agent: cosmos.agent });
  });
  after(async function () {
    await store?.close();
    await cosmos?.close();
  });

  it('counts point reads, queries, query plans and writes between two marks; a query in one partition goes without a query plan', async function () {
    const key = { kind: 'k', pk: 'p', id: 'a' };
    const written = await requests.during(async () => {
      const doc = await store.create({ ...key, data: 1 });
      await store.upsert({ ...key, data: 2 });
      await store.replace({ ...key, data: 3 }, (await store.get(key))!.etag);
      await store.delete({ ...key, id: doc.id });
    });
    assert.deepEqual(written, { pointRead: 1, query: 0, queryPlan: 0, write: 4, metadata: 0, total: 5 });

    const mark = requests.mark();
    await store.get(key);
    await store.list('k', 'p');
    const listed = requests.since(mark);
    assert.deepEqual(listed, { pointRead: 1, query: 1, queryPlan: 0, write: 0, metadata: 0, total: 2 });

    // Every kind a ballot click reads from the meeting's partition, in one query.
    for (const [kind, id] of [['vote', 'v'], ['attendance', 'a'], ['presence', 'a'], ['habilitet', 'a'], ['ballot', 'v|a'], ['ballot', 'w|a']]) {
      await store.create({ kind, pk: 'm', id, data: 1 });
    }
    let read: unknown[] = [];
    const partition = await requests.during(async () => {
      read = await store.readPartition('m', [{ kind: 'vote', id: 'v' }, { kind: 'attendance' }, { kind: 'presence' }, { kind: 'habilitet' }, { kind: 'ballot', idPrefix: 'v|' }]);
    });
    assert.equal(read.length, 5);
    assert.deepEqual(partition, { pointRead: 0, query: 1, queryPlan: 0, write: 0, metadata: 0, total: 1 });

    // An item's ballots by the hundred still come in one page: the service's default page is 100 documents.
    await Promise.all(Array.from({ length: 250 }, (_, i) => store.create({ kind: 'ballot', pk: 'm', id: `x|${String(i).padStart(3, '0')}`, data: i })));
    const many = await requests.during(async () => {
      read = await store.readPartition('m', [{ kind: 'ballot', idPrefix: 'x|' }]);
    });
    assert.equal(read.length, 250);
    assert.equal(many.total, 1);
    const listedMany = await requests.during(async () => assert.equal((await store.list('ballot', 'm', 'x|')).length, 250));
    assert.equal(listedMany.total, 1);

    // Across partitions (the nudge sweep's time index) the SDK needs the plan to merge the partitions' pages.
    const due = await requests.during(() => store.due('k', '9999', 10));
    assert.deepEqual(due, { pointRead: 0, query: 1, queryPlan: 1, write: 0, metadata: 0, total: 2 });
  });
});
