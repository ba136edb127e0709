import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../services/store/embedded';
import { CountingStore } from '../helpers/countingStore';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nested } from '../helpers/nested';
import { SOREN } from '../helpers/examplePeople';

describe('the protocol edge: malformed activities get 400 before any handler runs', function () {
  let bot: TestBot;
  let store: CountingStore;

  beforeEach(async function () {
    store = new CountingStore(new EmbeddedStore(mkdtempSync(join(tmpdir(), 'referent-edge-'))));
    bot = await startTestBot({ store });
    store.reset();
  });
  afterEach(async function () {
    await bot.close();
  });

  const message = (changes: Record<string, unknown>, drop: string[] = []) => {
    const activity: Record<string, unknown> = { ...bot.message(SOREN, 'hjælp'), ...changes };
    for (const key of drop) delete activity[key];
    return activity;
  };
  const cardAction = (value: unknown) => ({ ...bot.message(SOREN, ''), type: 'invoke', name: 'adaptiveCard/action', value });
  /** Posts with a bound: a request that gets no answer within 2 s is a hang, whatever the load. */
  const send = async (body: string, contentType = 'application/json') => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(2000) });
    return { status: res.status, error: ((await res.json().catch(() => ({}))) as { error?: string }).error };
  };

  const cases: [string, () => unknown, RegExp][] = [
    ['a card action whose value is {}', () => cardAction({}), /^value\.action: /],
    ['a card action whose value is "x"', () => cardAction('x'), /^value: /],
    ['a card action whose value is []', () => cardAction([]), /^value: /],
    ['a card action whose action is null', () => cardAction({ action: null }), /^value\.action: /],
    ['a card action that is not Action.Execute', () => cardAction({ action: { type: 'Action.Submit', verb: 'x' } }), /^value\.action\.type: /],
    ['a card action with deeply nested data', () => cardAction({ action: { type: 'Action.Execute', verb: 'habilitet.no', data: nested(200) } }), /nested deeper than 32 levels/],
    ['a message without channelId', () => message({}, ['channelId']), /^channelId: /],
    ['a message with a junk channelId', () => message({ channelId: 'æøå <script>' }), /^channelId: expected a channel id/],
    ['a message with an empty serviceUrl', () => message({ serviceUrl: '' }), /^serviceUrl: expected an http\(s\) URL/],
    ['a message without serviceUrl', () => message({}, ['serviceUrl']), /^serviceUrl: /],
    ['a message whose serviceUrl is not http(s)', () => message({ serviceUrl: 'file:///etc/passwd' }), /^serviceUrl: expected an http\(s\) URL/],
    ['a message with a deeply nested from', () => message({ from: { ...(bot.message(SOREN, '').from as object), extra: nested(100) } }), /nested deeper/],
    ['a message with a deeply nested conversation', () => message({ conversation: nested(40) }), /nested deeper/],
    ['a message whose conversation has no id', () => message({ conversation: { conversationType: 'personal' } }), /^conversation\.id: /],
    ['a message with an entity without type', () => message({ entities: [{ mentioned: { id: 'x' } }] }), /^entities\.0\.type: /],
    ['a message whose text is a number', () => message({ text: 42 }), /^text: /],
    ['a message whose from is a string', () => message({ from: 'soren' }), /^from: /],
  ];
  for (const [what, activity, reason] of cases) {
    it(`refuses ${what} with 400 and the reason, sending and storing nothing`, async function () {
      const res = await send(JSON.stringify(activity()));
      assert.equal(res.status, 400);
      assert.match(res.error ?? '', /^not a Bot Framework activity this bot takes: /);
      assert.match((res.error ?? '').replace(/^not a Bot Framework activity this bot takes: /, ''), reason);
      assert.equal(bot.connector.sent.length, 0);
      assert.deepEqual(store.writes, []);
    });
  }

  it('refuses a form-urlencoded body with 400: activities are JSON', async function () {
    const res = await send('type=message&channelId=msteams&text=hj%C3%A6lp', 'application/x-www-form-urlencoded');
    assert.equal(res.status, 400);
    assert.match(res.error ?? '', /the body must be JSON/);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('answers a well-formed activity of a type the bot ignores with 200, sending nothing', async function () {
    for (const type of ['typing', 'messageReaction', 'endOfConversation', 'somethingTeamsAddsLater']) {
      assert.equal((await send(JSON.stringify(message({ type })))).status, 200, type);
    }
    assert.equal(bot.connector.sent.length, 0);
  });

  it('still takes the activities Teams sends: a message, a click on a card without a verb', async function () {
    assert.equal((await send(JSON.stringify(message({})))).status, 200);
    const click = await send(JSON.stringify(cardAction({ action: { type: 'Action.Execute', data: { feedback: 'x' } }, trigger: 'manual' })));
    assert.equal(click.status, 200);
  });
});
