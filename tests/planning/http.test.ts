import assert from 'node:assert/strict';
import { CHANNEL_ID, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { valid, verbs } from './checks';
import { CHAIR, SECRETARY, SOREN } from '../helpers/examplePeople';

const VICE = 'mads.kjaer@example.dk';
const FORM_ID = '5b0c7a52-1d8e-4c1e-9a55-6a3a1d1f2e01';
const NEW = 'pid-2021-07-07';

const form = (overrides: Record<string, string> = {}) => ({
  networkId: 'pid',
  meetingId: '',
  formId: FORM_ID,
  title: 'Møde i juli',
  date: '2021-07-07',
  start: '13:00',
  end: '15:30',
  location: 'Aarhus Universitetshospital',
  chair: CHAIR,
  secretary: SECRETARY,
  caseNumber: '2109357',
  documentNumber: '',
  ...overrides,
});

forEachStore('planning meetings in Teams over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
  });
  const meetings = () => bot.app.services.meetings.list('pid');
  const audit = () => bot.app.services.audit.list('pid');

  it('møder lists the meetings with Dagsorden for everyone; Nyt møde, Ret and Referat only for the leading roles', async function () {
    await bot.sayInChannel(SOREN, 'møder');
    const member = bot.connector.cards(CHANNEL_ID).at(-1);
    valid(member);
    assert.match(cardText(member), /Kommende møder.*Møde i nationalt specialistnetværk for Primær immundefekt.*2\. juni 2021, kl\. 13\.00-15\.00.*Status: Planlagt/);
    assert.deepEqual(verbs(member), ['planning.agenda']);
    for (const who of [CHAIR, VICE, SECRETARY]) {
      await bot.sayInChannel(who, 'meetings');
      assert.deepEqual(verbs(bot.connector.cards(CHANNEL_ID).at(-1)), ['planning.agenda', 'planning.meeting.edit', 'planning.minutes', 'planning.meeting.new'], who);
    }
    await bot.sayInChannel(SOREN, 'mødr');
    assert.equal(bot.connector.texts(CHANNEL_ID).at(-1), 'Det forstod jeg ikke. Mente du **møder**? Skriv **hjælp** for at se, hvad jeg kan.');
    const agenda = await bot.invoke(SOREN, 'planning.agenda', { networkId: 'pid', meetingId: MEETING_ID });
    assert.match(cardText(agenda.card), /Dagsorden.*Velkommen og dagsorden/);
  });

  it('Nyt møde: the form has the network\'s defaults; the meeting is created with the two fixed items, numbered on from the year\'s earlier meeting, and audited', async function () {
    const opened = await bot.invoke(SECRETARY, 'planning.meeting.new', { networkId: 'pid' });
    valid(opened.card);
    const shown = cardText(opened.card);
    assert.match(shown, /"id":"title","label":"Titel","value":"Møde i Nationalt specialistnetværk for Primær immundefekt"/);
    assert.match(shown, /"id":"chair".*"value":"anne\.lund@example\.dk"/);
    assert.match(shown, /"id":"secretary".*"value":"mette\.kofoed@example\.dk"/);
    assert.ok(!shown.includes('"key"'), 'no button data named key (the Playground cannot serialise it)');

    const saved = await bot.invoke(SECRETARY, 'planning.meeting.save', form());
    valid(saved.card);
    assert.match(cardText(saved.card), /Mødet \\"Møde i juli\\" er oprettet.*7\. juli 2021, kl\. 13\.00-15\.30/);
    const meeting = await bot.app.services.meetings.require('pid', NEW);
    assert.equal(meeting.start, '2021-07-07T13:00:00+02:00');
    assert.equal(meeting.end, '2021-07-07T15:30:00+02:00');
    assert.equal(meeting.caseNumber, '2109357');
    assert.equal(meeting.documentNumber, undefined);
    assert.deepEqual(meeting.agenda.map((i) => [i.number, i.title]), [[0, 'Velkommen og dagsorden'], [5, 'Eventuelt']]);
    const [entry] = await audit();
    assert.deepEqual({ ...entry, at: undefined }, { at: undefined, by: SECRETARY, action: 'meeting.create', target: NEW, formId: FORM_ID });
  });

  it('a double click on Opret creates one meeting and says so', async function () {
    const [first, second] = await Promise.all([bot.invoke(SECRETARY, 'planning.meeting.save', form()), bot.invoke(SECRETARY, 'planning.meeting.save', form())]);
    const third = await bot.invoke(SECRETARY, 'planning.meeting.save', form());
    assert.equal((await meetings()).length, 2);
    assert.equal((await audit()).length, 1);
    const notices = [first, second, third].map((r) => cardText(r.card ?? r.message));
    assert.ok(notices.some((n) => n.includes('er oprettet')), notices.join('\n'));
    assert.match(notices[2], /var allerede oprettet fra denne formular/);
  });

  it('refuses invalid forms with the import\'s own messages, keeps what was typed, and stores nothing', async function () {
    const cases: [Record<string, string>, RegExp][] = [
      [{ title: '  ' }, /title: must not be empty/],
      [{ end: '12:00' }, /end: must be after start/],
      [{ date: '7/7' }, /date: expected a date YYYY-MM-DD/],
      [{ start: '25:00' }, /start: expected a time HH:MM/],
      [{ chair: 'nobody@example.dk' }, /chair: nobody@example\.dk is not on the roster of pid/],
      [{ secretary: 'not an e-mail' }, /secretary: expected an e-mail address/],
      [{ date: MEETING_ID.slice(4) }, /Der er allerede et møde den dag \(pid-2021-06-02\)/],
    ];
    for (const [change, problem] of cases) {
      const reply = await bot.invoke(SECRETARY, 'planning.meeting.save', form(change));
      valid(reply.card);
      const shown = cardText(reply.card);
      assert.match(shown, problem);
      assert.match(shown, /"verb":"planning.meeting.save"/, 'the form comes back');
      assert.ok(shown.includes('Aarhus Universitetshospital'), 'with what was typed');
    }
    assert.equal((await meetings()).length, 1);
    assert.deepEqual(await audit(), []);
    const retried = await bot.invoke(SECRETARY, 'planning.meeting.save', form());
    assert.match(cardText(retried.card), /er oprettet/, 'the same form submits once corrected');
  });

  it('refuses every planning click from a member without a leading role, forged or not, and changes nothing', async function () {
    const refusal = 'Det kan kun formanden, næstformanden eller sekretæren gøre.';
    for (const [verb, data] of [
      ['planning.meeting.new', { networkId: 'pid' }],
      ['planning.meeting.save', form()],
      ['planning.meeting.edit', { networkId: 'pid', meetingId: MEETING_ID }],
      ['planning.meeting.cancel', { networkId: 'pid', meetingId: MEETING_ID }],
      ['planning.minutes', { networkId: 'pid', meetingId: MEETING_ID }],
    ] as const) {
      const reply = await bot.invoke(SOREN, verb, data);
      assert.equal(reply.message, refusal, verb);
    }
    assert.equal((await meetings()).length, 1);
    assert.equal((await meetings())[0].cancelled, undefined);
    const stale = await bot.invoke(SECRETARY, 'planning.meeting.save', { ...form(), formId: 'x' });
    assert.equal(stale.message, 'Kortet er forældet. Hent det igen.');
  });

  it('Ret changes the meeting\'s facts but not its agenda; refused once the meeting has begun', async function () {
    const edit = await bot.invoke(CHAIR, 'planning.meeting.edit', { networkId: 'pid', meetingId: MEETING_ID });
    valid(edit.card);
    assert.match(cardText(edit.card), /"id":"date","label":"Dato","value":"2021-06-02".*"id":"start","label":"Starter kl\.","value":"13:00"/);
    const before = await bot.app.services.meetings.require('pid', MEETING_ID);
    const saved = await bot.invoke(CHAIR, 'planning.meeting.save', form({ meetingId: MEETING_ID, date: '2021-06-02', start: '14:00', end: '16:00', title: before.title, caseNumber: before.caseNumber ?? '' }));
    assert.match(cardText(saved.card), /Ændringerne i .* er gemt/);
    const after = await bot.app.services.meetings.require('pid', MEETING_ID);
    assert.equal(after.start, '2021-06-02T14:00:00+02:00');
    assert.equal(after.location, 'Aarhus Universitetshospital');
    assert.deepEqual(after.agenda, before.agenda);
    assert.deepEqual((await audit()).map((e) => [e.by, e.action, e.target]), [[CHAIR, 'meeting.update', MEETING_ID]]);

    await bot.invoke(CHAIR, 'attendance.start', { networkId: 'pid', meetingId: MEETING_ID, present: '' });
    const late = await bot.invoke(CHAIR, 'planning.meeting.edit', { networkId: 'pid', meetingId: MEETING_ID });
    assert.match(late.message ?? '', /er gået i gang, så planen kan ikke ændres længere/);
  });

  it('Aflys keeps the meeting, marked cancelled; a second click says it already was; a cancelled meeting cannot be edited', async function () {
    await bot.invoke(SECRETARY, 'planning.meeting.save', form());
    const cancelled = await bot.invoke(SECRETARY, 'planning.meeting.cancel', { networkId: 'pid', meetingId: NEW });
    valid(cancelled.card);
    assert.match(cardText(cancelled.card), /er aflyst\. Mødet står stadig i oversigten som aflyst.*Møde i juli.*Status: Aflyst/);
    assert.deepEqual(verbs(cancelled.card).filter((v) => v === 'planning.meeting.edit').length, 1, 'only the June meeting can be edited');
    const again = await bot.invoke(SECRETARY, 'planning.meeting.cancel', { networkId: 'pid', meetingId: NEW });
    assert.match(cardText(again.card), /var allerede aflyst/);
    assert.equal((await bot.app.services.meetings.require('pid', NEW)).cancelled?.by, SECRETARY);
    const edit = await bot.invoke(SECRETARY, 'planning.meeting.edit', { networkId: 'pid', meetingId: NEW });
    assert.match(edit.message ?? '', /er aflyst og kan ikke ændres/);
    assert.deepEqual((await audit()).map((e) => e.action), ['meeting.create', 'meeting.cancel']);
  });
});
