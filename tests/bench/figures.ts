/** The run's results as the figures printed and written as JSON, and the targets checked on them. */
import type { BurstResult } from './ballots';
import type { FanoutResult } from './fanout';
import type { LoadResult } from './load';
import type { MinutesResult } from './minutes';
import type { Memory } from './processes';
import { sizeLabel, type CostRow, type Operation } from '../perf/cosmosCosts';
import type { SweepResult } from './sweep';

/** One round's load runs: the echo, and hjælp and ballot clicks on each store. */
export type Rounds = Record<'echo' | 'help' | 'vote' | 'cosmosHelp' | 'cosmosVote', LoadResult>;
/** The echo and the Cosmos turns with one connection: each request's own path, with nothing queued before it. */
export type Alone = Record<'echo' | 'cosmosHelp' | 'cosmosVote', LoadResult>;
type Processes = 'bot' | 'cosmosBot' | 'echo';

export interface Results {
  machine: Record<string, unknown>;
  durationS: number;
  connections: number;
  cosmosDelayMs: number;
  plain: LoadResult;
  idle: Record<Processes, Memory>;
  peak: Record<Processes, Memory>;
  rounds: Rounds[];
  alone: Alone;
  embeddedBursts: { fresh: BurstResult; changed: BurstResult };
  cosmosBursts: { fresh: BurstResult; changed: BurstResult };
  sweep: SweepResult;
  sweepBase: SweepResult;
  minutes: MinutesResult;
  requests: CostRow[];
  fanout: FanoutResult;
}

/** Upper bounds on a turn's Cosmos requests, at every size it is counted at. */
export const REQUEST_TARGETS: Partial<Record<Operation, number>> = { hjælp: 2, 'ballot click': 3, 'vote card refresh': 3, 'habilitet answer': 3 };
/** Operations whose count must be the same at every size. */
export const CONSTANT_REQUESTS: Operation[] = ['frister', 'habilitet answer follow-up'];
/** The click's p99 on Cosmos may exceed the echo's by this much. */
export const COSMOS_CLICK_P99_MARGIN_MS = 20;

export function figuresOf(r: Results) {
  const of = (kind: keyof Rounds) => rounded(medianOf(r.rounds.map((x) => x[kind])));
  const turn = { plain: rounded(r.plain), echo: of('echo'), help: of('help'), vote: of('vote'), cosmosHelp: of('cosmosHelp'), cosmosVote: of('cosmosVote') };
  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  const rowsOf = (op: Operation) => r.requests.filter((row) => row.operation === op);
  const figures = {
    machine: r.machine,
    turn: {
      connections: r.connections,
      durationS: r.durationS,
      rounds: r.rounds.length,
      cosmosDelayMs: r.cosmosDelayMs,
      ...turn,
      ratios: { voteP99: ratio(turn.vote.p99, turn.echo.p99), voteRps: ratio(turn.vote.rps, turn.echo.rps), helpP99: ratio(turn.help.p99, turn.echo.p99), helpRps: ratio(turn.help.rps, turn.echo.rps) },
      /** How much later than the echo's the p99 on Cosmos comes, ms. */
      cosmosOverEchoP99: { vote: turn.cosmosVote.p99 - turn.echo.p99, help: turn.cosmosHelp.p99 - turn.echo.p99 },
      alone: { echo: rounded(r.alone.echo), cosmosHelp: rounded(r.alone.cosmosHelp), cosmosVote: rounded(r.alone.cosmosVote) },
    },
    ballots: {
      embedded: { fresh: burstFigures(r.embeddedBursts.fresh), changed: burstFigures(r.embeddedBursts.changed) },
      cosmos: { fresh: burstFigures(r.cosmosBursts.fresh), changed: burstFigures(r.cosmosBursts.changed) },
      embeddedToEcho: ratio(r.embeddedBursts.fresh.votesPerS, turn.echo.rps),
    },
    sweep: { ...sweepFigures(r.sweep), baseline: sweepFigures(r.sweepBase), ratio: ratio(r.sweep.ms, r.sweepBase.ms), msPerNudge: round2(r.sweep.ms / Math.max(1, r.sweep.sent)) },
    minutes: { ...r.minutes, ms: round(r.minutes.ms), baselineMs: round(r.minutes.baselineMs) },
    memory: Object.fromEntries((['bot', 'cosmosBot', 'echo'] as const).flatMap((p) => [[`${p}IdleMb`, round(r.idle[p].rssMb)], [`${p}PeakMb`, round(r.peak[p].peakMb)]])) as Record<`${Processes}${'Idle' | 'Peak'}Mb`, number>,
    requests: r.requests.map((row) => ({ operation: row.operation, size: sizeLabel(row.size), ...row.counts })),
    fanout: fanoutFigures(r.fanout),
  };
  const bursts = [r.embeddedBursts.fresh, r.embeddedBursts.changed, r.cosmosBursts.fresh, r.cosmosBursts.changed];
  const targets = {
    voteP99: figures.turn.ratios.voteP99 <= 1.5,
    voteRps: figures.turn.ratios.voteRps >= 0.7,
    cosmosVoteP99: answered(turn.cosmosVote) && figures.turn.cosmosOverEchoP99.vote <= COSMOS_CLICK_P99_MARGIN_MS,
    ballotsLost: bursts.every((b) => b.lost === 0),
    minutes: r.minutes.ms <= 300,
    idleRss: r.idle.bot.rssMb <= 150,
    ...Object.fromEntries(Object.entries(REQUEST_TARGETS).map(([op, most]) => [requestTarget(op), rowsOf(op as Operation).every((row) => row.counts.total <= most)])),
    ...Object.fromEntries(CONSTANT_REQUESTS.map((op) => [requestTarget(op), new Set(rowsOf(op).map((row) => row.counts.total)).size === 1])),
    fanoutAnswer: fanoutMet(r.fanout),
  } as Record<string, boolean>;
  return { figures, targets };
}

/** The name of the target on an operation's Cosmos requests. */
export const requestTarget = (op: string) => `${op} requests`;

export type Figures = ReturnType<typeof figuresOf>['figures'];

/** A load run whose every request was answered with a 2xx (a run that got no answer has no latency to compare). */
const answered = (r: { requests: number; errors: number; non2xx: number }) => r.requests > 0 && r.errors === 0 && r.non2xx === 0;
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
  ...(rs[0].storeCpuMsPerRequest === undefined ? {} : { storeCpuMsPerRequest: median(rs.map((r) => r.storeCpuMsPerRequest ?? NaN)) }),
});
const rounded = (r: LoadResult) => ({
  rps: round(r.rps),
  p50: r.p50,
  p99: r.p99,
  requests: r.requests,
  errors: r.errors,
  non2xx: r.non2xx,
  cpuMsPerRequest: round2(r.cpuMsPerRequest ?? NaN),
  ...(r.storeCpuMsPerRequest === undefined ? {} : { storeCpuMsPerRequest: round2(r.storeCpuMsPerRequest) }),
});
const burstFigures = (b: BurstResult) => ({ ballots: b.ballots, acknowledged: b.acknowledged, lost: b.lost, ms: round(b.ms), votesPerS: round(b.votesPerS), cpuMsPerClick: round2(b.cpuMsPerClick), refusals: b.refusals });
export const fanoutFigures = (f: FanoutResult) => ({ ...f, answerMs: round(f.answerMs), turnMs: round(f.turnMs), sendsPerS: round(f.sendsPerS), lastPromptS: round(f.lastPromptS) });
/** The chair hears back within a second, and every voting member got their prompt. */
export const fanoutMet = (f: FanoutResult) => f.answerMs < 1000 && f.prompts === f.voters;
const sweepFigures = (s: SweepResult) => ({ tasks: s.tasks, ms: round(s.ms), minMs: round(s.minMs), maxMs: round(s.maxMs), sent: s.sent, dueRead: s.dueRead, itemsRead: s.itemsRead, written: s.written });
