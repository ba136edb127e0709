/**
 * `npm run bench`: the figures of issue 10, each beside a baseline measured in the same
 * run (absolute times drift on shared machines; ratios much less). Prints a table, then
 * one JSON line with every figure. BENCH_DURATION (s, default 10) sets each load run;
 * BENCH_TSX=1 runs the bot through tsx instead of a build.
 */
import { execFileSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../services/clock';
import { CosmosStore } from '../../services/store/cosmos';
import { EmbeddedStore } from '../../services/store/embedded';
import type { Store } from '../../services/store/store';
import { ROOT, startBotProcess, type BotProcess } from '../helpers/botProcess';
import { ballotBurst, type BurstResult } from './ballots';
import type { LoadResult } from './load';
import { minutesBench } from './minutes';
import { memoryOf, startServer } from './processes';
import { DUE, sweepBench } from './sweep';
import { echoRun, helpRun, plainRun, voteRun, type TurnRun } from './turnPath';
import { seedWorld, type Seeded } from './world';

const durationS = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = 3;
const BUILD = join(ROOT, 'tests', '.artifacts', 'bench-dist');
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot as `npm start` runs it: compiled by tsc (type errors elsewhere in the tree do not stop the emit). */
function botEntry(): string | undefined {
  if (process.env.BENCH_TSX === '1') return undefined;
  log('building the bot (tsc) ...');
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', BUILD, '--tsBuildInfoFile', join(BUILD, '.tsbuildinfo')], { stdio: 'pipe' });
  } catch (err) {
    log(`tsc reported errors; running what it emitted:\n${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 2000)}`);
  }
  return join(BUILD, 'bot', 'main.js');
}

async function withBot<T>(entry: string | undefined, env: Record<string, string>, run: (bot: BotProcess) => Promise<T>): Promise<T> {
  const bot = await startBotProcess({ entry, env: { LOG_LEVEL: 'info', ...env }, startTimeoutMs: 120_000 });
  try {
    return await run(bot);
  } finally {
    await bot.stop();
  }
}

async function seeded(store: Store): Promise<Seeded> {
  const world = await seedWorld(store, systemClock);
  await store.close();
  return world;
}

async function main(): Promise<void> {
  const entry = botEntry();
  const cpus = os.cpus();
  const machine = { nproc: cpus.length, cpu: cpus[0]?.model ?? 'unknown', node: process.version, loadAvg1m: Number(os.loadavg()[0].toFixed(2)), botFrom: entry ? 'tsc build' : 'tsx' };
  const connector = await startServer('connector');
  const run: TurnRun = { connections: 20, durationS, connectorUrl: `${connector.url}/` };
  const dir = mkdtempSync(join(os.tmpdir(), 'referent-bench-'));
  const world = await seeded(new EmbeddedStore(dir));
  const anyone = world.example.network.members[2];

  log('plain Node handler ...');
  const plainServer = await startServer('plain');
  const plain = await plainRun(run, plainServer, anyone);
  log(`  ${JSON.stringify(plain)}`);
  await plainServer.stop();

  // Echo and bot run side by side, measured in alternating rounds, so drift in the machine's
  // load hits both alike; each figure is the median over the rounds.
  const echoServer = await startServer('echo');
  const embedded = await withBot(entry, { DATA_DIR: dir }, async (bot) => {
    await settle(3000);
    const idle = memoryOf(bot.pid);
    const echoIdle = memoryOf(echoServer.child.pid!);
    const rounds: Record<'echo' | 'help' | 'vote', LoadResult>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round} of ${ROUNDS}: echo, hjælp, ballot clicks ...`);
      const results = { echo: await echoRun(run, echoServer, anyone), help: await helpRun(run, bot, world), vote: await voteRun(run, bot, world) };
      log(`  ${JSON.stringify(results)}`);
      rounds.push(results);
    }
    const peak = memoryOf(bot.pid);
    const echoPeak = memoryOf(echoServer.child.pid!);
    log('1,000 ballots at once (embedded) ...');
    const reader = new EmbeddedStore(dir);
    const burst = await ballotBurst(bot, run.connectorUrl, world, reader).finally(() => reader.close());
    log(`  ${JSON.stringify(burst)}`);
    const of = (kind: 'echo' | 'help' | 'vote') => medianOf(rounds.map((r) => r[kind]));
    return { idle, peak, echoIdle, echoPeak, echo: of('echo'), help: of('help'), vote: of('vote'), burst };
  });
  await echoServer.stop();
  const { echo, echoIdle, echoPeak } = embedded;
  rmSync(dir, { recursive: true, force: true });

  log('1,000 ballots at once (Cosmos emulator) ...');
  const cosmosServer = await startServer('cosmos');
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
  const cosmosOptions = { endpoint: cosmosServer.url, key: 'bench', database: 'bench' };
  const cosmosWorld = await seeded(await CosmosStore.open({ ...cosmosOptions, agent }));
  const cosmosBurst = await withBot(entry, { COSMOS_ENDPOINT: cosmosServer.url, COSMOS_KEY: 'bench', COSMOS_DATABASE: 'bench', NODE_TLS_REJECT_UNAUTHORIZED: '0' }, async (bot) => {
    const reader = await CosmosStore.open({ ...cosmosOptions, agent });
    const burst = await ballotBurst(bot, run.connectorUrl, cosmosWorld, reader).finally(() => reader.close());
    log(`  ${JSON.stringify(burst)}`);
    if (burst.acknowledged < burst.ballots) log(`  the bot's last log lines:\n${bot.logs.slice(-5).join('\n')}`);
    return burst;
  });
  agent.destroy();
  await cosmosServer.stop();
  await connector.stop();

  log('nudge sweeps ...');
  const sweepBase = await sweepBench(DUE);
  const sweep = await sweepBench(100_000);
  log('minutes ...');
  const minutes = await minutesBench();

  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  const figures = {
    machine,
    turn: {
      connections: run.connections,
      durationS,
      rounds: ROUNDS,
      plain: rounded(plain),
      echo: rounded(echo),
      help: rounded(embedded.help),
      vote: rounded(embedded.vote),
      ratios: {
        voteP99: ratio(embedded.vote.p99, echo.p99),
        voteRps: ratio(embedded.vote.rps, echo.rps),
        helpP99: ratio(embedded.help.p99, echo.p99),
        helpRps: ratio(embedded.help.rps, echo.rps),
      },
    },
    ballots: { embedded: burstFigures(embedded.burst), cosmos: burstFigures(cosmosBurst), embeddedToEcho: ratio(embedded.burst.votesPerS, echo.rps) },
    sweep: { ...sweepFigures(sweep), baseline: sweepFigures(sweepBase), ratio: ratio(sweep.ms, sweepBase.ms) },
    minutes: { ...minutes, ms: round(minutes.ms), baselineMs: round(minutes.baselineMs) },
    memory: { botIdleMb: round(embedded.idle.rssMb), botPeakMb: round(embedded.peak.peakMb), echoIdleMb: round(echoIdle.rssMb), echoPeakMb: round(echoPeak.peakMb) },
  };
  const targets = {
    voteP99: figures.turn.ratios.voteP99 <= 1.5,
    voteRps: figures.turn.ratios.voteRps >= 0.7,
    ballotsLost: embedded.burst.lost === 0 && cosmosBurst.lost === 0,
    ballotsRate: figures.ballots.embeddedToEcho >= 0.7,
    sweep: sweep.ms <= 200,
    minutes: minutes.ms <= 300,
    idleRss: embedded.idle.rssMb <= 150,
  };
  printTable(figures, targets);
  process.stdout.write(`${JSON.stringify({ ...figures, targets })}\n`);
}

const round = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Each figure's median over the rounds. */
const medianOf = (rs: LoadResult[]): LoadResult => ({
  rps: median(rs.map((r) => r.rps)),
  p50: median(rs.map((r) => r.p50)),
  p99: median(rs.map((r) => r.p99)),
  requests: rs.reduce((n, r) => n + r.requests, 0),
  errors: rs.reduce((n, r) => n + r.errors, 0),
  non2xx: rs.reduce((n, r) => n + r.non2xx, 0),
  cpuMsPerRequest: median(rs.map((r) => r.cpuMsPerRequest ?? NaN)),
});
const rounded = (r: LoadResult) => ({ rps: round(r.rps), p50: r.p50, p99: r.p99, requests: r.requests, errors: r.errors, non2xx: r.non2xx, cpuMsPerRequest: round2(r.cpuMsPerRequest ?? NaN) });
const burstFigures = (b: BurstResult) => ({ ballots: b.ballots, acknowledged: b.acknowledged, lost: b.lost, ms: round(b.ms), votesPerS: round(b.votesPerS), cpuMsPerClick: round2(b.cpuMsPerClick), refusals: b.refusals });
const sweepFigures = (s: Awaited<ReturnType<typeof sweepBench>>) => ({ tasks: s.tasks, ms: round(s.ms), minMs: round(s.minMs), maxMs: round(s.maxMs), sent: s.sent, dueRead: s.dueRead, itemsRead: s.itemsRead, written: s.written });

type Figures = {
  machine: Record<string, unknown>;
  turn: { plain: ReturnType<typeof rounded>; echo: ReturnType<typeof rounded>; help: ReturnType<typeof rounded>; vote: ReturnType<typeof rounded>; ratios: Record<string, number> };
  ballots: { embedded: ReturnType<typeof burstFigures>; cosmos: ReturnType<typeof burstFigures>; embeddedToEcho: number };
  sweep: ReturnType<typeof sweepFigures> & { baseline: ReturnType<typeof sweepFigures>; ratio: number };
  minutes: { ms: number; baselineMs: number; bytes: number; items: number; members: number };
  memory: Record<string, number>;
};

function printTable(f: Figures, targets: Record<string, boolean>): void {
  const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
  const rows: string[][] = [
    ['figure', 'value', 'baseline / target'],
    ['machine', `${f.machine.nproc} × ${f.machine.cpu}, node ${f.machine.node}, load ${f.machine.loadAvg1m}`, `bot from ${f.machine.botFrom}`],
    ...(['plain', 'echo', 'help', 'vote'] as const).map((k) => [`(1) ${k}: req/s, p50, p99`, `${f.turn[k].rps}, ${f.turn[k].p50} ms, ${f.turn[k].p99} ms`, `errors ${f.turn[k].errors}, non-2xx ${f.turn[k].non2xx}`]),
    ['(1) vote/echo p99', String(f.turn.ratios.voteP99), `≤ 1.5: ${ok(targets.voteP99)}`],
    ['(1) vote/echo req/s', String(f.turn.ratios.voteRps), `≥ 0.7: ${ok(targets.voteRps)}`],
    ['(1) help/echo p99, req/s', `${f.turn.ratios.helpP99}, ${f.turn.ratios.helpRps}`, ''],
    ...(['embedded', 'cosmos'] as const).map((k) => [`(2) 1,000 ballots, ${k}`, `${f.ballots[k].votesPerS} votes/s, ${f.ballots[k].ms} ms`, `acknowledged ${f.ballots[k].acknowledged}, lost ${f.ballots[k].lost}`]),
    ['(2) embedded votes/s ÷ echo req/s', String(f.ballots.embeddedToEcho), `≥ 0.7: ${ok(targets.ballotsRate)}; lost 0: ${ok(targets.ballotsLost)}`],
    ['(2) CPU ms per burst click; echo, vote', `${f.ballots.embedded.cpuMsPerClick}`, `echo ${f.turn.echo.cpuMsPerRequest} per message, (1) vote ${f.turn.vote.cpuMsPerRequest} per click (all threads)`],
    ['(3) sweep 100,000 tasks, 1,000 due', `${f.sweep.ms} ms (${f.sweep.minMs}–${f.sweep.maxMs}), sent ${f.sweep.sent}, read ${f.sweep.itemsRead} (due ${f.sweep.dueRead})`, `1,000 tasks: ${f.sweep.baseline.ms} ms, read ${f.sweep.baseline.itemsRead}; ≤ 200 ms: ${ok(targets.sweep)}`],
    ['(4) minutes .docx, 20 items, 15 members', `${f.minutes.ms} ms (${Math.round(f.minutes.bytes / 1024)} KB)`, `1-paragraph docx ${f.minutes.baselineMs} ms; ≤ 300 ms: ${ok(targets.minutes)}`],
    ['(5) RSS bot idle, peak under (1)', `${f.memory.botIdleMb} MB, ${f.memory.botPeakMb} MB`, `echo ${f.memory.echoIdleMb} MB, ${f.memory.echoPeakMb} MB; idle ≤ 150 MB: ${ok(targets.idleRss)}`],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c])).join('  ')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
