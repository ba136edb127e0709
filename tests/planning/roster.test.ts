import assert from 'node:assert/strict';
import { ManualClock } from '../../services/clock';
import { draftFor } from '../../services/minutes';
import { CHANNEL_ID, exampleAccounts, MEETING_ID, startTestBot, teamsAccount, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { valid, verbs } from './checks';
import { CHAIR, SECRETARY, SOREN } from '../helpers/examplePeople';

const NORA = 'nora.berg@example.dk';

let forms = 0;
const newMember = (overrides: Record<string, string> = {}) => ({
  networkId: 'pid',
  email: '',
  formId: `member-form-${++forms}`,
  name: 'Nora Berg',
  newEmail: 'Nora.Berg@example.dk',
  role: 'member',
  appointedBy: 'Dansk Pædiatrisk Selskab',
  ...overrides,
});

forEachStore('the roster kept in Teams over HTTP', (fresh) => {
  let bot: TestBot;
  let clock: ManualClock;
  beforeEach(async function () {
    clock = new ManualClock(new Date('2021-05-26T08:00:00Z'));
    bot = await startTestBot({ store: await fresh(), clock, linkChannel: true, accounts: [...exampleAccounts(), teamsAccount(NORA, 'Nora Berg')] });
  });
  afterEach(async function () {
    await bot.close();
  });
  const network = () => bot.app.services.networks.require('pid');

  it('medlemmer lists members with role and appointing body; Ret and Tilføj medlem only for the leading roles', async function () {
    await bot.sayInChannel(SOREN, 'medlemmer');
    const member = bot.connector.cards(CHANNEL_ID).at(-1);
    valid(member);
    assert.match(cardText(member), /\*\*Søren Ahl\*\* – medlem, udpeget af Region Sjælland/);
    assert.deepEqual(verbs(member), []);
    await bot.sayInChannel(SECRETARY, 'members');
    const leader = verbs(bot.connector.cards(CHANNEL_ID).at(-1));
    assert.equal(leader.filter((v) => v === 'roster.edit').length, 11);
    assert.deepEqual(leader.slice(-2), ['roster.new', 'roster.settings']);
  });

  it('Indstillinger sets the letterhead of the minutes: leading roles only, validated as an import, audited, the same values twice change nothing', async function () {
    const settings = {
      networkId: 'pid',
      unit: 'Afdeling for Genomisk Medicin',
      street: 'Ole Maaløes Vej 26',
      postcodeCity: '2200 København N',
      phone: '+45 72 21 87 00',
      email: 'kontakt@ngc.dk',
      web: 'www.ngc.dk',
      caseworker: 'MKK.NGC',
    };
    const refused = await bot.invoke(SOREN, 'roster.settings', settings);
    assert.ok(!refused.card, 'a member may not change the settings');
    const before = await network();

    const bad = await bot.invoke(SECRETARY, 'roster.settings', { ...settings, email: 'ikke en adresse' });
    valid(bad.card);
    assert.match(cardText(bad.card), /letterhead\.email: expected an e-mail address/);
    assert.match(JSON.stringify(bad.card), /"value":"ikke en adresse"/, 'what was typed is kept to be corrected');
    assert.deepEqual(await network(), before, 'a refused form changes nothing');

    const saved = await bot.invoke(SECRETARY, 'roster.settings', settings);
    valid(saved.card);
    assert.match(cardText(saved.card), /Indstillingerne er gemt/);
    assert.match(JSON.stringify(saved.card), /"value":"MKK.NGC"/, 'the form shows what is stored');
    const again = await bot.invoke(SECRETARY, 'roster.settings', settings);
    assert.match(cardText(again.card), /Indstillingerne er uændrede/);
    const stored = await network();
    assert.equal(stored.unit, 'Afdeling for Genomisk Medicin');
    assert.equal(stored.letterhead?.caseworker, 'MKK.NGC');
    assert.deepEqual((await bot.app.services.audit.list('pid')).map((e) => [e.by, e.action]), [[SECRETARY, 'network.settings']]);

    // The next minutes are headed with them; an emptied field becomes a gap for the secretary.
    await bot.invoke(SECRETARY, 'roster.settings', { ...settings, caseworker: '' });
    const meeting = await bot.app.services.meetings.require('pid', MEETING_ID);
    const draft = await draftFor(bot.app.services, meeting);
    assert.equal(draft.unit, 'Afdeling for Genomisk Medicin');
    assert.equal(draft.letterhead.caseworker, undefined);
  });

  it('Tilføj medlem adds from today, once per form; the new member is recognised when they first write and gets the next habilitet prompt', async function () {
    await bot.say(NORA, 'hjælp');
    assert.match(bot.connector.texts(bot.connector.personalConversationOf(NORA)).at(-1) ?? '', /står ikke på et netværks medlemsliste/);

    const form = await bot.invoke(SECRETARY, 'roster.new', { networkId: 'pid' });
    valid(form.card);
    const data = newMember();
    const [added] = await Promise.all([bot.invoke(SECRETARY, 'roster.save', data), bot.invoke(SECRETARY, 'roster.save', data)]);
    valid(added.card);
    const again = await bot.invoke(SECRETARY, 'roster.save', data);
    assert.match(cardText(again.card), /Medlemmet var allerede tilføjet fra denne formular/);
    const nora = (await network()).members.find((m) => m.email === NORA);
    assert.deepEqual(nora, { name: 'Nora Berg', email: NORA, role: 'member', appointedBy: 'Dansk Pædiatrisk Selskab', joinedOn: '2021-05-26' });
    assert.deepEqual((await bot.app.services.audit.list('pid')).map((e) => [e.by, e.action, e.target]), [[SECRETARY, 'roster.add', NORA]]);

    await bot.say(NORA, 'hjælp');
    assert.match(cardText(bot.connector.cards(bot.connector.personalConversationOf(NORA)).at(-1)), /Du er medlem af Nationalt specialistnetværk/);
    await bot.sayInChannel(CHAIR, 'habilitet');
    const prompt = bot.connector.cards(bot.connector.personalConversationOf(NORA)).at(-1);
    assert.match(cardText(prompt), /Er der nye væsentlige forhold/);
    const answered = await bot.invoke(NORA, 'habilitet.no', { networkId: 'pid', meetingId: MEETING_ID });
    assert.match(cardText(answered.card), /Dit svar er registreret/);
  });

  it('refuses invalid members with the import schema\'s messages and a second entry for the same e-mail', async function () {
    // The problems' paths are escaped markdown on the card ("members\[11\]" reads "members[11]"), and JSON doubles the backslash.
    for (const [change, problem] of [
      [{ name: ' ' }, /members\\\\\[11\\\\\]\.name: must not be empty/],
      [{ newEmail: 'nora' }, /members\\\\\[11\\\\\]\.email: expected an e-mail address/],
      [{ role: 'observer' }, /members\\\\\[11\\\\\]\.role: expected one of chair/],
      [{ newEmail: SOREN }, /soren\.ahl@example\.dk står allerede på medlemslisten/],
    ] as const) {
      const reply = await bot.invoke(SECRETARY, 'roster.save', newMember(change));
      valid(reply.card);
      assert.match(cardText(reply.card), problem);
      assert.match(cardText(reply.card), /Dansk Pædiatrisk Selskab/, 'what was typed stays');
    }
    assert.equal((await network()).members.length, 11);
    const before = await network();
    for (const leftOn of ['30/9', '2021-02-30', '']) {
      const reply = await bot.invoke(CHAIR, 'roster.leave', { networkId: 'pid', email: SOREN, leftOn });
      assert.match(cardText(reply.card ?? reply.message), /leftOn: expected a date YYYY-MM-DD/, leftOn);
    }
    assert.deepEqual(await network(), before, 'a refused Udtræd changes nothing');
  });

  it('Ret changes the role; Udtræd keeps the member as former, and minutes of meetings before leave them as they were', async function () {
    const edit = await bot.invoke(CHAIR, 'roster.edit', { networkId: 'pid', email: SOREN });
    valid(edit.card);
    await bot.invoke(CHAIR, 'roster.save', { networkId: 'pid', email: SOREN, formId: 'member-form-edit-1', name: 'Søren Ahl', role: 'vice-chair', appointedBy: 'Region Sjælland' });
    assert.equal((await network()).members.find((m) => m.email === SOREN)?.role, 'vice-chair');

    clock.set(new Date('2021-06-10T08:00:00Z'));
    await bot.invoke(SECRETARY, 'roster.save', newMember());
    const left = await bot.invoke(CHAIR, 'roster.leave', { networkId: 'pid', email: SOREN, leftOn: '2021-09-30' });
    valid(left.card);
    assert.match(cardText(left.card), /Søren Ahl udtræder 30\. september 2021.*Udtrådte medlemmer.*Søren Ahl – næstformand, udpeget af Region Sjælland; udtrådt 30\. september 2021/);
    const after = await network();
    assert.equal(after.members.some((m) => m.email === SOREN), false);
    assert.equal(after.formerMembers?.[0].leftOn, '2021-09-30');
    const june = await bot.app.services.meetings.require('pid', MEETING_ID);
    await bot.app.services.attendance.record(june, after, after.members.find((m) => m.email === CHAIR)!, []);
    const minutes = await draftFor(bot.app.services, june);
    assert.ok(minutes.members.some((m) => m.startsWith('Søren Ahl')), 'the June minutes still list him');
    assert.ok(!minutes.members.some((m) => m.startsWith('Nora Berg')), 'and not a member who joined after');
    const last = await bot.invoke(CHAIR, 'roster.leave', { networkId: 'pid', email: SECRETARY, leftOn: '2021-09-30' });
    assert.match(last.message ?? '', /eneste formand eller sekretær/);
    assert.deepEqual((await bot.app.services.audit.list('pid')).map((e) => e.action), ['roster.update', 'roster.add', 'roster.leave']);
  });

  it('refuses every roster click from a member without a leading role and changes nothing', async function () {
    for (const [verb, data] of [
      ['roster.new', { networkId: 'pid' }],
      ['roster.edit', { networkId: 'pid', email: SOREN }],
      ['roster.save', newMember()],
      ['roster.leave', { networkId: 'pid', email: CHAIR, leftOn: '2021-09-30' }],
    ] as const) {
      assert.equal((await bot.invoke(SOREN, verb, data)).message, 'Det kan kun formanden, næstformanden eller sekretæren gøre.', verb);
    }
    assert.equal((await network()).members.length, 11);
  });
});
