import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { memberLogId } from '../../services/model';
import { forEachStore } from '../helpers/stores';
import { CHANNEL_ID, startTestBot, teamsAccount, TENANT, type TestBot } from '../helpers/bot';

const activityFile = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'teams-activities', name), 'utf8')) as Record<string, unknown>;
const cardText = (card: Record<string, unknown>) => JSON.stringify(card);

forEachStore('Teams edge over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh() });
  });
  afterEach(async function () {
    await bot.close();
  });

  it('logs who acted by a member id, never their e-mail', async function () {
    const lines: string[] = [];
    const logged = await startTestBot({ store: await fresh(), log: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) });
    try {
      await logged.say('soren.ahl@example.dk', 'hjælp');
      await logged.say('soren.ahl@example.dk', 'næste');
      await logged.invoke('peter.vang@example.dk', 'meeting.vote.cast', { networkId: 'pid', meetingId: 'pid-2021-06-02', item: 2 });
    } finally {
      await logged.close();
    }
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const handled = entries.find((e) => e.msg === 'command handled');
    assert.equal(handled?.member, memberLogId('soren.ahl@example.dk'));
    assert.equal(entries.filter((e) => e.msg === 'request refused').length, 2, lines.join('\n'));
    assert.doesNotMatch(lines.join('\n'), /@example\.dk/, 'no e-mail address in the log');
  });

  it('answers hjælp in 1:1 with a help card listing the commands the role may use', async function () {
    const res = await bot.say('soren.ahl@example.dk', 'hjælp');
    assert.equal(res.status, 200);
    const [card] = bot.connector.cards(bot.connector.personalConversationOf('soren.ahl@example.dk'));
    assert.ok(card, 'a card was sent');
    assert.equal(card.version, '1.5');
    const text = cardText(card);
    assert.match(text, /Referent – kommandoer/);
    assert.match(text, /Du er medlem af Nationalt specialistnetværk for Primær immundefekt/);
    assert.match(text, /\*\*hjælp\*\*/);
    assert.doesNotMatch(text, /tilknyt/, 'a member may not link channels, so help does not offer it');
  });

  it('shows the chair the leading commands too, in Danish whatever the client sends, in English once she chose it', async function () {
    await bot.post({ ...baseMessage(bot, 'anne.lund@example.dk'), text: 'help', locale: 'en-US' });
    assert.match(cardText(bot.connector.cards()[0]), /Referent – kommandoer/, "the network's language, not the Playground's en-US");
    await bot.post({ ...baseMessage(bot, 'anne.lund@example.dk'), text: 'sprog en', locale: 'en-US' });
    await bot.post({ ...baseMessage(bot, 'anne.lund@example.dk'), text: 'help', locale: 'da-DK' });
    const text = cardText(bot.connector.cards()[1]);
    assert.match(text, /Referent – commands/);
    assert.match(text, /\*\*link <network>\*\*/);
    assert.match(text, /You are the chair of/);
  });

  it('points unknown text to hjælp, in Danish', async function () {
    await bot.say('soren.ahl@example.dk', 'hvad så?');
    assert.deepEqual(bot.connector.texts(), ['Det forstod jeg ikke. Skriv **hjælp** for at se, hvad jeg kan.']);
  });

  it('tells a Teams user who is on no roster, politely, and stores nothing about them', async function () {
    const stranger = teamsAccount('ukendt@example.dk', 'Ukendt Person');
    bot.connector['accounts'].push(stranger);
    await bot.post({ ...baseMessage(bot, 'ukendt@example.dk'), text: 'hjælp' });
    assert.match(bot.connector.texts()[0], /^Hej Ukendt Person\. Referent betjener medlemmerne/);
    assert.equal(await bot.app.services.identities.emailOf({ tenantId: TENANT, aadObjectId: stranger.aadObjectId }), undefined);
    assert.equal(await bot.app.services.identities.contact('ukendt@example.dk'), undefined);
  });

  it('links a Teams user to their roster entry on first contact and keeps their 1:1 conversation', async function () {
    const anne = bot.account('anne.lund@example.dk');
    await bot.say('anne.lund@example.dk', 'hjælp');
    assert.equal(await bot.app.services.identities.emailOf({ tenantId: TENANT, aadObjectId: anne.aadObjectId }), 'anne.lund@example.dk');
    const contact = await bot.app.services.identities.contact('anne.lund@example.dk');
    assert.equal(contact?.aadObjectId, anne.aadObjectId);
    assert.equal((contact?.personal as { conversation: { id: string } }).conversation.id, bot.connector.personalConversationOf('anne.lund@example.dk'));
  });

  it('links nobody when the activity names an object id that is not a GUID or not the roster account of its sender', async function () {
    const soren = bot.account('soren.ahl@example.dk');
    const forged = ['"{\\YE', 'cd31f299-fd6b-44f8-a318-1092bcb5a85d']; // garbage, and someone else's well-formed id
    for (const aadObjectId of forged) {
      const activity = baseMessage(bot, 'soren.ahl@example.dk');
      await bot.post({ ...activity, text: 'hjælp', from: { ...(activity.from as object), aadObjectId } });
      assert.equal(await bot.app.services.identities.emailOf({ tenantId: TENANT, aadObjectId }), undefined, aadObjectId);
    }
    assert.equal(await bot.app.services.identities.emailOf({ tenantId: TENANT, aadObjectId: soren.aadObjectId }), undefined, 'nor the real one');
  });

  it('ignores channel posts that do not mention the bot', async function () {
    const res = await bot.post({ ...baseMessage(bot, 'anne.lund@example.dk'), text: 'hej alle', conversation: { id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT } });
    assert.equal(res.status, 200);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('asks for the channel to be linked before network commands work there', async function () {
    await bot.sayInChannel('soren.ahl@example.dk', 'hjælp');
    assert.match(bot.connector.texts()[0], /ikke knyttet til et specialistnetværk/);
  });

  it('lets the chair link the channel with @Referent tilknyt pid, then answers there', async function () {
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt pid');
    assert.match(bot.connector.texts()[0], /Kanalen er nu knyttet til \*\*Nationalt specialistnetværk for Primær immundefekt\*\*/);
    const [channel] = await bot.app.services.identities.channelsOf('pid');
    assert.equal((channel.reference as { conversation: { id: string } }).conversation.id, CHANNEL_ID, 'the thread suffix is stripped');
    await bot.sayInChannel('soren.ahl@example.dk', 'hjælp');
    assert.equal(bot.connector.cards(CHANNEL_ID).length, 1);
  });

  it('learns how to reach every roster member of the team when the channel is linked', async function () {
    await bot.sayInChannel('mette.kofoed@example.dk', 'tilknyt pid');
    const karen = await bot.app.services.identities.contact('karen.ostby@example.dk');
    assert.equal(karen?.teamsUserId, bot.account('karen.ostby@example.dk').id);
    assert.equal(karen?.serviceUrl, bot.connector.url);
  });

  it('refuses tilknyt from a member who is not chair or secretary, and links nothing', async function () {
    await bot.sayInChannel('soren.ahl@example.dk', 'tilknyt pid');
    assert.equal(bot.connector.texts()[0], 'Det kan kun formand, næstformand eller sekretær gøre.');
    assert.deepEqual(await bot.app.services.identities.channelsOf('pid'), []);
  });

  it('refuses tilknyt of an unknown network or without an id, and outside a channel', async function () {
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt xyz');
    await bot.sayInChannel('anne.lund@example.dk', 'tilknyt');
    await bot.say('anne.lund@example.dk', 'tilknyt pid');
    assert.deepEqual(bot.connector.texts(), [
      'Netværket "xyz" findes ikke.',
      'Skriv netværkets id, fx **tilknyt pid**.',
      'Tilknyt kan kun bruges i en kanal i et team.',
    ]);
    assert.deepEqual(await bot.app.services.identities.channelsOf('pid'), []);
  });

  it('welcomes the team once per install: on installationUpdate, not again on the conversationUpdate Teams also sends', async function () {
    for (const file of ['installation-update-add-team.json', 'conversation-update-bot-added-to-team.json']) {
      const res = await bot.post({ ...activityFile(file), serviceUrl: bot.connector.url });
      assert.equal(res.status, 200, file);
    }
    const texts = bot.connector.texts();
    assert.equal(texts.length, 1);
    assert.match(texts[0], /^Hello! I'm Referent, .* \*\*@Referent link <network>\*\*/, 'the install capture says en-US');
  });

  it('welcomes in Danish when the install carries no English locale', async function () {
    const activity = activityFile('installation-update-add-team.json');
    await bot.post({ ...activity, locale: 'da-DK', serviceUrl: bot.connector.url });
    assert.match(bot.connector.texts()[0], /^Hej! Jeg er Referent, .* \*\*@Referent tilknyt <netværk>\*\*/);
  });

  it('accepts the real 1:1 and channel message captures without error', async function () {
    for (const file of ['personal-chat-message.json', 'channel-message-mention.json']) {
      const res = await bot.post({ ...activityFile(file), serviceUrl: bot.connector.url });
      assert.equal(res.status, 200, file);
    }
  });

  it('answers an Action.Execute with an unknown verb with a stale-card message', async function () {
    const reply = await bot.invoke('soren.ahl@example.dk', 'no-such-verb', {});
    assert.equal(reply.status, 200);
    assert.equal(reply.message, 'Kortet er forældet. Hent det igen.');
  });

  it('reports health with the store kind', async function () {
    const res = await fetch(`${bot.url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { status: string; store: string; version: string };
    assert.equal(body.status, 'ok');
    assert.equal(body.store, bot.app.services.store.kind);
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  it('rejects a body over the limit with 413 and sends nothing', async function () {
    const res = await bot.post({ ...baseMessage(bot, 'soren.ahl@example.dk'), text: 'x'.repeat(300 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(bot.connector.sent.length, 0);
  });

  it('rejects malformed JSON with 400 and sends nothing', async function () {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    assert.equal(res.status, 400);
    assert.equal(bot.connector.sent.length, 0);
  });
});

export function baseMessage(bot: TestBot, email: string): Record<string, unknown> {
  const from = bot.account(email);
  return {
    type: 'message',
    channelId: 'msteams',
    id: 'm1',
    serviceUrl: bot.connector.url,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: '28:referent-bot', name: 'Referent' },
    conversation: { id: bot.connector.personalConversationOf(email), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'da-DK',
  };
}
