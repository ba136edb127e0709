import assert from 'node:assert/strict';
import { ManualClock } from '../../services/clock';
import { readDocx } from './ooxml';
import { DEADLINE } from './script';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { CHANNEL_ID, exampleMeeting, MEETING_ID, startTestBot, TENANT, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { cardText } from '../helpers/cardText';
import { SECRETARY } from '../helpers/examplePeople';

const PUBLIC_URL = 'https://referent.example.dk';

type Card = Record<string, unknown> & { actions?: { type: string; title: string; url: string }[] };

forEachStore('referat over HTTP', (fresh) => {
  let bot: TestBot;
  let clock: ManualClock;
  beforeEach(async function () {
    clock = new ManualClock(new Date('2021-06-03T08:00:00Z'));
    bot = await startTestBot({ store: await fresh(), clock, env: { PUBLIC_URL } });
  });
  afterEach(async function () {
    await bot.close();
  });

  const cardsTo = (email: string) => bot.connector.cards(bot.connector.personalConversationOf(email)) as Card[];
  /** The card's download button, and the link as a URL on the test server. */
  const download = (card: Card) => {
    const button = card.actions?.find((a) => a.type === 'Action.OpenUrl');
    assert.ok(button, 'the card has an Action.OpenUrl button');
    const url = new URL(button.url);
    return { button, url, local: `${bot.url}${url.pathname}${url.search}` };
  };
  const referatCard = async (email = SECRETARY, text = 'referat') => {
    await bot.say(email, text);
    const [card] = cardsTo(email);
    assert.ok(card, `a card answered "${text}"; got ${JSON.stringify(bot.connector.texts())}`);
    return card;
  };

  it('gives the secretary a summary card with a signed link that downloads the draft as .docx', async function () {
    const card = await referatCard();
    assert.deepEqual(cardSchemaErrors(card), []);
    assert.ok(JSON.stringify(card).length < 28 * 1024);
    const text = cardText(card);
    for (const expected of ['Udkast til referat', 'Møde i nationalt specialistnetværk for Primær immundefekt', '2. juni 2021, kl. 13.00-15.00', '5 punkter på dagsordenen', 'Pkt. 3/2021 Introduktion til opgave 2 og videre proces', '- Udfyld Skema 2: Regional kortlægning – frist 11. august 2021']) {
      assert.ok(text.includes(expected), `card shows ${expected}`);
    }
    const { button, url, local } = download(card);
    assert.equal(button.title, 'Hent referat (.docx)');
    assert.equal(`${url.origin}${url.pathname}`, `${PUBLIC_URL}/minutes/${MEETING_ID}.docx`);
    assert.match(url.searchParams.get('token') ?? '', /^pid\.\d+\.[A-Za-z0-9_-]{43}$/);

    const res = await fetch(local);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="Referat 2021-06-02.docx"; filename*=UTF-8''Referat%202021-06-02.docx`);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { paragraphs } = await readDocx(Buffer.from(await res.arrayBuffer()));
    const texts = paragraphs.map((p) => p.text);
    assert.ok(texts.includes(DEADLINE));
    assert.ok(texts.includes('Dato: 03-06-2021'), 'dated the day it is generated');
  });

  it('answers the chair in the linked channel, for a meeting named by id', async function () {
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid');
    await bot.sayInChannel('anne.lund@example.dk', `referat ${MEETING_ID}`);
    const [card] = bot.connector.cards(CHANNEL_ID) as Card[];
    assert.ok(card, `a card in the channel; got ${JSON.stringify(bot.connector.texts())}`);
    assert.equal((await fetch(download(card).local)).status, 200);
  });

  it('gives a member the minutes of the latest meeting held, not the next one, with a link that downloads', async function () {
    await bot.app.services.meetings.import({ ...exampleMeeting(), title: 'Møde i september', start: '2021-09-08T13:00:00+02:00', end: '2021-09-08T15:00:00+02:00' });
    for (const [email, word] of [['soren.ahl@example.dk', 'referat'], ['peter.vang@example.dk', 'minutes']]) {
      const card = await referatCard(email, word);
      assert.deepEqual(cardSchemaErrors(card), []);
      assert.ok(cardText(card).includes('2. juni 2021, kl. 13.00-15.00'), `${email}: the June meeting, held; not September's`);
      assert.equal((await fetch(download(card).local)).status, 200);
    }
    // The chair's plain `referat` stays the meeting in progress or next (September's draft).
    assert.ok(cardText(await referatCard('anne.lund@example.dk')).includes('8. september 2021'));
  });

  it('refuses a link that is expired, altered, for another meeting or missing with a bare 403', async function () {
    const { url, local } = download(await referatCard());
    const token = url.searchParams.get('token') ?? '';
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const attempts = [
      `${bot.url}/minutes/${MEETING_ID}.docx?token=${flipped}`,
      `${bot.url}/minutes/${MEETING_ID}.docx?token=${token.replace(/\.(\d+)\./, (_m, s: string) => `.${Number(s) + 86400}.`)}`,
      `${bot.url}/minutes/pid-2021-09-01.docx?token=${token}`,
      `${bot.url}/minutes/${MEETING_ID}.docx`,
      `${bot.url}/minutes/${MEETING_ID}.pdf?token=${token}`,
    ];
    for (const attempt of attempts) {
      const res = await fetch(attempt);
      assert.equal(res.status, 403, attempt);
      assert.equal(await res.text(), '', 'nothing else');
      assert.equal(res.headers.get('content-disposition'), null);
    }
    clock.advance(24 * 60 * 60 * 1000 - 60_000);
    assert.equal((await fetch(local)).status, 200, 'still valid just before 24 hours');
    clock.advance(60_000);
    const expired = await fetch(local);
    assert.equal(expired.status, 403);
    assert.equal(await expired.text(), '');
  });

  it('drafts the meeting any command would choose (in progress, else next, else latest), or the one named by date or id', async function () {
    const later = { ...exampleMeeting(), start: '2021-09-01T13:00:00+02:00', end: '2021-09-01T15:00:00+02:00', title: 'Møde i september' };
    await bot.app.services.meetings.import(later);
    clock.set(new Date('2021-06-02T12:00:00Z'));
    assert.equal(download(await referatCard()).url.pathname, `/minutes/${MEETING_ID}.docx`);
    bot.connector.sent.length = 0;
    clock.set(new Date('2021-06-10T08:00:00Z'));
    assert.equal(download(await referatCard()).url.pathname, '/minutes/pid-2021-09-01.docx');
    bot.connector.sent.length = 0;
    assert.equal(download(await referatCard(SECRETARY, 'referat 2/6')).url.pathname, `/minutes/${MEETING_ID}.docx`);
    bot.connector.sent.length = 0;
    assert.equal(download(await referatCard(SECRETARY, 'referat 2021-06-02')).url.pathname, `/minutes/${MEETING_ID}.docx`);
    bot.connector.sent.length = 0;
    assert.equal(download(await referatCard(SECRETARY, 'referat pid-2021-09-01')).url.pathname, '/minutes/pid-2021-09-01.docx');
  });

  it('explains a bad or unknown meeting id in Danish and sends no card', async function () {
    await bot.say(SECRETARY, 'referat ../../etc');
    await bot.say(SECRETARY, 'referat pid-1999-01-01');
    await bot.say(SECRETARY, 'referat a b');
    const texts = bot.connector.texts();
    assert.match(texts[0], /^"..\/..\/etc" er hverken en dato eller et mødes id/);
    assert.equal(texts[1], 'Mødet "pid-1999-01-01" findes ikke i netværket.');
    assert.match(texts[2], /expected at most one meeting \(a date or an id\)/);
    assert.equal(bot.connector.cards().length, 0);
  });

  it('shows summaries as plain text, at most eight per item, and answers in English to a secretary who chose it', async function () {
    const lines = Array.from({ length: 11 }, (_, i) => `**Beslutning ${i + 1}** [link](https://evil.example)`);
    bot.app.services.minutesSources.push(async () => [{ itemNumber: 2, section: 'referat', order: 20, paragraphs: ['x'], summary: lines }]);
    const from = bot.account(SECRETARY);
    await bot.app.services.identities.setLanguage(SECRETARY, 'en');
    await bot.post({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: bot.connector.url,
      locale: 'en-GB',
      text: 'minutes',
      from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
      recipient: { id: '28:referent-bot', name: 'Referent' },
      conversation: { id: bot.connector.personalConversationOf(SECRETARY), conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    const [card] = cardsTo(SECRETARY);
    assert.deepEqual(cardSchemaErrors(card), []);
    const text = cardText(card);
    assert.ok(text.includes('\\\\*\\\\*Beslutning 1\\\\*\\\\* \\\\[link\\\\](https://evil.example)'), 'markdown escaped');
    assert.ok(!text.includes('Beslutning 9'));
    assert.ok(text.includes('… and 3 more in the minutes'));
    assert.ok(text.includes('2 June 2021, 13:00-15:00'));
    assert.equal(download(card).button.title, 'Download minutes (.docx)');
  });

  it('the secretary sends the draft for comments from the card; a member answers in 1:1; the secretary sees it, reminds the rest and approves; the link then gives the approved minutes', async function () {
    const verbsOf = (card: Card) => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);
    const ref = { networkId: 'pid', meetingId: MEETING_ID };
    // Linked to the network's channel, the bot can reach every member of the team in 1:1.
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid');
    const card = await referatCard();
    assert.deepEqual(verbsOf(card), ['minutes.circulate', 'minutes.card', 'minutes.approve']);
    bot.connector.sent.length = 0;
    assert.deepEqual(verbsOf(await referatCard('soren.ahl@example.dk')), [], 'a member gets no buttons of the minutes\' life');

    const refused = await bot.invoke('soren.ahl@example.dk', 'minutes.circulate', { ...ref, dueDate: '2021-06-14' });
    assert.ok(!refused.card, 'only the leading roles send it');
    const sent = await bot.invoke(SECRETARY, 'minutes.circulate', { ...ref, dueDate: '2021-06-14' });
    assert.deepEqual(cardSchemaErrors(sent.card!), []);
    assert.match(cardText(sent.card), /Udkastet er sendt til kommentering hos 9 medlemmer/);
    assert.match(cardText(sent.card), /Til kommentering med frist 14\. juni 2021, kl\. 17\.00: 0 af 9 har svaret/);
    assert.deepEqual(verbsOf(sent.card!), ['minutes.nudge', 'minutes.card', 'minutes.approve']);

    await bot.app.nudges.sweep();
    const [nudge] = cardsTo('karen.ostby@example.dk');
    assert.match(cardText(nudge), /Udkast til kommentering/);
    assert.match(cardText(nudge), /Bemærkninger til udkast til referat af Møde i nationalt specialistnetværk for Primær immundefekt, 2\. juni 2021/);
    assert.match(JSON.stringify(nudge), /"id":"comment"/, 'a field for the comment');
    const taskId = (JSON.stringify(nudge).match(/"taskId":"([^"]+)"/) ?? [])[1];
    const missing = await bot.invoke('karen.ostby@example.dk', 'deadlines.done', { taskId, outcome: 'commentsSent', comment: '' });
    assert.match(missing.message ?? '', /Skriv dine kommentarer i feltet/);
    const answered = await bot.invoke('karen.ostby@example.dk', 'deadlines.done', { taskId, outcome: 'commentsSent', comment: 'Ret stavefejl i pkt. 2.' });
    assert.match(cardText(answered.card), /Dine kommentarer er modtaget.*Du skrev: Ret stavefejl i pkt\. 2\./);
    await bot.invoke('soren.ahl@example.dk', 'deadlines.done', { taskId, outcome: 'noComments' });

    const seen = await bot.invoke(SECRETARY, 'minutes.card', ref);
    const text = cardText(seen.card);
    assert.match(text, /2 af 9 har svaret/);
    assert.match(text, /Mangler svar: Anne Holm Lund, Mads Bering Kjær, Lise Damgaard/);
    assert.match(text, /\*\*Karen Østby:\*\* Ret stavefejl i pkt\. 2\./);
    assert.match(text, /\*\*Søren Ahl:\*\* ingen bemærkninger/);
    const nudged = await bot.invoke(SECRETARY, 'minutes.nudge', ref);
    assert.match(cardText(nudged.card), /Påmindelse sendes nu til 7: Anne Holm Lund/);

    const approved = await bot.invoke(SECRETARY, 'minutes.approve', ref);
    assert.deepEqual(cardSchemaErrors(approved.card!), []);
    assert.match(cardText(approved.card), /Godkendt referat.*Godkendt 3\. juni 2021 af Mette Ravn Kofoed/s);
    assert.deepEqual(verbsOf(approved.card!), ['minutes.card'], 'nothing left to send or approve');
    assert.doesNotMatch(cardText(approved.card), /Mangler svar/, 'an approved draft waits for nobody');
    const before = Buffer.from(await (await fetch(download(approved.card as Card).local)).arrayBuffer());
    assert.ok(!(await readDocx(before)).paragraphs.some((p) => p.text === 'Udkast'));
    await bot.app.services.agenda.saveNotes(await bot.app.services.meetings.require('pid', MEETING_ID), { name: 'Mette Ravn Kofoed', email: SECRETARY, role: 'secretary', appointedBy: 'Nationalt Genom Center' }, 4, 'Efter godkendelsen.');
    bot.connector.sent.length = 0;
    const after = Buffer.from(await (await fetch(download(await referatCard('soren.ahl@example.dk')).local)).arrayBuffer());
    assert.ok(after.equals(before), 'referat gives the approved document, unchanged');
  });
});
