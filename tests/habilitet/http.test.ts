import assert from 'node:assert/strict';
import type { ManualClock } from '../../services/clock';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { actor, CHANNEL_ID, exampleNetwork, MEETING, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { cardText } from '../helpers/cardText';
import { CHAIR, SECRETARY, STAFF, SOREN } from '../helpers/examplePeople';

const REF = { meetingId: MEETING_ID, networkId: 'pid' };
const VOTING = exampleNetwork()
  .members.filter((m) => ['chair', 'vice-chair', 'member'].includes(m.role))
  .map((m) => m.email);

const text = cardText;
/** Every Action.Execute verb on a card, in order. */
const verbs = (card: unknown): string[] => [...text(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);

forEachStore('habilitet over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh() });
  });
  afterEach(async function () {
    await bot.close();
  });

  const personal = (email: string) => bot.connector.personalConversationOf(email);
  /** The latest status card in the channel: the last post or update of it. */
  const channelStatus = () => {
    const posts = bot.connector.to(CHANNEL_ID).filter((r) => text(r.activity).includes('Habilitet – status'));
    return posts[posts.length - 1];
  };
  const startRound = async () => {
    await bot.sayInChannel(CHAIR, 'tilknyt pid');
    await bot.sayInChannel(CHAIR, 'habilitet');
  };

  it('runs the whole round for the example network: 9 prompts, 9 answers, one conflict, a forged answer refused', async function () {
    await startRound();
    const reply = bot.connector.texts(CHANNEL_ID).at(-1);
    assert.equal(
      reply,
      'Habilitetsrunden for **Møde i nationalt specialistnetværk for Primær immundefekt** (2. juni 2021, kl. 13.00–15.00) er startet. Spørgsmålet sendes nu til 9 stemmeberettigede medlemmer; statuskortet viser, hvem det har nået.',
    );

    // Each voting member got a 1:1 prompt, proactively, in a chat the bot opened; staff and the secretary got none.
    assert.deepEqual(bot.connector.created.map((c) => c.conversationId).sort(), VOTING.map(personal).sort());
    for (const email of VOTING) {
      const [card] = bot.connector.cards(personal(email));
      assert.ok(card, `${email} got a prompt`);
      assert.deepEqual(cardSchemaErrors(card), []);
      const t = text(card);
      for (const expected of ['Møde i nationalt specialistnetværk for Primær immundefekt', '2. juni 2021, kl. 13.00–15.00', 'Pkt. 2/2021', 'Eventuelt', 'Er der nye væsentlige forhold i forhold til din habilitet?', 'Nej, ingen nye forhold', '"title":"Ja"']) {
        assert.ok(t.includes(expected), `${email}'s prompt shows ${expected}`);
      }
      assert.deepEqual((card.refresh as { userIds: string[] }).userIds, [bot.account(email).id], 'refresh names the Teams user id (MRI)');
    }
    for (const email of [STAFF, SECRETARY]) assert.equal(bot.connector.cards(personal(email)).length, 0);
    assert.match(text(channelStatus().activity), /Besvaret: 0 af 9/);
    assert.match(text(channelStatus().activity), /Spørgsmålet er sendt til 9 af 9\./, 'the status card follows the sending');

    // Eight say no at once; Søren says yes on item 2.
    const others = VOTING.filter((e) => e !== SOREN);
    const replies = await Promise.all(others.map((email) => bot.invoke(email, 'habilitet.no', REF)));
    for (const r of replies) {
      assert.equal(r.status, 200);
      assert.match(text(r.card), /Dit svar er registreret: Nej, ingen nye forhold\./);
    }
    const form = await bot.invoke(SOREN, 'habilitet.yes', REF);
    assert.deepEqual(cardSchemaErrors(form.card), []);
    assert.match(text(form.card), /"type":"Input.ChoiceSet","id":"items","isMultiSelect":true/);
    assert.match(text(form.card), /"id":"description"/);
    const yes = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'Jeg er medforfatter på den reviderede indstilling.' });
    assert.match(text(yes.card), /Dit svar er registreret: Ja – inhabil vedrørende Pkt\. 2\/2021\./);
    assert.deepEqual(cardSchemaErrors(yes.card), []);

    // A staff member forwarding the card and clicking it is refused; nothing is stored.
    const forged = await bot.invoke(STAFF, 'habilitet.submitYes', { ...REF, items: '1', description: 'x' });
    assert.equal(forged.message, 'Kun stemmeberettigede medlemmer (formand, næstformand og medlemmer) besvarer habilitetsspørgsmålet. Intet er registreret.');
    const { entries } = await bot.app.services.habilitet.history('pid', MEETING_ID, actor(CHAIR));
    assert.equal(entries.length, 9);
    assert.ok(!entries.some((e) => e.email === STAFF));

    // The status shows 9/9 and the conflict, in the channel's updated card and on demand.
    const updated = channelStatus();
    assert.equal(updated.method, 'PUT', 'the posted status card was updated in place');
    for (const card of [updated.activity, await statusOnDemand()]) {
      assert.match(text(card), /Besvaret: 9 af 9/);
      assert.match(text(card), /Alle stemmeberettigede medlemmer har svaret\./);
      assert.match(text(card), /"title":"Pkt\. 2\/2021 Videre gennemgang[^"]*","value":"Søren Ahl"/);
    }
    assert.deepEqual([...(await bot.app.services.recusals.recusedOn(MEETING, 2))], [SOREN]);
    assert.deepEqual([...(await bot.app.services.recusals.recusedOn(MEETING, 3))], []);

    // Everyone answered: the reminder task nudges nobody.
    const taskId = (await bot.app.services.habilitet.round(MEETING))?.reminderTaskId ?? '';
    const reminder = await bot.app.services.deadlines.status(taskId);
    assert.deepEqual(reminder.assignees.map((a) => a.status), Array(9).fill('done'));
  });

  const statusOnDemand = async () => {
    await bot.sayInChannel(SOREN, 'habilitet status');
    return bot.connector.cards(CHANNEL_ID).at(-1);
  };

  it('lets only the chair or the secretary start, lock and reopen the round', async function () {
    await bot.sayInChannel(CHAIR, 'tilknyt pid');
    await bot.sayInChannel(SOREN, 'habilitet');
    await bot.sayInChannel(SOREN, 'habilitet lås');
    assert.deepEqual(bot.connector.texts(CHANNEL_ID).slice(-2), [
      'Kun formanden, næstformanden eller sekretæren kan starte, låse og genåbne habilitetsrunden og se dens historik.',
      'Kun formanden, næstformanden eller sekretæren kan starte, låse og genåbne habilitetsrunden og se dens historik.',
    ]);
    assert.equal(await bot.app.services.habilitet.round(MEETING), undefined);
    assert.equal(bot.connector.created.length, 0);
  });

  it('shows members it cannot reach yet on the status card, and reaches them when started again', async function () {
    await bot.say(SOREN, 'hjælp');
    await bot.say(SECRETARY, `habilitet ${MEETING_ID}`);
    const [reply] = bot.connector.texts(personal(SECRETARY)).slice(-1);
    assert.match(reply, /Spørgsmålet sendes nu til 9 stemmeberettigede medlemmer; statuskortet viser, hvem det har nået\./);
    assert.equal(bot.connector.cards(personal(SOREN)).length, 2, 'the help card and the prompt');
    // No channel is linked: the status goes to the secretary, and follows the sending there.
    const status = text(bot.connector.to(personal(SECRETARY)).filter((r) => text(r.activity).includes('Habilitet – status')).at(-1)?.activity);
    assert.match(status, /Besvaret: 0 af 9/);
    assert.match(status, /Spørgsmålet er sendt til 1 af 9\./);
    assert.match(status, /Kunne ikke nås endnu: Anne Holm Lund, Mads Bering Kjær, Karen Østby, .* og Maja Krogh\./);
    assert.doesNotMatch(status, /nås endnu:[^"]*Søren Ahl/);

    await bot.sayInChannel(SECRETARY, 'tilknyt pid');
    await bot.sayInChannel(SECRETARY, 'habilitet');
    const again = bot.connector.texts(CHANNEL_ID).at(-1) ?? '';
    assert.match(again, /^Habilitetsrunden for \*\*.*\*\* er allerede startet\.\n\nSpørgsmålet sendes nu til: Anne Holm Lund, .* og Maja Krogh\.$/);
    assert.doesNotMatch(again, /Søren Ahl/);
    assert.equal(bot.connector.cards(personal(SOREN)).length, 2, 'Søren is not prompted twice');
    assert.equal(bot.connector.cards(personal(CHAIR)).length, 1);
    assert.match(text(bot.connector.to(personal(SECRETARY)).at(-1)?.activity), /Spørgsmålet er sendt til 9 af 9\./);
    await bot.sayInChannel(SECRETARY, 'habilitet');
    assert.equal(bot.connector.texts(CHANNEL_ID).at(-1), 'Habilitetsrunden for **Møde i nationalt specialistnetværk for Primær immundefekt** er allerede startet.', 'a third start queues nothing');
    for (const email of VOTING) assert.equal(bot.connector.cards(personal(email)).filter((c) => text(c).includes('Habilitet før mødet')).length, 1, email);
  });

  it('shows a send Teams refused on the status card and retries it when started again', async function () {
    await bot.sayInChannel(CHAIR, 'tilknyt pid');
    bot.connector.failNext({ status: 403 }, 2, (conversation) => conversation.startsWith('a:personal-'));
    await bot.sayInChannel(CHAIR, 'habilitet');
    const status = text(channelStatus().activity);
    assert.match(status, /Spørgsmålet er sendt til 7 af 9\./);
    // Sends go out several at once: which two were refused is not fixed.
    assert.match(status, /Teams afviste beskeden til [^,;]+ og [^,;]+; skriv \*\*habilitet\*\* igen om lidt for at prøve igen\./);
    await bot.sayInChannel(CHAIR, 'habilitet');
    assert.match(text(channelStatus().activity), /Spørgsmålet er sendt til 9 af 9\./);
    assert.doesNotMatch(text(channelStatus().activity), /afviste/);
    for (const email of VOTING) assert.equal(bot.connector.cards(personal(email)).length, 1, email);
  });

  it('refuses a bad "yes", a locked round and a begun meeting with a clear message, storing nothing', async function () {
    await startRound();
    const bad = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '', description: 'noget' });
    assert.equal(bad.message, 'Vælg mindst ét punkt på dagsordenen, som forholdet vedrører. Intet er registreret.');
    const unknown = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2,9', description: 'noget' });
    assert.equal(unknown.message, 'Punkt 9 findes ikke på mødets dagsorden. Intet er registreret.');
    const long = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'x'.repeat(1001) });
    assert.equal(long.message, 'Beskrivelsen må højst være 1000 tegn (den er 1001). Intet er registreret.');
    const garbage = await bot.invoke(SOREN, 'habilitet.no', { meetingId: 'Not an id!' });
    assert.equal(garbage.message, 'Kortet er forældet. Hent det igen.');

    // Nobody has answered: locking asks first, saying how many, and locks only from its button.
    await bot.sayInChannel(CHAIR, 'habilitet lås');
    const ask = bot.connector.cards(CHANNEL_ID).at(-1);
    assert.deepEqual(cardSchemaErrors(ask), []);
    assert.match(text(ask), /9 af 9 stemmeberettigede medlemmer har ikke svaret\. Låser du runden nu, kan de ikke længere svare\. Lås alligevel\?/);
    assert.deepEqual(verbs(ask), ['habilitet.lock']);
    assert.equal((await bot.app.services.habilitet.round(MEETING))?.locked, false, 'not locked before the confirmation');
    const forged = await bot.invoke(SOREN, 'habilitet.lock', REF, { channel: true });
    assert.equal(forged.message, 'Kun formanden, næstformanden eller sekretæren kan starte, låse og genåbne habilitetsrunden og se dens historik.');
    assert.equal((await bot.app.services.habilitet.round(MEETING))?.locked, false);
    const confirmed = await bot.invoke(CHAIR, 'habilitet.lock', REF, { channel: true });
    assert.deepEqual(cardSchemaErrors(confirmed.card), []);
    assert.match(text(confirmed.card), /er låst\. Svarene kan ikke længere ændres\./);
    assert.deepEqual(verbs(confirmed.card), [], 'no second lock button');
    assert.match(text(channelStatus().activity), /Runden er låst\./);
    await bot.sayInChannel(CHAIR, 'habilitet lås');
    assert.match(bot.connector.texts(CHANNEL_ID).at(-1) ?? '', /var allerede låst/, 'a locked round is not asked about again');
    const locked = await bot.invoke(SOREN, 'habilitet.no', REF);
    assert.match(locked.message ?? '', /^Habilitetsrunden er låst/);
    const lockedForm = await bot.invoke(SOREN, 'habilitet.yes', REF);
    assert.match(lockedForm.message ?? '', /^Habilitetsrunden er låst/);
    const refreshed = await bot.invoke(SOREN, 'habilitet.refresh', REF, { trigger: 'automatic' });
    assert.match(text(refreshed.card), /Runden er låst, så svaret kan ikke længere ændres\./);
    assert.deepEqual(verbs(refreshed.card), ['habilitet.refresh'], 'a closed card offers no answers');

    await bot.sayInChannel(CHAIR, 'habilitet genåbn');
    assert.equal((await bot.invoke(SOREN, 'habilitet.no', REF)).card !== undefined, true);
    (bot.clock as ManualClock).set(new Date('2021-06-02T11:00:00Z'));
    const late = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'noget' });
    assert.equal(late.message, 'Mødet er begyndt, så habilitetsrunden er lukket. Intet er registreret.');
    const { entries } = await bot.app.services.habilitet.history('pid', MEETING_ID, actor(CHAIR));
    assert.deepEqual(entries.map((e) => [e.email, e.answer]), [[SOREN, 'no']]);
  });

  it('refreshes the card to the member\'s current answer, and confirms a double submit as unchanged', async function () {
    await startRound();
    await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2,3', description: 'Bestyrelsespost *i firma*' });
    const refreshed = await bot.invoke(SOREN, 'habilitet.refresh', REF, { trigger: 'automatic' });
    assert.match(text(refreshed.card), /Ja – inhabil vedrørende Pkt\. 2\/2021 og Pkt\. 3\/2021/);
    assert.ok(text(refreshed.card).includes('Bestyrelsespost \\\\*i firma\\\\*'), 'typed text is shown as written');
    assert.deepEqual(verbs(refreshed.card), ['habilitet.refresh', 'habilitet.no', 'habilitet.yes']);
    const form = await bot.invoke(SOREN, 'habilitet.yes', REF);
    assert.match(text(form.card), /"value":"2,3"/, 'the form starts from the current answer');
    const again = await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '3,2', description: 'Bestyrelsespost *i firma*' });
    assert.match(text(again.card), /Dit svar er uændret: Ja – inhabil vedrørende Pkt\. 2\/2021 og Pkt\. 3\/2021\./);
    const staff = await bot.invoke(STAFF, 'habilitet.refresh', REF);
    assert.match(staff.message ?? '', /^Kun stemmeberettigede medlemmer/);
  });

  it('shows the chair the history of every change', async function () {
    await startRound();
    await bot.invoke(SOREN, 'habilitet.no', REF);
    (bot.clock as ManualClock).advance(3_600_000);
    await bot.invoke(SOREN, 'habilitet.submitYes', { ...REF, items: '2', description: 'Ny bestyrelsespost' });
    await bot.say(CHAIR, 'habilitet historik');
    assert.equal(
      bot.connector.texts(personal(CHAIR)).at(-1),
      'Habilitet – historik for **Møde i nationalt specialistnetværk for Primær immundefekt**:\n' +
        '- 26. maj 2021, kl. 10.00 – Søren Ahl: Nej, ingen nye forhold\n' +
        '- 26. maj 2021, kl. 11.00 – Søren Ahl: Ja, Pkt. 2/2021: Ny bestyrelsespost',
    );
  });
});
