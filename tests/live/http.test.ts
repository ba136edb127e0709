/**
 * A network meeting run from its Teams meeting, over HTTP: Teams' meeting events are POSTed
 * as Microsoft documents them (tests/fixtures/teams-activities/meeting-*.json, their
 * placeholders filled in), and the tests assert what the bot posts in the meeting, sends the
 * chair privately and stores. The clock is the test's own; the sweep is run by hand.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftFor } from '../../services/minutes';
import { NudgeScheduler } from '../../services/deadlines';
import { LiveMeetingSweep, type LiveDelivery } from '../../services/live/sweep';
import type { ManualClock } from '../../services/clock';
import { BOT_ID, CHANNEL_ID, MEETING, MEETING_ID, TENANT, TEAM_ID, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { CHAIR, SECRETARY, SOREN, KAREN } from '../helpers/examplePeople';

/** The meeting's chat in Teams (a scheduled meeting's chat, where the bot is installed). */
const CHAT = '19:meeting_NTM3ZDJjOTUtZGRhOS00MzYxLTk5NDAtMzY4M2IzZWFjZGE1@thread.v2';
const TEAMS_MEETING = 'MCMxOTptZWV0aW5nX05UTTNaREpqT1RVdFpHUmhPUzAwTXpZeExUazVOREF0TXpZNE0ySXpaV0ZqWkdFMUB0aHJlYWQudjIjMA==';
const OTHER_TENANT = '0d4c7d0e-1f2a-4b3c-9d8e-7f6a5b4c3d2e';
const FIXTURES = join(__dirname, '..', 'fixtures', 'teams-activities');

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

interface Where {
  /** The conversation the event comes in: the meeting's chat (default) or a channel's meeting thread. */
  conversation?: Record<string, unknown>;
  teamsMeeting?: string;
  tenant?: string;
}

/** A documented meeting event with this test's ids in Microsoft's placeholders. */
function meetingEvent(bot: TestBot, name: string, from: string, value: Record<string, unknown>, where: Where = {}): Record<string, unknown> {
  const event = fixture(name);
  const tenant = where.tenant ?? TENANT;
  const account = bot.account(from);
  return {
    ...event,
    id: `event-${Math.random().toString(36).slice(2)}`,
    serviceUrl: bot.connector.url,
    from: { id: account.id, aadObjectId: account.aadObjectId },
    recipient: { id: BOT_ID, name: 'Referent' },
    conversation: where.conversation ?? { isGroup: true, conversationType: 'groupChat', id: CHAT, tenantId: tenant },
    channelData: { ...(event.channelData as object), tenant: { id: tenant }, meeting: { id: where.teamsMeeting ?? TEAMS_MEETING } },
    value: { ...(event.value as object), ...value },
  };
}

const start = (bot: TestBot, at: string, where?: Where) => bot.post(meetingEvent(bot, 'meeting-start-2021', CHAIR, { Id: TEAMS_MEETING, StartTime: at }, where));
const end = (bot: TestBot, at: string, where?: Where) => bot.post(meetingEvent(bot, 'meeting-end', CHAIR, { id: TEAMS_MEETING, EndTime: at }, where));
/** A join or leave naming members by their Teams ids, as the documented value does. */
function participants(bot: TestBot, kind: 'join' | 'leave', emails: string[], where?: Where) {
  const members = emails.map((email) => {
    const a = bot.account(email);
    return { user: { id: a.id, aadObjectId: a.aadObjectId, name: a.name, tenantId: TENANT }, meeting: { inMeeting: kind === 'join', role: 'Attendee' } };
  });
  return bot.post(meetingEvent(bot, `meeting-participant-${kind}`, CHAIR, { members }, where));
}

/** A message @mentioning the bot in the Teams meeting's chat. */
function sayInMeetingChat(bot: TestBot, email: string, text: string) {
  return bot.post({
    ...bot.message(email, `<at>Referent</at> ${text}`),
    conversation: { isGroup: true, conversationType: 'groupChat', id: CHAT, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, meeting: { id: TEAMS_MEETING } },
    entities: [{ type: 'mention', text: '<at>Referent</at>', mentioned: { id: BOT_ID, name: 'Referent' } }],
  });
}

/** A click on a card in the Teams meeting's chat. */
function clickInMeetingChat(bot: TestBot, email: string, verb: string, data: Record<string, unknown>) {
  return bot.post({
    ...bot.message(email, ''),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    conversation: { isGroup: true, conversationType: 'groupChat', id: CHAT, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, meeting: { id: TEAMS_MEETING } },
  });
}

const personal = (bot: TestBot, email: string) => bot.connector.personalConversationOf(email);
const verbsOf = (card: unknown) => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);

forEachStore('a meeting run from its Teams meeting', (fresh) => {
  let bot: TestBot;
  let clock: ManualClock;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
    clock = bot.clock as ManualClock;
    clock.set(new Date('2021-06-02T10:50:00Z'));
  });
  afterEach(async function () {
    await bot.close();
  });
  const live = () => bot.app.services.live.get(MEETING);

  it('linked from the agenda card in the meeting chat; the start posts the agenda with the clock from the late start and tells the chair the habilitet round was not held; a second start changes nothing; the end posts the summary; a start after it resumes', async function () {
    await sayInMeetingChat(bot, CHAIR, 'dagsorden');
    const offered = bot.connector.cards(CHAT).at(-1);
    assert.ok(verbsOf(offered).includes('live.link'), 'the agenda in an unlinked Teams meeting offers the link');

    const ref = { networkId: 'pid', meetingId: MEETING_ID };
    const byMember = (await clickInMeetingChat(bot, SOREN, 'live.link', ref)).body as { value: string };
    assert.match(byMember.value, /Det kan kun/);
    const outside = await bot.invoke(CHAIR, 'live.link', ref);
    assert.match(outside.message ?? '', /Knappen virker kun i Teams-mødets chat/);
    assert.equal(await bot.app.services.live.linkOf(TEAMS_MEETING), undefined);

    const linked = (await clickInMeetingChat(bot, CHAIR, 'live.link', ref)).body as { value: unknown };
    assert.match(cardText(linked.value), /Teams-mødet er nu knyttet til/);
    assert.ok(!verbsOf(linked.value).includes('live.link'));
    const link = await bot.app.services.live.linkOf(TEAMS_MEETING);
    assert.deepEqual([link?.networkId, link?.meetingId, link?.tenantId, link?.linkedBy], ['pid', MEETING_ID, TENANT, CHAIR]);

    // Seven minutes late: every item's time counts from 13.07.
    clock.set(new Date('2021-06-02T11:07:30Z'));
    const before = bot.connector.cards(CHAT).length;
    assert.equal((await start(bot, '2021-06-02T11:07:00.4388966Z')).status, 200);
    const agenda = cardText(bot.connector.cards(CHAT).at(-1));
    assert.match(agenda, /Mødet startede kl\. 13\.07\. Uret kører/);
    const times = [...agenda.matchAll(/"text":"(\d{2}\.\d{2})"/g)].map((m) => m[1]);
    assert.deepEqual(times, ['13.07', '13.12', '13.17', '14.42', '15.02']);
    assert.equal(bot.connector.cards(CHAT).length, before + 1);
    assert.match(bot.connector.texts(personal(bot, CHAIR)).at(-1) ?? '', /habilitetsrunden er ikke holdt/);
    assert.equal((await bot.app.services.agenda.currentItem(await bot.app.services.meetings.require('pid', MEETING_ID)))?.number, 0);
    assert.equal((await live())?.startedAt, '2021-06-02T11:07:00.438Z');

    // Teams sends the start again (a second client, a retry): nothing new is posted.
    await start(bot, '2021-06-02T11:07:00.4388966Z');
    assert.equal(bot.connector.cards(CHAT).length, before + 1);

    clock.set(new Date('2021-06-02T12:58:00Z'));
    assert.equal((await end(bot, '2021-06-02T12:58:00Z')).status, 200);
    const summary = bot.connector.cards(CHAT).at(-1);
    assert.match(cardText(summary), /Mødet er slut.*Mødet sluttede kl\. 14\.58\..*Behandlede punkter.*Pkt\. 0\/2021 Velkommen og dagsorden.*Afstemninger, der stadig er åbne.*Ingen.*Opgaver fra mødet.*Ingen/);
    assert.deepEqual(verbsOf(summary), ['planning.minutes']);
    assert.deepEqual([(await live())?.endedAt, (await live())?.endedBy], ['2021-06-02T12:58:00.000Z', 'teams']);
    await end(bot, '2021-06-02T12:58:00Z');
    assert.equal(bot.connector.cards(CHAT).length, before + 2, 'one summary, however often Teams says it ended');

    clock.set(new Date('2021-06-02T13:02:00Z'));
    await start(bot, '2021-06-02T13:02:00Z');
    assert.match(cardText(bot.connector.cards(CHAT).at(-1)), /Mødet er genoptaget kl\. 15\.02/);
    assert.equal((await live())?.endedAt, undefined);
  });

  it('a channel meeting starting in the meeting\'s time is linked by itself; other times, other tenants and unlinked meetings change nothing and get no 5xx', async function () {
    const thread = { isGroup: true, conversationType: 'channel', id: `${CHANNEL_ID};messageid=1622624400000`, tenantId: TENANT };
    const channelMeeting = { conversation: thread, teamsMeeting: 'channel-meeting-1' };
    // The 2023 example: the value in lower case and no channelData.meeting (the value's id is the meeting's).
    const documented = meetingEvent(bot, 'meeting-start', CHAIR, { id: 'channel-meeting-1', startTime: '2021-06-02T10:55:00Z' }, channelMeeting);
    delete (documented.channelData as { meeting?: unknown }).meeting;
    clock.set(new Date('2021-06-02T10:55:00Z'));
    assert.equal((await bot.post({ ...documented, channelData: { ...(documented.channelData as object), team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } })).status, 200);
    assert.equal((await bot.app.services.live.linkOf('channel-meeting-1'))?.linkedBy, 'automatic');
    assert.match(cardText(bot.connector.cards(CHANNEL_ID).at(-1)), /Mødet startede kl\. 12\.55/);
    const started = await live();
    assert.equal((started?.conversation.conversation as { id: string }).id, thread.id, 'later posts go into the meeting\'s thread');

    const sent = bot.connector.sent.length;
    // A Teams meeting on another day of the same channel matches no meeting of the network.
    clock.set(new Date('2021-06-09T11:00:00Z'));
    await start(bot, '2021-06-09T11:00:00Z', { conversation: thread, teamsMeeting: 'channel-meeting-2' });
    assert.equal(await bot.app.services.live.linkOf('channel-meeting-2'), undefined);
    // The linked Teams meeting's events from another tenant are refused.
    const foreign = { conversation: { ...thread, tenantId: OTHER_TENANT }, teamsMeeting: 'channel-meeting-1', tenant: OTHER_TENANT };
    await end(bot, '2021-06-09T11:00:00Z', foreign);
    await participants(bot, 'join', [SOREN], foreign);
    // A Teams meeting nobody linked, in a chat of no network.
    for (const kind of ['join', 'leave'] as const) assert.equal((await participants(bot, kind, [SOREN], { teamsMeeting: 'nobodys' })).status, 200);
    assert.equal((await end(bot, '2021-06-09T11:00:00Z', { teamsMeeting: 'nobodys' })).status, 200);
    // Broken values: no list of members, a start with no meeting id at all.
    assert.equal((await bot.post({ ...meetingEvent(bot, 'meeting-participant-join', CHAIR, {}, channelMeeting), value: { members: 'everyone' } })).status, 200);
    const anonymous = meetingEvent(bot, 'meeting-start', CHAIR, { id: undefined }, { conversation: thread });
    delete (anonymous.channelData as { meeting?: unknown }).meeting;
    assert.equal((await bot.post(anonymous)).status, 200);

    assert.deepEqual(bot.connector.sent.slice(sent), [], 'nothing was posted');
    assert.deepEqual(await live(), started, 'nothing was changed');
    assert.deepEqual(await bot.app.services.attendance.presence(MEETING), []);
  });

  it('attendance from the join and leave events: the chair\'s card starts from who joined and stays editable, a later join arrives, the minutes list who attended, and one who left before the vote is no missing voter', async function () {
    await clickInMeetingChat(bot, CHAIR, 'live.link', { networkId: 'pid', meetingId: MEETING_ID });
    clock.set(new Date('2021-06-02T11:00:00Z'));
    await start(bot, '2021-06-02T11:00:00Z');
    const everyone = bot.app.services.networks;
    const network = await everyone.require('pid');
    const away = [KAREN, 'maja.krogh@example.dk', 'peter.vang@example.dk'];
    const joining = network.members.map((m) => m.email).filter((e) => !away.includes(e));
    clock.set(new Date('2021-06-02T11:01:00Z'));
    assert.equal((await participants(bot, 'join', joining.slice(0, 4))).status, 200);
    clock.set(new Date('2021-06-02T11:02:00Z'));
    // The rest in events of their own at once: each join is kept, whatever the order the writes meet in.
    await Promise.all(joining.slice(4).map((email) => participants(bot, 'join', [email])));
    await participants(bot, 'join', [SOREN]); // a second join while in counts once

    const presence = await bot.app.services.attendance.presence(MEETING);
    assert.deepEqual(presence.map((p) => p.email).sort(), [...joining].sort());
    assert.deepEqual(presence.find((p) => p.email === SOREN)?.intervals, [{ joinedAt: '2021-06-02T11:01:00.000Z' }]);
    assert.deepEqual([...(await bot.app.services.attendance.absentFrom(MEETING))].sort(), [...away].sort());

    // The chair's attendance card starts from that: the three who never joined are unticked.
    await sayInMeetingChat(bot, CHAIR, 'fremmøde');
    const card = JSON.stringify(bot.connector.cards(CHAT).at(-1));
    assert.match(card, /De, der er kommet ind i Teams-mødet, er sat til at være til stede/);
    assert.match(card, /"title":"Søren Ahl \(medlem\), i Teams-mødet fra kl\. 13\.01"/);
    assert.match(card, /"title":"Karen Østby \(medlem\)"/);
    const ticked = /"value":"([^"]*)","choices"/.exec(card)?.[1].split(',') ?? [];
    assert.deepEqual(ticked.sort(), [...joining].sort());
    // Editable: Peter Vang is there by phone, Karen and Maja sent apologies.
    await clickInMeetingChat(bot, CHAIR, 'attendance.save', { networkId: 'pid', meetingId: MEETING_ID, present: [...joining, 'peter.vang@example.dk'].join(',') });
    assert.deepEqual([...(await bot.app.services.attendance.absentFrom(MEETING))].sort(), [KAREN, 'maja.krogh@example.dk']);
    // Karen comes after all: her join is her arrival.
    clock.set(new Date('2021-06-02T11:20:00Z'));
    await participants(bot, 'join', [KAREN]);
    assert.deepEqual((await bot.app.services.attendance.get(MEETING))?.arrived, [{ email: KAREN, at: '2021-06-02T11:20:00.000Z' }]);

    // Søren leaves before the vote on item 2 is opened: he is not among those it waits for.
    clock.set(new Date('2021-06-02T11:25:00Z'));
    await participants(bot, 'leave', [SOREN]);
    assert.deepEqual((await bot.app.services.attendance.presence(MEETING)).find((p) => p.email === SOREN)?.intervals, [
      { joinedAt: '2021-06-02T11:01:00.000Z', leftAt: '2021-06-02T11:25:00.000Z' },
    ]);
    clock.set(new Date('2021-06-02T11:30:00Z'));
    await sayInMeetingChat(bot, CHAIR, 'afstem 2');
    const meeting = await bot.app.services.meetings.require('pid', MEETING_ID);
    const state = await bot.app.services.voting.state(meeting, network, 2);
    const eligible = state!.tally.eligible.map((v) => v.email);
    assert.ok(!eligible.includes(SOREN), 'Søren left before the vote');
    assert.ok(eligible.includes(KAREN) && eligible.includes(CHAIR));
    assert.ok(!eligible.includes('maja.krogh@example.dk'));

    const draft = await draftFor(bot.app.services, meeting);
    const text = JSON.stringify(draft);
    assert.match(text, /Søren Ahl/, 'Søren attended, though he left early');
    assert.match(text, /Maja Krogh/);
    assert.deepEqual(draft.apologies, ['Maja Krogh']);
  });

  it('the item clock: an item 5 minutes past its planned end gets the chair one private note, once across sweeps, restarts and a second instance; nothing goes to the meeting; a meeting Teams never ends is ended by the sweep', async function () {
    await clickInMeetingChat(bot, CHAIR, 'live.link', { networkId: 'pid', meetingId: MEETING_ID });
    await bot.say(CHAIR, 'hjælp');
    clock.set(new Date('2021-06-02T11:00:00Z'));
    await start(bot, '2021-06-02T11:00:00Z');
    const inChat = bot.connector.to(CHAT).length;
    const notes = () => bot.connector.texts(personal(bot, CHAIR)).filter((t) => /skulle have sluttet/.test(t));

    // Velkommen og dagsorden: 13.00-13.05. At 13.09 it is not yet 5 minutes over.
    clock.set(new Date('2021-06-02T11:09:00Z'));
    await bot.app.nudges.sweep();
    assert.deepEqual(notes(), []);
    clock.set(new Date('2021-06-02T11:10:00Z'));
    // Two instances sweep at once: the lease lets one of them send.
    const { services } = bot.app;
    const counted: string[] = [];
    const counting: LiveDelivery = { overrun: async ({ item }) => void counted.push(`overrun ${item.item.number}`), ended: async () => void counted.push('ended') };
    const second = new NudgeScheduler({
      store: services.store,
      clock,
      networks: services.networks,
      deadlines: services.deadlines,
      delivery: { deliver: async () => undefined },
      jobs: [new LiveMeetingSweep(services.store, clock, services.networks, services.meetings, services.live, counting, console)],
      owner: 'second-instance',
    });
    await Promise.all([bot.app.nudges.sweep(), second.sweep()]);
    assert.equal(notes().length + counted.length, 1, 'one note between the two instances');
    if (counted.length) await bot.app.nudges.sweep(); // the second instance "sent" it: the first sends nothing now
    await bot.app.nudges.sweep();
    await second.sweep();
    assert.ok(notes().length <= 1);
    assert.deepEqual((await live())?.overrunNoted, [0]);
    if (notes().length) assert.equal(notes()[0], 'Pkt. 0/2021 "Velkommen og dagsorden" skulle have sluttet kl. 13.05 (ca. 5 min.). Næste punkt: Pkt. 1/2021 Henvendelser fra pædiatere.');

    // The chair moves on; item 1 (13.05-13.10) runs over too: one more note, for it.
    await sayInMeetingChat(bot, CHAIR, 'næste');
    clock.set(new Date('2021-06-02T11:16:00Z'));
    await bot.app.nudges.sweep();
    await bot.app.nudges.sweep();
    assert.equal(notes().at(-1), 'Pkt. 1/2021 "Henvendelser fra pædiatere" skulle have sluttet kl. 13.10 (ca. 5 min.). Næste punkt: Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1.');
    assert.deepEqual((await live())?.overrunNoted, [0, 1]);
    // The meeting chat got the item card of `næste` and nothing from the clock.
    assert.equal(bot.connector.texts(CHAT).filter((t) => /skulle have sluttet/.test(t)).length, 0);
    assert.equal(bot.connector.to(CHAT).length, inChat + 1);

    // Teams never says the meeting ended: an hour after its planned end (15.00) the sweep ends it.
    clock.set(new Date('2021-06-02T13:59:00Z'));
    await bot.app.nudges.sweep();
    assert.equal((await live())?.endedAt, undefined);
    clock.set(new Date('2021-06-02T14:00:30Z'));
    await Promise.all([bot.app.nudges.sweep(), second.sweep()]);
    await bot.app.nudges.sweep();
    const ended = await live();
    assert.equal(ended?.endedBy, 'sweep');
    const summaries = bot.connector.cards(CHAT).filter((c) => /Mødet er slut/.test(cardText(c)));
    assert.equal(summaries.length + counted.filter((c) => c === 'ended').length, 1);
    if (summaries.length) assert.match(cardText(summaries[0]), /Teams meldte ikke, at mødet sluttede; jeg afsluttede det kl\. 16\.00\..*Pkt\. 0\/2021 Velkommen og dagsorden.*Pkt\. 1\/2021 Henvendelser fra pædiatere/);
    await second.stop();
  });

  it('the minutes say when each item was dealt with once the secretary ticks it in the network\'s settings', async function () {
    await clickInMeetingChat(bot, CHAIR, 'live.link', { networkId: 'pid', meetingId: MEETING_ID });
    clock.set(new Date('2021-06-02T11:00:00Z'));
    await start(bot, '2021-06-02T11:00:00Z');
    clock.set(new Date('2021-06-02T11:06:00Z'));
    await sayInMeetingChat(bot, CHAIR, 'næste');
    clock.set(new Date('2021-06-02T11:14:00Z'));
    await sayInMeetingChat(bot, CHAIR, 'næste');
    clock.set(new Date('2021-06-02T11:20:00Z'));
    const paragraphsOf = async (number: number) => {
      const draft = await draftFor(bot.app.services, await bot.app.services.meetings.require('pid', MEETING_ID));
      return draft.items.find((i) => i.label === `Pkt. ${number}/2021`)?.referat ?? [];
    };
    assert.ok(!(await paragraphsOf(1)).some((p) => /Behandlet/.test(p)), 'not unless the network wants it');

    const network = await bot.app.services.networks.require('pid');
    const letterhead = { street: '', postcodeCity: '', phone: '', email: '', web: '', caseworker: '', ...network.letterhead };
    const saved = await bot.invoke(SECRETARY, 'roster.settings', { networkId: 'pid', unit: network.unit ?? '', ...letterhead, itemTimes: 'true' });
    assert.match(cardText(saved.card), /Indstillingerne er gemt/);
    assert.equal((await bot.app.services.networks.require('pid')).settings.minutesItemTimes, true);
    assert.deepEqual(await paragraphsOf(1), ['Behandlet kl. 13.06-13.14.']);
    assert.deepEqual(await paragraphsOf(2), ['Behandlet fra kl. 13.14.']);
    clock.set(new Date('2021-06-02T12:50:00Z'));
    await end(bot, '2021-06-02T12:50:00Z');
    assert.deepEqual(await paragraphsOf(2), ['Behandlet kl. 13.14-14.50.']);
  });

  it('the secretary, not only the chair, may link; a cancelled meeting cannot be linked', async function () {
    const ref = { networkId: 'pid', meetingId: MEETING_ID };
    const linked = (await clickInMeetingChat(bot, SECRETARY, 'live.link', ref)).body as { value: unknown };
    assert.match(cardText(linked.value), /Teams-mødet er nu knyttet til/);
    await bot.app.services.meetings.change('pid', MEETING_ID, (m) => ({ ...m, cancelled: { at: '2021-06-01T10:00:00+02:00', by: CHAIR } }));
    const refused = (await clickInMeetingChat(bot, CHAIR, 'live.link', ref)).body as { value: string };
    assert.match(refused.value, /er aflyst og kan ikke knyttes/);
  });
});
