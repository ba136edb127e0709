/**
 * Teams' connector answering 429 with Retry-After, then 500s, to the bot's nudges, end to
 * end through the app: the nudge waits, then arrives once; when the failures outlast the
 * retry limit it is marked failed and the secretary sees it in `frister`. (The deadlines
 * tests cover 429-then-success and a permanent refusal; this is the mixed, longer outage.)
 */
import assert from 'node:assert/strict';
import type { ManualClock } from '../../services/clock';
import { actor, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { SECRETARY, IDA } from '../helpers/examplePeople';

/** botbuilder's connector client makes 4 attempts per send before the scheduler sees a failure. */
const CLIENT_ATTEMPTS = 4;
const MAX_FAILURES = 5;

forEachStore('faults: the connector answering 429, then 500s', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh() });
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid');
    await bot.app.nudges.sweep(); // the imported meeting's announcements go out first
  });
  afterEach(async function () {
    await bot.close();
  });

  const clock = () => bot.clock as ManualClock;
  const nudgesToIda = (title: string) => bot.connector.cards(bot.connector.personalConversationOf(IDA)).filter((c) => JSON.stringify(c).includes(title));

  it('delays a nudge through a 429 and 500s, delivers it once, and past the retry limit marks it failed in frister', async function () {
    this.timeout(40_000);
    const title = 'Skema om regional opsætning';
    bot.connector.failNext({ status: 429, headers: { 'Retry-After': '0' } }, CLIENT_ATTEMPTS);
    bot.connector.failNext({ status: 500 }, CLIENT_ATTEMPTS);
    const task = await bot.app.services.deadlines.createTask({ networkId: 'pid', title, assignees: [IDA], due: '2021-06-16' }, actor(SECRETARY));
    const ida = async () => (await bot.app.services.deadlines.status(task.id)).assignees[0];

    await bot.app.nudges.sweep();
    assert.match((await ida()).lastError ?? '', /429/);
    clock().advance(1000); // Retry-After, at least a second
    await bot.app.nudges.sweep();
    assert.match((await ida()).lastError ?? '', /500/);
    assert.equal(nudgesToIda(title).length, 0, 'not delivered while the connector fails');
    clock().advance(2 * 60_000); // the backoff after two failures is at most two minutes
    await bot.app.nudges.sweep();
    await bot.app.nudges.sweep();
    assert.equal(nudgesToIda(title).length, 1, 'delivered once');
    assert.equal((await ida()).failed, false);

    await bot.app.services.deadlines.nudgeNow(task.id, actor(SECRETARY));
    bot.connector.failNext({ status: 429, headers: { 'Retry-After': '0' } }, CLIENT_ATTEMPTS * MAX_FAILURES);
    for (let round = 0; round < MAX_FAILURES; round++) {
      await bot.app.nudges.sweep();
      clock().advance(1000);
    }
    assert.equal((await ida()).failed, true, 'marked failed after the retry limit');
    clock().advance(60 * 60_000);
    await bot.app.nudges.sweep();
    assert.equal(nudgesToIda(title).length, 1, 'a failed nudge is not sent after all');
    await bot.say(SECRETARY, 'frister');
    const overview = bot.connector.cards(bot.connector.personalConversationOf(SECRETARY)).at(-1);
    assert.match(JSON.stringify(overview), /Påmindelsen kunne ikke leveres til: Ida Fjord/);
  });
});
