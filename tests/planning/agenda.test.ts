import assert from 'node:assert/strict';
import { CHANNEL_ID, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { valid, verbs } from './checks';
import { draftFor } from '../../services/minutes';
import { itemCheck } from '../../services/planning/meetings';
import { CHAIR, SECRETARY, SOREN } from '../helpers/examplePeople';

const NEW = 'pid-2021-07-07';
const BILAG_URL = 'https://example.sharepoint.com/sites/pid/Delte%20dokumenter/Bilag%201.docx';
const M = { networkId: 'pid', meetingId: NEW };

let forms = 0;
const formId = () => `form-${String(++forms).padStart(8, '0')}`;
const itemForm = (overrides: Record<string, unknown> = {}) => ({
  ...M,
  item: -1,
  check: itemCheck({ title: '' }),
  formId: formId(),
  title: 'Indikationer for WGS',
  minutes: '40',
  recommendations: 'Det indstilles, at netværket drøfter forslagene.\nDet indstilles, at forslagene sendes i kommentering.',
  problem: 'Kriterierne er ikke fastlagt.',
  solution: '',
  nextSteps: 'Formanden reviderer forslagene.',
  'attachment-1-title': 'Forslag til indikationer',
  'attachment-1-url': BILAG_URL,
  'attachment-2-title': '',
  'attachment-2-url': '',
  ...overrides,
});
const proposalForm = (ref: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  ...ref,
  proposalId: '',
  formId: formId(),
  title: 'SCID hos børn',
  criteria: 'Mistanke om SCID ved neonatal screening.',
  patientsPerYear: '10',
  sequencingsPerYear: '30',
  diagnosticYield: '60-80 %',
  addedValue: 'Hurtigere diagnose.',
  ...overrides,
});

forEachStore('agenda and proposals edited in Teams over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
    await bot.invoke(SECRETARY, 'planning.meeting.save', {
      ...M,
      meetingId: '',
      formId: 'meeting-form-0001',
      title: 'Møde i juli',
      date: '2021-07-07',
      start: '13:00',
      end: '15:00',
      location: 'Virtuelt',
      chair: CHAIR,
      secretary: SECRETARY,
      caseNumber: '',
      documentNumber: '',
    });
  });
  afterEach(async function () {
    await bot.close();
  });
  const meeting = () => bot.app.services.meetings.require('pid', NEW);
  const titles = async () => (await meeting()).agenda.map((i) => `${i.number} ${i.title}`);

  it('the agenda card has the edit buttons for the leading roles only; the posted one refreshes into theirs', async function () {
    const mine = await bot.invoke(SECRETARY, 'planning.agenda', M);
    valid(mine.card);
    assert.deepEqual(verbs(mine.card), ['planning.agenda', 'agenda.item.edit', 'agenda.item.edit', 'agenda.item.new']);
    const member = await bot.invoke(SOREN, 'planning.agenda', M);
    valid(member.card);
    assert.deepEqual(verbs(member.card), ['planning.agenda', 'planning.agenda'], 'refresh and Opdater only');
    await bot.sayInChannel(SOREN, 'dagsorden 7/7');
    const posted = bot.connector.cards(CHANNEL_ID).at(-1) as { refresh: { userIds: string[] } };
    assert.ok(!verbs(posted).includes('agenda.item.new'), 'the card posted to everyone has no edit buttons');
    assert.equal(posted.refresh.userIds.length, 3, 'it refreshes for the chair, vice-chair and secretary');
  });

  it('Tilføj punkt adds before Eventuelt, numbered from the order after the year\'s earlier meeting; up, down and remove renumber', async function () {
    const added = await bot.invoke(SECRETARY, 'agenda.item.save', itemForm());
    valid(added.card);
    assert.match(cardText(added.card), /\\"Indikationer for WGS\\" er tilføjet som Pkt\. 5\/2021/);
    await bot.invoke(SECRETARY, 'agenda.item.save', itemForm({ title: 'Regional kortlægning', minutes: '20', recommendations: '', 'attachment-1-title': '', 'attachment-1-url': '' }));
    assert.deepEqual(await titles(), ['0 Velkommen og dagsorden', '5 Indikationer for WGS', '6 Regional kortlægning', '7 Eventuelt']);
    const item = (await meeting()).agenda[1];
    assert.deepEqual(item.recommendations, ['Det indstilles, at netværket drøfter forslagene.', 'Det indstilles, at forslagene sendes i kommentering.']);
    assert.equal(item.solution, undefined);
    assert.deepEqual(item.attachments, [{ title: 'Forslag til indikationer', url: BILAG_URL }]);
    assert.deepEqual((await meeting()).agenda[2].attachments, []);

    const down = await bot.invoke(SECRETARY, 'agenda.item.down', { ...M, item: 5, check: itemCheck({ title: 'Indikationer for WGS' }) });
    valid(down.card);
    assert.deepEqual(await titles(), ['0 Velkommen og dagsorden', '5 Regional kortlægning', '6 Indikationer for WGS', '7 Eventuelt']);
    const stale = await bot.invoke(SECRETARY, 'agenda.item.down', { ...M, item: 5, check: itemCheck({ title: 'Indikationer for WGS' }) });
    assert.equal(stale.message, 'Kortet er forældet. Hent det igen.', 'a card from before the move does not move another item');
    const fixed = await bot.invoke(SECRETARY, 'agenda.item.up', { ...M, item: 5, check: itemCheck({ title: 'Regional kortlægning' }) });
    assert.match(fixed.message ?? '', /har en fast plads/);
    const eventuelt = await bot.invoke(SECRETARY, 'agenda.item.remove', { ...M, item: 7, check: itemCheck({ title: 'Eventuelt' }) });
    assert.match(eventuelt.message ?? '', /har en fast plads/);
    await bot.invoke(SECRETARY, 'agenda.item.remove', { ...M, item: 5, check: itemCheck({ title: 'Regional kortlægning' }) });
    assert.deepEqual(await titles(), ['0 Velkommen og dagsorden', '5 Indikationer for WGS', '6 Eventuelt']);
    const actions = (await bot.app.services.audit.list('pid')).map((e) => e.action);
    assert.deepEqual(actions, ['meeting.create', 'agenda.add', 'agenda.add', 'agenda.move.down', 'agenda.remove']);
  });

  it('an item form is validated with the import schema and comes back with what was typed; a double click adds once', async function () {
    for (const [change, problem] of [
      [{ title: '' }, /title: must not be empty/],
      [{ minutes: 'fem' }, /minutes: expected a number/],
      [{ minutes: '900' }, /minutes: must be at most 600/],
      [{ 'attachment-2-url': 'http://example.dk/bilag.pdf', 'attachment-2-title': 'Bilag 2' }, /attachments\\+\[1\\+\]\.url: expected an https link/],
      [{ 'attachment-2-url': BILAG_URL }, /attachments\\+\[1\\+\]\.title: must not be empty/],
      [{ 'attachment-1-url': 'https://example.sharepoint.com/mit bilag.docx' }, /attachments\\+\[0\\+\]\.url: expected an https link without spaces/],
    ] as const) {
      const reply = await bot.invoke(SECRETARY, 'agenda.item.save', itemForm(change));
      valid(reply.card);
      assert.match(cardText(reply.card), problem);
      assert.match(cardText(reply.card), /Kriterierne er ikke fastlagt/);
    }
    const forged = await bot.invoke(SECRETARY, 'agenda.item.save', itemForm({ 'attachment-1-title': { title: 'x' } }));
    assert.equal(forged.message, 'Kortet er forældet. Hent det igen.', 'a Bilag input that is not text is not a form this bot sent');
    const once = itemForm();
    await Promise.all([bot.invoke(SECRETARY, 'agenda.item.save', once), bot.invoke(SECRETARY, 'agenda.item.save', once)]);
    const again = await bot.invoke(SECRETARY, 'agenda.item.save', once);
    assert.match(cardText(again.card), /Punktet var allerede tilføjet fra denne formular/);
    assert.equal((await meeting()).agenda.length, 3);
  });

  it('Ret punkt saves the sections and keeps the proposals; refused to members and once the meeting has begun', async function () {
    await bot.invoke(SECRETARY, 'agenda.item.save', itemForm());
    const ref = { ...M, item: 5, check: itemCheck({ title: 'Indikationer for WGS' }) };
    await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref));
    const edit = await bot.invoke(CHAIR, 'agenda.item.edit', ref);
    valid(edit.card);
    assert.match(cardText(edit.card), /Ret Pkt\. 5\/2021.*Forslag 1: SCID hos børn/);
    const shown = cardText(edit.card);
    assert.ok(shown.includes(`"id":"attachment-1-title","label":"Bilag 1: titel","value":"Forslag til indikationer"`), shown);
    assert.ok(shown.includes(`"id":"attachment-1-url","label":"Bilag 1: link","value":"${BILAG_URL}"`), shown);
    assert.ok(shown.includes('"id":"attachment-3-url"') && !shown.includes('attachment-4-'), 'two blank rows under the one given');
    const card = await bot.invoke(SOREN, 'meeting.item.view', { ...M, item: 5 });
    assert.ok(cardText(card.card).includes(`"text":"[Forslag til indikationer](${BILAG_URL})"`), 'the item card links the Bilag');
    const minutes = await draftFor(bot.app.services, await meeting());
    assert.deepEqual(minutes.items.find((i) => i.title === 'Indikationer for WGS')?.attachments, [`Forslag til indikationer – ${BILAG_URL}`], 'the minutes list it with its link');
    const saved = await bot.invoke(CHAIR, 'agenda.item.save', itemForm({ ...ref, minutes: '60', solution: 'Fælles kriterier.' }));
    assert.match(cardText(saved.card), /Pkt\. 5\/2021 er gemt/);
    const item = (await meeting()).agenda[1];
    assert.equal(item.minutes, 60);
    assert.equal(item.solution, 'Fælles kriterier.');
    assert.equal(item.proposals.length, 1);

    const refusal = 'Det kan kun formanden, næstformanden eller sekretæren gøre.';
    for (const [verb, data] of [
      ['agenda.item.new', M],
      ['agenda.item.edit', ref],
      ['agenda.item.save', itemForm()],
      ['agenda.item.save', itemForm({ ...ref, title: 'Forfalsket' })],
      ['agenda.item.up', ref],
      ['agenda.item.down', ref],
      ['agenda.item.remove', ref],
      ['proposal.new', ref],
      ['proposal.edit', { ...ref, proposalId: '1' }],
      ['proposal.save', proposalForm(ref)],
      ['proposal.save', proposalForm(ref, { proposalId: '1', title: 'Forfalsket' })],
      ['proposal.remove', { ...ref, proposalId: '1' }],
    ] as const) {
      assert.equal((await bot.invoke(SOREN, verb, data)).message, refusal, verb);
    }
    const unchanged = (await meeting()).agenda[1];
    assert.deepEqual([unchanged.title, unchanged.minutes, unchanged.proposals.map((p) => p.title)], ['Indikationer for WGS', 60, ['SCID hos børn']], 'the forged clicks changed nothing');
    await bot.app.services.agenda.start(await meeting(), (await bot.app.services.networks.require('pid')).members[0]);
    const late = await bot.invoke(SECRETARY, 'agenda.item.save', itemForm({ ...ref, minutes: '5' }));
    assert.match(cardText(late.card ?? late.message), /er gået i gang, så planen kan ikke ændres længere/);
    assert.equal((await meeting()).agenda[1].minutes, 60);
  });

  it('proposals: added, edited and removed until the item\'s vote opens; after that refused with the reason', async function () {
    await bot.invoke(SECRETARY, 'agenda.item.save', itemForm());
    const ref = { ...M, item: 5, check: itemCheck({ title: 'Indikationer for WGS' }) };
    const opened = await bot.invoke(SECRETARY, 'proposal.new', ref);
    valid(opened.card);
    const added = await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref));
    valid(added.card);
    assert.match(cardText(added.card), /Forslaget \\"SCID hos børn\\" er tilføjet.*Forslag 1: SCID hos børn/);
    await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref, { title: 'CVID hos voksne', patientsPerYear: '' }));
    const bad = await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref, { patientsPerYear: 'ti' }));
    valid(bad.card);
    assert.match(cardText(bad.card), /patientsPerYear: expected a number/);
    let proposals = (await meeting()).agenda[1].proposals;
    assert.deepEqual(proposals.map((p) => [p.id, p.title, p.patientsPerYear]), [['1', 'SCID hos børn', 10], ['2', 'CVID hos voksne', undefined]]);

    const edited = await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref, { proposalId: '2', title: 'CVID hos voksne', sequencingsPerYear: '45' }));
    assert.match(cardText(edited.card), /Forslaget \\"CVID hos voksne\\" er gemt/);
    await bot.invoke(SECRETARY, 'proposal.remove', { ...ref, proposalId: '1' });
    proposals = (await meeting()).agenda[1].proposals;
    assert.deepEqual(proposals.map((p) => [p.id, p.sequencingsPerYear]), [['2', 45]]);

    const chair = (await bot.app.services.networks.require('pid')).members[0];
    await bot.app.services.voting.open(await meeting(), chair, 5);
    const reason = 'Afstemningen om Pkt. 5/2021 er åbnet, så forslagene kan ikke ændres længere: en ændring ville gøre de afgivne stemmer ugyldige.';
    assert.equal((await bot.invoke(SECRETARY, 'proposal.new', ref)).message, reason);
    const refused = await bot.invoke(SECRETARY, 'proposal.save', proposalForm(ref, { proposalId: '2' }));
    assert.match(cardText(refused.card), /Afstemningen om Pkt\. 5\/2021 er åbnet/);
    assert.equal((await bot.invoke(SECRETARY, 'proposal.remove', { ...ref, proposalId: '2' })).message, reason);
    assert.deepEqual((await meeting()).agenda[1].proposals.map((p) => p.id), ['2']);
  });
});
