/** What the benchmark's delay per Cosmos request stands on: an interceptor's promise holds a request from the emulator until it settles. */
import assert from 'node:assert/strict';
import { CosmosStore } from '../../services/store/cosmos';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';

describe('bench: the Cosmos stand-in', function () {
  const release: (() => void)[] = [];
  let holding = false;
  let cosmos: CosmosTestServer;
  let store: CosmosStore;

  before(async function () {
    cosmos = await startCosmosServer(() => holding && new Promise<false>((resolve) => release.push(() => resolve(false))));
    store = await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'test', database: `standin${process.pid}`, agent: cosmos.agent });
  });
  after(async function () {
    await store?.close();
    await cosmos?.close();
  });

  it('holds each request until its promise settles, then the emulator answers it', async function () {
    holding = true;
    let written = false;
    const write = store.upsert({ kind: 'k', pk: 'p', id: 'held', data: { n: 1 } }).then(() => (written = true));
    while (!release.length) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(written, false, 'the write waits for its promise');
    holding = false;
    release.splice(0).forEach((go) => go());
    await write;
    assert.deepEqual((await store.get({ kind: 'k', pk: 'p', id: 'held' }))?.data, { n: 1 });
  });
});
