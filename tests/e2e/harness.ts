/**
 * The end-to-end rig: the real bot (in-process, fresh embedded store, TEST_CLOCK=1, its log
 * in a file) with the example network and meeting, two Microsoft 365 Agents Playground
 * clients pointed at it — Anne (chair) and Mads (vice-chair, a regional representative) —
 * and Debian's Chromium showing both. Screenshots go to tests/.artifacts/e2e/; on failure the
 * pages' HTML and the bot's log go next to them.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Locator } from 'playwright-core';
import { parse, stringify } from 'yaml';
import { startApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { projectRoot } from '../../bot/paths';
import type { Services } from '../../services';
import { playgroundConfig, startPlayground, whenListening } from '../../bot/playground';
import { exampleMeeting, exampleNetwork } from '../helpers/bot';
import type { TeamsAccount } from '../helpers/connector';
import { TeamsClient } from './client';
import { otherMembers, type OtherMembers } from './members';

export const ARTIFACTS = join(projectRoot(), 'tests', '.artifacts', 'e2e');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

export interface Rig {
  /** The Playground's current user in the first client: the chair. */
  anne: TeamsClient;
  /** A second Playground whose current user is the vice-chair, Region Midtjylland's representative. */
  mads: TeamsClient;
  others: OtherMembers;
  /** The bot's services, to check what a form stored. */
  services: Services;
  /** Moves the bot's clock through POST /test/clock (which also sends the nudges due by then). */
  setClock(iso: string): Promise<void>;
  /** A screenshot of each client, named for the step, with `cards` scrolled into view; and one of each card whole. */
  screenshot(step: string, cards: Locator[]): Promise<void>;
  /** The pages' HTML, a screenshot and the bot's log, for a failed step. */
  saveFailure(step: string): Promise<void>;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The Playground writes "en-US" into every activity it sends, whatever the browser's
 * language; a Danish member's Teams sends "da-DK". This forwarder in front of the bot
 * changes only that, so the bot answers in the network's working language.
 */
async function danishClientProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8').replace(/"en-US"/g, '"da-DK"');
      const headers = { 'content-type': 'application/json', ...(req.headers.authorization && { authorization: req.headers.authorization }) };
      fetch(`${target}${req.url ?? ''}`, { method: req.method, headers, body: req.method === 'POST' ? body : undefined })
        .then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Playground's tenant file with `email` as the current user (and the chair among the others). */
function tenantAs(email: string, dir: string): string {
  type User = { email: string };
  const tenant = parse(readFileSync(playgroundConfig(), 'utf8')) as { currentUser: User; users: User[] };
  const index = tenant.users.findIndex((u) => u.email === email);
  if (index < 0) throw new Error(`${email} is not in ${playgroundConfig()}`);
  const [user] = tenant.users.splice(index, 1, tenant.currentUser);
  tenant.currentUser = user;
  const file = join(dir, `playground-${email.split('@')[0]}.yml`);
  writeFileSync(file, stringify(tenant));
  return file;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}

/** `others` click through ./members.ts; so do `newcomers`, people the test adds to the roster in Teams. */
export async function startRig(others: string[], newcomers: TeamsAccount[] = []): Promise<Rig> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'referent-e2e-'));
  const logFile = join(work, 'bot.log');
  const log = pino({ level: 'info', base: { app: 'referent' } }, pino.destination({ dest: logFile, sync: true }));
  // Undone in reverse by close(), or at once if starting fails half-way.
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(work, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch((err: unknown) => log.warn({ err }, 'e2e clean-up failed'));
  };
  try {
    const port = await freePort();
    const botUrl = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), PUBLIC_URL: botUrl, PLAYGROUND: '0', DATA_DIR: join(work, 'data'), LOG_LEVEL: 'info', TEST_CLOCK: '1' };
    const app = await startApp(loadConfig(env, () => 'e2e-link-secret-'.repeat(4)), { log });
    closers.push(() => app.close());
    await app.services.networks.import(exampleNetwork());
    await app.services.meetings.import(exampleMeeting());

    const proxy = await danishClientProxy(botUrl);
    closers.push(() => proxy.close());
    const members = await otherMembers(botUrl, others, newcomers);
    closers.push(() => members.close());

    const children: ChildProcess[] = [];
    // Should the test process die without close(), the Playgrounds must not outlive it.
    const killAll = () => children.forEach((c) => c.kill());
    process.once('exit', killAll);
    closers.push(async () => {
      await Promise.all(children.map(stopProcess));
      process.removeListener('exit', killAll);
    });
    const playground = async (configPath: string) => {
      const pgPort = await freePort();
      const child = startPlayground(`${proxy.url}/api/messages`, pgPort, log.child({ playground: pgPort }), configPath);
      if (!child) throw new Error('the Agents Playground is not installed (npm ci installs it)');
      children.push(child);
      await whenListening(child);
      return `http://127.0.0.1:${pgPort}`;
    };
    const launching = chromium.launchPersistentContext(join(work, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
      // "Mock an Activity" is edited through the clipboard (TeamsClient.mockActivity).
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    closers.push(async () => (await launching).close());
    const [anneUrl, madsUrl, browser] = await Promise.all([playground(playgroundConfig()), playground(tenantAs('mads.kjaer@example.dk', work)), launching]);
    const anne = new TeamsClient(browser.pages()[0] ?? (await browser.newPage()), anneUrl, 'anne');
    const mads = new TeamsClient(await browser.newPage(), madsUrl, 'mads');
    await Promise.all([anne.open(), mads.open()]);

    return {
      anne,
      mads,
      others: members,
      services: app.services,
      async setClock(iso) {
        const res = await fetch(`${botUrl}/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: iso }) });
        if (res.status !== 200) throw new Error(`POST /test/clock: ${res.status} ${await res.text()}`);
      },
      async screenshot(step, cards) {
        for (const [i, card] of cards.entries()) {
          await card.scrollIntoViewIfNeeded();
          await card.screenshot({ path: join(ARTIFACTS, `${step}-card${i + 1}.png`) });
        }
        for (const client of [anne, mads]) await client.page.screenshot({ path: join(ARTIFACTS, `${step}-${client.who}.png`) });
      },
      async saveFailure(step) {
        for (const client of [anne, mads]) {
          writeFileSync(join(ARTIFACTS, `${step}-${client.who}.failed.html`), await client.page.content().catch((err: unknown) => String(err)));
          await client.page.screenshot({ path: join(ARTIFACTS, `${step}-${client.who}.failed.png`) }).catch(() => undefined);
        }
        copyFileSync(logFile, join(ARTIFACTS, 'bot.log'));
      },
      close,
    };
  } catch (err) {
    copyFileSync(logFile, join(ARTIFACTS, 'bot.log'));
    await close();
    throw err;
  }
}
