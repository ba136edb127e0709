/**
 * A network's channel stays its own: only a chair, vice-chair or secretary of the network a
 * channel is linked to can re-link it elsewhere or unlink it, and a card clicked in a linked
 * channel acts on that channel's network only, whatever network its data names.
 */
import assert from 'node:assert/strict';
import { CHANNEL_ID, MEETING_ID, secondMeeting, secondNetwork, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';

const linkedTo = async (bot: TestBot) => (await bot.app.services.identities.channel(CHANNEL_ID))?.networkId;

forEachStore('who may re-link or unlink a network’s channel', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
    await bot.app.services.networks.import(secondNetwork());
    await bot.app.services.meetings.import(secondMeeting());
    bot.connector.sent.length = 0;
  });
  afterEach(async function () {
    await bot.close();
  });

  it('refuses another network’s chair who is only a member here: tilknyt b leaves the channel with pid', async function () {
    await bot.sayInChannel('jens.praest@example.dk', 'tilknyt b');
    assert.deepEqual(bot.connector.texts(), [
      'Kanalen er knyttet til **Nationalt specialistnetværk for Primær immundefekt**. Kun det netværks formand, næstformand eller sekretær kan knytte den til et andet netværk.',
    ]);
    assert.equal(await linkedTo(bot), 'pid');
  });

  it('lets a chair of the linked network who leads the other one too re-link the channel', async function () {
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt b');
    assert.match(bot.connector.texts()[0], /^Kanalen er nu knyttet til \*\*Specialistnetværk B\*\*/);
    assert.equal(await linkedTo(bot), 'b');
    // pid's secretary is only a member of b: she may not take the channel back.
    await bot.sayInChannel('mette.kofoed@example.dk', 'tilknyt pid');
    assert.match(bot.connector.texts()[1], /^Kanalen er knyttet til \*\*Specialistnetværk B\*\*\. Kun det netværks formand/);
    assert.equal(await linkedTo(bot), 'b');
  });

  it('unlinks with frakobl for a chair, vice-chair or secretary of the linked network, and for nobody else', async function () {
    await bot.sayInChannel('jens.praest@example.dk', 'frakobl');
    assert.equal(bot.connector.texts()[0], 'Det kan kun formand, næstformand eller sekretær gøre.');
    assert.equal(await linkedTo(bot), 'pid');

    await bot.sayInChannel('mads.kjaer@example.dk', 'frakobl');
    assert.equal(bot.connector.texts()[1], 'Kanalen er ikke længere knyttet til **Nationalt specialistnetværk for Primær immundefekt**. Jeg skriver ikke mere her om netværkets møder.');
    assert.equal(await linkedTo(bot), undefined);

    await bot.sayInChannel('anne.lund@example.dk', 'frakobl');
    assert.match(bot.connector.texts()[2], /ikke knyttet til et specialistnetværk/);
    // A channel-only command is refused outside a channel before its network is looked for.
    await bot.say('anne.lund@example.dk', 'frakobl');
    assert.equal(bot.connector.texts()[3], 'Frakobl kan kun bruges i en kanal i et team.');
  });

  it('tells a group chat, which cannot be linked, where to write instead of calling it a channel', async function () {
    const activity = bot.message('anne.lund@example.dk', '<at>Referent</at> dagsorden', { channel: true });
    const groupChat = { id: '19:groupchat@thread.v2', isGroup: true, conversationType: 'groupChat', tenantId: (activity.conversation as { tenantId: string }).tenantId };
    const mention = { type: 'mention', text: '<at>Referent</at>', mentioned: activity.recipient };
    const res = await bot.post({ ...activity, conversation: groupChat, channelData: { tenant: { id: groupChat.tenantId } }, entities: [mention] });
    assert.equal(res.status, 200);
    assert.deepEqual(bot.connector.texts('19:groupchat@thread.v2'), [
      "En gruppechat kan ikke knyttes til et specialistnetværk. Skriv kommandoen i netværkets kanal (**@Referent …**) eller i din egen chat med mig.",
    ]);
  });

  it('refuses a card naming another network when it is clicked in a channel linked to pid', async function () {
    const ref = { networkId: 'b', meetingId: 'b-2021-06-02', item: 2 };
    const inChannel = await bot.invoke('anne.lund@example.dk', 'meeting.item.view', ref, { channel: true });
    assert.equal(inChannel.message, 'Kortet er forældet. Hent det igen.');
    const inChat = await bot.invoke('anne.lund@example.dk', 'meeting.item.view', ref);
    assert.ok(inChat.card, inChat.message);
    const own = await bot.invoke('anne.lund@example.dk', 'meeting.item.view', { networkId: 'pid', meetingId: MEETING_ID, item: 2 }, { channel: true });
    assert.ok(own.card, own.message);
  });
});
