import assert from 'node:assert/strict';
import sinon from 'sinon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCards } from '../../cards/cards';
import { exampleImports, largeImports } from '../cards/gallery/data';
import { byRole, votersOf, type Fixture } from '../cards/gallery/gallery';
import { itemOf, realisticPlans, voteState } from '../cards/gallery/samples/meeting';
import { CARD_BUDGET_BYTES } from '../../cards/voteView';
import { createServices } from '../../services';
import { ManualClock } from '../../services/clock';
import type { Member } from '../../services/model';
import { EmbeddedStore } from '../../services/store/embedded';
import type { Lang } from '../../services/time';
import type { VoteState } from '../../services/voting/voting';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';

const LANGS: Lang[] = ['da', 'en'];
const MAX_BYTES = 28 * 1024;
const valid = (card: unknown, what: string) => assert.deepEqual(cardSchemaErrors(card), [], what);
const cards = createCards();
const { agenda: agendaCard, item: itemCard, vote: voteCard, voteBytes: cardBytes } = cards;
const json = (card: unknown) => JSON.stringify(card);

describe('meeting cards', function () {
  let example: Fixture;
  let large: Fixture;
  let dir: string;

  before(async function () {
    // The import normalises the fixtures (proposal ids, defaults) exactly as the bot stores them.
    dir = mkdtempSync(join(tmpdir(), 'referent-meeting-cards-'));
    const store = new EmbeddedStore(dir);
    const services = createServices(store, new ManualClock(new Date('2021-05-26T08:00:00Z')));
    const load = async (imports: { network: unknown; meeting: unknown }): Promise<Fixture> => ({
      network: (await services.networks.import(imports.network)).network,
      meeting: (await services.meetings.import(imports.meeting)).meeting,
    });
    example = await load(exampleImports());
    large = await load(largeImports());
    await store.close();
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  const viewer = (state: VoteState, member: Member) => ({
    standing: { kind: member.role === 'staff' || member.role === 'secretary' ? ('nonVoter' as const) : state.tally.recused.some((v) => v.email === member.email) ? ('recused' as const) : ('voter' as const), member },
    leads: member.role === 'chair' || member.role === 'secretary',
  });

  it('renders the agenda of the example meeting, in Danish and English, marking the current item in words', function () {
    for (const lang of LANGS) {
      const card = agendaCard(example.meeting, example.network, itemOf(example.meeting, 2), lang);
      valid(card, lang);
    }
    const da = json(agendaCard(example.meeting, example.network, itemOf(example.meeting, 2), 'da'));
    assert.match(da, /"text":"13\.10".*"text":"85 min\.".*"text":"Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1 \(nu\)","weight":"Bolder"/);
    const en = json(agendaCard(example.meeting, example.network, undefined, 'en'));
    assert.match(en, /"value":"2 June 2021, 13:00-15:00"/);
    assert.match(en, /"text":"14:55"/);
    assert.doesNotMatch(en, /\(now\)/);
  });

  it('renders every item card of the example meeting, for members and for the chair or secretary', function () {
    // Structure does not depend on the language: every item in Danish, and one in English.
    const cases = [...example.meeting.agenda.map((item) => ({ item, lang: 'da' as Lang })), { item: itemOf(example.meeting, 3), lang: 'en' as Lang }];
    for (const { item, lang } of cases) {
      for (const editor of [false, true]) {
        const card = itemCard(example.meeting, example.network, item, lang, { editor, voteOpened: false, userIds: [] });
        valid(card, `item ${item.number} ${lang} editor=${editor}`);
        assert.equal(json(card).includes('"id":"notes"'), editor, 'only the chair and the secretary get the Referat input');
      }
    }
    const item2 = json(itemCard(example.meeting, example.network, itemOf(example.meeting, 2), 'da', { editor: true, voteOpened: false, userIds: [] }));
    assert.match(item2, /"verb":"meeting\.vote\.open","title":"Åbn afstemning"/);
    const opened = json(itemCard(example.meeting, example.network, itemOf(example.meeting, 2), 'da', { editor: true, voteOpened: true, userIds: [] }));
    assert.doesNotMatch(opened, /meeting\.vote\.open/);
    assert.match(opened, /"verb":"meeting\.vote\.view","title":"Vis afstemning"/);
  });

  it('renders the vote card in every state, with the four choices labelled exactly and the reason input asked for', function () {
    const plans = realisticPlans(example);
    const states = { open: voteState(example, 2, plans.slice(0, 4), { recused: ['ida.fjord@example.dk'] }), closed: voteState(example, 2, plans, { closed: true }) };
    const people = [undefined, byRole(example, 'chair'), byRole(example, 'secretary'), byRole(example, 'staff'), votersOf(example)[2], votersOf(example)[6]];
    for (const [name, state] of Object.entries(states)) {
      for (const member of people) {
        const lang: Lang = member?.role === 'member' ? 'en' : 'da';
        const card = voteCard(example.meeting, example.network, state, lang, { viewer: member && viewer(state, member), userIds: ['a', 'b'] });
        valid(card, `${name} ${lang} ${member?.email ?? 'posted'}`);
      }
    }
    const ballot = voteCard(example.meeting, example.network, states.open, 'da', { viewer: viewer(states.open, votersOf(example)[2]), userIds: [] });
    const choices = (ballot.body as { items?: { type: string; choices?: { title: string; value: string }[] }[] }[])
      .flatMap((b) => b.items ?? [])
      .filter((i) => i.type === 'Input.ChoiceSet');
    assert.equal(choices.length, 3, 'one choice per proposal');
    for (const c of choices) assert.deepEqual(c.choices?.map((x) => x.title), ['Enig', 'Enig med forbehold', 'Uenig', 'Undlader']);
    assert.match(json(ballot), /"type":"Input.Text","id":"reason-1","label":"Begrundelse til forslag 1 \(skal udfyldes ved Enig med forbehold og Uenig, højst 500 tegn\)","isMultiline":true,"maxLength":500/);
    const recused = json(voteCard(example.meeting, example.network, states.open, 'da', { viewer: viewer(states.open, votersOf(example)[6]), userIds: [] }));
    assert.match(recused, /Du har erklæret dig inhabil i Pkt\. 2\/2021 og deltager ikke i afstemningen \(forvaltningsloven §6\)/);
    assert.doesNotMatch(recused, /Input\./);
    const posted = json(voteCard(example.meeting, example.network, states.open, 'da', { userIds: [] }));
    assert.doesNotMatch(posted, /Input\.|"verb":"meeting\.vote\.(cast|close|remind)"/);
    assert.match(posted, /"verb":"meeting\.vote\.view","title":"Vis min stemmeseddel"/);
  });

  it('keeps the largest realistic vote card — 10 proposals, 15 members — under 28 KB in full', function () {
    const item = itemOf(large.meeting, 3);
    assert.equal(item.proposals.length, 10);
    assert.equal(large.network.members.length, 15);
    const userIds = votersOf(large).map((m) => `00000000-0000-4000-8000-${m.email.length.toString().padStart(12, '0')}`);
    const chair = byRole(large, 'chair');
    const plans = realisticPlans(large);
    for (const state of [voteState(large, 3, plans), voteState(large, 3, plans, { closed: true })]) {
      for (const lang of LANGS) {
        const card = voteCard(large.meeting, large.network, state, lang, { viewer: viewer(state, chair), userIds });
        valid(card, `${state.vote.status} ${lang}`);
        assert.ok(cardBytes(card) < MAX_BYTES, `${state.vote.status} ${lang}: ${cardBytes(card)} bytes`);
        assert.doesNotMatch(json(card), /forkortet|shortened/, 'nothing had to be shortened');
      }
    }
  });

  it('binds again only the parts of a vote card that a ballot changed: the other proposals are kept from the last card', function () {
    const item = itemOf(large.meeting, 3);
    const voters = votersOf(large);
    const plans = realisticPlans(large).slice(0, 5);
    const viewer0 = voters[0];
    const cardFor = (extra: typeof plans) => {
      const state = voteState(large, 3, [...plans, ...extra]);
      return voteCard(large.meeting, large.network, state, 'da', { viewer: viewer(state, viewer0), userIds: [] });
    };
    const parts = (card: Record<string, unknown>) => (card.body as { items?: { type: string }[] }[]).filter((b) => b.items?.some((i) => i.type === 'Input.ChoiceSet'));
    const before = parts(cardFor([]));
    // Someone else answers proposal 2: only its counts change.
    const other = parts(cardFor([{ email: voters[9].email, choice: 'disagree', reason: 'Ikke evidens nok.', proposals: [item.proposals[1].id] }]));
    assert.equal(before.length, item.proposals.length);
    other.forEach((part, i) => (i === 1 ? assert.notEqual(part, before[i]) : assert.equal(part, before[i], `proposal ${i + 1} kept`)));
    assert.match(json(before[1]), /Uenig 1 ·/);
    assert.match(json(other[1]), /Uenig 2 ·/);
    // The viewer changes their own answer to proposal 3: only that part changes, and shows it.
    const mine = parts(cardFor([{ email: viewer0.email, choice: 'abstain', proposals: [item.proposals[2].id] }]));
    mine.forEach((part, i) => (i === 2 ? assert.notEqual(part, before[i]) : assert.equal(part, before[i], `proposal ${i + 1} kept`)));
    assert.match(json(mine[2]), /"type":"Input.ChoiceSet","id":"choice-[^"]+","label":"[^"]+","style":"expanded","value":"abstain"/);
    assert.ok(Object.isFrozen(mine[2]), 'a kept part is shared by cards, so frozen');
  });

  it('keeps card parts per App: another App\'s cards bind the same vote afresh, alike but not shared', function () {
    const state = voteState(large, 3, realisticPlans(large));
    const options = { viewer: viewer(state, votersOf(large)[0]), userIds: [] };
    const parts = (card: Record<string, unknown>) => card.body as object[];
    const mine = parts(voteCard(large.meeting, large.network, state, 'da', options));
    const theirs = parts(createCards().vote(large.meeting, large.network, state, 'da', options));
    assert.deepEqual(theirs, mine);
    theirs.forEach((part, i) => typeof part === 'object' && Object.isFrozen(part) && assert.notEqual(part, mine[i], `part ${i} is another App's`));
    assert.ok(theirs.some((part) => Object.isFrozen(part)), 'the parts are kept (frozen) in each');
  });

  /** The large meeting with item 3's proposals at their longest: in full, its vote card is far over the budget. */
  const withLongestProposals = (fixture: Fixture): Fixture => ({
    ...fixture,
    meeting: {
      ...fixture.meeting,
      agenda: fixture.meeting.agenda.map((item) =>
        item.number === 3 ? { ...item, proposals: item.proposals.map((p) => ({ ...p, title: 'T'.repeat(500), criteria: 'K'.repeat(2000), addedValue: 'M'.repeat(2000) })) } : item,
      ),
    },
  });

  it('renders each click\'s vote card once when the item\'s card is known not to fit in full, and never over the budget', function () {
    const longest = withLongestProposals(large);
    const state = voteState(longest, 3, realisticPlans(large));
    const card = (member: Member) => voteCard(longest.meeting, longest.network, state, 'da', { viewer: viewer(state, member), userIds: [] });
    // The first card finds the detail that fits, the next learns what full detail would add.
    card(votersOf(large)[0]);
    card(votersOf(large)[1]);
    // Each card rendered is measured against the budget once: count the measurements.
    const stringify = sinon.spy(JSON, 'stringify');
    const measure = sinon.spy(Buffer, 'byteLength');
    const cards = votersOf(large).map(card);
    const rendered = measure.getCalls().filter((c) => String(c.args[0]).startsWith('{"type":"AdaptiveCard"')).length;
    measure.restore();
    // The card data is measured only to estimate a fuller level; what that level adds is known after the first card.
    const estimated = stringify.getCalls().filter((c) => (c.args[0] as { proposals?: unknown } | undefined)?.proposals !== undefined).length;
    stringify.restore();
    assert.equal(rendered, cards.length, 'one render per card');
    assert.equal(estimated, 0, 'no card built the data of a fuller level to see that it would not fit');
    for (const c of cards) assert.ok(cardBytes(c) <= CARD_BUDGET_BYTES, `${cardBytes(c)} bytes`);
  });

  it('shows an item\'s vote card in full again once it fits, after one of its cards had to be shortened', function () {
    const chair = byRole(large, 'chair');
    const longest = withLongestProposals(large);
    const shortened = voteState(longest, 3, realisticPlans(large));
    assert.match(json(voteCard(longest.meeting, longest.network, shortened, 'da', { viewer: viewer(shortened, chair), userIds: [] })), /forkortet/);
    const state = voteState(large, 3, realisticPlans(large));
    const card = voteCard(large.meeting, large.network, state, 'da', { viewer: viewer(state, chair), userIds: [] });
    assert.doesNotMatch(json(card), /forkortet/, 'the same item with shorter text fits in full');
    assert.ok(cardBytes(card) <= CARD_BUDGET_BYTES);
  });

  it('shortens free text rather than exceed 28 KB when every field and reason is at its maximum', function () {
    const longest = withLongestProposals(large);
    const voters = votersOf(large);
    const plans = voters.map((m, i) => ({ email: m.email, choice: i % 2 ? ('reservation' as const) : ('disagree' as const), reason: 'Æ'.repeat(500) }));
    const state = voteState(longest, 3, plans, { closed: true });
    const card = voteCard(longest.meeting, longest.network, state, 'da', { viewer: viewer(state, voters[0]), userIds: voters.map((m) => m.email) });
    valid(card, 'longest');
    assert.ok(cardBytes(card) < MAX_BYTES, `${cardBytes(card)} bytes`);
    assert.match(json(card), /referatet har dem i fuld længde/);
    assert.match(json(card), /Resultat: ikke konsensus/);
  });
});
