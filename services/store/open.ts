/** Picks the store for this deployment: Cosmos DB when configured, else the embedded file. */
import { CosmosStore } from './cosmos';
import type { CosmosOptions } from './cosmos';
import { EmbeddedStore } from './embedded';
import type { Store } from './store';

export type { CosmosOptions };

export async function openStore(options: { cosmos?: CosmosOptions; dataDir: string }): Promise<Store> {
  return options.cosmos ? CosmosStore.open(options.cosmos) : EmbeddedStore.open(options.dataDir);
}
