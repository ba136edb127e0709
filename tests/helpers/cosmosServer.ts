/**
 * In-process Cosmos DB stand-in for tests: `@vercel/cosmosdb-server` on a random port of
 * 127.0.0.1. It serves HTTPS with its own self-signed certificate, so the returned
 * `agent` skips verification; it is meant for the test client only (nothing global such
 * as NODE_TLS_REJECT_UNAUTHORIZED is touched). The server keeps data in memory and
 * accepts any key.
 *
 *   const cosmos = await startCosmosServer();
 *   const store = await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'any', database: 'db1', agent: cosmos.agent });
 *   ...
 *   await cosmos.close();
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';

export interface CosmosTestServer {
  /** e.g. https://127.0.0.1:54321 */
  endpoint: string;
  /** keep-alive agent that trusts the server's self-signed certificate */
  agent: https.Agent;
  /** stops the server and drops open connections */
  close(): Promise<void>;
}

/**
 * Sees each request first; answering it (returning true) keeps it from the emulator. Fault
 * tests inject errors so. A promise holds the request until it settles: the benchmark adds
 * a network's round trip so.
 */
export type CosmosInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** How many documents a page of a query holds when the client does not say: the service's default. */
const SERVICE_PAGE_ITEMS = '100';

export async function startCosmosServer(intercept?: CosmosInterceptor): Promise<CosmosTestServer> {
  // keepAlive makes the server answer `connection: keep-alive`, as real Cosmos does.
  const server = createHttpsServer({ keepAlive: true });
  const [emulatorHandler] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  // The emulator answers a query in one page however large; the service pages it by 100
  // documents unless the client asks otherwise (x-ms-max-item-count), each page a request.
  const emulator = (req: IncomingMessage, res: ServerResponse) => {
    if (String(req.headers['x-ms-documentdb-isquery']).toLowerCase() === 'true' && req.headers['x-ms-max-item-count'] === undefined) req.headers['x-ms-max-item-count'] = SERVICE_PAGE_ITEMS;
    emulatorHandler.call(server, req, res);
  };
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const handled = intercept ? intercept(req, res) : false;
    if (handled === false) emulator(req, res);
    else if (handled !== true) void handled.then((answered) => answered || emulator(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // A bounded pool, as a real client has: hundreds of simultaneous TLS handshakes make the
  // emulator reset connections under load.
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 32 });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    agent,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
