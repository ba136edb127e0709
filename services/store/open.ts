/**
 * Picks the store for this deployment: Cosmos DB when configured, else the embedded file.
 * Each is loaded only when chosen: the Cosmos SDK alone is over 20 MB of an idle bot's memory.
 */
import type { CosmosOptions } from './cosmos';
import type { Store } from './store';

export type { CosmosOptions };

export async function openStore(options: { cosmos?: CosmosOptions; dataDir: string }): Promise<Store> {
  if (options.cosmos) return (await import('./cosmos')).CosmosStore.open(options.cosmos);
  return (await import('./embedded')).EmbeddedStore.open(options.dataDir);
}
