/**
 * (3) A nudge sweep over a store holding `tasks` tasks (one assignee each) of which 1,000
 * are due: how long it takes and how many documents it reads. Each nudge goes the way the
 * bot sends it (the nudge card rendered in the assignee's language, through the Messenger
 * and botbuilder's connector client) to the stand-in connector at `connectorUrl`, which
 * answers at once; Teams' rate limits are lifted, so what is timed is the scheduler, the
 * store and the send itself: finding what is due, holding the sweep lease, rendering and
 * sending, recording each send and planning the next nudge. A stray GC or another process's
 * burst on this shared machine moves one sweep by a third: the same 1,000 nudges are made
 * due again and swept SWEEPS times, and the median is the figure (the fastest and slowest
 * beside it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter } from '../../bot/adapter';
import { createLogger } from '../../bot/log';
import { Messenger } from '../../bot/messenger';
import { TeamsNudgeDelivery } from '../../bot/nudgeDelivery';
import { createCards } from '../../cards/cards';
import { createServices } from '../../services';
import { ManualClock } from '../../services/clock';
import { ASSIGNMENT, TASK, assignmentKey, taskKey } from '../../services/deadlines/deadlines';
import type { AssignmentDoc, TaskDoc } from '../../services/deadlines/model';
import { NudgeScheduler, type SweepReport } from '../../services/deadlines/scheduler';
import { votingMembers } from '../../services/networks';
import { EmbeddedStore } from '../../services/store/embedded';
import { exampleNetwork, testConfig } from '../helpers/bot';
import { CountingStore } from '../helpers/countingStore';
import { reachable } from './world';

export const DUE = 1000;
const NOW = new Date('2021-06-10T08:00:00Z');
const DAY = 86_400_000;
const CHUNK = 2000;
const SWEEPS = 5;

export interface SweepResult {
  tasks: number;
  /** The median sweep's time, and the fastest and slowest. */
  ms: number;
  minMs: number;
  maxMs: number;
  sent: number;
  /** Assignment documents the due query returned. */
  dueRead: number;
  /** Every document read (due query, tasks, network). */
  itemsRead: number;
  written: number;
}

export async function sweepBench(tasks: number, connectorUrl: string): Promise<SweepResult> {
  const dir = mkdtempSync(join(tmpdir(), 'referent-bench-sweep-'));
  const store = new CountingStore(new EmbeddedStore(dir));
  try {
    const clock = new ManualClock(NOW);
    const services = createServices(store, clock);
    const { network } = await services.networks.import(exampleNetwork());
    const voters = votingMembers(network);
    await Promise.all(network.members.map((m) => reachable(services, m, connectorUrl)));
    const dueAssignment = (i: number) => {
      const id = `pid.bench-${i}`;
      const email = voters[i % voters.length].email;
      const assignment: AssignmentDoc = { taskId: id, networkId: 'pid', email, status: 'open', pending: { key: 'before-7', reason: 'before' }, sent: [], failures: 0 };
      return { ...assignmentKey(id, email), kind: ASSIGNMENT, data: assignment, dueAt: new Date(NOW.getTime() - 60_000).toISOString() };
    };
    for (let from = 0; from < tasks; from += CHUNK) {
      const writes = [];
      for (let i = from; i < Math.min(tasks, from + CHUNK); i++) {
        // The first DUE are due a minute ago; the rest are planned over the coming weeks.
        const assignment = i < DUE ? dueAssignment(i) : { ...dueAssignment(i), dueAt: new Date(NOW.getTime() + DAY + (i % 14) * DAY).toISOString() };
        const { taskId: id, email } = assignment.data;
        const due = new Date(NOW.getTime() + 20 * DAY).toISOString();
        const task: TaskDoc = { id, networkId: 'pid', kind: 'task', title: `Opgave ${i}`, assignees: [email], assigneeEmails: [email], due, dueIsDate: false, createdBy: 'referent', createdAt: NOW.toISOString() };
        writes.push(store.create({ ...taskKey(id), kind: TASK, data: task }), store.create(assignment));
      }
      await Promise.all(writes);
    }
    const config = testConfig();
    const log = createLogger('silent');
    const scheduler = new NudgeScheduler({
      store,
      clock,
      networks: services.networks,
      deadlines: services.deadlines,
      delivery: new TeamsNudgeDelivery(new Messenger(createAdapter(config, log), '', services, log), services, createCards()),
      limits: { perConversationPerSecond: 1e9, perAppPerSecond: 1e9 },
      // Sub-millisecond time, or a lifted bucket still spaces two nudges to one member by Date.now()'s 1 ms.
      pacing: { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    });
    const runs: (SweepReport & { ms: number; itemsRead: number; written: number })[] = [];
    for (let run = 0; run < SWEEPS; run++) {
      // The same nudges due again, as before the first sweep.
      if (run > 0) await Promise.all(Array.from({ length: DUE }, (_, i) => store.upsert(dueAssignment(i))));
      store.reset();
      const started = performance.now();
      const report = await scheduler.sweep();
      runs.push({ ...report, ms: performance.now() - started, itemsRead: store.read, written: store.written });
    }
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(SWEEPS / 2)];
    return { tasks, ms: median.ms, minMs: sorted[0].ms, maxMs: sorted[SWEEPS - 1].ms, sent: median.sent, dueRead: median.read, itemsRead: median.itemsRead, written: median.written };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
