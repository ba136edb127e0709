/** The figures as the table `npm run bench` prints: one row per figure, then the Cosmos requests per turn by world. */
import type { Operation } from '../perf/cosmosCosts';
import { CONSTANT_REQUESTS, COSMOS_CLICK_P99_MARGIN_MS, REQUEST_TARGETS, requestTarget, type Figures } from './figures';
import { TEAMS_LIMITS } from '../../services/deadlines/rateLimit';

const ok = (pass: boolean | undefined) => (pass ? '✓' : 'MISSED');

export function printTable(f: Figures, targets: Record<string, boolean>): void {
  const t = f.turn;
  const load = (r: Figures['turn']['cosmosVote']) =>
    `${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU ${r.cpuMsPerRequest} ms${r.storeCpuMsPerRequest === undefined ? '' : ` (+ emulator ${r.storeCpuMsPerRequest} ms)`}`;
  const a = t.alone;
  const errors = (r: Figures['turn']['echo']) => (r.errors || r.non2xx ? `errors ${r.errors}, non-2xx ${r.non2xx}` : '');
  const burst = (b: Figures['ballots']['embedded']['fresh']) => `${b.votesPerS} votes/s (${b.ms} ms), ${b.acknowledged} of ${b.ballots} acknowledged, ${b.lost} lost; CPU ${b.cpuMsPerClick} ms per click`;
  const m = f.memory;
  print([
    ['figure', 'value', 'baseline / target'],
    ['machine', `${f.machine.nproc} × ${f.machine.cpu}, node ${f.machine.node}, load ${f.machine.loadAvg1m}`, `bot from ${f.machine.botFrom}`],
    ['(1) plain Node handler', load(t.plain), errors(t.plain)],
    ['(1) botbuilder echo', load(t.echo), errors(t.echo) || 'the baseline'],
    ['(1) ballot click, embedded', load(t.vote), `p99 ${t.ratios.voteP99}× echo (≤ 1.5 ${ok(targets.voteP99)}), req/s ${t.ratios.voteRps}× (≥ 0.7 ${ok(targets.voteRps)}) ${errors(t.vote)}`],
    ['(1) `hjælp`, embedded', load(t.help), `p99 ${t.ratios.helpP99}×, req/s ${t.ratios.helpRps}× echo ${errors(t.help)}`],
    [`(1) ballot click, Cosmos + ${t.cosmosDelayMs} ms`, load(t.cosmosVote), `p99 echo + ${t.cosmosOverEchoP99.vote} ms (≤ + ${COSMOS_CLICK_P99_MARGIN_MS} ${ok(targets.cosmosVoteP99)}) ${errors(t.cosmosVote)}`],
    [`(1) \`hjælp\`, Cosmos + ${t.cosmosDelayMs} ms`, load(t.cosmosHelp), `p99 echo + ${t.cosmosOverEchoP99.help} ms ${errors(t.cosmosHelp)}`],
    ['(1) one connection: botbuilder echo', load(a.echo), errors(a.echo)],
    [`(1) one connection: ballot click, Cosmos + ${t.cosmosDelayMs} ms`, load(a.cosmosVote), `p50 echo + ${a.cosmosVote.p50 - a.echo.p50} ms, p99 echo + ${a.cosmosVote.p99 - a.echo.p99} ms ${errors(a.cosmosVote)}`],
    [`(1) one connection: \`hjælp\`, Cosmos + ${t.cosmosDelayMs} ms`, load(a.cosmosHelp), `p50 echo + ${a.cosmosHelp.p50 - a.echo.p50} ms, p99 echo + ${a.cosmosHelp.p99 - a.echo.p99} ms ${errors(a.cosmosHelp)}`],
    ['(2) 1,000 new ballots, embedded', burst(f.ballots.embedded.fresh), `${f.ballots.embeddedToEcho}× the echo's req/s`],
    ['(2) the same 1,000 changed, embedded', burst(f.ballots.embedded.changed), ''],
    [`(2) 1,000 new ballots, Cosmos + ${t.cosmosDelayMs} ms`, burst(f.ballots.cosmos.fresh), ''],
    [`(2) the same 1,000 changed, Cosmos + ${t.cosmosDelayMs} ms`, burst(f.ballots.cosmos.changed), `none lost ${ok(targets.ballotsLost)}`],
    [
      '(3) nudge sweep, 100,000 tasks, 1,000 due',
      `${f.sweep.ms} ms (${f.sweep.minMs}–${f.sweep.maxMs}), ${f.sweep.msPerNudge} ms a nudge; sent ${f.sweep.sent}, read ${f.sweep.itemsRead} (due ${f.sweep.dueRead})`,
      `1,000 tasks: ${f.sweep.baseline.ms} ms, read ${f.sweep.baseline.itemsRead}`,
    ],
    ['(4) minutes .docx, 20 items, 15 members', `${f.minutes.ms} ms (${Math.round(f.minutes.bytes / 1024)} KB)`, `one-paragraph .docx ${f.minutes.baselineMs} ms; ≤ 300 ms ${ok(targets.minutes)}`],
    ['(5) RSS idle / peak under (1): bot, embedded', `${m.botIdleMb} MB / ${m.botPeakMb} MB`, `echo ${m.echoIdleMb} MB / ${m.echoPeakMb} MB; idle ≤ 150 MB ${ok(targets.idleRss)}`],
    ['(5) RSS idle / peak under (1): bot, Cosmos', `${m.cosmosBotIdleMb} MB / ${m.cosmosBotPeakMb} MB`, ''],
    fanoutRow(f.fanout, targets.fanoutAnswer),
  ]);
  process.stdout.write('\n(6) Cosmos requests per operation, counted through the bot on the emulator\n');
  const target = (op: Operation) => {
    if (CONSTANT_REQUESTS.includes(op)) return `the same at every size ${ok(targets[requestTarget(op)])}`;
    const most = REQUEST_TARGETS[op];
    return most === undefined ? '' : `≤ ${most} ${ok(targets[requestTarget(op)])}`;
  };
  print([
    ['operation', 'world', 'requests', 'reads, queries (+ plans), writes', 'target'],
    ...f.requests.map((row, i) => {
      const first = i === 0 || f.requests[i - 1].operation !== row.operation;
      return [first ? row.operation : '', row.size, String(row.total), `${row.pointRead}, ${row.query} (+ ${row.queryPlan}), ${row.write}`, first ? target(row.operation as Operation) : ''];
    }),
  ]);
}

/** (7) The habilitet round for 200 members: the chair's answer, and the pace of the prompts. */
export function fanoutRow(r: Figures['fanout'], met: boolean | undefined): string[] {
  return [
    `(7) habilitet round, ${r.members} members (${r.voters} voting)`,
    `answer ${r.answerMs} ms (the turn ${r.turnMs} ms); ${r.prompts} prompts at ${r.sendsPerS}/s, at most ${r.maxInOneS} in a second, the last ${r.lastPromptS} s in`,
    `answer < 1 s, all prompted ${ok(met)}; limiter ${TEAMS_LIMITS.perAppPerSecond}/s`,
  ];
}

/** Only the habilitet round (BENCH_ONLY=fanout). */
export function printFanout(r: Figures['fanout'], met: boolean): void {
  print([['figure', 'value', 'target'], fanoutRow(r, met)]);
}

function print(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) process.stdout.write(`${r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()}\n`);
}
