import assert from 'node:assert/strict';
import { draftFor } from '../../services/minutes';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { CHANNEL_ID, exampleNetwork, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { cardText } from '../helpers/cardText';
import { forEachStore } from '../helpers/stores';
import { CHAIR, SECRETARY, SOREN, KAREN } from '../helpers/examplePeople';

const REF = { networkId: 'pid', meetingId: MEETING_ID };
const everyone = () => exampleNetwork().members.map((m) => m.email);
const presentWithout = (...absent: string[]) => everyone().filter((e) => !absent.includes(e)).join(',');

forEachStore('attendance over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
  });
  const meeting = () => bot.app.services.meetings.require('pid', MEETING_ID);

  it('start asks who is present, everyone ticked; Start mødet records the apologies and shows the first item', async function () {
    await bot.sayInChannel(CHAIR, 'start');
    const card = bot.connector.cards(CHANNEL_ID).at(-1);
    assert.deepEqual(cardSchemaErrors(card), []);
    assert.match(cardText(card), new RegExp(`"value":"${everyone().filter((e) => e !== 'peter.vang@example.dk' && e !== SECRETARY).join(',')},peter.vang@example.dk,${SECRETARY}"`.replace(/\./g, '\\.')));
    const started = await bot.invoke(CHAIR, 'attendance.start', { ...REF, present: presentWithout(SOREN) });
    assert.match(cardText(started.card), /Pkt\. 0\/2021 Velkommen og dagsorden.*Til stede: 10\. Afbud: Søren Ahl\./);
    assert.deepEqual([...(await bot.app.services.attendance.absentFrom(await meeting()))], [SOREN]);
  });

  it('a vote counts the members present and not recused; those with apologies are not missing; the minutes list those present and Afbud', async function () {
    await bot.invoke(CHAIR, 'attendance.start', { ...REF, present: presentWithout(SOREN, KAREN) });
    const m = await meeting();
    const network = await bot.app.services.networks.require('pid');
    await bot.app.services.voting.open(m, network.members[0], 2);
    const state = await bot.app.services.voting.state(m, network, 2);
    assert.equal(state?.tally.eligible.length, 7);
    assert.deepEqual(state?.tally.absent?.map((v) => v.name), ['Søren Ahl', 'Karen Østby']);
    const missing = await bot.app.services.voting.missing(m, network, network.members[0], 2);
    assert.ok(!missing.some((v) => v.email === SOREN), 'an apology is not a missing voter');
    const minutes = await draftFor(bot.app.services, m);
    assert.deepEqual(minutes.apologies, ['Søren Ahl', 'Karen Østby']);
    assert.ok(!minutes.members.some((line) => line.startsWith('Søren Ahl')), 'the members listed are those present');
    assert.equal(minutes.members.length, 7);
  });

  it('fremmøde records a late arrival: present from then, and counted', async function () {
    await bot.invoke(CHAIR, 'attendance.start', { ...REF, present: presentWithout(SOREN) });
    await bot.sayInChannel(SECRETARY, 'fremmøde');
    const card = bot.connector.cards(CHANNEL_ID).at(-1);
    assert.match(cardText(card), /"verb":"attendance.save"/);
    const saved = await bot.invoke(SECRETARY, 'attendance.save', { ...REF, present: presentWithout() });
    assert.match(cardText(saved.card), /Til stede: alle 11\./);
    const doc = await bot.app.services.attendance.get(await meeting());
    assert.deepEqual(doc?.absent, []);
    assert.deepEqual(doc?.arrived.map((a) => a.email), [SOREN]);
  });

  it('only the leading roles take attendance; a forged click changes nothing', async function () {
    await bot.sayInChannel(SOREN, 'start');
    assert.match(bot.connector.texts(CHANNEL_ID).at(-1) ?? '', /Det kan kun formand, næstformand eller sekretær gøre/);
    for (const verb of ['attendance.start', 'attendance.save']) {
      const forged = await bot.invoke(SOREN, verb, { ...REF, present: '' });
      assert.equal(forged.message, 'Det kan kun formanden, næstformanden eller sekretæren gøre.', verb);
    }
    assert.equal(await bot.app.services.attendance.get(await meeting()), undefined);
    assert.equal(await bot.app.services.agenda.currentItem(await meeting()), undefined);
  });
});
