import { catalog, fmt, joinAnd } from '../i18n';
import { itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import type { Voting } from './voting';
import type { ProposalTally, Voter } from './tally';

/** The minutes are Danish whatever language the secretary's Teams speaks. */
const t = catalog('da');

/** "Anne, Søren og Karen" */
const listNames = (voters: Voter[]): string => joinAnd('da', voters.map((v) => v.name));

function proposalParagraphs(p: ProposalTally): string[] {
  const m = t.meeting.minutes;
  const result = fmt(m.result, { number: p.number, title: p.title, result: p.consensus ? m.consensus : m.noConsensus });
  const counts = fmt(m.counts, { participation: p.participation, eligible: p.eligible, ...p.counts });
  const named = p.votes.flatMap((v) => {
    if (v.choice === 'reservation') return [fmt(m.reservation, { name: v.name, reason: v.reason ?? '' })];
    if (v.choice === 'disagree') return [fmt(m.objection, { name: v.name, reason: v.reason ?? '' })];
    return [];
  });
  const missing = p.nonVoters.length ? [fmt(m.nonVoters, { names: listNames(p.nonVoters) })] : [];
  return [`${result} ${counts}`, ...named, ...missing];
}

/**
 * Vote results under each item's "Referat" (order 30: after the secretary's notes). Who was
 * recused is said once, by the habilitet source right after (order 40), with its legal basis.
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
          paragraphs: result.proposals.flatMap(proposalParagraphs),
          summary: result.proposals.map((p) =>
            fmt(t.meeting.minutes.summary, { item: label, number: p.number, title: p.title, result: p.consensus ? t.meeting.minutes.consensus : t.meeting.minutes.noConsensus }),
          ),
        },
      ];
    });
  };
}
