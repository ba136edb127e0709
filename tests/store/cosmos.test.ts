/**
 * The store contract against CosmosStore talking to @vercel/cosmosdb-server in-process.
 *
 * What this emulator cannot check, so it stays a risk for real Cosmos DB:
 * - throttling: it never answers 429 and charges every request 1 RU, so the retry
 *   policy and RU cost of queries are untested;
 * - partitioning: it keeps one partition key range and ignores the partition key option
 *   on queries (CosmosStore filters on c.pk explicitly for that reason), and it does not
 *   serve query plans, so the SDK's cross-partition ORDER BY/TOP merge is not exercised;
 * - transactional batches are not atomic there;
 * - authentication: any key is accepted, and AAD (DefaultAzureCredential) is never used;
 * - its SQL dialect is @zeit/cosmosdb-query's: e.g. OFFSET/LIMIT does not parse, TOP does.
 */
import assert from 'node:assert/strict';
import { CosmosStore } from '../../services/store/cosmos';
import { openStore } from '../../services/store/open';
import { startCosmosServer } from '../helpers/cosmosServer';
import type { CosmosTestServer } from '../helpers/cosmosServer';
import { storeContract } from './contract';

describe('CosmosStore', function () {
  let server: CosmosTestServer;
  let dbCount = 0;

  before(async function () {
    server = await startCosmosServer();
  });
  after(async function () {
    await server?.close();
  });

  storeContract('cosmos', async () => {
    const store = await CosmosStore.open({
      endpoint: server.endpoint,
      key: 'emulator-accepts-any-key',
      database: `referent-test-${process.pid}-${++dbCount}`,
      agent: server.agent,
    });
    return { store, cleanup: () => store.close() };
  });

  it('openStore chooses Cosmos when it is configured', async function () {
    const cosmos = { endpoint: server.endpoint, key: 'k', database: `referent-open-${process.pid}`, agent: server.agent };
    const store = await openStore({ cosmos, dataDir: '/nonexistent/never-created' });
    try {
      assert.equal(store.kind, 'cosmos');
      await store.ping();
    } finally {
      await store.close();
    }
  });
});
