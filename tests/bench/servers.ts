/**
 * The benchmark's helper servers, each run as its own process so it has a core-share and
 * an RSS of its own, built to JavaScript with the bot (under tsx a process holds the
 * compiler too): `node servers.js <mode>` listens on a random port of 127.0.0.1 and sends
 * `{ port }` to the parent over IPC.
 *  - echo: the bare botbuilder turn path, as in Microsoft's echo sample (restify +
 *    CloudAdapter, auth off, a handler that replies "Echo: <text>" through the connector);
 *  - plain: a plain Node http handler that reads and parses the body and answers 200;
 *  - connector: Teams' side for the bot's replies: 200 with an activity id, at once;
 *  - cosmos: @vercel/cosmosdb-server with keep-alive, as real Cosmos answers; the parent's
 *    `{ delayMs }` holds each request that long before the emulator sees it, as a network
 *    round trip to Cosmos in Azure would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { startCosmosServer } from '../helpers/cosmosServer';

async function echo(): Promise<number> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (turn, next) => {
    await turn.sendActivity(`Echo: ${turn.activity.text}`);
    await next();
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (turn) => bot.run(turn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function plain(): Promise<number> {
  return listen(
    http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const activity = JSON.parse(Buffer.concat(chunks).toString()) as { id?: string };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: activity.id }));
      });
    }),
  );
}

function connector(): Promise<number> {
  let counter = 0;
  return listen(
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `act-${++counter}` }));
      });
    }),
  );
}

async function cosmos(): Promise<number> {
  let delayMs = 0;
  process.on('message', (message: { delayMs?: number }) => {
    delayMs = message.delayMs ?? delayMs;
  });
  const server = await startCosmosServer(() => delayMs > 0 && new Promise<false>((resolve) => setTimeout(() => resolve(false), delayMs)));
  return Number(new URL(server.endpoint).port);
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const modes: Record<string, () => Promise<number>> = { echo, plain, connector, cosmos };

async function main(): Promise<void> {
  const mode = process.argv[2];
  const start = modes[mode];
  if (!start || !process.send) throw new Error(`usage (as a child with IPC): servers.ts ${Object.keys(modes).join('|')}`);
  process.send({ port: await start() });
  // Never outlive the benchmark, however it ends.
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
