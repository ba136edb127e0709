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
 * - authentication: any key is accepted, and AAD (DefaultAzureCredential) is never used: the
 *   Entra start-up check runs here with `createMissing: false`, the decision Entra makes;
 * - its SQL dialect is @zeit/cosmosdb-query's: e.g. OFFSET/LIMIT does not parse, TOP does.
 */
import assert from 'node:assert/strict';
import { CosmosStore } from '../../services/store/cosmos';
import { openStore } from '../../services/store/open';
import { StoreSetupError } from '../../services/store/store';
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

  describe('with Entra ID, which may not create the database or container', function () {
    const entra = (database: string, container?: string) => ({ endpoint: server.endpoint, key: 'k', database, container, agent: server.agent, createMissing: false });
    const refusal = async (options: ReturnType<typeof entra>): Promise<string> => {
      const err = await CosmosStore.open(options).then(
        (store) => store.close().then(() => assert.fail('expected a StoreSetupError')),
        (e: unknown) => e,
      );
      assert.ok(err instanceof StoreSetupError, String(err));
      return err.message;
    };

    it('a missing database stops the start, naming the database, the container and the az commands that create them', async function () {
      const database = `referent-absent-${process.pid}`;
      const message = await refusal(entra(database));
      assert.match(message, new RegExp(`database "${database}" and its container "docs" \\(partition key /pk\\) do not exist in account 127`));
      assert.ok(message.includes(`az cosmosdb sql database create -g <resource-group> -a 127 -n ${database}`), message);
      assert.ok(message.includes(`az cosmosdb sql container create -g <resource-group> -a 127 -d ${database} -n docs -p /pk`), message);
      assert.match(message, /infra\/azure\.bicep/);
    });

    it('a missing container in an existing database is named, and nothing is created', async function () {
      const database = `referent-nocontainer-${process.pid}`;
      const admin = await CosmosStore.open({ endpoint: server.endpoint, key: 'k', database, container: 'other', agent: server.agent });
      await admin.close();
      assert.match(await refusal(entra(database)), new RegExp(`container "docs" \\(partition key /pk\\) does not exist in database "${database}"`));
      assert.match(await refusal(entra(database)), /container "docs"/, 'the check created nothing');
    });

    it('a container partitioned by another key is refused', async function () {
      const database = `referent-wrongpk-${process.pid}`;
      const { CosmosClient } = await import('@azure/cosmos');
      const client = new CosmosClient({ endpoint: server.endpoint, key: 'k', agent: server.agent });
      const { database: db } = await client.databases.createIfNotExists({ id: database });
      await db.containers.createIfNotExists({ id: 'docs', partitionKey: { paths: ['/id'] } });
      client.dispose();
      assert.match(await refusal(entra(database)), /partitioned by \/id; Referent needs \/pk/);
    });

    it('passes when both exist with partition key /pk, and the store works', async function () {
      const database = `referent-present-${process.pid}`;
      const created = await CosmosStore.open({ endpoint: server.endpoint, key: 'k', database, agent: server.agent });
      await created.close();
      const store = await CosmosStore.open(entra(database));
      try {
        await store.upsert({ kind: 'probe', pk: 'p', id: '1', data: { ok: true } });
        assert.deepEqual((await store.get({ kind: 'probe', pk: 'p', id: '1' }))?.data, { ok: true });
      } finally {
        await store.close();
      }
    });

    it('is what a keyless configuration decides: without a key nothing is created', async function () {
      // The emulator lets any Authorization header through, so this is the keyless default path itself.
      const database = `referent-keyless-${process.pid}`;
      const credential = { getToken: async () => ({ token: 'unused', expiresOnTimestamp: Date.now() + 3_600_000 }) };
      const err = await CosmosStore.open({ endpoint: server.endpoint, database, agent: server.agent, credential }).then(
        (store) => store.close().then(() => undefined),
        (e: unknown) => e,
      );
      assert.ok(err instanceof StoreSetupError, String(err));
    });
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
