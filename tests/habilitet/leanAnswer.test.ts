/**
 * A member's answer read from the round alone: the round keeps its voters and their languages
 * (its frame) when it starts, so a listed member's click reads the meeting and, in one read,
 * the round with their own answer, then writes the answer. The server still decides who
 * answers (anyone the round does not list is looked up on the roster), the round's state, the
 * items named; concurrent answers keep each other and a retried submit changes nothing.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { ManualClock } from '../../services/clock';
import type { AnswerDoc, RoundDoc } from '../../services/habilitet';
import { ANSWER_KIND } from '../../services/habilitet/model';
import { actor, CHANNEL_ID, MEETING, MEETING_ID, MEETING_PK, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { CHAIR, KAREN, SOREN, STAFF } from '../helpers/examplePeople';
import { forEachStore } from '../helpers/stores';

const REF = { networkId: 'pid', meetingId: MEETING_ID };
const ANSWERED_EN = /Your answer is recorded: No, nothing new\./;

forEachStore('a habilitet answer from the round alone', (fresh) => {
  let bot: TestBot;
  /** The chair starts the round in the linked channel. */
  const startRound = () => bot.sayInChannel(CHAIR, 'habilitet');
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
    await startRound();
  });
  afterEach(async function () {
    sinon.restore();
    await bot.close();
  });

  /** Counts the turns that read the roster's way: each starts from the sender's person (the sweep's follow-ups read the network, not the person). */
  function rosterReads(): () => number {
    const spy = sinon.spy(bot.app.services.identities, 'person');
    return () => spy.callCount;
  }
  const history = async (email: string) => (await bot.app.services.store.get<AnswerDoc>({ kind: ANSWER_KIND, pk: MEETING_PK, id: email }))?.data.history ?? [];
  const channelStatus = () => cardText(bot.connector.to(CHANNEL_ID).filter((r) => cardText(r.activity).includes('Habilitet – status')).at(-1)?.activity);

  it('answers a listed member in the language they chose, and refuses what the round refuses in it, without reading the roster', async function () {
    // Chosen after the round started: the round keeps it from then on.
    await bot.say(SOREN, 'sprog en');
    const reads = rosterReads();

    const no = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.match(cardText(no.card), ANSWERED_EN);
    assert.deepEqual((no.card?.refresh as { userIds: string[] }).userIds, [bot.account(SOREN).id]);
    const form = await bot.invoke(SOREN, 'habilitet.yes', REF);
    assert.match(cardText(form.card), /"id":"description"/);
    const refreshed = await bot.invoke(SOREN, 'habilitet.refresh', REF, { trigger: 'automatic' });
    assert.match(cardText(refreshed.card), /No, nothing new/);
    const missing = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '', description: 'x' });
    assert.equal(missing.message, 'Choose at least one agenda item the circumstances concern. Nothing was recorded.');
    const unknown = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2,9', description: 'Medforfatter.' });
    assert.equal(unknown.message, 'Item 9 is not on the meeting agenda. Nothing was recorded.');
    const yes = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'Medforfatter.' });
    assert.match(cardText(yes.card), /Your answer is recorded: Yes/);
    assert.equal(reads(), 0, 'no turn read the roster');
    assert.deepEqual((await history(SOREN)).map((h) => h.answer), ['no', 'yes']);

    // What the answer causes besides itself followed: the channel's card and the reminder.
    assert.match(channelStatus(), /Besvaret: 1 af 9/);
    const task = await bot.app.services.deadlines.status((await bot.app.services.habilitet.round(MEETING))?.reminderTaskId ?? '');
    assert.equal(task.assignees.find((a) => a.email === SOREN)?.status, 'done');

    await bot.app.services.habilitet.lock('pid', MEETING_ID, actor(CHAIR));
    const locked = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.match(locked.message ?? '', /^The impartiality round is locked/);
    assert.match((await bot.invoke(SOREN, 'habilitet.yes', REF)).message ?? '', /^The impartiality round is locked/);
    await bot.app.services.habilitet.reopen('pid', MEETING_ID, actor(CHAIR));
    (bot.clock as ManualClock).set(new Date('2021-06-02T11:00:00Z'));
    const late = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.equal(late.message, 'The meeting has started, so the impartiality round is closed. Nothing was recorded.');
    assert.equal(reads(), 0);
    assert.deepEqual((await history(SOREN)).map((h) => h.answer), ['no', 'yes'], 'nothing refused was recorded');
  });

  it('refuses a change past the most an answer keeps', async function () {
    await bot.invoke(KAREN, 'habilitet.no', REF);
    const entry = { answer: 'no' as const, items: [], at: '2021-05-26T08:00:00.000Z' };
    await bot.app.services.store.upsert<AnswerDoc>({ kind: ANSWER_KIND, pk: MEETING_PK, id: KAREN, data: { email: KAREN, name: 'Karen Østby', latest: entry, history: Array(100).fill(entry) } });
    const reads = rosterReads();
    const refused = await bot.invoke(KAREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'Medforfatter.' });
    assert.equal(refused.message, 'Svaret er ændret 100 gange; kontakt sekretæren. Intet er registreret.');
    assert.equal(reads(), 0);
    assert.equal((await history(KAREN)).length, 100);
  });

  it('keeps both of two answers given at once, and writes nothing for a retried submit', async function () {
    await bot.invoke(SOREN, 'habilitet.refresh', REF, { trigger: 'automatic' });
    const submit = { ...REF, items: '2', description: 'Medforfatter.' };
    await Promise.all([bot.invoke(SOREN, 'habilitet.no', REF), bot.invoke(SOREN, 'habilitet.submitYes', submit)]);
    assert.equal((await history(SOREN)).length, 2, 'neither answer lost');
    const latest = (await history(SOREN)).at(-1);
    const before = await bot.app.services.store.get({ kind: ANSWER_KIND, pk: MEETING_PK, id: SOREN });
    const retried = await bot.invoke(SOREN, latest?.answer === 'yes' ? 'habilitet.submitYes' : 'habilitet.no', submit);
    assert.match(cardText(retried.card), /Dit svar er uændret/);
    assert.equal((await bot.app.services.store.get({ kind: ANSWER_KIND, pk: MEETING_PK, id: SOREN }))?.etag, before?.etag, 'nothing written');
  });

  it('writes the round once when it is started again with nothing changed', async function () {
    const before = await bot.app.services.store.get({ kind: 'habilitet-round', pk: MEETING_PK, id: MEETING_ID });
    await startRound();
    assert.equal((await bot.app.services.store.get({ kind: 'habilitet-round', pk: MEETING_PK, id: MEETING_ID }))?.etag, before?.etag);
  });

  it('leaves anyone the round does not list to the roster: staff are refused there; a member made a voter since is listed', async function () {
    await bot.say(STAFF, 'hjælp');
    const reads = rosterReads();
    const staff = await bot.invoke(STAFF, 'habilitet.no', REF);
    assert.equal(staff.message, 'Kun stemmeberettigede medlemmer (formand, næstformand og medlemmer) besvarer habilitetsspørgsmålet. Intet er registreret.');
    assert.equal(reads(), 1, 'read from the roster');
    await bot.app.services.networks.change('pid', (n) => ({ ...n, members: n.members.map((m) => (m.email === STAFF ? { ...m, role: 'member' as const } : m)) }));
    const promoted = await bot.invoke(STAFF, 'habilitet.no', REF);
    assert.match(cardText(promoted.card), /Dit svar er registreret: Nej, ingen nye forhold\./);
    assert.equal(reads(), 1, 'the round lists them now');
  });

  it('takes the answers of a round that keeps no voters (started before it kept them) from the roster', async function () {
    const round = await bot.app.services.store.get<RoundDoc>({ kind: 'habilitet-round', pk: MEETING_PK, id: MEETING_ID });
    const { frame: _kept, ...older } = round!.data;
    await bot.app.services.store.upsert({ kind: 'habilitet-round', pk: MEETING_PK, id: MEETING_ID, data: older });
    await bot.say(SOREN, 'hjælp');
    const reads = rosterReads();
    const answered = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.match(cardText(answered.card), /Dit svar er registreret: Nej, ingen nye forhold\./);
    assert.equal(reads(), 1);
  });

  it('follows the roster: a member made staff since the round started is no longer let in', async function () {
    await bot.app.services.networks.change('pid', (n) => ({ ...n, members: n.members.map((m) => (m.email === SOREN ? { ...m, role: 'staff' as const } : m)) }));
    const refused = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.equal(refused.message, 'Kun stemmeberettigede medlemmer (formand, næstformand og medlemmer) besvarer habilitetsspørgsmålet. Intet er registreret.');
    assert.deepEqual(await history(SOREN), []);
  });
});
