/**
 * `npm run bench`: the bot's figures, each beside a baseline measured in the same run
 * (absolute times drift on shared machines; ratios much less) or counted (Cosmos requests
 * per turn). Prints a table, then one JSON line with every figure. BENCH_DURATION (s,
 * default 10) sets each load run; BENCH_TSX=1 runs the bot and the servers through tsx
 * instead of a build; BENCH_ONLY=fanout runs only the habilitet round for 200 members (7).
 */
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../services/clock';
import { CosmosStore, type CosmosOptions } from '../../services/store/cosmos';
import { EmbeddedStore } from '../../services/store/embedded';
import type { Store } from '../../services/store/store';
import { startBotProcess, type BotProcess } from '../helpers/botProcess';
import { measureCosmosCosts } from '../perf/cosmosCosts';
import { ballotBurst, type BurstResult } from './ballots';
import { fanoutBench } from './fanout';
import { fanoutFigures, fanoutMet, figuresOf, type Alone, type Rounds } from './figures';
import { minutesBench } from './minutes';
import { buildForBench, memoryOf, startServer, type Memory } from './processes';
import { DUE, sweepBench } from './sweep';
import { printFanout, printTable } from './table';
import { echoRun, helpRun, plainRun, voteRun, type TurnRun } from './turnPath';
import { seedWorld, type Seeded } from './world';

const durationS = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = 3;
/** Each Cosmos request waits this long before the emulator sees it: a round trip within an Azure region. */
const COSMOS_DELAY_MS = 5;
const started = performance.now();
const log = (line: string) => process.stderr.write(`bench ${Math.round((performance.now() - started) / 1000)} s: ${line}\n`);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withBot<T>(entry: string | undefined, env: Record<string, string>, run: (bot: BotProcess) => Promise<T>): Promise<T> {
  const bot = await startBotProcess({ entry, env: { LOG_LEVEL: 'info', ...env }, startTimeoutMs: 120_000 });
  try {
    return await run(bot);
  } finally {
    await bot.stop();
  }
}

/** The world, seeded through `store`, which is then closed: the bot is its only user. */
async function seeded(store: Store, connectorUrl: string): Promise<Seeded> {
  const world = await seedWorld(store, systemClock, connectorUrl);
  await store.close();
  return world;
}

/** Both bursts of item 1's ballots: new ones, then every one changed; `reader` checks what was stored. */
async function bursts(bot: BotProcess, connectorUrl: string, world: Seeded, reader: () => Promise<Store>): Promise<{ fresh: BurstResult; changed: BurstResult }> {
  const store = await reader();
  try {
    const fresh = await ballotBurst(bot, connectorUrl, world, store, 'agree');
    log(`  new ballots: ${JSON.stringify(fresh)}`);
    const changed = await ballotBurst(bot, connectorUrl, world, store, 'abstain');
    log(`  changed ballots: ${JSON.stringify(changed)}`);
    if (changed.acknowledged < changed.ballots) log(`  the bot's last log lines:\n${bot.logs.slice(-5).join('\n')}`);
    return { fresh, changed };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  log('building the bot and the servers (tsc) ...');
  const entry = buildForBench(log);
  if (process.env.BENCH_ONLY === 'fanout') {
    log('a habilitet round for 200 members ...');
    const fanout = await fanoutBench(entry);
    printFanout(fanoutFigures(fanout), fanoutMet(fanout));
    process.stdout.write(`${JSON.stringify({ fanout: fanoutFigures(fanout), targets: { fanoutAnswer: fanoutMet(fanout) } })}\n`);
    return;
  }
  const cpus = os.cpus();
  const machine = { nproc: cpus.length, cpu: cpus[0]?.model ?? 'unknown', node: process.version, loadAvg1m: Number(os.loadavg()[0].toFixed(2)), botFrom: entry ? 'tsc build' : 'tsx' };
  const connector = await startServer('connector');
  const run: TurnRun = { connections: 20, durationS, connectorUrl: `${connector.url}/` };

  const dir = mkdtempSync(join(os.tmpdir(), 'referent-bench-'));
  const world = await seeded(new EmbeddedStore(dir), run.connectorUrl);
  const cosmosServer = await startServer('cosmos');
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 32 });
  const cosmosOptions: CosmosOptions = { endpoint: cosmosServer.url, key: 'bench', database: 'bench', agent };
  const cosmosWorld = await seeded(await CosmosStore.open(cosmosOptions), run.connectorUrl);
  await cosmosServer.send({ delayMs: COSMOS_DELAY_MS });
  const anyone = world.example.network.members[2];

  log('plain Node handler ...');
  const plainServer = await startServer('plain');
  const plain = await plainRun(run, plainServer, anyone);
  log(`  ${JSON.stringify(plain)}`);
  await plainServer.stop();

  // The echo and both bots run side by side, measured in alternating rounds, so drift in the
  // machine's load hits all alike; each figure is the median over the rounds.
  const echoServer = await startServer('echo');
  const cosmosEnv = { COSMOS_ENDPOINT: cosmosServer.url, COSMOS_KEY: 'bench', COSMOS_DATABASE: 'bench', NODE_TLS_REJECT_UNAUTHORIZED: '0' };
  const measured = await withBot(entry, { DATA_DIR: dir }, (bot) =>
    withBot(entry, cosmosEnv, async (cosmosBot) => {
      await settle(3000);
      const idle = { bot: memoryOf(bot.pid), cosmosBot: memoryOf(cosmosBot.pid), echo: memoryOf(echoServer.child.pid!) };
      const rounds: Rounds[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        log(`round ${round} of ${ROUNDS}: echo, hjælp and ballot clicks on the embedded store, then on Cosmos + ${COSMOS_DELAY_MS} ms ...`);
        const results: Rounds = {
          echo: await echoRun(run, echoServer, anyone),
          help: await helpRun(run, bot, world),
          vote: await voteRun(run, bot, world),
          cosmosHelp: await helpRun(run, cosmosBot, cosmosWorld, cosmosServer.child.pid),
          cosmosVote: await voteRun(run, cosmosBot, cosmosWorld, cosmosServer.child.pid),
        };
        log(`  ${JSON.stringify(results)}`);
        rounds.push(results);
      }
      log('one connection: echo, and hjælp and ballot clicks on Cosmos ...');
      const single = { ...run, connections: 1 };
      const alone: Alone = {
        echo: await echoRun(single, echoServer, anyone),
        cosmosHelp: await helpRun(single, cosmosBot, cosmosWorld, cosmosServer.child.pid),
        cosmosVote: await voteRun(single, cosmosBot, cosmosWorld, cosmosServer.child.pid),
      };
      log(`  ${JSON.stringify(alone)}`);
      const peak: Record<'bot' | 'cosmosBot' | 'echo', Memory> = { bot: memoryOf(bot.pid), cosmosBot: memoryOf(cosmosBot.pid), echo: memoryOf(echoServer.child.pid!) };
      log('1,000 ballots at once, twice (embedded) ...');
      const embeddedBursts = await bursts(bot, run.connectorUrl, world, async () => new EmbeddedStore(dir));
      log(`1,000 ballots at once, twice (Cosmos + ${COSMOS_DELAY_MS} ms) ...`);
      const cosmosBursts = await bursts(cosmosBot, run.connectorUrl, cosmosWorld, () => CosmosStore.open(cosmosOptions));
      return { idle, peak, rounds, alone, embeddedBursts, cosmosBursts };
    }),
  );
  await echoServer.stop();
  agent.destroy();
  await cosmosServer.stop();
  rmSync(dir, { recursive: true, force: true });

  log('nudge sweeps ...');
  const sweepBase = await sweepBench(DUE, run.connectorUrl);
  const sweep = await sweepBench(100_000, run.connectorUrl);
  await connector.stop();
  log('minutes ...');
  const minutes = await minutesBench();
  log('Cosmos requests per operation ...');
  const requests = await measureCosmosCosts();
  log('a habilitet round for 200 members ...');
  const fanout = await fanoutBench(entry);

  const { figures, targets } = figuresOf({ machine, durationS, connections: run.connections, cosmosDelayMs: COSMOS_DELAY_MS, plain, ...measured, sweep, sweepBase, minutes, requests, fanout });
  printTable(figures, targets);
  process.stdout.write(`${JSON.stringify({ ...figures, targets })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
