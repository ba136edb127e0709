import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Agenda } from '../../services/agenda/agenda';
import { schedule } from '../../services/agenda/schedule';
import { createServices } from '../../services';
import { ManualClock } from '../../services/clock';
import { DomainError } from '../../services/errors';
import type { TextKey } from '../../services/i18n';
import { meetingPartition } from '../../services/meetings';
import type { Meeting, Member, Network } from '../../services/model';
import { findMember } from '../../services/networks';
import type { Recusals } from '../../services/recusal';
import type { Store } from '../../services/store/store';
import { voteMinutes } from '../../services/voting/minutes';
import { Voting, type CastInput, type VoteDoc } from '../../services/voting/voting';
import { formatTime } from '../../services/time';
import { actor, exampleMeeting, exampleNetwork } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { CHAIR, SECRETARY, STAFF, SOREN, IDA } from '../helpers/examplePeople';

const VOTERS = ['anne.lund@example.dk', 'mads.kjaer@example.dk', SOREN, 'karen.ostby@example.dk', 'lise.damgaard@example.dk', 'jens.praest@example.dk', IDA, 'ole.winther@example.dk', 'maja.krogh@example.dk'];

const refusal = (key: TextKey) => (err: unknown) => {
  assert.ok(err instanceof DomainError, `expected a refusal, got ${String(err)}`);
  assert.equal(err.key, key);
  return true;
};
const all = (choice: string, reason?: string): CastInput[] => ['1', '2', '3'].map((proposalId) => ({ proposalId, choice, reason }));

forEachStore('meeting domain: agenda, notes and voting', (fresh) => {
  let store: Store;
  let clock: ManualClock;
  let network: Network;
  let meeting: Meeting;
  let recused: Map<number, Set<string>>;
  let voting: Voting;
  let agenda: Agenda;
  const member = (email: string): Member => findMember(network, email) as Member;
  const cast = async (email: string, inputs: CastInput[], item = 2) => (await voting.cast(meeting, network, actor(email), item, inputs)).changed;
  const ballotDocs = async () => (await store.list<{ email: string; proposalId: string; choice: string }>('ballot', meetingPartition(meeting))).map((d) => d.data);

  beforeEach(async function () {
    store = await fresh();
    clock = new ManualClock(new Date('2021-06-02T11:30:00Z'));
    const services = createServices(store, clock);
    network = (await services.networks.import(exampleNetwork())).network;
    meeting = (await services.meetings.import(exampleMeeting())).meeting;
    recused = new Map();
    const recusedOn = (item: number) => new Set(recused.get(item) ?? []);
    const recusals: Recusals = { recusedOn: async (_meetingId, item) => recusedOn(item), recusalDocs: [], recusedIn: (_docs, item) => recusedOn(item) };
    voting = new Voting(store, clock, recusals);
    agenda = new Agenda(store, clock);
  });

  describe('agenda', function () {
    it('plans each item from the start time and the durations before it (Copenhagen time)', function () {
      assert.deepEqual(
        schedule(meeting).map((s) => [s.item.number, formatTime(s.start)]),
        [[0, '13.00'], [1, '13.05'], [2, '13.10'], [3, '14.35'], [4, '14.55']],
      );
    });

    it('moves through the items: start, næste, punkt N; only the chair or the secretary', async function () {
      assert.equal(await agenda.currentItem(meeting), undefined);
      assert.equal((await agenda.start(meeting, member(CHAIR))).number, 0);
      assert.equal((await agenda.next(meeting, member(SECRETARY))).number, 1);
      assert.equal((await agenda.goTo(meeting, member(CHAIR), 4)).number, 4);
      await assert.rejects(agenda.next(meeting, member(CHAIR)), refusal('meeting.atEnd'));
      await assert.rejects(agenda.goTo(meeting, member(CHAIR), 7), refusal('meeting.unknownItem'));
      await assert.rejects(agenda.next(meeting, member(SOREN)), refusal('meeting.onlyLeaders'));
      assert.equal((await agenda.currentItem(meeting))?.number, 4);
    });

    it('advances one item per næste when two leaders press it at once', async function () {
      await agenda.start(meeting, member(CHAIR));
      const moved = await Promise.all([agenda.next(meeting, member(CHAIR)), agenda.next(meeting, member(SECRETARY))]);
      assert.deepEqual(moved.map((i) => i.number).sort(), [1, 2]);
      assert.equal((await agenda.currentItem(meeting))?.number, 2);
    });

    it('keeps the secretary\'s notes per item, editable, for the minutes; members may not write them', async function () {
      await agenda.saveNotes(meeting, member(SECRETARY), 2, 'Indikationerne blev drøftet.\n\nDer var enighed om forslag 1.');
      await agenda.saveNotes(meeting, member(SECRETARY), 1, 'Pædiatri skal repræsenteres.');
      await agenda.saveNotes(meeting, member(CHAIR), 1, 'Pædiatri skal repræsenteres; LVS kontaktes.');
      await assert.rejects(agenda.saveNotes(meeting, member(SOREN), 1, 'Mit eget referat'), refusal('meeting.onlyLeaders'));
      await assert.rejects(agenda.saveNotes(meeting, member(SECRETARY), 1, 'x'.repeat(20_001)), refusal('meeting.item.notesTooLong'));
      assert.equal((await agenda.notesOf(meeting, 1))?.savedBy, CHAIR);
      assert.deepEqual(await agenda.minutesSource(meeting, network), [
        { itemNumber: 1, section: 'referat', order: 20, paragraphs: ['Pædiatri skal repræsenteres; LVS kontaktes.'] },
        { itemNumber: 2, section: 'referat', order: 20, paragraphs: ['Indikationerne blev drøftet.', 'Der var enighed om forslag 1.'] },
      ]);
      await agenda.saveNotes(meeting, member(SECRETARY), 1, '   ');
      assert.equal(await agenda.notesOf(meeting, 1), undefined, 'empty text removes the notes');
    });
  });

  describe('voting', function () {
    it('is opened by the chair or the secretary, once, and only on an item with proposals', async function () {
      await assert.rejects(voting.open(meeting, member(SOREN), 2), refusal('meeting.onlyLeaders'));
      await assert.rejects(voting.open(meeting, member(CHAIR), 1), refusal('meeting.vote.noProposals'));
      assert.equal((await voting.open(meeting, member(CHAIR), 2)).opened, true);
      const again = await voting.open(meeting, member(SECRETARY), 2);
      assert.equal(again.opened, false);
      assert.equal(again.vote.openedBy, CHAIR);
    });

    it('refuses ballots before the vote opens, and from staff, the secretary and non-members; stores nothing', async function () {
      await assert.rejects(cast(SOREN, all('agree')), refusal('meeting.vote.notOpen'));
      await voting.open(meeting, member(CHAIR), 2);
      await assert.rejects(cast(STAFF, all('agree')), refusal('meeting.vote.notVoter'));
      await assert.rejects(cast(SECRETARY, all('agree')), refusal('meeting.vote.notVoter'));
      await assert.rejects(cast('ukendt@example.dk', all('agree')), refusal('common.notOnNetwork'));
      assert.deepEqual(await ballotDocs(), []);
    });

    it('refuses a recused member on that item only, and leaves them out of the quorum', async function () {
      recused.set(2, new Set([IDA]));
      await voting.open(meeting, member(CHAIR), 2);
      await assert.rejects(cast(IDA, all('agree')), refusal('meeting.vote.recusedRefusal'));
      assert.equal((await voting.standing(meeting, member(IDA), 2)).kind, 'recused');
      assert.equal((await voting.standing(meeting, member(IDA), 3)).kind, 'voter');
      const state = await voting.state(meeting, network, 2);
      assert.equal(state?.tally.proposals[0].eligible, 8);
      assert.deepEqual(state?.tally.recused.map((v) => v.email), [IDA]);
      assert.deepEqual(await ballotDocs(), []);
    });

    it('refuses an unknown proposal, an unknown choice, a missing or over-long reason — all or nothing', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      const valid = { proposalId: '1', choice: 'agree' };
      await assert.rejects(cast(SOREN, [valid, { proposalId: '9', choice: 'agree' }]), refusal('meeting.vote.unknownProposal'));
      await assert.rejects(cast(SOREN, [valid, { proposalId: '2', choice: 'maybe' }]), refusal('common.staleCard'));
      await assert.rejects(cast(SOREN, [valid, { proposalId: '2', choice: 'reservation', reason: '  ' }]), refusal('meeting.vote.reasonRequired'));
      await assert.rejects(cast(SOREN, [valid, { proposalId: '3', choice: 'disagree' }]), refusal('meeting.vote.reasonRequired'));
      await assert.rejects(cast(SOREN, [valid, { proposalId: '3', choice: 'disagree', reason: 'x'.repeat(501) }]), refusal('meeting.vote.reasonTooLong'));
      await assert.rejects(cast(SOREN, []), refusal('meeting.vote.noChoice'));
      assert.deepEqual(await ballotDocs(), []);
      assert.equal(await cast(SOREN, [{ proposalId: '3', choice: 'disagree', reason: 'x'.repeat(500) }]), 1, '500 characters is allowed');
    });

    it('lets a member change their vote until the close; the latest counts and a double click changes nothing', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      assert.equal(await cast(SOREN, all('agree')), 3);
      assert.equal(await cast(SOREN, all('agree')), 0, 'the same answers again write nothing');
      assert.equal(await cast(SOREN, [{ proposalId: '2', choice: 'disagree', reason: 'For bred' }]), 1);
      assert.equal(await cast(SOREN, [{ proposalId: '2', choice: 'disagree', reason: 'For bred' }]), 0);
      assert.equal(await cast(SOREN, [{ proposalId: '2', choice: 'disagree', reason: 'For bred til børn' }]), 1, 'a new reason is a change');
      const state = await voting.state(meeting, network, 2);
      assert.deepEqual(state?.tally.proposals.map((p) => p.counts.disagree), [0, 1, 0]);
      assert.equal(state?.tally.proposals[1].votes[0].reason, 'For bred til børn');
      assert.equal((await ballotDocs()).length, 3, 'one document per proposal and member');
    });

    it('drops the reason of Enig and Undlader', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      await cast(SOREN, [{ proposalId: '1', choice: 'agree', reason: 'glemt tekst' }]);
      const state = await voting.state(meeting, network, 2);
      assert.equal(state?.tally.proposals[0].votes[0].reason, undefined);
    });

    it('closes once with a stored result; later ballots are refused and a second close returns the same result', async function () {
      recused.set(2, new Set([IDA]));
      await voting.open(meeting, member(CHAIR), 2);
      for (const email of VOTERS.filter((e) => e !== IDA)) await cast(email, all('agree'));
      await cast(SOREN, [{ proposalId: '1', choice: 'reservation', reason: 'Kun ved positiv TREC' }]);
      await assert.rejects(voting.close(meeting, network, member(SOREN), 2), refusal('meeting.onlyLeaders'));
      const { vote, alreadyClosed } = await voting.close(meeting, network, member(CHAIR), 2);
      assert.equal(alreadyClosed, false);
      assert.equal(vote.status, 'closed');
      assert.deepEqual(vote.result?.proposals.map((p) => [p.participation, p.eligible, p.consensus]), [[8, 8, true], [8, 8, true], [8, 8, true]]);
      assert.deepEqual(vote.result?.proposals[0].counts, { agree: 7, reservation: 1, disagree: 0, abstain: 0 });

      await assert.rejects(cast('karen.ostby@example.dk', all('disagree', 'for sent')), refusal('meeting.vote.closed'));
      assert.equal((await ballotDocs()).filter((b) => b.choice === 'disagree').length, 0);
      const again = await voting.close(meeting, network, member(SECRETARY), 2);
      assert.equal(again.alreadyClosed, true);
      assert.deepEqual(again.vote.result, vote.result);
      await assert.rejects(voting.missing(meeting, network, member(CHAIR), 2), refusal('meeting.vote.alreadyClosed'));
      recused.set(2, new Set());
      assert.deepEqual((await voting.state(meeting, network, 2))?.tally, vote.result, 'a closed vote reads its snapshot, not today\'s recusals');
    });

    it('tells the chair who has not voted on every proposal', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      for (const email of VOTERS.slice(0, 6)) await cast(email, all('agree'));
      await cast(VOTERS[6], [{ proposalId: '1', choice: 'agree' }]);
      const missing = await voting.missing(meeting, network, member(CHAIR), 2);
      assert.deepEqual(missing.map((v) => v.email), VOTERS.slice(6));
      await assert.rejects(voting.missing(meeting, network, member(SOREN), 2), refusal('meeting.onlyLeaders'));
    });

    it('counts the ballots once for voters who click at once, and each sees their own ballot in it', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      const clickers = VOTERS.slice(0, 6);
      const list = sinon.spy(store, 'list');
      const states = await Promise.all(
        clickers.map(async (email, i) => (await voting.cast(meeting, network, actor(email), 2, [{ proposalId: String((i % 3) + 1), choice: i % 2 ? 'agree' : 'abstain' }])).state),
      );
      clickers.forEach((email, i) => {
        const own = states[i]!.tally.proposals[i % 3].votes.find((v) => v.email === email);
        assert.equal(own?.choice, i % 2 ? 'agree' : 'abstain', `${email} sees their own ballot`);
      });
      const reads = list.getCalls().filter((c) => c.args[0] === 'ballot').length;
      // The embedded store commits the six ballots together, so one read serves all six.
      if (store.kind === 'embedded') assert.equal(reads, 1);
      else assert.ok(reads <= clickers.length, `${reads} reads`);
      list.restore();
    });

    it('never half-counts a ballot that races the close: each is either in the result or refused and not stored', async function () {
      this.timeout(30_000);
      await voting.open(meeting, member(CHAIR), 2);
      for (const email of VOTERS.slice(0, 3)) await cast(email, all('abstain'));
      const late = VOTERS.slice(3);
      const outcomes = await Promise.allSettled([
        ...late.map((email) => cast(email, all('disagree', 'sent svar'))),
        voting.close(meeting, network, member(CHAIR), 2),
        voting.close(meeting, network, member(SECRETARY), 2),
      ]);
      const closes = outcomes.slice(late.length) as PromiseFulfilledResult<Awaited<ReturnType<Voting['close']>>>[];
      assert.deepEqual(closes.map((c) => c.status), ['fulfilled', 'fulfilled']);
      assert.equal(closes.filter((c) => !c.value.alreadyClosed).length, 1, 'exactly one close writes the result');
      const result = closes[0].value.vote.result!;
      assert.deepEqual(closes[1].value.vote.result, result);
      const stored = await ballotDocs();
      late.forEach((email, i) => {
        const outcome = outcomes[i];
        const inResult = result.proposals.map((p) => p.votes.some((v) => v.email === email && v.choice === 'disagree'));
        if (outcome.status === 'fulfilled') {
          assert.ok(inResult.every(Boolean), `${email} was told their votes count, so they are in the result`);
          return;
        }
        const err = outcome.reason as DomainError;
        const counted = inResult.flatMap((inside, p) => (inside ? [String(p + 1)] : []));
        if (counted.length) {
          refusal('meeting.vote.closedDuring')(err);
          assert.equal(err.params.counted, counted.join(', '), `${email} is told exactly which votes counted`);
        } else refusal('meeting.vote.closed')(err);
        inResult.forEach((inside, p) => {
          const kept = stored.some((b) => b.email === email && b.proposalId === String(p + 1));
          assert.equal(kept, inside, `${email}, proposal ${p + 1}: stored if and only if counted`);
        });
      });
    });

    it('takes over a close left in progress by a crashed process only once the services\' clock says it is stale', async function () {
      await voting.open(meeting, member(CHAIR), 2);
      for (const email of VOTERS.slice(0, 3)) await cast(email, all('agree'));
      const key = { kind: 'vote', pk: meetingPartition(meeting), id: 'item-2' };
      const crashedClose = async () => {
        const open = (await store.get<VoteDoc>(key))!;
        await store.replace({ ...key, data: { ...open.data, status: 'closing', closing: { token: 'crashed', by: CHAIR, since: clock.now().getTime() } } }, open.etag);
      };

      await crashedClose();
      clock.advance(29_000);
      const reads = sinon.spy(store, 'get');
      const voteReads = () => reads.getCalls().filter((c) => c.args[0].kind === 'vote').length;
      const waiting = voting.close(meeting, network, member(SECRETARY), 2);
      // The crashed close is still fresh by the clock: the second close (its claim read, then a look while it waits) waits for it.
      while (voteReads() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      reads.restore();
      const closing = (await store.get<VoteDoc>(key))!;
      assert.equal(closing.data.closing?.token, 'crashed', 'the fresh close is not taken over');
      await store.replace({ ...key, data: { ...closing.data, status: 'open', closing: undefined } }, closing.etag);
      const settled = await waiting;
      assert.equal(settled.alreadyClosed, true);
      assert.equal(settled.vote.status, 'open');

      await crashedClose();
      clock.advance(31_000);
      const taken = await voting.close(meeting, network, member(SECRETARY), 2);
      assert.equal(taken.alreadyClosed, false);
      assert.equal(taken.vote.status, 'closed');
      assert.equal(taken.vote.closedBy, SECRETARY);
      assert.deepEqual(taken.vote.result?.proposals.map((p) => p.counts.agree), [3, 3, 3]);
    });

    it('writes the vote results for the minutes as prose: consensus or not, counts where they add something, reservations and objections by name, non-voters once', async function () {
      recused.set(2, new Set([IDA]));
      await voting.open(meeting, member(CHAIR), 2);
      const OLE = 'ole.winther@example.dk';
      for (const email of VOTERS.filter((e) => ![IDA, OLE, 'maja.krogh@example.dk'].includes(e))) await cast(email, all('agree'));
      await cast(OLE, all('agree').slice(0, 2));
      await cast(SOREN, [{ proposalId: '1', choice: 'reservation', reason: 'Kun ved positiv TREC.' }]);
      await cast(CHAIR, [{ proposalId: '3', choice: 'disagree', reason: 'For bredt formuleret.' }]);
      await voting.close(meeting, network, member(CHAIR), 2);
      const [contribution] = await voteMinutes(voting)(meeting, network);
      assert.equal(contribution.itemNumber, 2);
      assert.equal(contribution.section, 'referat');
      assert.equal(contribution.order, 30);
      assert.deepEqual(contribution.paragraphs, [
        'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn). 6 var enige, 1 var enig med forbehold og ingen var uenige.',
        'Søren Ahl var enig med forbehold: Kun ved positiv TREC.',
        'Der var konsensus om forslag 2 (Tidligt debuterende eller svær autoimmunitet/immundysregulation). 7 var enige.',
        'Der blev ikke opnået konsensus om forslag 3 (Usædvanlige eller svære infektioner). 5 var enige og 1 var uenig.',
        'Anne Holm Lund var uenig: For bredt formuleret.',
        'Maja Krogh afgav ikke stemme.',
        'Ole Skov Winther afgav ikke stemme om forslag 3.',
      ]);
      assert.deepEqual(contribution.summary, [
        'Pkt. 2/2021, forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn): konsensus',
        'Pkt. 2/2021, forslag 2 (Tidligt debuterende eller svær autoimmunitet/immundysregulation): konsensus',
        'Pkt. 2/2021, forslag 3 (Usædvanlige eller svære infektioner): ikke konsensus',
      ]);
    });
  });
});
