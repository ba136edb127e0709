/**
 * What the benchmark's Cosmos figures stand on: an interceptor's promise holds a request
 * from the emulator until it settles (the delay per request), and the answer bytes are
 * counted beside the requests.
 */
import assert from 'node:assert/strict';
import { CosmosStore } from '../../services/store/cosmos';
import { CosmosRequestCounter } from '../helpers/cosmosRequests';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';
import { ResponseBytes } from './costWorld';

describe('bench: the Cosmos stand-in', function () {
  const requests = new CosmosRequestCounter();
  const bytes = new ResponseBytes();
  const release: (() => void)[] = [];
  let holding = false;
  let cosmos: CosmosTestServer;
  let store: CosmosStore;

  before(async function () {
    cosmos = await startCosmosServer((req, res) => {
      bytes.intercept(req, res);
      requests.intercept(req, res);
      return holding && new Promise<false>((resolve) => release.push(() => resolve(false)));
    });
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

  it('counts the bytes of the answers, growing with what a query returns', async function () {
    const big = 'x'.repeat(10_000);
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.upsert({ kind: 'big', pk: 'q', id: `d${i}`, data: big })));
    const before = bytes.total;
    const mark = requests.mark();
    await store.list('big', 'q');
    assert.equal(requests.since(mark).query, 1);
    assert.ok(bytes.total - before >= 5 * big.length, `${bytes.total - before} bytes for five 10 KB documents`);
  });
});
