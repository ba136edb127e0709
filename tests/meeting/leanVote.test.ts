/**
 * A ballot click read from the vote alone: the vote keeps the network (following its roster and
 * its members' languages) and the item as it opened (its frame), so a voting member's click reads
 * one partition, writes and checks the vote. What the frame does not hold is read where it is
 * true: recusals and absences live, anyone the frame does not let vote on the network's roster,
 * a card out of place by the channel's link.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { actor, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { CHAIR, IDA, SOREN, STAFF } from '../helpers/examplePeople';
import { forEachStore } from '../helpers/stores';

const ITEM2 = { networkId: 'pid', meetingId: MEETING_ID, item: 2 };
const agree = { ...ITEM2, 'choice-1': 'agree' };

forEachStore('a ballot click from the vote alone', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    sinon.restore();
    await bot.close();
  });

  /** Spies on the reads a click from the vote alone does without: the member's person, the network and the meeting. */
  function rosterReads(): () => number {
    const { identities, networks, meetings } = bot.app.services;
    const spies = [sinon.spy(identities, 'person'), sinon.spy(networks, 'get'), sinon.spy(meetings, 'get')];
    return () => spies.reduce((n, spy) => n + spy.callCount, 0);
  }

  it('answers a voting member in the language they chose, without reading their person, the network or the meeting', async function () {
    await bot.say(SOREN, 'sprog en');
    await bot.sayInChannel(CHAIR, 'afstem 2');
    const reads = rosterReads();
    const cast = await bot.invoke(SOREN, 'meeting.vote.cast', agree, { channel: true });
    assert.match(cardText(cast.card), /Thank you, your vote is recorded\./);
    const refreshed = await bot.invoke(SOREN, 'meeting.vote.view', ITEM2, { channel: true, trigger: 'automatic' });
    assert.match(cardText(refreshed.card), /Voting: Pkt\. 2\/2021/);
    assert.equal(reads(), 0);
    await bot.invoke(CHAIR, 'meeting.vote.close', ITEM2, { channel: true });
    const late = await bot.invoke(SOREN, 'meeting.vote.cast', { ...ITEM2, 'choice-1': 'disagree' }, { channel: true });
    assert.equal(late.message, 'Voting on Pkt. 2/2021 is closed, so your vote was not recorded.');
    const vote = await bot.app.services.voting.get({ networkId: 'pid', id: MEETING_ID }, 2);
    assert.deepEqual(
      vote?.result?.proposals[0].votes.map((v) => [v.email, v.choice]),
      [[SOREN, 'agree']],
    );
  });

  it('refuses a member who declares a conflict on the item after the vote opened: recusals are read as they are', async function () {
    await bot.app.services.habilitet.start('pid', MEETING_ID, actor(CHAIR));
    await bot.sayInChannel(CHAIR, 'afstem 2');
    await bot.invoke(IDA, 'meeting.vote.cast', agree, { channel: true });
    await bot.app.services.habilitet.answer('pid', MEETING_ID, actor(IDA), { answer: 'yes', items: [2], description: 'Rådgiver for firmaet bag analysen.' });
    const refused = await bot.invoke(IDA, 'meeting.vote.cast', { ...ITEM2, 'choice-1': 'disagree' }, { channel: true });
    assert.match(refused.message ?? '', /^Du har erklæret dig inhabil i Pkt\. 2\/2021/);
  });

  it('follows the roster while the vote is open: a member made a voter votes, one made staff or removed is refused; the close counts by the roster', async function () {
    await bot.sayInChannel(CHAIR, 'afstem 2');
    for (const email of [STAFF, SOREN, IDA]) await bot.invoke(email, 'meeting.vote.view', ITEM2, { channel: true });
    await bot.app.services.networks.change('pid', (n) => ({
      ...n,
      members: n.members.filter((m) => m.email !== IDA).map((m) => (m.email === STAFF ? { ...m, role: 'member' as const } : m.email === SOREN ? { ...m, role: 'staff' as const } : m)),
    }));
    const reads = rosterReads();
    const promoted = await bot.invoke(STAFF, 'meeting.vote.cast', agree, { channel: true });
    assert.match(cardText(promoted.card), /Tak, din stemme er registreret\./);
    assert.equal(reads(), 0, "the vote's frame lets the new voter in");
    const demoted = await bot.invoke(SOREN, 'meeting.vote.cast', agree, { channel: true });
    assert.equal(demoted.message, 'Kun formand, næstformand og medlemmer stemmer. Din stemme er ikke registreret.');
    const removed = await bot.invoke(IDA, 'meeting.vote.cast', agree, { channel: true });
    assert.match(removed.message ?? '', /^Hej Ida Fjord. Referent betjener medlemmerne af de nationale specialistnetværk, og du står ikke på et netværks medlemsliste./);
    const { vote } = await bot.app.services.voting.close(await bot.app.services.meetings.require('pid', MEETING_ID), await bot.app.services.networks.require('pid'), actor(CHAIR), 2);
    assert.deepEqual(vote.result?.proposals[0].votes.map((v) => v.email), [STAFF]);
  });

  it('answers in the language a member chooses while the vote is open', async function () {
    await bot.sayInChannel(CHAIR, 'afstem 2');
    await bot.invoke(SOREN, 'meeting.vote.cast', agree, { channel: true });
    await bot.say(SOREN, 'sprog en');
    const cast = await bot.invoke(SOREN, 'meeting.vote.cast', { ...ITEM2, 'choice-2': 'agree' }, { channel: true });
    assert.match(cardText(cast.card), /Thank you, your vote is recorded\./);
  });

  it('takes clicks on a vote opened without a frame from the roster', async function () {
    const { services } = bot.app;
    const meeting = await services.meetings.require('pid', MEETING_ID);
    await services.voting.open(meeting, actor(CHAIR), 2);
    await bot.invoke(SOREN, 'meeting.vote.view', ITEM2);
    const cast = await bot.invoke(SOREN, 'meeting.vote.cast', agree);
    assert.match(cardText(cast.card), /Tak, din stemme er registreret\./);
  });

  it('refuses a vote card of another network clicked in the channel linked to pid, though its vote would let the member in', async function () {
    const { services } = bot.app;
    const network = await services.networks.require('pid');
    await services.networks.import({ ...network, id: 'andet', name: 'Andet netværk' });
    const { meeting } = await services.meetings.import({ ...(await services.meetings.require('pid', MEETING_ID)), id: 'andet-2021-06-02', networkId: 'andet' });
    await services.voting.open(meeting, actor(CHAIR), 2, () => services.voteFrames.of({ ...network, id: 'andet', name: 'Andet netværk' }));
    const ref = { networkId: 'andet', meetingId: 'andet-2021-06-02', item: 2, 'choice-1': 'agree' };
    await bot.say(SOREN, 'hjælp');
    const inChannel = await bot.invoke(SOREN, 'meeting.vote.cast', ref, { channel: true });
    assert.equal(inChannel.message, 'Kortet er forældet. Hent det igen.');
    const inChat = await bot.invoke(SOREN, 'meeting.vote.cast', ref);
    assert.match(cardText(inChat.card), /Tak, din stemme er registreret\./);
  });
});
