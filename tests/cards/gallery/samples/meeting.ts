import type { ItemNotes } from '../../../../services/agenda/agenda';
import { canVote, type AgendaItem, type Member, type Meeting, type Network } from '../../../../services/model';
import type { Choice } from '../../../../services/voting/choices';
import { tally, type Ballot } from '../../../../services/voting/tally';
import type { VoteState } from '../../../../services/voting/voting';
import { teamsUserIdOf, byRole, inBothLanguages, votersOf, type Fixture, type SampleSet } from '../gallery';
import type { VoteCardOptions } from '../../../../cards/voteView';

const REASONS = [
  'Enig i indikationen, men kriteriet bør præciseres, så det også omfatter børn med tidlig debut uden familiehistorie.',
  'Estimatet for antal sekventeringer pr. år virker højt; jeg foreslår at revidere det efter første års erfaringer.',
  'Diagnostisk udbytte er usikkert for denne gruppe, og vi mangler danske data. Bør evalueres efter et år.',
];

/** An agenda item by number; throws if the fixture lacks it. */
export function itemOf(meeting: Meeting, number: number): AgendaItem {
  const item = meeting.agenda.find((i) => i.number === number);
  if (!item) throw new Error(`no item ${number} in ${meeting.id}`);
  return item;
}

export interface BallotPlan {
  email: string;
  choice: Choice;
  reason?: string;
  /** Proposal ids to vote on; all of the item's when left out. */
  proposals?: string[];
}

/** A vote's state built from given ballots and recusals, open or closed, without a store. */
export function voteState(fixture: Fixture, itemNumber: number, plans: BallotPlan[], options: { recused?: string[]; closed?: boolean } = {}): VoteState {
  const { network, meeting } = fixture;
  const item = itemOf(meeting, itemNumber);
  const ballots: Ballot[] = plans.flatMap((plan) =>
    (plan.proposals ?? item.proposals.map((p) => p.id)).map((proposalId) => ({
      itemNumber,
      proposalId,
      email: plan.email,
      choice: plan.choice,
      rev: `${plan.email}|${proposalId}`,
      castAt: meeting.start,
      ...(plan.reason ? { reason: plan.reason } : {}),
    })),
  );
  const result = tally(network, item.proposals, new Set(options.recused ?? []), ballots);
  const opened = { networkId: network.id, meetingId: meeting.id, itemNumber, openedBy: meeting.chair, openedAt: meeting.start };
  const vote = options.closed ? { ...opened, status: 'closed' as const, closedBy: meeting.chair, closedAt: meeting.end, result } : { ...opened, status: 'open' as const };
  return { vote, item, tally: result };
}

/** Realistic voting on every proposal: most agree, a few reservations and objections with reasons, one missing. */
export function realisticPlans(fixture: Fixture): BallotPlan[] {
  const voters = votersOf(fixture);
  return voters.slice(0, -1).map((m, i) => {
    if (i % 5 === 1) return { email: m.email, choice: 'reservation', reason: REASONS[i % REASONS.length] };
    if (i === 3) return { email: m.email, choice: 'disagree', reason: REASONS[2] };
    if (i === 4) return { email: m.email, choice: 'abstain' };
    return { email: m.email, choice: 'agree' };
  });
}

const userIds = (network: Network, emails: string[]) => emails.filter((e) => network.members.some((m) => m.email === e)).map(teamsUserIdOf);
const viewerOf = (state: VoteState, member: Member): VoteCardOptions['viewer'] => ({
  standing: { kind: !canVote(member.role) ? 'nonVoter' : state.tally.recused.some((v) => v.email === member.email) ? 'recused' : 'voter', member },
  leads: member.role === 'chair' || member.role === 'secretary',
});

/**
 * The agenda (before the meeting, and at item 2), item cards (as members and as the chair
 * or secretary see them, with notes and a task), and the vote card in each state: posted,
 * a member's ballot, read-only for staff and for the recused, the chair's view with who is
 * missing, closed — for the example meeting and for 10 proposals × 15 members.
 */
export const samples: SampleSet = ({ cards, example, large }) => {
  const chair = byRole(example, 'chair');
  const secretary = byRole(example, 'secretary');
  const staff = byRole(example, 'staff');
  const soren = votersOf(example)[2];
  const recused = votersOf(example)[6];
  const leaders = (f: Fixture) => userIds(f.network, [f.meeting.chair, f.meeting.secretary]);
  const eligible = (f: Fixture, state: VoteState) => userIds(f.network, state.tally.eligible.map((v) => v.email));

  const notes: ItemNotes = {
    itemNumber: 2,
    text: 'Specialistnetværket drøftede forslagene til indikationer. Der var enighed om SCID og svær autoimmunitet.\n\nFormanden reviderer kriterierne for infektioner til næste møde.',
    savedBy: secretary.email,
    savedAt: '2021-06-02T12:05:00Z',
  };
  const item2 = itemOf(example.meeting, 2);
  const bigItem = itemOf(large.meeting, 3);

  const plans = realisticPlans(example).filter((p) => p.email !== recused.email);
  const open = voteState(example, 2, plans.slice(0, 5), { recused: [recused.email] });
  const closed = voteState(example, 2, plans, { recused: [recused.email], closed: true });
  const bigPlans = realisticPlans(large);
  const bigOpen = voteState(large, 3, bigPlans.slice(0, 8));
  const bigClosed = voteState(large, 3, bigPlans, { closed: true });
  const bigChair = byRole(large, 'chair');

  const vote = (f: Fixture, state: VoteState, viewer?: Member, notice?: string) => (lang: 'da' | 'en') =>
    cards.vote(f.meeting, f.network, state, lang, { viewer: viewer && viewerOf(state, viewer), notice, userIds: eligible(f, state) });

  return [
    ...inBothLanguages('agenda', 'before', (lang) => cards.agenda(example.meeting, example.network, undefined, lang)),
    ...inBothLanguages('agenda', 'at-item-2', (lang) => cards.agenda(example.meeting, example.network, item2, lang)),
    ...inBothLanguages('agenda', 'largest', (lang) => cards.agenda(large.meeting, large.network, itemOf(large.meeting, 3), lang)),
    ...inBothLanguages('item', 'member', (lang) => cards.item(example.meeting, example.network, item2, lang, { editor: false, notes, voteOpened: false, userIds: leaders(example) })),
    ...inBothLanguages('item', 'secretary', (lang) => cards.item(example.meeting, example.network, item2, lang, { editor: true, notes, voteOpened: false, userIds: leaders(example) })),
    ...inBothLanguages('item', 'task', (lang) => cards.item(example.meeting, example.network, itemOf(example.meeting, 3), lang, { editor: true, voteOpened: false, userIds: leaders(example) })),
    ...inBothLanguages('item', 'largest', (lang) => cards.item(large.meeting, large.network, bigItem, lang, { editor: true, notes: { ...notes, itemNumber: 3, text: notes.text.repeat(8) }, voteOpened: true, userIds: leaders(large) })),
    ...inBothLanguages('vote', 'posted', vote(example, open)),
    ...inBothLanguages('vote', 'ballot', vote(example, open, soren)),
    ...inBothLanguages('vote', 'staff', vote(example, open, staff)),
    ...inBothLanguages('vote', 'recused', vote(example, open, recused)),
    ...inBothLanguages('vote', 'chair', vote(example, open, chair)),
    ...inBothLanguages('vote', 'closed', vote(example, closed)),
    ...inBothLanguages('vote', 'closed-ballot', vote(example, closed, soren)),
    ...inBothLanguages('vote', 'largest-chair', vote(large, bigOpen, bigChair)),
    ...inBothLanguages('vote', 'largest-closed', vote(large, bigClosed, bigChair)),
  ];
};
