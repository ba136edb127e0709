/**
 * Runs a describe block once per store: embedded (fresh temp dir) and Cosmos (the
 * in-process emulator, fresh database). Store-touching feature tests use this so both
 * implementations are held to the same behaviour.
 *
 *   forEachStore('habilitet', (fresh) => { it('...', async () => { const store = await fresh(); ... }) });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosStore } from '../../services/store/cosmos';
import { EmbeddedStore } from '../../services/store/embedded';
import type { Store } from '../../services/store/store';
import { startCosmosServer, type CosmosTestServer } from './cosmosServer';

export type FreshStore = () => Promise<Store>;

let databaseCounter = 0;

export function forEachStore(title: string, body: (fresh: FreshStore) => void): void {
  describe(`${title} (embedded store)`, function () {
    const opened: { store: Store; dir: string }[] = [];
    afterEach(async function () {
      for (const { store, dir } of opened.splice(0)) {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
    body(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'referent-test-'));
      const store = new EmbeddedStore(dir);
      opened.push({ store, dir });
      return store;
    });
  });

  describe(`${title} (cosmos store)`, function () {
    let cosmos: CosmosTestServer;
    const opened: Store[] = [];
    before(async function () {
      cosmos = await startCosmosServer();
    });
    afterEach(async function () {
      for (const store of opened.splice(0)) await store.close();
    });
    after(async function () {
      await cosmos.close();
    });
    body(async () => {
      const store = await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'test', database: `t${process.pid}x${++databaseCounter}`, agent: cosmos.agent });
      opened.push(store);
      return store;
    });
  });
}
