import assert from 'node:assert/strict';
import { createCards } from '../../cards/cards';
import promptTemplate from '../../cards/habilitet-prompt.json';
import statusTemplate from '../../cards/habilitet-status.json';
import { itemLabels, type MemberView, type RoundStatus } from '../../services/habilitet';
import { catalog, fmt } from '../../services/i18n';
import { MeetingImportSchema, NetworkSchema, type Meeting, type Member } from '../../services/model';
import type { Lang } from '../../services/time';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { exampleMeeting, exampleNetwork, MEETING_ID } from '../helpers/bot';
import { cardText } from '../helpers/cardText';

const network = NetworkSchema.parse(exampleNetwork());
const meeting = { ...MeetingImportSchema.parse(exampleMeeting()), id: MEETING_ID } as unknown as Meeting;
const member = (email: string) => network.members.find((m) => m.email === email) as Member;
const soren = member('soren.ahl@example.dk');
const voting = network.members.filter((m) => ['chair', 'vice-chair', 'member'].includes(m.role));
const at = '2021-05-26T08:30:00.000Z';
const yes = { answer: 'yes' as const, items: [2, 3], description: 'Medforfatter på *bilag 1.1*', at };

const views: Record<string, MemberView> = {
  unanswered: { meeting, member: soren },
  no: { meeting, member: soren, answer: { email: soren.email, name: soren.name, latest: { answer: 'no', items: [], at }, history: [] } },
  yes: { meeting, member: soren, answer: { email: soren.email, name: soren.name, latest: yes, history: [yes] } },
  locked: { meeting, member: soren, closed: 'locked' },
};
const status = (over: Partial<RoundStatus> = {}): RoundStatus => ({
  network,
  meeting,
  round: { meetingId: MEETING_ID, networkId: 'pid', locked: false, events: [], prompted: [] },
  voting,
  answered: voting.slice(0, 7),
  missing: voting.slice(7),
  conflicts: [{ item: meeting.agenda[2], members: [soren, member('karen.ostby@example.dk')] }],
  ...over,
});

const LANGS: Lang[] = ['da', 'en'];

/** What a reader sees on a card: its texts (TextBlocks and facts), its inputs' labels and its buttons as "verb: title". */
function seen(card: unknown): { texts: string[]; inputs: string[]; actions: string[] } {
  const found = { texts: [] as string[], inputs: [] as string[], actions: [] as string[] };
  const visit = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock') found.texts.push(String(n.text).replace(/\u00a0/g, ' '));
    if (n.type === 'FactSet') for (const f of n.facts as { title: string; value: string }[]) found.texts.push(f.title, f.value);
    if (String(n.type).startsWith('Input.')) found.inputs.push(String(n.label));
    if (String(n.type).startsWith('Action.') && key !== 'action') found.actions.push(`${n.verb}: ${n.title}`);
    for (const [k, v] of Object.entries(n)) visit(v, k);
  };
  visit(card);
  return found;
}
const { habilitetPrompt: promptCard, habilitetStatus: statusCard } = createCards();
const json = cardText;
const size = (card: unknown) => Buffer.byteLength(json(card));

describe('habilitet cards', function () {
  for (const lang of LANGS) {
    for (const [name, view] of Object.entries(views)) {
      for (const form of [false, true]) {
        it(`prompt (${name}${form ? ', yes form' : ''}, ${lang}): what the member sees and can do, valid Adaptive Cards 1.5, small`, function () {
          const notice = name === 'no' ? 'ok' : undefined;
          const card = promptCard(view, lang, { form, notice, userIds: ['29:soren'] });
          assert.deepEqual(cardSchemaErrors(card), []);
          assert.equal(card.version, '1.5');
          assert.ok(size(card) < 28 * 1024, `${size(card)} bytes`);

          const p = catalog(lang).habilitet.prompt;
          const { texts, inputs, actions } = seen(card);
          for (const always of [p.title, `**${meeting.title}**`, 'Pkt. 0/2021', 'Pkt. 4/2021']) assert.ok(texts.some((t) => t.includes(always)), `${always} in ${texts.join(' | ')}`);
          const answered = { unanswered: p.notAnswered, no: p.answeredNo, yes: fmt(p.answeredYes, { items: itemLabels(meeting, [2, 3], lang) }), locked: p.notAnswered }[name]!;
          assert.ok(texts.includes(answered), `the answer so far: ${answered}`);
          if (notice) assert.ok(texts.includes(notice), 'the notice of what was just done');
          if (view.closed) {
            assert.ok(texts.includes(p.closedLocked), 'why the answer can no longer change');
            assert.deepEqual(actions, [], 'nothing to answer on a closed round');
            assert.deepEqual(inputs, []);
          } else if (form) {
            assert.ok(texts.includes(p.yesIntro));
            assert.deepEqual(inputs, [p.itemsLabel, p.descriptionLabel]);
            assert.deepEqual(actions, [`habilitet.submitYes: ${p.submitYes}`, `habilitet.refresh: ${p.back}`]);
          } else {
            assert.ok(texts.includes(p.question));
            assert.deepEqual(inputs, []);
            assert.deepEqual(actions, [`habilitet.no: ${p.no}`, `habilitet.yes: ${p.yes}`]);
          }
          assert.deepEqual((card.refresh as { userIds: string[] }).userIds, ['29:soren'], 'Teams refreshes it for the member alone');
        });
      }
    }
    it(`status (${lang}) validates: with conflicts, without, locked, begun`, function () {
      for (const s of [status(), status({ conflicts: [], missing: [], answered: voting }), status({ closed: 'locked' }), status({ closed: 'started' })]) {
        const card = statusCard(s, lang);
        assert.deepEqual(cardSchemaErrors(card), []);
        assert.ok(size(card) < 28 * 1024);
      }
    });
  }

  it('asks the network\'s question with the meeting, its Danish date and agenda, and two answers', function () {
    const card = promptCard(views.unanswered, 'da', { userIds: ['29:soren'] });
    const text = json(card);
    for (const expected of [
      'Habilitet før mødet',
      '**Møde i nationalt specialistnetværk for Primær immundefekt**',
      '"2. juni 2021, kl. 13.00–15.00"',
      '{"title":"Pkt. 0/2021","value":"Velkommen og dagsorden"}',
      '{"title":"Pkt. 4/2021","value":"Eventuelt"}',
      'Er der nye væsentlige forhold i forhold til din habilitet?',
      'Du har ikke svaret endnu.',
      '"verb":"habilitet.no","title":"Nej, ingen nye forhold"',
      '"verb":"habilitet.yes","title":"Ja"',
    ]) {
      assert.ok(text.includes(expected), expected);
    }
    assert.deepEqual(card.refresh, { action: { type: 'Action.Execute', verb: 'habilitet.refresh', data: { meetingId: MEETING_ID, networkId: 'pid' } }, userIds: ['29:soren'] });
  });

  it('shows the current "yes" with the typed text escaped, and prefills the form from it', function () {
    const shown = json(promptCard(views.yes, 'da', { userIds: [] }));
    assert.ok(shown.includes('Ja – inhabil vedrørende Pkt. 2/2021 og Pkt. 3/2021'));
    assert.ok(shown.includes('Medforfatter på \\\\*bilag 1.1\\\\*'), 'markdown typed by the member is escaped');
    assert.ok(shown.includes('Registreret 26. maj 2021, kl. 10.30.'));
    const form = promptCard(views.yes, 'da', { form: true, userIds: [] });
    const body = form.body as Record<string, unknown>[];
    const inputs = (body.at(-1) as { items: Record<string, unknown>[] }).items;
    const choice = inputs.find((i) => i.id === 'items') as { isMultiSelect: boolean; value: string; label: string; choices: { title: string; value: string }[] };
    assert.equal(choice.isMultiSelect, true);
    assert.equal(choice.value, '2,3');
    assert.equal(choice.label, 'Berørte punkter');
    assert.deepEqual(choice.choices[2], { title: 'Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1', value: '2' });
    const description = inputs.find((i) => i.id === 'description') as { value: string; maxLength: number; isRequired: boolean };
    assert.deepEqual([description.value, description.maxLength, description.isRequired], ['Medforfatter på *bilag 1.1*', 1000, true]);
  });

  it('offers no answers on a closed card', function () {
    const text = json(promptCard(views.locked, 'da', { userIds: [] }));
    assert.ok(text.includes('Runden er låst, så svaret kan ikke længere ændres.'));
    assert.ok(!text.includes('habilitet.no') && !text.includes('habilitet.submitYes'));
  });

  it('shows answered N of M, who is missing and the conflicts by item', function () {
    const text = json(statusCard(status(), 'da'));
    assert.ok(text.includes('Besvaret: 7 af 9'));
    assert.ok(text.includes('Mangler svar: Ole Skov Winther og Maja Krogh'));
    assert.ok(text.includes('{"title":"Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1","value":"Søren Ahl og Karen Østby"}'));
    const none = json(statusCard(status({ conflicts: [], missing: [], answered: voting }), 'en'));
    assert.ok(none.includes('Answered: 9 of 9') && none.includes('Every voting member has answered.') && none.includes('Nobody has declared a conflict of interest.'));
  });

  it('keeps every visible string out of the templates', function () {
    const literal = (node: unknown, path = ''): string[] => {
      if (Array.isArray(node)) return node.flatMap((n, i) => literal(n, `${path}[${i}]`));
      if (!node || typeof node !== 'object') return [];
      return Object.entries(node).flatMap(([key, value]) =>
        ['text', 'title', 'label', 'errorMessage', 'placeholder', 'value'].includes(key) && typeof value === 'string' && !/^(\*\*)?\$\{[^}]+\}(\*\*)?$/.test(value)
          ? [`${path}.${key}: ${value}`]
          : literal(value, `${path}.${key}`),
      );
    };
    assert.deepEqual([...literal(promptTemplate), ...literal(statusTemplate)], []);
  });
});
