/**
 * A habilitet round for a network of 200 members, through the bot's HTTP endpoint: the chair
 * is answered while no prompt has gone out yet (the connector holds the 1:1 sends until the
 * test lets them through), then every voting member gets their prompt once, paced within
 * Teams' per-app rate on the test's clock, and the channel's status card counts them; a
 * comment round to them all likewise, followed in `frister`; and a vote reminder clicked
 * twice, which goes out once and tells whom it could not reach. The
 * queue's semantics are tested on both stores (queue.test.ts); this runs on the embedded one,
 * where 200 members take seconds rather than the emulator's twenty.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../services/clock';
import { votingMembers } from '../../services/networks';
import { TEAMS_LIMITS } from '../../services/deadlines/rateLimit';
import { bigMeeting, bigNetwork, BIG_MEETING } from '../bench/world';
import { CHANNEL_ID, exampleAccounts, MEETING_ID, startTestBot, teamsAccount, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { EmbeddedStore } from '../../services/store/embedded';

const network = bigNetwork(198);
const VOTERS = votingMembers(network).map((m) => m.email);
const CHAIR = VOTERS[0];

/** An @mention of the bot in the linked channel, to post without waiting for what it queues. */
function channelMessage(bot: TestBot, email: string, text: string): Record<string, unknown> {
  const activity = bot.message(email, `<at>Referent</at> ${text}`, { channel: true });
  return { ...activity, entities: [{ type: 'mention', text: '<at>Referent</at>', mentioned: activity.recipient }] };
}

describe('fan-out over HTTP', function () {
  let bot: TestBot;
  let clock: ManualClock;
  let dir: string;
  beforeEach(async function () {
    clock = new ManualClock(new Date('2021-08-25T08:00:00Z'));
    dir = mkdtempSync(join(tmpdir(), 'referent-fanout-'));
    bot = await startTestBot({
      store: new EmbeddedStore(dir),
      clock,
      seed: false,
      accounts: network.members.map((m) => teamsAccount(m.email, m.name)),
      // The sweep's pacing waits on the test's clock: a wait moves it, so 200 sends take no real seconds.
      nudges: { pacing: { now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) } },
    });
    await bot.app.services.networks.import(network);
    await bot.app.services.meetings.import(bigMeeting(2, 1));
  });
  afterEach(async function () {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the chair before any of 198 prompts goes out, then sends each once within Teams’ rate', async function () {
    this.timeout(60_000);
    await bot.sayInChannel(CHAIR, `tilknyt ${network.id}`);
    const personal = (conversationId: string) => conversationId.startsWith('a:personal-');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bot.connector.gate = (conversationId) => (personal(conversationId) ? held : Promise.resolve());

    const before = bot.connector.sent.length;
    const started = clock.now().getTime();
    const answer = await bot.postOnly(channelMessage(bot, CHAIR, 'habilitet'));
    assert.equal(answer.status, 200);
    const during = bot.connector.sent.slice(before);
    assert.equal(during.filter((r) => personal(r.conversationId)).length, 0, 'no prompt was sent within the turn');
    assert.match(bot.connector.texts(CHANNEL_ID).at(-1) ?? '', /Spørgsmålet sendes nu til 198 stemmeberettigede medlemmer/);
    assert.match(cardText(during.at(-1)?.activity), /Sender spørgsmålet: 0 af 198 er sendt\./, 'the status card says the sending has begun');

    release();
    await bot.app.nudges.settled();
    const prompts = bot.connector.sent.filter((r) => personal(r.conversationId));
    assert.equal(prompts.length, 198);
    assert.deepEqual(new Set(prompts.map((r) => r.conversationId)).size, 198, 'each voting member once');
    const reply = bot.connector.sent.findIndex((r) => r.conversationId.startsWith(CHANNEL_ID) && /sendes nu til 198/.test(r.activity.text ?? ''));
    assert.ok(reply >= 0 && reply < bot.connector.sent.indexOf(prompts[0]), 'the chair’s answer came before the first prompt');
    // Paced by the sweep's limiter (its spacing is tested in tests/deadlines/pacing.test.ts): 198 sends take at least 197 intervals.
    const spent = clock.now().getTime() - started;
    assert.ok(spent >= (197 / TEAMS_LIMITS.perAppPerSecond) * 1000, `paced within ${TEAMS_LIMITS.perAppPerSecond}/s (took ${spent} ms)`);
    const status = bot.connector.to(CHANNEL_ID).filter((r) => cardText(r.activity).includes('Habilitet – status')).at(-1);
    assert.equal(status?.method, 'PUT');
    assert.match(cardText(status?.activity), /Spørgsmålet er sendt til 198 af 198\./);
    assert.equal((await bot.app.services.fanout.get({ networkId: network.id, meetingId: BIG_MEETING, purpose: 'habilitet' }))?.recipients.every((r) => r.state === 'sent'), true);
  });

  it('answers a comment round to 198 members at once; frister shows how far the sending has come', async function () {
    this.timeout(60_000);
    await bot.sayInChannel(CHAIR, `tilknyt ${network.id}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bot.connector.gate = (conversationId) => (conversationId.startsWith('a:personal-') ? held : Promise.resolve());
    const form = { networkId: network.id, kind: 'comments', formId: randomUUID(), title: 'Udkast til referat', description: 'https://example.dk/udkast', assignees: 'members', dueDate: '2021-09-08' };
    const created = await bot.invoke(CHAIR, 'deadlines.create', form, { channel: true, queued: 'unsent' });
    assert.match(cardText(created.card), /sendes til 198 modtagere/);
    assert.equal(bot.connector.sent.filter((r) => r.conversationId.startsWith('a:personal-')).length, 0, 'no message was sent within the turn');
    await bot.invoke(CHAIR, 'deadlines.create', form, { channel: true, queued: 'unsent' });
    const overview = async () => {
      await bot.postOnly(channelMessage(bot, CHAIR, 'frister'));
      return cardText(bot.connector.cards(CHANNEL_ID).at(-1));
    };
    assert.match(await overview(), /Besked sendt til 0 af 198; resten følger\./);

    release();
    await bot.app.nudges.settled();
    const announced = bot.connector.sent.filter((r) => r.conversationId.startsWith('a:personal-'));
    assert.equal(new Set(announced.map((r) => r.conversationId)).size, 198);
    assert.equal(announced.length, 198, 'a double submit queued nothing more');
    assert.doesNotMatch(await overview(), /Besked sendt til/, 'all have it');
  });
});

describe('fan-out over HTTP: a vote reminder', function () {
  let bot: TestBot;
  let dir: string;
  const MAJA = 'maja.krogh@example.dk';
  beforeEach(async function () {
    dir = mkdtempSync(join(tmpdir(), 'referent-fanout-'));
    // Maja is in no team the bot is linked to and has never written: there is no way to reach her.
    bot = await startTestBot({ store: new EmbeddedStore(dir), accounts: exampleAccounts().filter((a) => a.email !== MAJA), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues the reminder once, and a second click tells how it went and whom it could not reach', async function () {
    await bot.sayInChannel('anne.lund@example.dk', 'afstem 2');
    const item = { networkId: 'pid', meetingId: MEETING_ID, item: 2 };
    const first = await bot.invoke('anne.lund@example.dk', 'meeting.vote.remind', item, { channel: true });
    assert.match(cardText(first.card), /Påmindelse sendes nu til Anne Holm Lund, .* og Maja Krogh\./);
    const again = await bot.invoke('mads.kjaer@example.dk', 'meeting.vote.remind', item, { channel: true });
    assert.match(cardText(again.card), /Påmindelsen er sendt til 8 af 9\. Kunne ikke nå Maja Krogh\./);
    const reminders = bot.connector.sent.filter((r) => /^Påmindelse: du mangler at stemme/.test(r.activity.text ?? ''));
    assert.equal(reminders.length, 8, 'each reachable voter once, though the chair and the vice-chair both clicked');
  });
});
