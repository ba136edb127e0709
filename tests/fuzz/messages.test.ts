/**
 * Property-based bad input to POST /api/messages (fast-check), through the real server:
 * invalid JSON, JSON of the wrong shape, activities with fields missing or of the wrong
 * type, unknown activity types, hostile envelopes (card action values of any shape, deep
 * nesting, entities without a type, junk channel ids, missing or odd service URLs), huge
 * strings, HTML and markdown in free text, and card clicks whose data names other networks,
 * meetings, members, tasks and a closed vote — over 2,000 requests per run on the embedded
 * store. Whatever arrives: no 5xx, every request answered within 2 s (a bound that tells a
 * hang from an answer, not a measurement), the server keeps answering, nothing in the store
 * changes, and a member who sent it gets a clear Danish answer (never the "something went
 * wrong" one).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../services/i18n';
import { CHOICES } from '../../services/voting/choices';
import { actor, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { CountingStore } from '../helpers/countingStore';
import { nested } from '../helpers/nested';
import { forEachStore } from '../helpers/stores';
import { freeText } from './freeText';
import { SOREN } from '../helpers/examplePeople';

const t = catalog('da');
const VERBS = ['habilitet.no', 'habilitet.yes', 'habilitet.submitYes', 'habilitet.refresh', 'meeting.item.view', 'meeting.item.saveNotes', 'meeting.vote.open', 'meeting.vote.view', 'meeting.vote.cast', 'meeting.vote.remind', 'meeting.vote.close', 'deadlines.create', 'deadlines.done', 'deadlines.snooze', 'deadlines.card', 'deadlines.nudgeNow', 'minutes.card', 'minutes.circulate', 'minutes.nudge', 'minutes.approve', 'roster.settings'];

const DANISH = /[æøå]|\b(ikke|kortet|du|der|det|er|og|til|af|på|kan|skriv|hent)\b/i;

/** Longer than any answer takes even on a loaded machine; a request still open then is hanging. */
const HANG_MS = 2000;

/** The request's result, or a failure naming it if it gets no answer within HANG_MS. */
async function answered<T>(request: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${what().slice(0, 300)}`)), HANG_MS);
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function assertClearDanish(text: string | undefined): void {
  assert.ok(text, 'an answer');
  assert.notEqual(text, t.common.internalError, 'a refusal, not an apology for a crash');
  assert.match(text, DANISH, `Danish: ${text.slice(0, 200)}`);
  assert.doesNotMatch(text, /undefined|\[object |Error:|\bat \S+ \(/, `no internals: ${text.slice(0, 200)}`);
}

forEachStore('fuzz: malformed requests to /api/messages', (fresh) => {
  let bot: TestBot;
  let store: CountingStore;
  let otherTask: string;
  /** Fewer runs on the Cosmos emulator, whose every request is a round trip over TLS. */
  let runs: (n: number) => number;

  beforeEach(async function () {
    this.timeout(60_000);
    const inner = await fresh();
    runs = (n) => (inner.kind === 'cosmos' ? Math.ceil(n / 4) : n);
    store = new CountingStore(inner);
    bot = await startTestBot({ store });
    const { services } = bot.app;
    const network = await services.networks.require('pid');
    const meeting = await services.meetings.require('pid', MEETING_ID);
    // A closed vote on item 2, a task of someone else's, and Søren known: the state bad input must not touch.
    await services.voting.open(meeting, network.members[0], 2);
    await services.voting.close(meeting, network, network.members[0], 2);
    otherTask = (await services.deadlines.createTask({ networkId: 'pid', title: 'Idas skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor('mette.kofoed@example.dk'))).id;
    await bot.say(SOREN, 'hjælp');
    await bot.app.nudges.tick();
    await bot.app.nudges.sweep();
    store.reset();
  });
  afterEach(async function () {
    await bot.close();
    // The sender's contact, kept in their own document, is bookkeeping: a 1:1 message refreshes how to reach them. Nothing else may change.
    const changed = store.writes.filter((w) => w.kind !== 'person');
    assert.deepEqual(changed, [], `bad input changed nothing stored, yet wrote ${JSON.stringify(changed)}`);
  });

  const post = (body: string, contentType = 'application/json') =>
    answered(
      (async () => {
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
        return { status: res.status, text: await res.text() };
      })(),
      () => body,
    );

  it('answers bodies that are not activities — invalid JSON, other JSON, other content types — without a 5xx', async function () {
    this.timeout(60_000);
    const body = fc.oneof(
      fc.string({ maxLength: 500 }),
      fc.json().map((j) => j.slice(0, Math.max(1, j.length - 1))),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'), async (b, type) => {
        const res = await post(b, type);
        assert.ok(res.status < 500, `${res.status} for ${JSON.stringify(b).slice(0, 200)}`);
      }),
      { numRuns: runs(300) },
    );
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'still serving');
  });

  it('answers activities with fields missing, of the wrong type or of unknown types without a 5xx', async function () {
    this.timeout(60_000);
    const fields = ['type', 'id', 'channelId', 'serviceUrl', 'from', 'from.id', 'from.aadObjectId', 'recipient', 'conversation', 'conversation.id', 'conversation.conversationType', 'channelData', 'text', 'value', 'name', 'entities', 'locale', 'attachments'];
    const mutation = fc.record({ path: fc.constantFrom(...fields), value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) });
    const type = fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'event', 'typing'), fc.string({ maxLength: 20 }));
    await fc.assert(
      fc.asyncProperty(type, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (kind, mutations) => {
        const activity = { ...bot.message(SOREN, 'hjælp'), type: kind } as Record<string, unknown>;
        for (const { path, value } of mutations) setPath(activity, path, value);
        const res = await post(JSON.stringify(activity));
        assert.ok(res.status < 500, `${res.status} for ${JSON.stringify(activity).slice(0, 300)}`);
      }),
      { numRuns: runs(300) },
    );
  });

  it('answers hostile envelopes with 400 and a reason, and well-formed activities it ignores with 200 — never a 5xx or a hang', async function () {
    this.timeout(120_000);
    const deep = fc.integer({ min: 33, max: 400 }).map(nested);
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const cardValue = fc.oneof(
      fc.constantFrom({}, 'x', [], { action: null }, { action: {} }, { action: 'x' }),
      anyJson,
      fc.record(
        {
          action: fc.record(
            { type: fc.constantFrom('Action.Execute', 'Action.Submit', '', 'x'), verb: fc.oneof(fc.constantFrom(...VERBS), anyJson), data: fc.oneof(anyJson, deep) },
            { requiredKeys: [] },
          ),
          trigger: fc.oneof(fc.constantFrom('manual', 'automatic'), anyJson),
        },
        { requiredKeys: [] },
      ),
    );
    // Never a reachable URL other than the connector's: the bot must not be made to call out during the test.
    const serviceUrl = fc.oneof(fc.constantFrom('', 'x', 'http:', '//evil', 'file:///etc/passwd', 'ftp://example.invalid/', 'javascript:alert(1)'), fc.constant(undefined), anyJson);
    const change = fc.oneof(
      fc.record({ type: fc.constant('invoke'), name: fc.constant('adaptiveCard/action'), value: cardValue }),
      fc.record({ from: deep }),
      fc.record({ conversation: deep }),
      fc.record({ recipient: fc.oneof(deep, anyJson) }),
      fc.record({ entities: fc.array(fc.oneof(fc.record({ type: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }), anyJson), { maxLength: 3 }) }),
      fc.record({ channelId: fc.oneof(fc.string({ maxLength: 70 }), anyJson, fc.constant(undefined)) }),
      fc.record({ serviceUrl }),
      fc.record({ channelData: fc.oneof(deep, anyJson) }),
      // Well-formed, of types the bot does not handle: ignored, 200.
      fc.record({ type: fc.constantFrom('typing', 'messageReaction', 'endOfConversation', 'event', 'laterType') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        const activity = Object.assign(bot.message(SOREN, 'hjælp'), ...changes) as Record<string, unknown>;
        for (const key of Object.keys(activity)) if (activity[key] === undefined) delete activity[key];
        const body = JSON.stringify(activity);
        const res = await post(body);
        assert.ok(res.status === 200 || res.status === 400, `${res.status} for ${body.slice(0, 300)}`);
        if (res.status === 400) assert.match(res.text, /not a Bot Framework activity this bot takes: \S/, 'a short reason');
      }),
      { numRuns: runs(1000) },
    );
  });

  it('answers any text a member sends — huge, HTML, markdown, control characters — with a clear Danish reply', async function () {
    this.timeout(60_000);
    const conversation = bot.connector.personalConversationOf(SOREN);
    await fc.assert(
      fc.asyncProperty(freeText, async (text) => {
        const before = bot.connector.to(conversation).length;
        const res = await answered(bot.say(SOREN, text), () => text);
        assert.ok(res.status < 500, `${res.status}`);
        // Quotes and backslashes double in JSON, so a long enough text is over the body limit: refused whole, see below.
        if (res.status === 413) return;
        const replies = bot.connector.to(conversation).slice(before);
        assert.ok(replies.length >= 1, `the member got an answer (status ${res.status}, ${text.length} characters)`);
        for (const r of replies) {
          if (r.activity.attachments?.length) assert.ok(!JSON.stringify(r.activity.attachments).includes(t.common.internalError));
          else assertClearDanish(r.activity.text);
        }
      }),
      { numRuns: runs(250) },
    );
  });

  it('refuses card clicks whose data names other networks, meetings, members, tasks, a closed vote or nothing valid, in Danish', async function () {
    this.timeout(60_000);
    const id = fc.oneof(fc.constantFrom('pid', 'andet-netvaerk', MEETING_ID, 'pid-2099-01-01', otherTask, 'pid.findes-ikke', '../../etc/passwd'), fc.string({ maxLength: 40 }));
    const data = fc.record(
      {
        networkId: fc.oneof(fc.constant('pid'), id),
        meetingId: fc.oneof(fc.constant(MEETING_ID), id),
        item: fc.oneof(fc.constantFrom(2, 3, 99, -1, 1.5), fc.jsonValue()),
        taskId: fc.oneof(fc.constant(otherTask), id),
        email: fc.constantFrom('anne.lund@example.dk', 'ida.fjord@example.dk', 'ukendt@example.dk'),
        'choice-1': fc.oneof(fc.constantFrom(...CHOICES), fc.string({ maxLength: 20 })),
        'reason-1': freeText,
        notes: freeText,
        description: freeText,
        items: fc.oneof(fc.constantFrom('2', '2,3', '99', 'x'), fc.string({ maxLength: 20 })),
        outcome: fc.constantFrom('done', 'commentsSent', 'noComments', 'x'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...VERBS), fc.string({ maxLength: 30 })), data, fc.boolean(), async (verb, d, channel) => {
        const reply = await answered(bot.invoke(SOREN, verb, d as Record<string, unknown>, { channel }), () => `${verb} ${JSON.stringify(d)}`);
        assert.ok(reply.status < 500, `${reply.status}`);
        if (reply.status === 413) return; // over the body limit: refused whole, see below
        assert.ok(reply.card || reply.message !== undefined, `an invoke answer: ${JSON.stringify(reply.body).slice(0, 200)}`);
        if (reply.message !== undefined) assertClearDanish(reply.message);
        else assert.ok(!JSON.stringify(reply.card).includes(t.common.internalError));
      }),
      { numRuns: runs(300) },
    );
  });

  it('refuses a body over the limit with 413, and one just under it is read', async function () {
    const limit = 256 * 1024;
    const filler = (n: number) => JSON.stringify({ ...bot.message(SOREN, 'x'), pad: 'x'.repeat(n) });
    const base = filler(0).length;
    assert.equal((await post(filler(limit - base + 1))).status, 413);
    assert.equal((await post(filler(limit - base - 10))).status, 200);
  });
});

/** Sets (or with undefined, deletes) a dotted path, replacing non-objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}
