/**
 * Picks the store for this deployment: Cosmos DB when configured, else the embedded file.
 * Each is loaded only when chosen: the Cosmos SDK alone is over 20 MB of an idle bot's memory.
 * `require` rather than `import()`: the same under tsx (tests) as in the CommonJS build.
 */
import type { CosmosOptions } from './cosmos';
import type { Store } from './store';

export type { CosmosOptions };

export async function openStore(options: { cosmos?: CosmosOptions; dataDir: string }): Promise<Store> {
  if (options.cosmos) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CosmosStore } = require('./cosmos') as typeof import('./cosmos');
    return CosmosStore.open(options.cosmos);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EmbeddedStore } = require('./embedded') as typeof import('./embedded');
  return EmbeddedStore.open(options.dataDir);
}
