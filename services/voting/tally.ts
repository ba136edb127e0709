import type { Network, Proposal } from '../model';
import { votingMembers } from '../networks';
import { CHOICES, type Choice } from './choices';

/** One member's current answer to one proposal; one stored document each. */
export interface Ballot {
  itemNumber: number;
  proposalId: string;
  email: string;
  choice: Choice;
  reason?: string;
  /** Changes on every write, so a close can tell which version it counted. */
  rev: string;
  castAt: string;
}

export interface Voter {
  email: string;
  name: string;
}

export interface CastVote extends Voter {
  choice: Choice;
  reason?: string;
}

export interface ProposalTally {
  proposalId: string;
  /** 1-based position in the item, as the card and the minutes number them. */
  number: number;
  title: string;
  counts: Record<Choice, number>;
  /** Votes cast by eligible members; Undlader counts as taking part. */
  participation: number;
  eligible: number;
  /** The least participation that is strictly more than quorum × eligible. */
  needed: number;
  consensus: boolean;
  /** Eligible members' votes, in roster order. */
  votes: CastVote[];
  nonVoters: Voter[];
}

export interface ItemTally {
  quorum: number;
  eligible: Voter[];
  recused: Voter[];
  /** Voting members absent with apologies when the vote was counted (not counted as eligible). */
  absent?: Voter[];
  proposals: ProposalTally[];
  /** The `rev` of every ballot counted. */
  counted: string[];
}

const NOBODY: ReadonlySet<string> = new Set();
const asVoter = (m: { email: string; name: string }): Voter => ({ email: m.email, name: m.name });

/** The smallest whole number strictly greater than share × total (rounded so 0.5 × 8 is exactly 4). */
export function neededFor(share: number, total: number): number {
  return Math.floor(Math.round(share * total * 1e9) / 1e9) + 1;
}

/**
 * The standing of an item's proposals from its stored ballots. Eligible = voting roles
 * present (not `absent` with apologies) minus the recused; ballots of anyone else are ignored. Konsensus: participation
 * strictly above quorum × eligible, and no eligible member chose Uenig.
 */
export function tally(network: Network, proposals: Proposal[], recused: ReadonlySet<string>, ballots: Ballot[], absent: ReadonlySet<string> = NOBODY): ItemTally {
  const voters = votingMembers(network);
  const eligible = voters.filter((m) => !recused.has(m.email) && !absent.has(m.email));
  const counted: string[] = [];
  // One pass over the ballots, not one per proposal: a 20-proposal item with 50 voters has 1,000.
  const byProposal = new Map<string, Map<string, Ballot>>();
  for (const b of ballots) {
    const forProposal = byProposal.get(b.proposalId) ?? new Map<string, Ballot>();
    byProposal.set(b.proposalId, forProposal.set(b.email, b));
  }
  const results = proposals.map((proposal, index): ProposalTally => {
    const byEmail = byProposal.get(proposal.id) ?? new Map<string, Ballot>();
    const counts = Object.fromEntries(CHOICES.map((c) => [c, 0])) as Record<Choice, number>;
    const votes: CastVote[] = [];
    const nonVoters: Voter[] = [];
    for (const member of eligible) {
      const ballot = byEmail.get(member.email);
      if (!ballot) {
        nonVoters.push(asVoter(member));
        continue;
      }
      counts[ballot.choice]++;
      counted.push(ballot.rev);
      // Built field by field: spreading an optional reason in made a 1,000-ballot tally six times slower.
      const vote: CastVote = { email: member.email, name: member.name, choice: ballot.choice };
      if (ballot.reason) vote.reason = ballot.reason;
      votes.push(vote);
    }
    const needed = neededFor(network.settings.quorum, eligible.length);
    return {
      proposalId: proposal.id,
      number: index + 1,
      title: proposal.title,
      counts,
      participation: votes.length,
      eligible: eligible.length,
      needed,
      consensus: votes.length >= needed && counts.disagree === 0,
      votes,
      nonVoters,
    };
  });
  return {
    quorum: network.settings.quorum,
    eligible: eligible.map(asVoter),
    recused: voters.filter((m) => recused.has(m.email)).map(asVoter),
    ...(absent.size ? { absent: voters.filter((m) => absent.has(m.email) && !recused.has(m.email)).map(asVoter) } : {}),
    proposals: results,
    counted,
  };
}

/**
 * Not an App's state: a lazily computed part of one tally, held weakly by the tally object,
 * derived from it alone and gone with it. Two Apps share an entry only if they share the tally.
 */
const missingOf = new WeakMap<ItemTally, Voter[]>();

/** Eligible members who have not yet voted on every proposal (not to be changed: one list per tally, shared by every card drawn from it). */
export function missingVoters(result: ItemTally): Voter[] {
  let voters = missingOf.get(result);
  if (!voters) {
    const missing = new Set(result.proposals.flatMap((p) => p.nonVoters.map((v) => v.email)));
    missingOf.set(result, (voters = result.eligible.filter((v) => missing.has(v.email))));
  }
  return voters;
}
