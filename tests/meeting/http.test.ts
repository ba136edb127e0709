import assert from 'node:assert/strict';
import { voteMinutes } from '../../services/voting/minutes';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { actor, CHANNEL_ID, exampleMeeting, exampleNetwork, type InvokeReply, MEETING_ID, MEETING_PK, startTestBot, teamsAccount, type TestBot } from '../helpers/bot';
import { forEachStore, type FreshStore } from '../helpers/stores';
import { cardText } from '../helpers/cardText';
import { CHAIR, SECRETARY, STAFF, SOREN, IDA } from '../helpers/examplePeople';

const MAJA = 'maja.krogh@example.dk';
const VOTERS = ['anne.lund@example.dk', 'mads.kjaer@example.dk', SOREN, 'karen.ostby@example.dk', 'lise.damgaard@example.dk', 'jens.praest@example.dk', IDA, 'ole.winther@example.dk', MAJA];
const ITEM2 = { networkId: 'pid', meetingId: MEETING_ID, item: 2 };
const RESERVATION = 'Kun ved positiv TREC eller klinisk mistanke hos børn under 2 år.';

const text = cardText;
/** The card's visible texts, joined, to assert on what a member reads (the refresh action is not shown). */
function texts(card: unknown): string {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const node = v as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label']) if (typeof node[key] === 'string') out.push(node[key] as string);
      Object.entries(node).forEach(([key, child]) => key !== 'refresh' && visit(child));
    }
  };
  visit(card);
  return out.join('\n').replace(/\u00a0/g, ' '); // as read: see cardText
}
const valid = (card: unknown) => assert.deepEqual(cardSchemaErrors(card), []);
const ballot = (choices: Record<string, string>, reasons: Record<string, string> = {}, ref: Record<string, unknown> = ITEM2) => ({
  ...ref,
  ...Object.fromEntries(Object.entries(choices).map(([id, c]) => [`choice-${id}`, c])),
  ...Object.fromEntries(Object.entries(reasons).map(([id, r]) => [`reason-${id}`, r])),
});
const lastChannelCard = (bot: TestBot) => bot.connector.cards(CHANNEL_ID).at(-1) as Record<string, unknown>;

function meetingSuite(fresh: FreshStore) {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
  });

  it('posts the agenda with planned clock times, durations, chair, secretary, place and date in Danish', async function () {
    await bot.sayInChannel(SOREN, 'dagsorden');
    const card = lastChannelCard(bot);
    valid(card);
    const shown = texts(card);
    for (const expected of ['Dagsorden', '2. juni 2021, kl. 13.00-15.00', 'virtuelt', 'Anne Holm Lund', 'Mette Ravn Kofoed', 'Sagsnr.', '2109357', 'Pkt.', 'Min.', 'Aktivitet']) {
      assert.ok(shown.includes(expected), `the agenda shows ${expected}`);
    }
    assert.match(shown, /2\n13\.10\n85 min\.\nVidere gennemgang og drøftelse/, 'item 2 starts 13.10 and takes 85 minutes');
    assert.match(shown, /4\n14\.55\n5 min\.\nEventuelt/);
  });

  it('lets the chair run the meeting: start (after who is present), næste, punkt N post the item cards; members may not', async function () {
    await bot.sayInChannel(CHAIR, 'start');
    const attendance = lastChannelCard(bot);
    valid(attendance);
    assert.match(texts(attendance), /Hvem er til stede\?/);
    const started = await bot.invoke(CHAIR, 'attendance.start', { networkId: 'pid', meetingId: MEETING_ID, present: VOTERS.join(',') }, { channel: true });
    valid(started.card);
    assert.match(texts(started.card), /^Pkt\. 0\/2021 Velkommen og dagsorden/);
    assert.match(texts(started.card), /Til stede: 9\. Afbud: Peter Vang og Mette Ravn Kofoed\./);
    await bot.sayInChannel(SECRETARY, 'næste');
    await bot.sayInChannel(CHAIR, 'punkt 2');
    const cards = [started.card as Record<string, unknown>, ...bot.connector.cards(CHANNEL_ID).slice(-2)];
    cards.forEach(valid);
    assert.match(texts(cards[0]), /^Pkt\. 0\/2021 Velkommen og dagsorden/);
    assert.match(texts(cards[1]), /^Pkt\. 1\/2021 Henvendelser fra pædiatere/);
    const item2 = texts(cards[2]);
    for (const expected of ['Pkt. 2/2021 Videre gennemgang', 'Indstilling', '1. Det indstilles, at specialistnetværket på basis af bilag 1.1', '2. Det indstilles', 'Referat', 'Problemstilling', 'Løsning', 'Videre proces', 'Bilag', 'Bilag 1.1: Forslag', 'Forslag 1: Alvorlig kombineret immundefekt (SCID) hos børn', 'Kriterier', 'Patienter pr. år', 'Sekventeringer pr. år', '150', 'Diagnostisk udbytte', '60-80 %', 'Merværdi']) {
      assert.ok(item2.includes(expected), `item 2 shows ${expected}`);
    }
    const leaders = [CHAIR, 'mads.kjaer@example.dk', SECRETARY].map((e) => bot.account(e).id);
    assert.deepEqual((cards[2].refresh as { userIds: string[] }).userIds, leaders, 'the card refreshes into the editor view for the chair, the vice-chair and the secretary');
    assert.equal((await bot.app.services.agenda.currentItem(await bot.app.services.meetings.require('pid', MEETING_ID)))?.number, 2);

    await bot.sayInChannel(SOREN, 'næste');
    await bot.sayInChannel(CHAIR, 'punkt 9');
    await bot.sayInChannel(CHAIR, 'punkt to');
    assert.deepEqual(bot.connector.texts(CHANNEL_ID).slice(-3), [
      'Det kan kun formand, næstformand eller sekretær gøre.',
      'Dagsordenen har ikke punkt 9. Punkterne er 0, 1, 2, 3, 4.',
      'Skriv punktets nummer, fx **punkt 2**.',
    ]);
    await bot.sayInChannel(CHAIR, 'punkt 4');
    await bot.sayInChannel(CHAIR, 'næste');
    assert.equal(bot.connector.texts(CHANNEL_ID).at(-1), 'Pkt. 4/2021 er sidste punkt på dagsordenen.');
  });

  it('lets a member open an item with punkt N, without moving the meeting to it', async function () {
    await bot.sayInChannel(SOREN, 'punkt 2');
    const card = lastChannelCard(bot);
    valid(card);
    assert.match(texts(card), /^Pkt\. 2\/2021 Videre gennemgang/);
    assert.equal(await bot.app.services.agenda.currentItem(await bot.app.services.meetings.require('pid', MEETING_ID)), undefined, 'the meeting is not moved');
    await bot.sayInChannel(SOREN, 'punkt 9');
    assert.equal(bot.connector.texts(CHANNEL_ID).at(-1), 'Dagsordenen har ikke punkt 9. Punkterne er 0, 1, 2, 3, 4.');
  });

  it('shows item 3 with its task and deadline', async function () {
    await bot.sayInChannel(CHAIR, 'punkt 3');
    const shown = texts(lastChannelCard(bot));
    assert.match(shown, /Opgaver\n\*\*Udfyld Skema 2: Regional kortlægning\*\* – frist 11\. august 2021\. Ansvarlige: Mads Bering Kjær, Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst\. Afleveres til Mette Ravn Kofoed\./);
  });

  it('lets the secretary write the Referat of an item on its card, edit it later; others may only read it', async function () {
    const edit = await bot.invoke(SECRETARY, 'meeting.item.view', ITEM2, { channel: true, trigger: 'automatic' });
    assert.ok(edit.card);
    valid(edit.card);
    assert.match(text(edit.card), /"type":"Input.Text","id":"notes","label":"Referat: hvad blev drøftet og besluttet"[^}]*"isMultiline":true/);

    const saved = await bot.invoke(SECRETARY, 'meeting.item.saveNotes', { ...ITEM2, notes: 'Indikationerne blev drøftet.\n\nDer var enighed om SCID.' }, { channel: true });
    assert.match(texts(saved.card), /Referatet er gemt\./);
    const meeting = await bot.app.services.meetings.require('pid', MEETING_ID);
    await bot.invoke(CHAIR, 'meeting.item.saveNotes', { ...ITEM2, notes: 'Indikationerne blev drøftet.\n\nDer var enighed om SCID og autoimmunitet.' }, { channel: true });
    assert.equal((await bot.app.services.agenda.notesOf(meeting, 2))?.text, 'Indikationerne blev drøftet.\n\nDer var enighed om SCID og autoimmunitet.');

    const refused = await bot.invoke(SOREN, 'meeting.item.saveNotes', { ...ITEM2, notes: 'Mit eget referat' }, { channel: true });
    assert.equal(refused.message, 'Det kan kun formanden, næstformanden eller sekretæren gøre.');
    assert.match((await bot.app.services.agenda.notesOf(meeting, 2))?.text ?? '', /autoimmunitet/);

    const read = await bot.invoke(SOREN, 'meeting.item.view', ITEM2, { channel: true });
    assert.doesNotMatch(text(read.card), /Input\.Text/);
    assert.match(texts(read.card), /Der var enighed om SCID og autoimmunitet\.\nSenest gemt af Anne Holm Lund/);
    const network = await bot.app.services.networks.require('pid');
    const [contribution] = (await Promise.all(bot.app.services.minutesSources.map((s) => s(meeting, network)))).flat().filter((c) => c.order === 20);
    assert.deepEqual(contribution.paragraphs, ['Indikationerne blev drøftet.', 'Der var enighed om SCID og autoimmunitet.']);
  });

  it('votes item 2: nine members, one reservation, one recusal — konsensus on each proposal, named and stored for the minutes', async function () {
    this.timeout(30_000);
    const { habilitet } = bot.app.services;
    await habilitet.start('pid', MEETING_ID, actor(CHAIR));
    for (const email of VOTERS.filter((e) => e !== IDA)) await habilitet.answer('pid', MEETING_ID, actor(email), { answer: 'no' });
    await habilitet.answer('pid', MEETING_ID, actor(IDA), { answer: 'yes', items: [2], description: 'Jeg har rådgivet firmaet bag en af analyserne.' });

    await bot.sayInChannel(CHAIR, 'afstem 2');
    const posted = lastChannelCard(bot);
    valid(posted);
    const eligibleIds = VOTERS.filter((e) => e !== IDA).map((e) => bot.account(e).id);
    assert.deepEqual((posted.refresh as { userIds: string[] }).userIds, eligibleIds, 'refreshed for the eligible members only');
    assert.match(texts(posted), /Inhabile, deltager ikke: Ida Fjord/);

    const replies = new Map<string, InvokeReply>();
    for (const email of VOTERS) {
      const reasons: Record<string, string> = email === SOREN ? { 1: RESERVATION } : {};
      const choices = email === SOREN ? { 1: 'reservation', 2: 'agree', 3: 'agree' } : { 1: 'agree', 2: 'agree', 3: 'agree' };
      replies.set(email, await bot.invoke(email, 'meeting.vote.cast', ballot(choices, reasons), { channel: true }));
    }
    assert.equal(replies.get(IDA)?.message, 'Du har erklæret dig inhabil i Pkt. 2/2021 og kan ikke stemme om det (forvaltningsloven §6). Din stemme er ikke registreret.');
    for (const email of VOTERS.filter((e) => e !== IDA)) {
      assert.match(texts(replies.get(email)?.card), /Tak, din stemme er registreret\./, email);
    }
    const forged = await bot.invoke(STAFF, 'meeting.vote.cast', ballot({ 1: 'disagree' }, { 1: 'Forfalsket' }), { channel: true });
    assert.equal(forged.message, 'Kun formand, næstformand og medlemmer stemmer. Din stemme er ikke registreret.');

    const soren = await bot.invoke(SOREN, 'meeting.vote.view', ITEM2, { channel: true, trigger: 'automatic' });
    valid(soren.card);
    assert.match(text(soren.card), /"id":"choice-1","label":"Din stemme til forslag 1","style":"expanded","value":"reservation"/);
    assert.match(text(soren.card), new RegExp(`"id":"reason-1"[^}]*"value":"${RESERVATION}"`));
    const chairView = texts((await bot.invoke(CHAIR, 'meeting.vote.view', ITEM2, { channel: true, trigger: 'automatic' })).card);
    assert.match(chairView, /Alle stemmeberettigede har stemt om alle forslag\./);
    assert.match(chairView, /Enig 7 · Enig med forbehold 1 · Uenig 0 · Undlader 0\nDeltagelse: 8 af 8\. Konsensus kræver mindst 5 og ingen Uenig\./);

    await bot.sayInChannel(CHAIR, 'luk 2');
    const closed = lastChannelCard(bot);
    valid(closed);
    const shown = texts(closed);
    assert.equal(shown.match(/Resultat: konsensus/g)?.length, 3);
    assert.match(shown, new RegExp(`Enig med forbehold:\\nSøren Ahl: ${RESERVATION}`));
    assert.match(shown, /Inhabile, deltager ikke: Ida Fjord/);
    assert.doesNotMatch(shown, /Har ikke stemt/);
    const replaced = bot.connector.sent.filter((r) => r.method === 'PUT');
    assert.equal(replaced.length, 1, 'the posted vote card is replaced by the closed one');
    assert.match(texts(replaced[0].activity.attachments?.[0].content), /Resultat: konsensus/);

    const late = await bot.invoke(MAJA, 'meeting.vote.cast', ballot({ 1: 'disagree' }, { 1: 'For sent' }), { channel: true });
    assert.equal(late.message, 'Afstemningen om Pkt. 2/2021 er lukket, så din stemme er ikke registreret.');

    const meeting = await bot.app.services.meetings.require('pid', MEETING_ID);
    const [minutes] = await voteMinutes(bot.app.services.voting)(meeting, await bot.app.services.networks.require('pid'));
    assert.deepEqual(minutes.paragraphs.slice(0, 2), [
      'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn). 7 var enige, 1 var enig med forbehold og ingen var uenige.',
      `Søren Ahl var enig med forbehold: ${RESERVATION}`,
    ]);
    assert.ok(!minutes.paragraphs.some((p) => p.includes('inhabil')), 'the recusal is said once, by the habilitet source');
    assert.ok(bot.app.services.minutesSources.length >= 3, 'the vote results are a registered minutes source');
  });

  it('refuses a missing reason, an unknown proposal and a vote before opening; a double click changes nothing; the latest choice counts', async function () {
    const before = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'agree' }), { channel: true });
    assert.equal(before.message, 'Der er ikke åbnet for afstemning om Pkt. 2/2021.');
    await bot.sayInChannel(CHAIR, 'afstem 2');
    const noReason = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'agree', 2: 'disagree', 3: 'reservation' }, { 3: 'Kun børn' }), { channel: true });
    valid(noReason.card);
    assert.ok(
      texts(noReason.card).includes('Enig med forbehold og Uenig kræver en kort begrundelse (forslag 2: Tidligt debuterende eller svær autoimmunitet/immundysregulation). Intet er registreret.'),
      'the refusal is said on the ballot',
    );
    assert.match(text(noReason.card), /"id":"choice-1","label":"Din stemme til forslag 1","style":"expanded","value":"agree"/, 'choices kept');
    assert.match(text(noReason.card), /"id":"choice-2","label":"Din stemme til forslag 2","style":"expanded","value":"disagree"/);
    assert.match(text(noReason.card), /"id":"reason-3"[^}]*"value":"Kun børn"/, 'a reason given is kept');
    const tooLong = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 2: 'disagree' }, { 2: 'x'.repeat(2000) }), { channel: true });
    assert.match(texts(tooLong.card), /Begrundelsen må højst være/);
    assert.match(text(tooLong.card), /"id":"choice-2","label":"Din stemme til forslag 2","style":"expanded","value":"disagree"/);
    const unknown = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'agree', 7: 'agree' }), { channel: true });
    assert.equal(unknown.message, 'Pkt. 2/2021 har ikke forslaget "7". Intet er registreret; hent kortet igen.');
    const nothing = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: '' }), { channel: true });
    assert.equal(nothing.message, 'Vælg Enig, Enig med forbehold, Uenig eller Undlader ved mindst ét forslag.');
    assert.equal((await bot.app.services.store.list('ballot', MEETING_PK)).length, 0, 'nothing was stored');

    const clicks = await Promise.all([1, 2, 3].map(() => bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'agree' }), { channel: true })));
    assert.ok(clicks.every((c) => c.card), 'every click is answered with the card');
    assert.equal((await bot.app.services.store.list('ballot', MEETING_PK)).length, 1);
    const again = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'agree' }), { channel: true });
    assert.match(texts(again.card), /Din stemme er uændret\./);
    assert.match(texts(again.card), /Du har endnu ikke stemt om forslag 2 og 3\./, 'a partial ballot says what is still open');
    const partly = await bot.invoke(SOREN, 'meeting.vote.cast', ballot({ 1: 'disagree', 3: 'agree' }, { 1: 'Kriteriet er for bredt.' }), { channel: true });
    assert.match(texts(partly.card), /Tak, din stemme er registreret\. Du kan ændre den, indtil afstemningen lukkes\. Du har endnu ikke stemt om forslag 2\./);
    await bot.sayInChannel(CHAIR, 'luk 2');
    assert.match(texts(lastChannelCard(bot)), /Forslag 1: Alvorlig[\s\S]*Resultat: ikke konsensus[\s\S]*Uenig:\nSøren Ahl: Kriteriet er for bredt\.[\s\S]*Har ikke stemt: Anne Holm Lund/);
  });

  it('shows staff and the secretary a read-only view saying why, with the chair and secretary able to remind and close', async function () {
    await bot.sayInChannel(CHAIR, 'afstem 2');
    const staff = await bot.invoke(STAFF, 'meeting.vote.view', ITEM2, { channel: true });
    valid(staff.card);
    assert.match(texts(staff.card), /Du er medarbejder og stemmer ikke/);
    assert.doesNotMatch(text(staff.card), /Input\.|meeting\.vote\.(cast|close|remind)/);
    const secretary = await bot.invoke(SECRETARY, 'meeting.vote.view', ITEM2, { channel: true });
    assert.match(texts(secretary.card), /Du er sekretær og stemmer ikke/);
    assert.match(text(secretary.card), /"verb":"meeting\.vote\.close"/);
    assert.doesNotMatch(text(secretary.card), /Input\./);
    const member = await bot.invoke(SOREN, 'meeting.vote.view', ITEM2, { channel: true });
    assert.doesNotMatch(text(member.card), /meeting\.vote\.(close|remind)/);
    const close = await bot.invoke(SOREN, 'meeting.vote.close', ITEM2, { channel: true });
    assert.equal(close.message, 'Det kan kun formanden, næstformanden eller sekretæren gøre.');
  });

  it('reminds just the members who have not voted, 1:1, with one click by the chair', async function () {
    await bot.sayInChannel(CHAIR, 'afstem 2');
    for (const email of VOTERS.slice(0, 5)) await bot.invoke(email, 'meeting.vote.cast', ballot({ 1: 'agree', 2: 'agree', 3: 'agree' }), { channel: true });
    await bot.invoke(VOTERS[5], 'meeting.vote.cast', ballot({ 1: 'agree' }), { channel: true });
    const chair = await bot.invoke(CHAIR, 'meeting.vote.view', ITEM2, { channel: true });
    assert.match(texts(chair.card), /Mangler at stemme \(4\): Jens Præst, Ida Fjord, Ole Skov Winther og Maja Krogh/);
    assert.match(text(chair.card), /"verb":"meeting\.vote\.remind","title":"Påmind dem, der mangler \(4\)"/);

    const reminded = await bot.invoke(CHAIR, 'meeting.vote.remind', ITEM2, { channel: true });
    assert.match(texts(reminded.card), /Påmindelse sendes nu til Jens Præst, Ida Fjord, Ole Skov Winther og Maja Krogh\./);
    const personal = bot.connector.sent.filter((r) => r.conversationId.startsWith('a:personal-'));
    assert.deepEqual(personal.map((r) => r.conversationId).sort(), VOTERS.slice(5).map((e) => bot.connector.personalConversationOf(e)).sort());
    for (const r of personal) {
      assert.match(r.activity.text ?? '', /^Påmindelse: du mangler at stemme om Pkt\. 2\/2021/);
      valid(r.activity.attachments?.[0].content);
    }
    // A second click (a retry, a double click) sends nothing more; it tells how the reminder went.
    const again = await bot.invoke(CHAIR, 'meeting.vote.remind', ITEM2, { channel: true });
    assert.match(texts(again.card), /Påmindelsen er sendt til 4 af 4\./);
    assert.equal(bot.connector.sent.filter((r) => r.conversationId.startsWith('a:personal-')).length, 4);
  });

  it('opens voting from the item card button and posts the vote card where the item card is', async function () {
    await bot.sayInChannel(CHAIR, 'punkt 2');
    const opened = await bot.invoke(SECRETARY, 'meeting.vote.open', ITEM2, { channel: true });
    assert.ok(opened.card);
    assert.match(text(opened.card), /"verb":"meeting\.vote\.view","title":"Vis afstemning"/);
    assert.doesNotMatch(text(opened.card), /meeting\.vote\.open/);
    assert.match(texts(lastChannelCard(bot)), /^Afstemning: Pkt\. 2\/2021/);
    const member = await bot.invoke(SOREN, 'meeting.vote.open', ITEM2, { channel: true });
    assert.equal(member.message, 'Det kan kun formanden, næstformanden eller sekretæren gøre.');
    const none = await bot.invoke(CHAIR, 'meeting.vote.open', { ...ITEM2, item: 1 }, { channel: true });
    assert.equal(none.message, 'Pkt. 1/2021 har ingen forslag at stemme om.');
    await bot.invoke(CHAIR, 'meeting.vote.close', ITEM2, { channel: true });
    assert.equal(bot.connector.sent.filter((r) => r.method === 'PUT').length, 1, 'the vote card posted from the button is replaced on close');
  });
}

forEachStore('meeting and voting over HTTP', meetingSuite);

forEachStore('voting under load over HTTP', (fresh) => {
  it('loses nothing when 15 members vote on 3 proposals all at once', async function () {
    this.timeout(60_000);
    const members = Array.from({ length: 15 }, (_, i) => ({
      name: `Medlem ${String(i + 1).padStart(2, '0')}`,
      email: `medlem${String(i + 1).padStart(2, '0')}@example.dk`,
      role: i === 0 ? 'chair' : 'member',
      appointedBy: i % 2 ? 'LVS' : 'Region Hovedstaden',
    }));
    const secretary = { name: 'Sekretær Sørensen', email: 'sekretaer@example.dk', role: 'secretary', appointedBy: 'Nationalt Genom Center' };
    const roster = [...members, secretary];
    const bot = await startTestBot({ store: await fresh(), seed: false, accounts: roster.map((m) => teamsAccount(m.email, m.name)) });
    try {
      await bot.app.services.networks.import({ ...exampleNetwork(), members: roster });
      await bot.app.services.meetings.import({ ...exampleMeeting(), chair: members[0].email, secretary: secretary.email, agenda: exampleMeeting().agenda.filter((i) => i.number !== 3) });
      await bot.sayInChannel(members[0].email, 'tilknyt pid');
      await bot.sayInChannel(members[0].email, 'afstem 2');
      assert.equal((lastChannelCard(bot).refresh as { userIds: string[] }).userIds.length, 15);

      const choice = (i: number, p: number) => (['agree', 'abstain', 'reservation'] as const)[(i + p) % 3];
      const submissions = members.flatMap((m, i) =>
        [1, 2, 3].map((p) => bot.invoke(m.email, 'meeting.vote.cast', ballot({ [p]: choice(i, p) }, choice(i, p) === 'reservation' ? { [p]: `Forbehold fra ${m.name}` } : {}), { channel: true })),
      );
      const replies = await Promise.all(submissions);
      assert.deepEqual(replies.filter((r) => !r.card).map((r) => r.message), [], 'every submission was accepted');

      assert.equal((await bot.app.services.store.list('ballot', MEETING_PK)).length, 45);
      await bot.sayInChannel(members[0].email, 'luk 2');
      const meeting = await bot.app.services.meetings.require('pid', MEETING_ID);
      const result = (await bot.app.services.voting.get(meeting, 2))?.result;
      assert.ok(result);
      for (const [p, proposal] of result.proposals.entries()) {
        assert.equal(proposal.participation, 15, `proposal ${p + 1}: every vote counted`);
        assert.equal(proposal.consensus, true);
        assert.deepEqual(proposal.counts, { agree: 5, abstain: 5, reservation: 5, disagree: 0 });
        for (const [i, m] of members.entries()) assert.equal(proposal.votes.find((v) => v.email === m.email)?.choice, choice(i, p + 1));
      }
    } finally {
      await bot.close();
    }
  });
});
