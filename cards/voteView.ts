/**
 * The vote card of an item. Posted once for everyone (the live tally and a button to open
 * one's own ballot); Teams refreshes it for each eligible member into their own view: their
 * current choice and reason per proposal, changeable until the close. Staff, the secretary
 * and recused members get a read-only view saying why; the chair and the secretary also
 * see who is missing, with a reminder and a close button. Closed, it shows the result.
 */
import { catalog, fmt, joinAnd } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import type { Meeting, Network } from '../services/model';
import { formatDateTime, type Lang } from '../services/time';
import { CHOICES, REASON_MAX } from '../services/voting/choices';
import { missingVoters, type CastVote, type ProposalTally, type Voter } from '../services/voting/tally';
import type { Standing, VoteState } from '../services/voting/voting';
import { meetingLine, nameOf } from './agendaView';
import { itemData, proposalFacts, shorten } from './itemView';
import { plain, renderCard, type CardJson } from './render';
import template from './vote.json';

export interface VoteCardOptions {
  /** Whose card this is; none for the card posted to everyone. */
  viewer?: { standing: Standing; leads: boolean };
  /** A confirmation or outcome of what the viewer just did. */
  notice?: string;
  /** Eligible members' Entra object ids (≤ 60): Teams refreshes the card into their own view. */
  userIds: string[];
}

/** Teams refuses cards over 28 KB; stay under it with room to spare. */
export const CARD_BUDGET_BYTES = 27 * 1024;
export const cardBytes = (card: CardJson): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** How much free text the card carries: all of it, shortened, or none (names and counts only). */
type Detail = 'full' | 'short' | 'minimal';
const SHORT_TEXT = 120;

export function voteCard(meeting: Meeting, network: Network, state: VoteState, lang: Lang, options: VoteCardOptions): CardJson {
  const full = renderCard(template, voteData(meeting, network, state, lang, options, 'full'));
  if (cardBytes(full) <= CARD_BUDGET_BYTES) return full;
  const short = renderCard(template, voteData(meeting, network, state, lang, options, 'short'));
  if (cardBytes(short) <= CARD_BUDGET_BYTES) return short;
  return renderCard(template, voteData(meeting, network, state, lang, options, 'minimal'));
}

function voteData(meeting: Meeting, network: Network, state: VoteState, lang: Lang, options: VoteCardOptions, detail: Detail) {
  const t = catalog(lang).meeting;
  const v = t.vote;
  const { vote, item, tally } = state;
  const label = itemLabel(meeting, item);
  const closed = vote.status === 'closed';
  const viewer = options.viewer;
  const kind = viewer?.standing.kind;
  const canVote = vote.status === 'open' && kind === 'voter';
  const leads = vote.status === 'open' && Boolean(viewer?.leads);
  const names = (voters: Voter[]) => joinAnd(lang, voters.map((x) => x.name));
  const reasonText = (reason: string | undefined) => (detail === 'minimal' || !reason ? '' : plain(detail === 'short' ? shorten(reason, SHORT_TEXT) : reason));
  const named = (votes: CastVote[]) => votes.map((x) => (reasonText(x.reason) ? fmt(v.named, { name: x.name, reason: reasonText(x.reason) }) : x.name));
  const missing = missingVoters(tally);

  const proposals = tally.proposals.map((p: ProposalTally) => {
    const proposal = item.proposals.find((x) => x.id === p.proposalId);
    const facts = proposal && detail !== 'minimal' ? proposalFacts(proposal, lang, detail === 'short' ? SHORT_TEXT : Infinity) : [];
    const mine = viewer ? p.votes.find((x) => x.email === viewer.standing.member.email) : undefined;
    const mineText = mine ? fmt(mine.reason ? v.yourVoteWithReason : v.yourVote, { choice: v.choices[mine.choice], reason: reasonText(mine.reason) }) : v.notVotedYet;
    const reservations = closed ? named(p.votes.filter((x) => x.choice === 'reservation')) : [];
    const objections = closed ? named(p.votes.filter((x) => x.choice === 'disagree')) : [];
    return {
      heading: fmt(t.item.proposalHeading, { number: p.number, title: p.title }),
      facts,
      hasFacts: facts.length > 0,
      result: closed ? (p.consensus ? v.consensus : v.noConsensus) : '',
      tally: fmt(v.tally, p.counts),
      participation: fmt(v.participation, { participation: p.participation, eligible: p.eligible, needed: p.needed }),
      // A voter who can no longer change their vote still sees what they chose.
      mine: kind === 'voter' && !canVote ? mineText : '',
      ballot: canVote,
      choiceId: `choice-${p.proposalId}`,
      reasonId: `reason-${p.proposalId}`,
      choiceLabel: fmt(v.choiceLabel, { number: p.number }),
      reasonLabel: fmt(v.reasonLabel, { number: p.number, max: REASON_MAX }),
      choice: mine?.choice ?? '',
      reason: mine?.reason ?? '',
      reservations,
      hasReservations: reservations.length > 0,
      objections,
      hasObjections: objections.length > 0,
      nonVoters: closed && p.nonVoters.length ? fmt(v.nonVoters, { names: names(p.nonVoters) }) : '',
    };
  });

  const readOnly =
    kind === 'nonVoter' && viewer
      ? fmt(v.readOnlyStaff, { role: catalog(lang).common.roles[viewer.standing.member.role] })
      : kind === 'recused'
        ? fmt(v.readOnlyRecused, { item: label })
        : '';
  return {
    t,
    heading: fmt(v.heading, { item: label, title: item.title }),
    meetingLine: meetingLine(meeting, lang),
    status: closed
      ? fmt(v.statusClosed, { at: formatDateTime(new Date(vote.closedAt ?? vote.openedAt), lang), name: nameOf(network, vote.closedBy ?? '') })
      : fmt(v.statusOpen, { voted: tally.eligible.length - missing.length, eligible: tally.eligible.length }),
    notice: options.notice ?? '',
    readOnly,
    proposals,
    choices: CHOICES.map((c) => ({ title: v.choices[c], value: c })),
    reasonMax: REASON_MAX,
    recused: tally.recused.length ? fmt(v.recused, { names: names(tally.recused) }) : '',
    missing: leads ? (missing.length ? fmt(v.missing, { count: missing.length, names: names(missing) }) : v.allVoted) : '',
    shortened: detail === 'full' ? '' : v.shortened,
    canVote,
    remindTitle: leads && missing.length ? fmt(v.remind, { count: missing.length }) : '',
    canClose: leads,
    viewTitle: viewer ? v.refresh : v.view,
    data: itemData(meeting, item),
    userIds: options.userIds,
  };
}
