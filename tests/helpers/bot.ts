/**
 * Starts the real bot (restify + CloudAdapter + ReferentBot) on a random port with a
 * given store and clock, the example network and meeting imported, and a FakeConnector
 * as Teams' side. Builders make Teams-shaped activities (modelled on the captures in
 * tests/fixtures/teams-activities) for members of the example network.
 *
 *   const t = await startTestBot({ store });
 *   await t.say('mette.kofoed@example.dk', 'hjælp');           // 1:1 message
 *   await t.sayInChannel('anne.lund@example.dk', 'tilknyt pid'); // @mention in the channel
 *   const res = await t.invoke('soren.ahl@example.dk', 'vote', { ... });
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthEndpoints } from '../../bot/adapter';
import { startApp, type App, type AppOptions } from '../../bot/app';
import { loadConfig, type Config } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/log';
import { ManualClock, type Clock } from '../../services/clock';
import { meetingPartition } from '../../services/meetings';
import type { Member, Network } from '../../services/model';
import type { Store } from '../../services/store/store';
import { FakeConnector, type TeamsAccount } from './connector';

/** The example network and meeting of examples/, which the demo seeding imports too. */
export const EXAMPLES = join(__dirname, '..', '..', 'examples');
export const exampleNetwork = (): Network & Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES, 'network.json'), 'utf8'));
export const exampleMeeting = (): Record<string, unknown> & { agenda: Record<string, unknown>[] } =>
  JSON.parse(readFileSync(join(EXAMPLES, 'meeting-2021-06-02.json'), 'utf8'));
/**
 * A second network with people of the first in other roles: Jens Præst (a member of pid)
 * chairs it and Anne Holm Lund (pid's chair) is its secretary; Mette Kofoed is a member.
 */
export function secondNetwork(): Network & Record<string, unknown> {
  const roles: Record<string, Network['members'][number]['role']> = {
    'jens.praest@example.dk': 'chair',
    'anne.lund@example.dk': 'secretary',
    'mette.kofoed@example.dk': 'member',
  };
  const pid = exampleNetwork();
  return { ...pid, id: 'b', name: 'Specialistnetværk B', members: pid.members.map((m) => ({ ...m, role: roles[m.email] ?? m.role })) };
}
/**
 * Someone acting on the services, as the bot hands them over: their entry in the example roster
 * (or a stranger to it). The services read the role from the roster of the network acted on.
 */
export function actor(email: string): Member {
  const lower = email.toLowerCase();
  return exampleNetwork().members.find((m) => m.email === lower) ?? { name: email, email: lower, role: 'member', appointedBy: 'ingen' };
}
/** A meeting of the second network, on the same day as the example meeting. */
export const secondMeeting = (): Record<string, unknown> & { agenda: Record<string, unknown>[] } => ({
  ...exampleMeeting(),
  networkId: 'b',
  chair: 'jens.praest@example.dk',
  secretary: 'anne.lund@example.dk',
});
export const MEETING_ID = 'pid-2021-06-02';
/** The example meeting as its stored state names it, and the partition of that state. */
export const MEETING = { networkId: 'pid', id: MEETING_ID };
export const MEETING_PK = meetingPartition(MEETING);

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT_ID = '28:referent-bot';
export const CHANNEL_ID = '19:pid-channel@thread.tacv2';
export const TEAM_ID = '19:pid-team@thread.tacv2';

/** A stable Teams identity for an e-mail, as Teams would report it. */
export function teamsAccount(email: string, name: string): TeamsAccount {
  const hash = createHash('sha256').update(email).digest('hex');
  const aadObjectId = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return { id: `29:${hash.slice(0, 24)}`, name, aadObjectId, email, userPrincipalName: email, tenantId: TENANT };
}

export const exampleAccounts = (): TeamsAccount[] => exampleNetwork().members.map((m) => teamsAccount(m.email, m.name));

export interface TestBot {
  app: App;
  url: string;
  connector: FakeConnector;
  clock: Clock;
  account(email: string): TeamsAccount;
  /**
   * POSTs an activity; resolves with the HTTP status and parsed body once what the turn
   * queued (prompts, reminders) has been sent, so a test sees what members would see.
   */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** POSTs an activity and resolves with the turn's answer, before what it queued is sent. */
  postOnly(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** A 1:1 message from a member; resolves when the bot has answered. */
  say(email: string, text: string): Promise<{ status: number; body: unknown }>;
  /** The activity `say` would post, for tests that post it themselves (e.g. with headers). */
  message(email: string, text: string, options?: { channel?: boolean }): Record<string, unknown>;
  /** A channel message @mentioning the bot. */
  sayInChannel(email: string, text: string): Promise<{ status: number; body: unknown }>;
  /** An Action.Execute click (or refresh) on a card, in 1:1 unless `conversation` says otherwise. */
  /** `queued: 'unsent'` resolves with the answer before what the click queued is sent (see postOnly). */
  invoke(email: string, verb: string, data: Record<string, unknown>, options?: { channel?: boolean; trigger?: 'manual' | 'automatic'; queued?: 'unsent' }): Promise<InvokeReply>;
  close(): Promise<void>;
}

export interface InvokeReply {
  status: number;
  /** The Universal Action response: statusCode, type, value (a card or a message). */
  body: { statusCode: number; type: string; value: unknown };
  card?: Record<string, unknown>;
  message?: string;
}

export interface TestBotOptions {
  store: Store;
  clock?: Clock;
  env?: Record<string, string>;
  /** Import the example network and meeting first (default true). */
  seed?: boolean;
  /** Teams accounts the connector knows (default: every member of the example network). */
  accounts?: TeamsAccount[];
  /** Production-mode tests: a local identity provider in place of Bot Framework's. */
  authEndpoints?: AuthEndpoints;
  /** The chair links the example network's channel first (`tilknyt pid`), as a network starts in Teams. */
  linkChannel?: boolean;
  /** Where the App logs (default: the configured level to stdout). */
  log?: Logger;
  /** Tuning of the App's sweep, e.g. its pacing on the test's clock. */
  nudges?: AppOptions['nudges'];
}

/** A complete single-tenant production environment, for configuration tests. */
export const PRODUCTION_ENV: Record<string, string> = {
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'pw',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: 'tenant-a',
  PUBLIC_URL: 'https://referent.example.dk',
  LINK_SECRET: 'x'.repeat(40),
};

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', PLAYGROUND: '0', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', ...env }, () => randomBytes(32).toString('hex'));
}

export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const accounts = options.accounts ?? exampleAccounts();
  const connector = await new FakeConnector(accounts).start();
  const clock = options.clock ?? new ManualClock(new Date('2021-05-26T08:00:00Z'));
  const config = testConfig(options.env);
  const app = await startApp(config, { store: options.store, clock, log: options.log ?? createLogger(config.logLevel), authEndpoints: options.authEndpoints, nudges: options.nudges });
  if (options.seed ?? true) {
    await app.services.networks.import(exampleNetwork());
    await app.services.meetings.import(exampleMeeting());
  }
  const account = (email: string) => {
    const found = accounts.find((a) => a.email === email);
    if (!found) throw new Error(`no Teams account for ${email}`);
    return found;
  };
  let counter = 0;
  const base = (email: string, channel: boolean) => {
    const from = account(email);
    return {
      channelId: 'msteams',
      id: `in-${++counter}`,
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      locale: 'da-DK',
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { id: BOT_ID, name: 'Referent' },
      conversation: channel
        ? { id: `${CHANNEL_ID};messageid=17000000000${counter}`, isGroup: true, conversationType: 'channel', tenantId: TENANT }
        : { id: connector.personalConversationOf(email), conversationType: 'personal', tenantId: TENANT },
      channelData: channel
        ? { tenant: { id: TENANT }, team: { id: TEAM_ID, name: 'Specialistnetværk PID' }, channel: { id: CHANNEL_ID, name: 'Generelt' } }
        : { tenant: { id: TENANT } },
    };
  };
  const postOnly = async (activity: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body };
  };
  const post = async (activity: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const answer = await postOnly(activity, headers);
    await app.nudges.settled();
    return answer;
  };
  const bot: TestBot = {
    app,
    url: app.url,
    connector,
    clock,
    account,
    post,
    postOnly,
    say: (email, text) => post({ ...base(email, false), type: 'message', text }),
    message: (email, text, opts = {}) => ({ ...base(email, opts.channel ?? false), type: 'message', text }),
    sayInChannel: (email, text) =>
      post({
        ...base(email, true),
        type: 'message',
        text: `<at>Referent</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>Referent</at>', mentioned: { id: BOT_ID, name: 'Referent' } }],
      }),
    async invoke(email, verb, data, opts = {}) {
      const res = await (opts.queued === 'unsent' ? postOnly : post)({
        ...base(email, opts.channel ?? false),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: opts.trigger ?? 'manual' },
      });
      const body = res.body as InvokeReply['body'];
      const reply: InvokeReply = { status: res.status, body };
      if (body?.type === 'application/vnd.microsoft.card.adaptive') reply.card = body.value as Record<string, unknown>;
      if (body?.type === 'application/vnd.microsoft.activity.message') reply.message = body.value as string;
      return reply;
    },
    async close() {
      await app.close();
      await connector.close();
    },
  };
  if (options.linkChannel) await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid');
  return bot;
}
