/**
 * (6) A habilitet round for a network of 200 members (198 voting), started by the chair in
 * 1:1, on the bot as its own process (embedded store): how long until the chair's answer
 * reaches the stand-in connector (target < 1 s), and how the 198 prompts are paced as they
 * arrive there (sends a second over the whole round, and the most in any one second; Teams
 * allows about 30 a second for the app, the sweep's limiter's setting). Every member has
 * written before (their contact known), so each prompt opens a 1:1 chat and sends into it,
 * as a first round in a new network does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../services';
import { systemClock } from '../../services/clock';
import { votingMembers } from '../../services/networks';
import { EmbeddedStore } from '../../services/store/embedded';
import { startBotProcess } from '../helpers/botProcess';
import { teamsAccount, TENANT } from '../helpers/bot';
import { message } from './activities';
import { bigMeeting, bigNetwork } from './world';

export const FANOUT_MEMBERS = 200;
const DAY = 86_400_000;

export interface FanoutResult {
  members: number;
  voters: number;
  /** From the chair's message to their answer arriving at the connector. */
  answerMs: number;
  /** The chair's whole turn (answer and status card), as the HTTP response to Teams. */
  turnMs: number;
  prompts: number;
  /** Prompts a second from the first to the last. */
  sendsPerS: number;
  /** The most prompts that arrived within any one second. */
  maxInOneS: number;
  /** From the chair's message to the last prompt. */
  lastPromptS: number;
}

interface Arrival {
  at: number;
  path: string;
  body: string;
}

/** Teams' side: answers every call at once, like servers.ts's connector, and notes when each arrived. */
async function recordingConnector(): Promise<{ url: string; arrivals: Arrival[]; close(): Promise<void> }> {
  const arrivals: Arrival[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrivals.push({ at: performance.now(), path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `act-${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function seed(dir: string, serviceUrl: string) {
  const store = new EmbeddedStore(dir);
  const services = createServices(store, systemClock);
  const network = bigNetwork(FANOUT_MEMBERS - 2);
  await services.networks.import(network);
  // A meeting a week ahead: the round is open.
  const start = new Date(Date.now() + 7 * DAY);
  await services.meetings.import({ ...bigMeeting(2, 1), start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() });
  for (const m of network.members) {
    const account = teamsAccount(m.email, m.name);
    await services.identities.link({ tenantId: TENANT, aadObjectId: account.aadObjectId }, m.email, m.name);
    await services.identities.saveContact(m.email, { tenantId: TENANT, aadObjectId: account.aadObjectId, teamsUserId: account.id, serviceUrl });
  }
  await store.close();
  return network;
}

export async function fanoutBench(entry: string | undefined): Promise<FanoutResult> {
  const dir = mkdtempSync(join(tmpdir(), 'referent-bench-fanout-'));
  const connector = await recordingConnector();
  try {
    const network = await seed(dir, connector.url);
    const voters = votingMembers(network);
    const chair = voters[0];
    const bot = await startBotProcess({ entry, env: { DATA_DIR: dir }, startTimeoutMs: 120_000 });
    try {
      const say = async (text: string) => {
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: message(chair, connector.url, text) });
        await res.arrayBuffer();
      };
      // A first turn warms the process up, as a bot that has served a while is.
      await say('hjælp');
      const t0 = performance.now();
      await say('habilitet');
      const turnMs = performance.now() - t0;
      const isPrompt = (a: Arrival) => a.body.includes('"verb":"habilitet.no"');
      const deadline = Date.now() + 120_000;
      while (connector.arrivals.filter(isPrompt).length < voters.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = connector.arrivals.find((a) => a.body.includes('Spørgsmålet sendes nu til'));
      const prompts = connector.arrivals.filter(isPrompt).map((a) => a.at);
      let maxInOneS = 0;
      for (let i = 0, j = 0; i < prompts.length; i++) {
        while (prompts[i] - prompts[j] >= 1000) j++;
        maxInOneS = Math.max(maxInOneS, i - j + 1);
      }
      const span = (prompts[prompts.length - 1] - prompts[0]) / 1000;
      return {
        members: network.members.length,
        voters: voters.length,
        answerMs: answer ? answer.at - t0 : NaN,
        turnMs,
        prompts: prompts.length,
        sendsPerS: prompts.length > 1 ? (prompts.length - 1) / span : NaN,
        maxInOneS,
        lastPromptS: prompts.length ? (prompts[prompts.length - 1] - t0) / 1000 : NaN,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
