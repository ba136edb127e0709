import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';
import { PRODUCTION_ENV, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';

const MADS = 'mads.kjaer@example.dk';
/** 09.05 Copenhagen time, a week before item 3's task (Skema 2) is due on 11 August 2021. */
const WEEK_BEFORE_DUE = '2021-08-04T07:05:00.000Z';

const setClock = async (bot: TestBot, body: unknown) => {
  const res = await fetch(`${bot.url}/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('the e2e clock hook: configuration', function () {
  it('TEST_CLOCK=1 is refused in production mode', function () {
    const production = PRODUCTION_ENV;
    assert.equal(loadConfig(production, () => 's'.repeat(64)).testClock, false);
    assert.throws(
      () => loadConfig({ ...production, TEST_CLOCK: '1' }, () => 's'.repeat(64)),
      (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith('TEST_CLOCK')),
    );
  });

  it('is off unless TEST_CLOCK=1, and only 0 or 1 are accepted', function () {
    assert.equal(loadConfig({}, () => 's'.repeat(64)).testClock, false);
    assert.equal(loadConfig({ TEST_CLOCK: '1' }, () => 's'.repeat(64)).testClock, true);
    assert.throws(() => loadConfig({ TEST_CLOCK: 'yes' }, () => 's'.repeat(64)), ConfigError);
  });
});

forEachStore('the e2e clock hook: POST /test/clock', (fresh) => {
  let bot: TestBot | undefined;
  afterEach(async function () {
    await bot?.close();
    bot = undefined;
  });

  it('is absent without TEST_CLOCK=1: 404, and the clock stays', async function () {
    bot = await startTestBot({ store: await fresh() });
    const before = bot.clock.now().toISOString();
    const res = await fetch(`${bot.url}/test/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: WEEK_BEFORE_DUE }) });
    assert.equal(res.status, 404);
    assert.equal(bot.clock.now().toISOString(), before);
  });

  it('moves the clock and sends the nudges due by then before it answers', async function () {
    bot = await startTestBot({ store: await fresh(), env: { TEST_CLOCK: '1' } });
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid'); // the bot learns how to reach every member
    const meetingDay = await setClock(bot, { now: '2021-06-02T10:50:00Z' });
    assert.equal(meetingDay.status, 200);
    assert.equal(meetingDay.body.now, '2021-06-02T10:50:00.000Z');
    assert.equal(bot.app.services.clock.now().toISOString(), '2021-06-02T10:50:00.000Z');
    const madsChat = bot.connector.personalConversationOf(MADS);
    const announced = bot.connector.cards(madsChat).length;
    assert.ok(announced >= 1, 'the imported task of item 3 is announced to its assignees on the meeting day');

    const later = await setClock(bot, { now: WEEK_BEFORE_DUE });
    assert.equal(later.status, 200);
    const cards = bot.connector.cards(madsChat);
    assert.equal(cards.length, announced + 1, 'one reminder a week before the due date');
    assert.match(JSON.stringify(cards.at(-1)), /Skema 2/);
  });

  it('refuses a body without a valid instant and leaves the clock alone', async function () {
    bot = await startTestBot({ store: await fresh(), env: { TEST_CLOCK: '1' } });
    const before = bot.clock.now().toISOString();
    for (const body of [{}, { now: 'next tuesday' }, { now: '2021-08-04' }, { now: WEEK_BEFORE_DUE, extra: 1 }]) {
      const res = await setClock(bot, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal(bot.clock.now().toISOString(), before);
  });
});
