import { catalog, fmt, joinAnd } from '../i18n';
import { itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import type { Voting } from './voting';
import type { ProposalTally, Voter } from './tally';

/** The minutes are Danish whatever language the secretary's Teams speaks. */
const t = catalog('da');
const m = t.meeting.minutes;

/** "9 var enige", "1 var enig med forbehold": the count inflected. */
const counted = (forms: { one: string; many: string }, count: number) => fmt(count === 1 ? forms.one : forms.many, { count });

/**
 * The decision on one proposal as prose: consensus or not, then the counts only when the vote was
 * not unanimous, then each reservation and disagreement by name with its reason.
 */
function proposalParagraphs(p: ProposalTally): string[] {
  const { agree, reservation, disagree, abstain } = p.counts;
  const short = !p.consensus && p.participation < p.needed;
  const decision = fmt(p.consensus ? m.consensus : short ? m.noQuorum : m.noConsensus, { number: p.number, title: p.title, participation: p.participation, eligible: p.eligible });
  const unanimous = agree === p.eligible && p.participation === p.eligible;
  const parts = [
    ...(agree ? [counted(m.agree, agree)] : []),
    ...(reservation ? [counted(m.reservation, reservation)] : []),
    ...(disagree ? [counted(m.disagree, disagree)] : []),
    ...(abstain ? [counted(m.abstain, abstain)] : []),
    ...(!disagree && (reservation || abstain) ? [m.noneDisagreed] : []),
  ];
  const counts = unanimous || !parts.length ? [] : [fmt(m.counts, { parts: joinAnd('da', parts) })];
  const named = p.votes.flatMap((v) => {
    if (v.choice === 'reservation') return [fmt(m.reservationBy, { name: v.name, reason: v.reason ?? '' })];
    if (v.choice === 'disagree') return [fmt(m.objectionBy, { name: v.name, reason: v.reason ?? '' })];
    return [];
  });
  return [[decision, ...counts].join(' '), ...named];
}

/** Who did not vote, once for the item: "Maja Krogh afgav ikke stemme." (or on which proposals, if only some). */
function nonVoterParagraphs(proposals: ProposalTally[]): string[] {
  const missed = new Map<string, { voter: Voter; numbers: number[] }>();
  for (const p of proposals) {
    for (const voter of p.nonVoters) {
      const entry = missed.get(voter.email) ?? { voter, numbers: [] };
      entry.numbers.push(p.number);
      missed.set(voter.email, entry);
    }
  }
  const byPhrase = new Map<string, string[]>();
  for (const { voter, numbers } of missed.values()) {
    const phrase = numbers.length === proposals.length ? '' : joinAnd('da', numbers.map(String));
    byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), voter.name]);
  }
  return [...byPhrase].map(([numbers, names]) => fmt(numbers ? m.nonVotersOn : m.nonVoters, { names: joinAnd('da', names), numbers }));
}

/**
 * Vote results under each item's "Referat" (order 30: after the recusals and the secretary's
 * notes, before the agreements on tasks).
 */
export function voteMinutes(voting: Voting): MinutesSource {
  return async (meeting) => {
    const votes = await voting.closedVotes(meeting);
    return votes.flatMap((vote): MinutesContribution[] => {
      const item = meeting.agenda.find((i) => i.number === vote.itemNumber);
      const result = vote.result;
      if (!item || !result) return [];
      const label = itemLabel(meeting, item);
      return [
        {
          itemNumber: vote.itemNumber,
          section: 'referat',
          order: 30,
          paragraphs: [...result.proposals.flatMap(proposalParagraphs), ...nonVoterParagraphs(result.proposals)],
          summary: result.proposals.map((p) => fmt(m.summary, { item: label, number: p.number, title: p.title, result: p.consensus ? m.summaryConsensus : m.summaryNoConsensus })),
        },
      ];
    });
  };
}
