import assert from 'node:assert/strict';
import { cardText } from '../helpers/cardText';
import { MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { CHAIR, SOREN, KAREN } from '../helpers/examplePeople';

forEachStore('a member’s own language (sprog en / language da)', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
  });

  const personal = (email: string) => bot.connector.personalConversationOf(email);
  const said = (email: string) => bot.connector.texts(personal(email)).at(-1);

  it('answers a member in the language they chose, whatever their client sends, until they choose again', async function () {
    await bot.say(SOREN, 'sprog en');
    assert.equal(said(SOREN), 'I will write to you in English from now on.');
    await bot.say(SOREN, 'mine frister'); // the client still says da-DK
    assert.match(said(SOREN) ?? '', /^Your open deadlines:\n- \*\*Udfyld Skema 2: Regional kortlægning\*\* – due 11 August 2021, 17:00/);
    await bot.say(KAREN, 'mine frister');
    assert.match(said(KAREN) ?? '', /^Dine åbne frister:/, 'another member keeps Danish');
    await bot.say(SOREN, 'language da');
    assert.equal(said(SOREN), 'Jeg skriver til dig på dansk fra nu af.');
    await bot.say(SOREN, 'sprog fr');
    assert.match(said(SOREN) ?? '', /^Det kunne ikke bruges: .*da or en/);
    assert.equal(await bot.app.services.identities.language(SOREN), 'da', 'a bad choice changes nothing');
  });

  it('sends a member the habilitet prompt and deadline nudges in their language, not the sender’s', async function () {
    await bot.say(SOREN, 'sprog en');
    await bot.sayInChannel(CHAIR, 'habilitet');
    assert.match(cardText(bot.connector.cards(personal(SOREN)).at(-1)), /Impartiality before the meeting/);
    assert.match(cardText(bot.connector.cards(personal(KAREN)).at(-1)), /Habilitet før mødet/);
    await bot.say('mette.kofoed@example.dk', 'frister'); // the example meeting's task is set up
    await bot.app.nudges.sweep();
    assert.match(cardText(bot.connector.cards(personal(SOREN)).at(-1)), /New task with a deadline/);
    assert.match(cardText(bot.connector.cards(personal(KAREN)).at(-1)), /Ny opgave med frist/);

    await bot.sayInChannel(CHAIR, 'afstem 2');
    await bot.invoke(CHAIR, 'meeting.vote.remind', { networkId: 'pid', meetingId: MEETING_ID, item: 2 }, { channel: true });
    assert.match(said(SOREN) ?? '', /^Reminder: /);
    assert.match(cardText(bot.connector.cards(personal(SOREN)).at(-1)), /"text":"Voting: /);
    assert.match(said(KAREN) ?? '', /^Påmindelse: /);
  });
});
