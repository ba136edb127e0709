import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { createCards } from '../cards/cards';
import { createServices, type Services } from '../services';
import { ManualClock, systemClock, type Clock } from '../services/clock';
import { NudgeScheduler, type SchedulerOptions } from '../services/deadlines';
import { LiveMeetingSweep } from '../services/live/sweep';
import { migrateStore } from '../services/migrate';
import { openStore } from '../services/store/open';
import type { Store } from '../services/store/store';
import { actionTable } from './actions/table';
import { createAdapter, type AuthEndpoints } from './adapter';
import { commandTable } from './commands/table';
import type { Config } from './config';
import { refusal } from './envelope';
import type { Logger } from './log';
import { createLinks } from './links';
import { HabilitetPosts } from './habilitet';
import { TeamsLiveDelivery } from './liveMeeting';
import { FanoutDrain } from '../services/fanout/drain';
import { AnswerFollowUps } from '../services/habilitet/followUps';
import { Messenger } from './messenger';
import { TeamsFanoutDelivery } from './fanoutDelivery';
import { TeamsNudgeDelivery } from './nudgeDelivery';
import { registerMinutesRoute } from './minutesRoute';
import { ReferentBot } from './referentBot';
import { registerTestClockRoute } from './testClock';
import packageJson from '../package.json';

export interface App {
  url: string;
  services: Services;
  messenger: Messenger;
  server: restify.Server;
  /** Sends due deadline nudges and queued fan-outs, and follows up habilitet answers, on a tick and when woken; started after listen, stopped by close(). */
  nudges: NudgeScheduler;
  /** Stops accepting, waits for turns in flight, closes the store. */
  close(): Promise<void>;
}

export interface AppOptions {
  store?: Store;
  clock?: Clock;
  log: Logger;
  /** Only for tests: a local identity provider in place of Bot Framework's. */
  authEndpoints?: AuthEndpoints;
  /** Tuning of the nudge scheduler (tick interval, lease, instance name; tests: the pacing's time). */
  nudges?: Partial<Pick<SchedulerOptions, 'tickMs' | 'leaseMs' | 'owner' | 'pacing'>>;
}

/**
 * Connections the kernel holds for the server while it is busy. Node's default (511) drops
 * the rest of a burst — a channel of members clicking at once — and each dropped client
 * retries only after a second; the kernel caps it at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 2048;

/** Composition root: store, services, adapter, bot and HTTP routes, listening on config.port. */
export async function startApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const store = options.store ?? (await openStore({ cosmos: config.cosmos, dataDir: config.dataDir }));
  // TEST_CLOCK=1 (local only): a clock POST /test/clock can move, starting at the real time.
  const testClock = config.testClock && config.mode === 'local' ? (options.clock instanceof ManualClock ? options.clock : new ManualClock(new Date())) : undefined;
  const services = createServices(store, testClock ?? options.clock ?? systemClock);
  await migrateStore(services, log);
  const adapter = createAdapter(config, log, options.authEndpoints);
  const messenger = new Messenger(adapter, config.app?.id ?? '', services, log);
  const links = createLinks(config, services.clock);
  // What the App keeps between turns (parsed templates, kept card parts, status updates in progress) lives as long as it.
  const cards = createCards();
  const habilitetPosts = new HabilitetPosts(services, messenger, cards, log);
  const parts = { services, cards, messenger, habilitetPosts, links, log };
  const liveDelivery = new TeamsLiveDelivery(parts);
  const bot = new ReferentBot({ ...parts, liveDelivery, commands: commandTable(), actions: actionTable() });

  /** restify's JSON formatter, with the JSON text of kept card parts reused: most of a large vote card's answer. */
  const formatJson: restify.Formatter = (_req, res, body) => {
    const data = cards.json(body) ?? 'null';
    res.setHeader('Content-Length', Buffer.byteLength(data));
    return data;
  };
  const server = restify.createServer({ name: 'referent', handleUncaughtExceptions: false, formatters: { 'application/json': formatJson } });
  let inFlight = 0;
  let idle: (() => void) | undefined;

  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: config.maxBodyBytes, mapParams: false, rejectUnknown: true }),
    async (req, res) => {
      const refused = req.is('json') ? refusal(req.body) : 'the body must be JSON (Content-Type: application/json)';
      if (refused) {
        log.info({ reason: refused }, 'malformed activity refused');
        res.send(400, { error: `not a Bot Framework activity this bot takes: ${refused}` });
        return;
      }
      inFlight++;
      try {
        await adapter.process(req, res, (turn) => bot.run(turn));
      } catch (err) {
        log.error({ err }, 'request failed');
        if (!res.headersSent) res.send(500);
      } finally {
        if (--inFlight === 0) idle?.();
      }
    },
  );

  registerMinutesRoute(server, { services, linkSecret: config.linkSecret, log });

  // Readiness, unlike liveness, proves a write: an instance whose store cannot write (disk
  // full, read-only, database offline) answers 503 so the platform routes to another one.
  // Concurrent probes share one write, so polling cannot pile writes up.
  let probing: Promise<void> | undefined;
  server.get('/readyz', async (_req, res) => {
    try {
      await (probing ??= store.probeWrite().finally(() => (probing = undefined)));
      res.send(200, { status: 'ready', store: store.kind });
    } catch (err) {
      log.error({ err }, 'readiness check: the store cannot write');
      res.send(503, { status: 'not ready', store: store.kind, reason: 'the store cannot write' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ok', store: store.kind, version: packageJson.version });
    } catch (err) {
      log.warn({ err }, 'health check: store unreachable');
      res.send(503, { status: 'unavailable', store: store.kind, version: packageJson.version });
    }
  });

  await new Promise<void>((resolve) => server.listen(config.port, config.host, LISTEN_BACKLOG, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(config.host)}:${port}`;
  log.info({ host: config.host, port, store: store.kind, mode: config.mode }, 'Referent is listening');
  if (config.mode === 'local') log.warn('no Microsoft app credentials: local mode, requests are NOT authenticated');
  if (config.hostExposesLocalMode) {
    log.warn(
      { host: config.host },
      `!!! HOST=${config.host} in local mode: the bot listens beyond this machine WITHOUT authentication — anyone who reaches port ${port} can act as any member and make the bot call any URL. Unset HOST unless this network is yours alone. !!!`,
    );
  }
  const { deadlines, networks, clock } = services;
  const delivery = new TeamsNudgeDelivery(messenger, services, cards);
  // What habilitet answers cause besides themselves, the item clock of meetings running in Teams, and queued fan-outs are swept under the same lease as the nudges.
  const liveSweep = new LiveMeetingSweep(store, clock, networks, services.meetings, services.live, liveDelivery, log.child({ component: 'live' }));
  const fanout = new FanoutDrain(store, clock, services.fanout, new TeamsFanoutDelivery(services, messenger, cards, habilitetPosts), log.child({ component: 'fanout' }));
  const answers = new AnswerFollowUps(store, networks, services.habilitet, { statusChanged: (m) => habilitetPosts.updateStatus(m.networkId, m.id) }, log.child({ component: 'habilitet' }));
  const nudges = new NudgeScheduler({ store, clock, networks, deadlines, delivery, jobs: [answers, liveSweep, fanout], log: log.child({ component: 'nudges' }), ...options.nudges });
  nudges.start();
  if (testClock) {
    const catchUp = async () => ({ tasks: await deadlines.materialiseAll(), nudges: await nudges.sweep() });
    registerTestClockRoute(server, { clock: testClock, catchUp, log });
    log.warn('TEST_CLOCK=1: POST /test/clock moves the clock');
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections?.();
      });
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      await nudges.stop();
      await store.close();
      log.info('Referent stopped');
    })());

  return { url, services, messenger, server, nudges, close };
}

/** How this process reaches its own server: a wildcard address is reached through localhost. */
const urlHost = (host: string) => (host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host);

