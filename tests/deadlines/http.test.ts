import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ManualClock } from '../../services/clock';
import type { TaskDoc } from '../../services/deadlines/model';
import { actor, exampleAccounts, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { CHAIR, REGIONS, SECRETARY } from './fixtures';
import { cardText } from '../helpers/cardText';

const text = cardText;
type Card = Record<string, unknown>;

/** The Action.Execute buttons of a card: title → data. */
function buttons(card: Card): Map<string, { verb: string; data: Record<string, string> }> {
  const found = new Map<string, { verb: string; data: Record<string, string> }>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' && typeof n.title === 'string') found.set(n.title, { verb: n.verb as string, data: n.data as Record<string, string> });
      Object.values(n).forEach(visit);
    }
  };
  visit(card);
  return found;
}

forEachStore('deadlines over HTTP', (fresh) => {
  let bot: TestBot;
  beforeEach(async function () {
    bot = await startTestBot({ store: await fresh(), linkChannel: true });
  });
  afterEach(async function () {
    await bot.close();
  });

  const manual = () => bot.clock as ManualClock;
  const cardsTo = (email: string) => bot.connector.cards(bot.connector.personalConversationOf(email));
  const skemaTask = async () => (await bot.app.services.deadlines.overview('pid', actor(SECRETARY))).find((s) => s.task.title.startsWith('Udfyld Skema 2'))!.task;
  const submitForm = (data: Record<string, string>) =>
    bot.invoke(SECRETARY, 'deadlines.create', { networkId: 'pid', kind: 'task', formId: randomUUID(), meetingId: MEETING_ID, title: 'Kommentarer til bilag 1.1', description: '', assignees: 'lvs', dueDate: '2021-06-16', dueTime: '', deliverTo: SECRETARY, item: '', ...data });

  it('announces the imported task to each regional representative in 1:1; Afleveret ends their nudges; others cannot mark it', async function () {
    await bot.say(SECRETARY, 'frister');
    await bot.app.nudges.sweep();
    for (const email of REGIONS) {
      const [card] = cardsTo(email);
      assert.ok(card, `${email} got a card`);
      assert.match(text(card), /Ny opgave med frist/);
      assert.match(text(card), /Udfyld Skema 2: Regional kortlægning/);
      assert.match(text(card), /11\. august 2021, kl\. 17\.00/);
      assert.match(text(card), /Afleveres til.*Mette Ravn Kofoed/);
      assert.deepEqual([...buttons(card).keys()], ['Afleveret', 'Påmind mig i morgen']);
    }
    assert.equal(cardsTo('ida.fjord@example.dk').length, 0, 'LVS members are not regional representatives');

    const done = buttons(cardsTo('soren.ahl@example.dk')[0]).get('Afleveret')!;
    const reply = await bot.invoke('soren.ahl@example.dk', done.verb, done.data);
    assert.match(text(reply.card), /Du har markeret opgaven som afleveret/);
    assert.equal(buttons(reply.card!).size, 0, 'no buttons once delivered');
    assert.equal(text(reply.card).split('Udfyld Skema 2: Regional kortlægning').length - 1, 1, 'the title shows once');
    assert.match(text(reply.card), /"text":"Afleveret","size":"Large"/, 'headed by what was done');
    const again = await bot.invoke('soren.ahl@example.dk', done.verb, done.data);
    assert.match(text(again.card), /Du har markeret opgaven som afleveret/, 'a second click shows the same state');

    const before = await bot.app.services.deadlines.status(done.data.taskId);
    const stranger = await bot.invoke('ida.fjord@example.dk', done.verb, done.data);
    assert.equal(stranger.message, 'Du er ikke blandt modtagerne af "Udfyld Skema 2: Regional kortlægning", så du kan ikke markere den. Intet er ændret.');
    const stale = await bot.invoke('soren.ahl@example.dk', done.verb, { taskId: 'pid.tdeadbeefdeadbeef' });
    assert.match(stale.message ?? '', /Opgaven findes ikke/);
    const garbage = await bot.invoke('soren.ahl@example.dk', done.verb, { taskId: '../../x' });
    assert.equal(garbage.message, 'Kortet er forældet. Hent det igen.');
    assert.deepEqual(await bot.app.services.deadlines.status(done.data.taskId), before, 'nothing changed');

    manual().set(new Date('2021-08-04T07:00:00Z'));
    await bot.app.nudges.sweep();
    assert.equal(cardsTo('soren.ahl@example.dk').length, 1, 'Søren delivered: no reminder');
    assert.match(text(cardsTo('karen.ostby@example.dk')[1]), /Påmindelse: fristen er om 7 dage/);
  });

  it('frist opens the form; its submit creates the task once and announces it; bad input gets a Danish answer and changes nothing', async function () {
    await bot.say(SECRETARY, 'frist');
    const [form] = cardsTo(SECRETARY);
    assert.match(text(form), /Ny frist/);
    for (const label of ['Titel', 'Beskrivelse eller link', 'Modtagere (medlemmer og grupper)', 'Frist (dato)', 'Afleveres til', 'Hører til punkt (valgfrit)']) assert.ok(text(form).includes(label), label);
    assert.ok(text(form).includes('"value":"regions"'), 'groups are offered');

    const count = async () => (await bot.app.services.store.list<TaskDoc>('task', 'pid')).length;
    const tasksBefore = await count();
    const refusals: [Record<string, string>, string][] = [
      [{ dueDate: '2021-05-01' }, 'Fristen "2021-05-01" er allerede overskredet. Vælg en frist i fremtiden.'],
      [{ dueDate: '01-06-2021' }, 'Fristen "01-06-2021" er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2021-08-11, evt. med klokkeslæt TT:MM.'],
      [{ title: '  ' }, 'Opgaven skal have en titel.'],
      [{ assignees: 'pædiatere' }, '"pædiatere" er hverken et medlem af netværket eller en gruppe (regioner, medlemmer, alle eller en udpegende instans som LVS).'],
      [{ assignees: 'ukendt@example.dk' }, '"ukendt@example.dk" er hverken et medlem af netværket eller en gruppe (regioner, medlemmer, alle eller en udpegende instans som LVS).'],
      [{ item: '17' }, 'Punkt 17 findes ikke på dagsordenen for mødet.'],
    ];
    for (const [data, message] of refusals) assert.equal((await submitForm(data)).message, message, JSON.stringify(data));
    const member = await bot.invoke('soren.ahl@example.dk', 'deadlines.create', { networkId: 'pid', kind: 'task', formId: randomUUID(), title: 'x', assignees: 'lvs', dueDate: '2021-06-16' });
    assert.equal(member.message, 'Kun formanden og sekretæren kan oprette og følge op på frister.');
    assert.equal(await count(), tasksBefore, 'nothing was created');

    const formId = randomUUID();
    const created = await submitForm({ formId, assignees: 'lvs,soren.ahl@example.dk', dueTime: '12:00', item: '2' });
    assert.match(text(created.card), /Frist oprettet/);
    assert.match(text(created.card), /16\. juni 2021, kl\. 12\.00/);
    assert.match(text(created.card), /4 modtagere: Ida Fjord, Ole Skov Winther, Maja Krogh og Søren Ahl/);
    await submitForm({ formId, assignees: 'lvs,soren.ahl@example.dk', dueTime: '12:00', item: '2' });
    assert.equal(await count(), tasksBefore + 1, 'a double submit creates one task');
    await bot.app.nudges.sweep();
    assert.match(text(cardsTo('maja.krogh@example.dk')[0]), /Kommentarer til bilag 1\.1/);
  });

  it('a task on an item assigned to a member who declared a conflict on that item warns the one who assigns it', async function () {
    await bot.app.services.habilitet.start('pid', MEETING_ID, actor(SECRETARY));
    await bot.app.services.habilitet.answer('pid', MEETING_ID, actor('ida.fjord@example.dk'), { answer: 'yes', items: [2], description: 'Medforfatter på bilag 1.1.' });
    const warned = await submitForm({ item: '2' });
    assert.match(text(warned.card), /Bemærk: Ida Fjord har erklæret sig inhabil i Pkt\. 2\/2021 og deltager ikke i drøftelsen af eller beslutningen om punktet/);
    const elsewhere = await submitForm({ item: '3' });
    assert.doesNotMatch(text(elsewhere.card), /inhabil/, 'no warning on an item she may take part in');
    assert.match(text(elsewhere.card), /Frist oprettet/);
  });

  it('kommentering sends a draft with its link to chosen members, who answer "Ingen bemærkninger" or write their comments', async function () {
    await bot.say(CHAIR, 'kommentering');
    assert.match(text(cardsTo(CHAIR)[0]), /Udkast til kommentering/);
    const created = await bot.invoke(CHAIR, 'deadlines.create', {
      networkId: 'pid',
      kind: 'comments',
      formId: randomUUID(),
      title: 'Udkast til indikationer, version 3',
      description: 'https://example.dk/udkast-v3.docx',
      assignees: 'maja.krogh@example.dk,jens.praest@example.dk',
      dueDate: '2021-06-09',
      deliverTo: CHAIR,
    });
    assert.match(text(created.card), /Sendt til kommentering/);
    await bot.app.nudges.sweep();
    const [card] = cardsTo('maja.krogh@example.dk');
    assert.match(text(card), /Udkast til kommentering/);
    assert.ok(text(card).includes('[Åbn](https://example.dk/udkast-v3.docx)'));
    assert.match(text(card), /Kommentarer sendes til.*Anne Holm Lund/);
    assert.deepEqual((card.refresh as { userIds: string[] }).userIds, [bot.account('maja.krogh@example.dk').id], 'refresh names her Teams user id (MRI)');
    const actions = buttons(card);
    assert.deepEqual([...actions.keys()], ['Send kommentarer', 'Ingen bemærkninger', 'Påmind mig i morgen']);
    const none = actions.get('Ingen bemærkninger')!;
    assert.match(text((await bot.invoke('maja.krogh@example.dk', none.verb, none.data)).card), /ingen bemærkninger har/);
    const send = actions.get('Send kommentarer')!;
    await bot.invoke('jens.praest@example.dk', send.verb, { ...send.data, comment: 'Afsnit 3 er uklart.' });
    const round = await bot.app.services.deadlines.status(send.data.taskId);
    assert.deepEqual(round.assignees.map((a) => [a.email, a.outcome ?? 'open', a.comment]), [['maja.krogh@example.dk', 'noComments', undefined], ['jens.praest@example.dk', 'commentsSent', 'Afsnit 3 er uklart.']]);
  });

  it('Påmind mig i morgen says when, and the reminder comes then', async function () {
    await bot.say(SECRETARY, 'frister');
    await bot.app.nudges.sweep();
    const snooze = buttons(cardsTo('lise.damgaard@example.dk')[0]).get('Påmind mig i morgen')!;
    const reply = await bot.invoke('lise.damgaard@example.dk', snooze.verb, snooze.data);
    assert.match(text(reply.card), /Jeg minder dig om det igen 27\. maj 2021, kl\. 10\.00\./);
    manual().set(new Date('2021-05-27T08:00:00Z'));
    await bot.app.nudges.sweep();
    const cards = cardsTo('lise.damgaard@example.dk');
    assert.equal(cards.length, 2);
    assert.match(text(cards[1]), /Påmindelse, som du bad om/);
    assert.equal(cardsTo('soren.ahl@example.dk').length, 1, 'only the one who asked');
  });

  it('frister shows who is missing and nudges them now; a member sees only their own', async function () {
    await bot.say('soren.ahl@example.dk', 'frister');
    assert.equal(
      bot.connector.texts(bot.connector.personalConversationOf('soren.ahl@example.dk')).at(-1),
      'Dine åbne frister:\n- **Udfyld Skema 2: Regional kortlægning** – frist 11. august 2021, kl. 17.00, afleveres til Mette Ravn Kofoed',
    );
    assert.equal(cardsTo('soren.ahl@example.dk').filter((c) => text(c).includes('Åbne frister')).length, 0, 'not the overview of everyone');
    await bot.say(SECRETARY, 'frister');
    await bot.app.nudges.sweep();
    const task = await skemaTask();
    await bot.app.services.deadlines.markDone(task.id, actor('mads.kjaer@example.dk'));
    await bot.say(SECRETARY, 'frister');
    const overview = cardsTo(SECRETARY).at(-1)!;
    assert.match(text(overview), /1 af 5 har afleveret/);
    assert.match(text(overview), /Afleveret: Mads Bering Kjær/);
    assert.match(text(overview), /Mangler: Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst/);
    const nudge = buttons(overview).get('Påmind de manglende nu')!;
    const reply = await bot.invoke(SECRETARY, nudge.verb, nudge.data);
    assert.match(text(reply.card), /Påmindelse sendes nu til 4: Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst/);
    await bot.app.nudges.sweep();
    assert.match(text(cardsTo('karen.ostby@example.dk').at(-1)), /Påmindelse fra Mette Ravn Kofoed \(sekretær\)/);
    assert.equal(cardsTo('mads.kjaer@example.dk').length, 1, 'not the one who delivered');
    // The chair's nudge, later (one at the same instant is the same nudge), says it is the chair's.
    manual().advance(60_000);
    await bot.invoke(CHAIR, nudge.verb, nudge.data);
    await bot.app.nudges.sweep();
    assert.match(text(cardsTo('karen.ostby@example.dk').at(-1)), /Påmindelse fra Anne Holm Lund \(formand\)/);
  });

  it('mine frister lists the sender’s own open deadlines, for anyone on the roster', async function () {
    const said = (email: string) => bot.connector.texts(bot.connector.personalConversationOf(email)).at(-1);
    await bot.say('lise.damgaard@example.dk', 'mine frister');
    assert.match(said('lise.damgaard@example.dk') ?? '', /^Dine åbne frister:\n- \*\*Udfyld Skema 2: Regional kortlægning\*\* – frist 11\. august 2021/);
    await bot.say('ida.fjord@example.dk', 'mine frister');
    assert.equal(said('ida.fjord@example.dk'), 'Du har ingen åbne frister.', 'LVS members are not regional representatives');
    await bot.app.services.deadlines.markDone((await skemaTask()).id, actor('lise.damgaard@example.dk'));
    await bot.say('lise.damgaard@example.dk', 'mine frister');
    assert.equal(said('lise.damgaard@example.dk'), 'Du har ingen åbne frister.', 'a delivered task is no longer open for her');
    await bot.say(SECRETARY, 'mine frister');
    assert.equal(said(SECRETARY), 'Du har ingen åbne frister.', 'the secretary is not an assignee');
    await bot.say('lise.damgaard@example.dk', 'mine kager');
    assert.equal(said('lise.damgaard@example.dk'), 'Skriv **mine frister** for at se dine egne åbne frister.');
  });

  it('"nudge now" names at once the members the bot cannot reach yet', async function () {
    await bot.close();
    // Karen and Jens have never written to the bot and are in no team it knows.
    const unknown = ['karen.ostby@example.dk', 'jens.praest@example.dk'];
    bot = await startTestBot({ store: await fresh(), linkChannel: true, accounts: exampleAccounts().filter((a) => !unknown.includes(a.email)) });
    await bot.say(SECRETARY, 'frister');
    const nudge = buttons(cardsTo(SECRETARY).at(-1)!).get('Påmind de manglende nu')!;
    const reply = await bot.invoke(SECRETARY, nudge.verb, nudge.data);
    assert.match(
      text(reply.card),
      /Påmindelse sendes nu til 5: Mads Bering Kjær, Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst\. Jeg kan endnu ikke nå Karen Østby og Jens Præst: de har ikke skrevet til mig/,
    );
  });

  it('a 429 with Retry-After, then 200: the nudge is delayed, then delivered once', async function () {
    await bot.app.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    bot.connector.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await bot.app.nudges.sweep();
    assert.ok(Date.now() - started >= 1000, 'waited for Retry-After');
    assert.equal(cardsTo('ida.fjord@example.dk').length, 1);
  });

  it('429s that outlast the connector’s own retries are retried by the scheduler after Retry-After; a refusal shows as failed in frister', async function () {
    const ida = await bot.app.services.deadlines.createTask({ networkId: 'pid', title: 'Skema', assignees: ['ida.fjord@example.dk'], due: '2021-06-16' }, actor(SECRETARY));
    await bot.app.nudges.sweep(); // the wake-up sweep of the creation may have run already
    const sentBefore = cardsTo('ida.fjord@example.dk').length;
    await bot.app.services.deadlines.nudgeNow(ida.id, actor(SECRETARY));
    bot.connector.failNext({ status: 429, headers: { 'Retry-After': '0' } }, 4);
    await bot.app.nudges.sweep();
    const [throttled] = (await bot.app.services.deadlines.status(ida.id)).assignees;
    assert.match(throttled.lastError ?? '', /429/);
    assert.equal(cardsTo('ida.fjord@example.dk').length, sentBefore, 'not delivered yet');
    manual().advance(1000);
    await bot.app.nudges.sweep();
    assert.equal(cardsTo('ida.fjord@example.dk').length, sentBefore + 1, 'delivered after the backoff, once');

    await bot.app.services.deadlines.nudgeNow(ida.id, actor(SECRETARY));
    bot.connector.failNext({ status: 403 });
    await bot.app.nudges.sweep();
    await bot.say(SECRETARY, 'frister');
    assert.match(text(cardsTo(SECRETARY).at(-1)), /Påmindelsen kunne ikke leveres til: Ida Fjord/);
  });
});
