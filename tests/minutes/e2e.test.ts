import assert from 'node:assert/strict';
import { ManualClock } from '../../services/clock';
import { canVote } from '../../services/model';
import { exampleNetwork, MEETING_ID, startTestBot, type TestBot } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { inOrder, readDocx } from './ooxml';
import { DEADLINE, HABILITET_NONE, NOTES_ITEM_2, RESERVATION } from './script';
import { CHAIR, SECRETARY } from '../helpers/examplePeople';

const ref = { networkId: 'pid', meetingId: MEETING_ID };

forEachStore('referat after the meeting was run through the bot', (fresh) => {
  let bot: TestBot;
  let clock: ManualClock;
  beforeEach(async function () {
    clock = new ManualClock(new Date('2021-05-26T08:00:00Z'));
    bot = await startTestBot({ store: await fresh(), clock, env: { PUBLIC_URL: 'https://referent.example.dk' } });
  });
  afterEach(async function () {
    await bot.close();
  });

  /** An Action.Execute that must answer with a card, not a refusal. */
  const click = async (email: string, verb: string, data: Record<string, unknown>) => {
    const reply = await bot.invoke(email, verb, data, { channel: true });
    assert.ok(reply.card, `${email} ${verb}: ${reply.message ?? JSON.stringify(reply.body)}`);
  };

  it('habilitet round, notes and vote in Teams, then the secretary downloads the minutes through the card link', async function () {
    const voters = exampleNetwork().members.filter((m) => canVote(m.role));
    await bot.sayInChannel(CHAIR, 'tilknyt pid');
    await bot.sayInChannel(SECRETARY, 'habilitet');
    for (const m of voters) await click(m.email, 'habilitet.no', ref);

    clock.set(new Date('2021-06-02T11:30:00Z'));
    await click(SECRETARY, 'meeting.item.saveNotes', { ...ref, item: 2, notes: NOTES_ITEM_2.join('\n\n') });
    await bot.sayInChannel(CHAIR, 'afstem 2');
    for (const m of voters) {
      const reserved = m.email === 'karen.ostby@example.dk';
      await click(m.email, 'meeting.vote.cast', {
        ...ref,
        item: 2,
        'choice-1': 'agree',
        'choice-2': reserved ? 'reservation' : 'agree',
        'reason-2': reserved ? RESERVATION : '',
        'choice-3': 'agree',
      });
    }
    await bot.sayInChannel(CHAIR, 'luk 2');

    clock.set(new Date('2021-06-07T08:00:00Z'));
    bot.connector.sent.length = 0;
    await bot.say(SECRETARY, 'referat');
    const [card] = bot.connector.cards(bot.connector.personalConversationOf(SECRETARY)) as { actions?: { type: string; url: string }[] }[];
    assert.ok(card, JSON.stringify(bot.connector.texts()));
    // As members read it: the card escapes markdown in recorded text.
    const text = JSON.stringify(card).replace(/\\\\(.)/g, '$1');
    assert.ok(text.includes('Pkt. 2/2021, forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn): konsensus'), 'the decision in the summary');
    assert.ok(text.includes('Udfyld Skema 2: Regional kortlægning – frist 11. august 2021'), 'the task with its deadline in the summary');

    const link = new URL(card.actions?.find((a) => a.type === 'Action.OpenUrl')?.url ?? '');
    const res = await fetch(`${bot.url}${link.pathname}${link.search}`);
    assert.equal(res.status, 200);
    const { paragraphs } = await readDocx(Buffer.from(await res.arrayBuffer()));
    const problem = inOrder(
      paragraphs.map((p) => p.text),
      [
        'Pkt. 1/2021 Henvendelser fra pædiatere',
        HABILITET_NONE,
        'Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1',
        ...NOTES_ITEM_2,
        'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn).',
        `Karen Østby var enig med forbehold: ${RESERVATION}`,
        'Pkt. 3/2021 Introduktion til opgave 2 og videre proces',
        DEADLINE,
        'Pkt. 4/2021 Eventuelt',
        '[Sekretæren udfylder: hvad blev rejst under eventuelt, eller at intet blev rejst]',
      ],
    );
    assert.equal(problem, undefined, problem);
  });
});
