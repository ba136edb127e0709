/**
 * The benchmark's helper servers, each run as its own process so it has a core-share and
 * an RSS of its own: `node --require tsx/cjs tests/bench/servers.ts <mode>` listens on a
 * random port of 127.0.0.1 and sends `{ port }` to the parent over IPC.
 *  - echo: the bare botbuilder turn path, as in Microsoft's echo sample (restify +
 *    CloudAdapter, auth off, a handler that replies "Echo: <text>" through the connector);
 *  - plain: a plain Node http handler that reads and parses the body and answers 200;
 *  - connector: Teams' side for the bot's replies: 200 with an activity id, at once;
 *  - cosmos: @vercel/cosmosdb-server with keep-alive, as real Cosmos answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import { createHttpsServer } from '@vercel/cosmosdb-server';

type Listening = { address(): AddressInfo | string | null };

async function echo(): Promise<Listening> {
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
  return server;
}

function plain(): Promise<Listening> {
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

function connector(): Promise<Listening> {
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

function cosmos(): Promise<Listening> {
  return listen(createHttpsServer({ keepAlive: true }));
}

async function listen<S extends http.Server>(server: S): Promise<S> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const modes: Record<string, () => Promise<Listening>> = { echo, plain, connector, cosmos };

async function main(): Promise<void> {
  const mode = process.argv[2];
  const start = modes[mode];
  if (!start || !process.send) throw new Error(`usage (as a child with IPC): servers.ts ${Object.keys(modes).join('|')}`);
  const server = await start();
  process.send({ port: (server.address() as AddressInfo).port });
  // Never outlive the benchmark, however it ends.
  process.on('disconnect', () => process.exit(0));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
