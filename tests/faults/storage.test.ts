/**
 * A store that stops taking writes while the bot runs (here: SQLite's own read-only switch
 * on the bot's connection, which fails every commit as a read-only file would; Cosmos
 * refusing writes). Liveness stays 200, readiness says 503 until writes work again, and a
 * member whose command or click could not be saved is told so in Danish.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { catalog } from '../../services/i18n';
import { CosmosStore } from '../../services/store/cosmos';
import { EmbeddedStore } from '../../services/store/embedded';
import { MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';
import { SOREN } from '../helpers/examplePeople';

const t = catalog('da');
const ANNE = 'anne.lund@example.dk';

const status = async (bot: TestBot, path: string) => (await fetch(`${bot.url}${path}`)).status;

describe('faults: the embedded store stops taking writes while the bot runs', function () {
  let bot: TestBot;
  let store: EmbeddedStore;
  /** Turns SQLite's read-only switch on the store's connection: every commit fails as on a read-only file. */
  const readOnly = (on: boolean) => (store as unknown as { db: Database.Database }).db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);

  beforeEach(async function () {
    store = new EmbeddedStore(mkdtempSync(join(tmpdir(), 'referent-storage-')));
    bot = await startTestBot({ store });
    // Both have written before, so the failure below is the command's own write.
    await bot.say(ANNE, 'hjælp');
    await bot.say(SOREN, 'hjælp');
    bot.connector.sent.length = 0;
  });
  afterEach(async function () {
    readOnly(false);
    await bot.close();
  });

  it('says 503 on /readyz while the store cannot write, and 200 again once it can; /healthz stays 200', async function () {
    assert.equal(await status(bot, '/readyz'), 200);
    readOnly(true);
    assert.equal(await status(bot, '/readyz'), 503);
    assert.equal(await status(bot, '/healthz'), 200, 'liveness: the process answers, restarting it would not help');
    readOnly(false);
    assert.equal(await status(bot, '/readyz'), 200);
  });

  it('tells the chair in Danish that starting the habilitet round was NOT saved', async function () {
    readOnly(true);
    const res = await bot.say(ANNE, 'habilitet');
    assert.equal(res.status, 200);
    assert.deepEqual(bot.connector.texts(), [t.common.notSaved]);
    readOnly(false);
    assert.equal(await bot.app.services.habilitet.round({ networkId: 'pid', id: MEETING_ID }), undefined, 'and indeed nothing was stored');
  });

  it('tells a member in Danish that a card click was NOT saved', async function () {
    await bot.say(ANNE, 'habilitet');
    readOnly(true);
    const reply = await bot.invoke(SOREN, 'habilitet.no', { networkId: 'pid', meetingId: MEETING_ID });
    assert.equal(reply.status, 200);
    assert.equal(reply.message, t.common.notSaved);
  });

  it('answers someone it meets for the first time while the store cannot write: what only reads works, what writes is NOT saved', async function () {
    readOnly(true);
    // Mette (secretary) has never written: linking her Teams account to the roster is the first write that fails.
    await bot.say('mette.kofoed@example.dk', 'hjælp');
    assert.equal(bot.connector.cards(bot.connector.personalConversationOf('mette.kofoed@example.dk')).length, 1, 'the help card');
    await bot.say('mette.kofoed@example.dk', 'habilitet');
    assert.deepEqual(bot.connector.texts(), [t.common.notSaved]);
  });
});

describe('faults: Cosmos DB refuses writes while the bot runs', function () {
  let cosmos: CosmosTestServer;
  let bot: TestBot;
  let refuseWrites = false;
  /** Every document write (POST, PUT, DELETE) answered 403, as Cosmos does for a read-only or over-quota account. */
  const intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!refuseWrites || req.method === 'GET' || !/\/docs/.test(req.url ?? '') || req.headers['x-ms-documentdb-isquery']) return false;
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'Forbidden', message: 'injected by the storage fault test' }));
    return true;
  };

  before(async function () {
    cosmos = await startCosmosServer(intercept);
  });
  after(async function () {
    await cosmos.close();
  });
  beforeEach(async function () {
    refuseWrites = false;
    bot = await startTestBot({ store: await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'test', database: `storage${Date.now()}`, agent: cosmos.agent }) });
    await bot.say(ANNE, 'hjælp');
    bot.connector.sent.length = 0;
  });
  afterEach(async function () {
    refuseWrites = false;
    await bot.close();
  });

  it('says 503 on /readyz while Cosmos refuses writes, 200 otherwise', async function () {
    assert.equal(await status(bot, '/readyz'), 200);
    refuseWrites = true;
    assert.equal(await status(bot, '/readyz'), 503);
    assert.equal(await status(bot, '/healthz'), 200);
    refuseWrites = false;
    assert.equal(await status(bot, '/readyz'), 200);
  });

  it('tells the chair in Danish that starting the habilitet round was NOT saved', async function () {
    refuseWrites = true;
    await bot.say(ANNE, 'habilitet');
    assert.deepEqual(bot.connector.texts(), [t.common.notSaved]);
  });
});
