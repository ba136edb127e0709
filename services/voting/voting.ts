import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { requireLeading } from '../agenda/leading';
import { requireItem } from '../agenda/schedule';
import type { Clock } from '../clock';
import { deepFreeze } from '../deepFreeze';
import { DomainError } from '../errors';
import type { ConversationReference } from '../identity';
import { itemLabel, meetingPartition, type MeetingRef } from '../meetings';
import { canVote, memberLogId, type AgendaItem, type Meeting, type Member, type Network } from '../model';
import { findMember } from '../networks';
import type { Recusals } from '../recusal';
import { SharedReads } from '../sharedReads';
import { updateDoc, type DocKey, type PartitionSelector, type Store, type StoredDoc } from '../store/store';
import type { Lang } from '../time';
import { isChoice, needsReason, REASON_MAX, type Choice } from './choices';
import { missingVoters, tally, type Ballot, type ItemTally, type Voter } from './tally';

export interface VoteDoc {
  networkId: string;
  meetingId: string;
  itemNumber: number;
  /** `closing` while a close counts the ballots; late ballots wait for it to finish. */
  status: 'open' | 'closing' | 'closed';
  openedBy: string;
  openedAt: string;
  /** Who is closing, and since when (ms on the services' clock), so a crashed close can be taken over. */
  closing?: { token: string; by: string; since: number };
  closedBy?: string;
  closedAt?: string;
  /** The result, written once by the close; the minutes and the closed card read it. */
  result?: ItemTally;
  /** Where the vote card was posted, so closing can replace it for everyone. */
  post?: { reference: ConversationReference; activityId: string };
  /** The voting members' Teams user ids as known when the vote opened: Teams refreshes the card for the eligible among them. */
  refreshIds?: Record<string, string>;
  /** What a click needs of the network and the meeting, as they were when the vote opened (see `VoteFrame`). */
  frame?: VoteFrame;
}

/**
 * The network and the meeting as a vote opened, kept with it so a click reads the vote alone.
 * The meeting holds this item only: its proposals are fixed once its vote opens. The roster
 * decides who votes here as a click is taken; a member who is not on it is looked up on the
 * network's roster itself, and the close counts by the roster as it is then. `langs`: the
 * members' own choice of language, where they made one.
 */
export interface VoteFrame {
  network: Network;
  meeting: Meeting;
  langs: Record<string, Lang>;
}

/** What opening a vote learns of the network's members: their Teams user ids and their own languages. */
export interface VoterContacts {
  refreshIds: Record<string, string>;
  langs: Record<string, Lang>;
}

/** A vote as one member sees it, from one read of the meeting's partition and the vote's frame. */
export interface SeenVote {
  network: Network;
  meeting: Meeting;
  member: Member;
  /** The member's own language, if they chose one. */
  lang?: Lang;
  state: VoteState;
  /** Where the vote card was posted, if it was. */
  post?: VoteDoc['post'];
  /** The read the state is counted from: a ballot is written against it. */
  read: VoteRead;
}

/** A vote and its standing: live from the ballots while open, the stored snapshot once closed. */
export interface VoteState {
  vote: VoteDoc;
  item: AgendaItem;
  tally: ItemTally;
}

/** Where a member stands on an item's vote. */
export type Standing = { kind: 'voter' | 'nonVoter' | 'recused'; member: Member };

/** One answer as the card submitted it; checked before anything is stored. */
export interface CastInput {
  proposalId: string;
  choice: string;
  reason?: string;
}

/** Shared by every caller of one read: not to be changed. A closed vote is read with its stored result, an open one with what it is counted from. */
export type VoteRead = { vote: VoteDoc; result: ItemTally } | OpenVoteRead;
type OpenVoteRead = { vote: VoteDoc; recused: ReadonlySet<string>; absent: ReadonlySet<string>; ballots: StoredDoc<Ballot>[] };

interface Written {
  key: DocKey;
  proposalId: string;
  rev: string;
  previous?: Ballot;
  stored: StoredDoc<Ballot>;
}

/** Vote documents kept as last read: more than the votes open at once in every meeting running now. */
const VOTES_KEPT = 100;
/** How long a close may hold the vote in `closing` before another close may take over. */
const CLOSING_STALE_MS = 30_000;
/**
 * How often, and how far apart, a ballot that met a close in progress looks again for its
 * outcome (about ten seconds in all). Counted in looks rather than read off a clock: this waits
 * on another process's work, not on meeting time, and a clock that stands still must not hang it.
 */
const SETTLE_LOOKS = 500;
const SETTLE_PAUSE_MS = 20;

const voteKey = (meeting: MeetingRef, itemNumber: number): DocKey => ({ kind: 'vote', pk: meetingPartition(meeting), id: `item-${itemNumber}` });
const ballotKey = (meeting: MeetingRef, itemNumber: number, proposalId: string, email: string): DocKey => ({
  kind: 'ballot',
  pk: meetingPartition(meeting),
  id: `${itemNumber}|${proposalId}|${email}`,
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Consensus voting on an item's proposals. Each ballot is its own document (one per
 * meeting, item, proposal and member), so members voting at once never overwrite each
 * other; tallies are derived from the stored ballots. Closing marks the vote `closing`,
 * counts, then writes the result once: a ballot that races the close checks the vote
 * again after writing and is either in the result or taken back and refused.
 */
export class Voting {
  /** The vote documents last read, by partition and id, at most VOTES_KEPT (see `sameAsKept`). */
  private readonly kept = new Map<string, StoredDoc<VoteDoc>>();
  /** Clicks at once share reads; resting after one pays only where reading takes this thread's time (see SharedReads). */
  private readonly reads: SharedReads;
  /** Per shared read of an open vote, its tally: the clicks sharing a read share the count too. */
  private readonly tallies = new WeakMap<OpenVoteRead, { network: Network; item: AgendaItem; tally: ItemTally }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly recusals: Recusals,
    /** Who is not at a meeting (apologies, or gone from its Teams meeting by `at`): not counted as eligible while absent. */
    private readonly absences: Absences = NO_ABSENCES,
  ) {
    this.reads = new SharedReads({ rest: store.kind === 'embedded' });
  }

  async get(meeting: MeetingRef, itemNumber: number): Promise<VoteDoc | undefined> {
    return (await this.store.get<VoteDoc>(voteKey(meeting, itemNumber)))?.data;
  }

  /**
   * Opens voting on the item's proposals; opening an open (or closed) vote again changes nothing.
   * `voters`: the network with its members' Teams user ids and languages, asked once, when the
   * vote opens, and kept with it (`frame`) so a ballot click need not read them.
   */
  async open(
    meeting: Meeting,
    by: Member,
    itemNumber: number,
    voters?: () => Promise<{ network: Network } & VoterContacts>,
  ): Promise<{ vote: VoteDoc; opened: boolean }> {
    requireLeading(by);
    const item = requireItem(meeting, itemNumber);
    if (!item.proposals.length) throw new DomainError('meeting.vote.noProposals', { item: itemLabel(meeting, item) }, `item ${itemNumber} has no proposals`);
    const key = voteKey(meeting, itemNumber);
    const existing = await this.store.get<VoteDoc>(key);
    if (existing) return { vote: existing.data, opened: false };
    const known = voters && (await voters());
    let opened = false;
    const stored = await updateDoc<VoteDoc>(
      this.store,
      key,
      (current) => {
        opened = !current;
        if (current) return undefined;
        const at = this.clock.now().toISOString();
        const vote: VoteDoc = { networkId: meeting.networkId, meetingId: meeting.id, itemNumber, status: 'open', openedBy: by.email, openedAt: at, refreshIds: known?.refreshIds ?? {} };
        if (known) vote.frame = frameOf(known, { ...meeting, agenda: [item] });
        return { data: vote };
      },
      null,
    );
    return { vote: (stored as { data: VoteDoc }).data, opened };
  }

  /**
   * The vote's frame as the network and its members' languages are now (`voters`, read after the
   * vote on every attempt: of a roster change and a vote written at once, the later write saw
   * the change). The item stays as it opened. A vote closed or without a frame is left alone.
   */
  async reframe(meeting: MeetingRef, itemNumber: number, voters: () => Promise<{ network: Network } & VoterContacts>): Promise<void> {
    await updateDoc<VoteDoc>(this.store, voteKey(meeting, itemNumber), async (current) => {
      if (!current?.frame || current.status === 'closed') return undefined;
      const now = await voters();
      const frame = frameOf(now, current.frame.meeting);
      if (isDeepStrictEqual(frame, current.frame) && isDeepStrictEqual(now.refreshIds, current.refreshIds)) return undefined;
      return { data: { ...current, frame, refreshIds: now.refreshIds } };
    });
  }

  /**
   * The vote on an item with its standing, or undefined if voting was never opened. Every
   * ballot click refreshes its card from all of the item's ballots, so clicks at once share
   * one read of them, made after each asked: each still sees its own ballot.
   */
  async state(meeting: Meeting, network: Network, itemNumber: number): Promise<VoteState | undefined> {
    const item = requireItem(meeting, itemNumber);
    const read = await this.sharedRead(meeting, itemNumber, network);
    if (!read) return undefined;
    return { vote: read.vote, item, tally: 'result' in read ? read.result : this.tallyOf(read, network, item) };
  }

  private sharedRead(meeting: MeetingRef, itemNumber: number, network: Network): Promise<VoteRead | undefined> {
    return this.reads.read(`${meetingPartition(meeting)}|${itemNumber}|${network.id}`, () => this.readVote(meeting, itemNumber, network));
  }

  /** The read counted for this roster and item, once per read (network and meeting are the store's shared objects while unchanged). */
  private tallyOf(read: OpenVoteRead, network: Network, item: AgendaItem): ItemTally {
    const known = this.tallies.get(read);
    if (known?.network === network && known.item === item) return known.tally;
    const ballots = read.ballots.map((d) => d.data);
    const counted = tally(network, item.proposals, read.recused, ballots, withoutVoters(read.absent, ballots));
    this.tallies.set(read, { network, item, tally: counted });
    return counted;
  }

  /**
   * What a vote's standing is counted from, in one read of the meeting's partition: its stored
   * result once closed, else the recusals, the absences and the item's ballots. `network`: the
   * roster absences are counted against; else the vote's frame's. Only a vote's own reader
   * (`seenBy`) comes without one, and it has no use for a vote opened without a frame.
   */
  private async readVote(meeting: MeetingRef, itemNumber: number, network?: Network): Promise<VoteRead | undefined> {
    const key = voteKey(meeting, itemNumber);
    const selectors: PartitionSelector[] = [{ kind: key.kind, id: key.id }, { kind: 'ballot', idPrefix: `${itemNumber}|` }, ...this.recusals.recusalDocs, ...this.absences.absenceDocs];
    const docs = await this.store.readPartition(key.pk, selectors);
    const stored = this.sameAsKept(docs.find((d) => d.kind === key.kind && d.id === key.id) as StoredDoc<VoteDoc> | undefined);
    if (!stored) return undefined;
    const vote = stored.data;
    if (vote.status === 'closed' && vote.result) return { vote, result: vote.result };
    const roster = network ?? vote.frame?.network;
    if (!roster) return undefined;
    const ballots = (docs.filter((d) => d.kind === 'ballot') as StoredDoc<Ballot>[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { vote, recused: this.recusals.recusedIn(docs, itemNumber), absent: this.absences.absentIn(docs, roster, this.clock.now()), ballots };
  }

  /**
   * The vote document as last read, if this read found it unchanged (the same etag): its frame's
   * item and proposals are then the same objects click after click, so what the vote card keeps
   * per proposal is found again, as it is on the embedded store, whose reads share objects.
   */
  private sameAsKept(read: StoredDoc<VoteDoc> | undefined): StoredDoc<VoteDoc> | undefined {
    if (!read) return undefined;
    const id = `${read.pk}|${read.id}`;
    const kept = this.kept.get(id);
    if (kept?.etag === read.etag) return kept;
    this.kept.delete(id);
    if (this.kept.size >= VOTES_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(id, deepFreeze(read));
    return read;
  }

  /**
   * The vote as `email` sees it, from one read of the meeting's partition, with the network and
   * meeting of its frame. Undefined when that cannot tell: no vote, a vote opened without a
   * frame, or a member its roster does not list (the caller then reads the network's own).
   */
  async seenBy(meeting: MeetingRef, itemNumber: number, email: string): Promise<SeenVote | undefined> {
    // Clicks at once share the read, as `state` does: each still sees its own ballot.
    const read = await this.reads.read(`${meetingPartition(meeting)}|${itemNumber}|frame`, () => this.readVote(meeting, itemNumber));
    const frame = read?.vote.frame;
    const member = frame && findMember(frame.network, email);
    if (!read || !frame || !member) return undefined;
    const item = requireItem(frame.meeting, itemNumber);
    const tallied = 'result' in read ? read.result : this.tallyOf(read, frame.network, item);
    return { network: frame.network, meeting: frame.meeting, member, lang: frame.langs[member.email], state: { vote: read.vote, item, tally: tallied }, post: read.vote.post, read };
  }

  /** Whether the member votes on this item, or why not. */
  async standing(meeting: Meeting, member: Member, itemNumber: number): Promise<Standing> {
    if (!canVote(member.role)) return { kind: 'nonVoter', member };
    const recused = await this.recusals.recusedOn(meeting, itemNumber);
    return { kind: recused.has(member.email) ? 'recused' : 'voter', member };
  }

  /**
   * Records a member's answers to some of the item's proposals (all or nothing): the
   * latest answer before the close counts; the same answer again changes nothing.
   * Returns how many answers changed, and the vote's standing with them. The voter's role is
   * read from the network's roster. The vote, the recusals and the item's ballots are read
   * once: the member's own ballots among them are written against the versions read.
   */
  async cast(meeting: Meeting, network: Network, voter: Member, itemNumber: number, inputs: CastInput[]): Promise<{ changed: number; state: VoteState }> {
    const item = requireItem(meeting, itemNumber);
    const { email } = voter;
    const member = findMember(network, email);
    if (!member) throw new DomainError('common.notOnNetwork', {}, `${memberLogId(email)} is not on the roster of ${network.id}`);
    const read = await this.sharedRead(meeting, itemNumber, network);
    if (!read) throw new DomainError('meeting.vote.notOpen', { item: itemLabel(meeting, item) }, `no vote on item ${itemNumber}`);
    return this.castOn(read, meeting, network, member, itemNumber, inputs);
  }

  /** The same for a vote as its member saw it (`seenBy`): written against that read. */
  castSeen(seen: SeenVote, inputs: CastInput[]): Promise<{ changed: number; state: VoteState }> {
    return this.castOn(seen.read, seen.meeting, seen.network, seen.member, seen.state.item.number, inputs);
  }

  private async castOn(read: VoteRead, meeting: Meeting, network: Network, member: Member, itemNumber: number, inputs: CastInput[]): Promise<{ changed: number; state: VoteState }> {
    const item = requireItem(meeting, itemNumber);
    const label = itemLabel(meeting, item);
    const { email } = member;
    if ('result' in read || read.vote.status !== 'open') throw new DomainError('meeting.vote.closed', { item: label }, `vote on item ${itemNumber} is ${read.vote.status}`);
    if (!canVote(member.role)) throw new DomainError('meeting.vote.notVoter', {}, `${memberLogId(email)} (${member.role}) may not vote`);
    if (read.recused.has(member.email)) throw new DomainError('meeting.vote.recusedRefusal', { item: label }, `${memberLogId(email)} is recused from item ${itemNumber}`);
    const answers = checkAnswers(meeting, item, inputs);
    const own = new Map(read.ballots.filter((d) => d.data.email === member.email).map((d) => [d.data.proposalId, d]));
    const written = (await Promise.all(answers.map((answer) => this.writeBallot(meeting, itemNumber, member.email, answer, own.get(answer.proposalId) ?? null)))).filter(
      (w): w is Written => w !== undefined,
    );
    const vote = written.length ? await this.settle(meeting, itemNumber, written) : read.vote;
    if (vote.status === 'closed' && vote.result) return { changed: written.length, state: { vote, item, tally: vote.result } };
    // The standing as read, with the member's own ballots as they now stand.
    const mine = new Map(written.map((w) => [w.key.id, w.stored.data]));
    const ballots = [...read.ballots.filter((d) => !mine.has(d.id)).map((d) => d.data), ...mine.values()];
    return { changed: written.length, state: { vote, item, tally: tally(network, item.proposals, read.recused, ballots, withoutVoters(read.absent, ballots)) } };
  }

  /** Writes one answer against the version of the ballot the caller read (null: none). */
  private async writeBallot(meeting: MeetingRef, itemNumber: number, email: string, answer: Answer, known: StoredDoc<Ballot> | null): Promise<Written | undefined> {
    const key = ballotKey(meeting, itemNumber, answer.proposalId, email);
    let rev: string | undefined;
    let previous: Ballot | undefined;
    const stored = await updateDoc<Ballot>(
      this.store,
      key,
      (current) => {
        rev = undefined;
        if (current && current.choice === answer.choice && (current.reason ?? '') === (answer.reason ?? '')) return undefined;
        previous = current;
        rev = randomUUID();
        const ballot: Ballot = { itemNumber, proposalId: answer.proposalId, email, choice: answer.choice, rev, castAt: this.clock.now().toISOString() };
        return { data: answer.reason ? { ...ballot, reason: answer.reason } : ballot };
      },
      known,
    );
    return rev && stored?.data.rev === rev ? { key, proposalId: answer.proposalId, rev, previous, stored } : undefined;
  }

  /**
   * After writing: if the vote is still open, any later close lists the ballot, so it
   * counts. If a close got in between, wait for its result: ballots it counted stand,
   * the others are taken back and the member is told the vote had closed.
   */
  private async settle(meeting: Meeting, itemNumber: number, written: Written[]): Promise<VoteDoc> {
    const vote = await this.settled(meeting, itemNumber);
    if (vote.status === 'open') return vote;
    const counted = new Set(vote.result?.counted ?? []);
    const lost = written.filter((w) => !counted.has(w.rev));
    if (!lost.length) return vote;
    await Promise.all(lost.map((w) => this.takeBack(w)));
    const item = requireItem(meeting, itemNumber);
    const numbers = (ws: Written[]) => ws.map((w) => item.proposals.findIndex((p) => p.id === w.proposalId) + 1).sort((a, b) => a - b).join(', ');
    const label = itemLabel(meeting, item);
    const kept = written.filter((w) => counted.has(w.rev));
    // Each ballot is whole on one side of the close; when a submission straddles it, say which side each is on.
    if (kept.length) throw new DomainError('meeting.vote.closedDuring', { item: label, counted: numbers(kept), refused: numbers(lost) }, `close of item ${itemNumber} split a submission`);
    throw new DomainError('meeting.vote.closed', { item: label }, `ballot arrived after the close of item ${itemNumber}`);
  }

  /** The vote once no close is in progress (open or closed). */
  private async settled(meeting: MeetingRef, itemNumber: number): Promise<VoteDoc> {
    for (let look = 1; ; look++) {
      const vote = await this.get(meeting, itemNumber);
      if (!vote) throw new Error(`vote on item ${itemNumber} of ${meetingPartition(meeting)} disappeared`);
      if (vote.status !== 'closing') return vote;
      if (look >= SETTLE_LOOKS) throw new DomainError('meeting.vote.busy', {}, `vote on item ${itemNumber} of ${meetingPartition(meeting)} stayed closing`);
      await pause(SETTLE_PAUSE_MS);
    }
  }

  private async takeBack(w: Written): Promise<void> {
    const current = await this.store.get<Ballot>(w.key);
    if (current?.data.rev !== w.rev) return; // a later answer owns the document now, and settles itself
    if (w.previous) await this.store.replace({ ...w.key, data: w.previous }, current.etag);
    else await this.store.delete(w.key);
  }

  /**
   * Closes the vote and stores the result once. Closing a closed vote returns it as it
   * is (`alreadyClosed`); two closes at once produce one result.
   */
  async close(meeting: Meeting, network: Network, by: Member, itemNumber: number): Promise<{ vote: VoteDoc; alreadyClosed: boolean }> {
    requireLeading(by);
    const item = requireItem(meeting, itemNumber);
    const key = voteKey(meeting, itemNumber);
    const token = randomUUID();
    const now = this.clock.now().getTime();
    const claimed = await updateDoc<VoteDoc>(this.store, key, (current) => {
      if (!current) throw new DomainError('meeting.vote.notOpen', { item: itemLabel(meeting, item) }, `no vote on item ${itemNumber}`);
      if (current.status === 'closed') return undefined;
      if (current.status === 'closing' && current.closing && now - current.closing.since < CLOSING_STALE_MS) return undefined;
      return { data: { ...current, status: 'closing', closing: { token, by: by.email, since: now } } };
    });
    if (claimed?.data.closing?.token !== token) return { vote: await this.settled(meeting, itemNumber), alreadyClosed: true };

    const read = (await this.readVote(meeting, itemNumber, network)) as OpenVoteRead;
    const counted = read.ballots.map((d) => d.data);
    const result = tally(network, item.proposals, read.recused, counted, withoutVoters(read.absent, counted));
    let finished = false;
    const closed = await updateDoc<VoteDoc>(this.store, key, (current) => {
      finished = current?.status === 'closing' && current.closing?.token === token;
      if (!current || !finished) return undefined; // another close took over meanwhile
      const done: VoteDoc = { ...current, status: 'closed', closedBy: by.email, closedAt: this.clock.now().toISOString(), result };
      delete done.closing;
      return { data: done };
    });
    if (!finished || !closed) return { vote: await this.settled(meeting, itemNumber), alreadyClosed: true };
    return { vote: closed.data, alreadyClosed: false };
  }

  /** Eligible members who have not voted on every proposal; for the chair's one-click reminder. */
  async missing(meeting: Meeting, network: Network, by: Member, itemNumber: number): Promise<Voter[]> {
    requireLeading(by);
    const state = await this.state(meeting, network, itemNumber);
    const label = itemLabel(meeting, requireItem(meeting, itemNumber));
    if (!state) throw new DomainError('meeting.vote.notOpen', { item: label });
    if (state.vote.status !== 'open') throw new DomainError('meeting.vote.alreadyClosed', { item: label });
    return missingVoters(state.tally);
  }

  /** Remembers where the vote card was posted. */
  async rememberPost(meeting: MeetingRef, itemNumber: number, post: NonNullable<VoteDoc['post']>): Promise<void> {
    await updateDoc<VoteDoc>(this.store, voteKey(meeting, itemNumber), (current) => (current ? { data: { ...current, post } } : undefined));
  }

  /** The meeting's closed votes, by item number. */
  async closedVotes(meeting: MeetingRef): Promise<VoteDoc[]> {
    return (await this.votes(meeting)).filter((v) => v.status === 'closed' && v.result);
  }

  /** The meeting's votes not closed yet, by item number. */
  async openVotes(meeting: MeetingRef): Promise<VoteDoc[]> {
    return (await this.votes(meeting)).filter((v) => v.status !== 'closed');
  }

  private async votes(meeting: MeetingRef): Promise<VoteDoc[]> {
    const docs = await this.store.list<VoteDoc>('vote', meetingPartition(meeting));
    return docs.map((d) => d.data).sort((a, b) => a.itemNumber - b.itemNumber);
  }
}

interface Answer {
  proposalId: string;
  choice: Choice;
  reason?: string;
}

/** Every answer checked before any is stored: known proposal, known choice, reason where needed. */
function checkAnswers(meeting: Meeting, item: AgendaItem, inputs: CastInput[]): Answer[] {
  // One answer per proposal: the last one given wins.
  const unique = [...new Map(inputs.map((input) => [input.proposalId, input])).values()];
  if (!unique.length) throw new DomainError('meeting.vote.noChoice');
  return unique.map((input) => {
    const index = item.proposals.findIndex((p) => p.id === input.proposalId);
    if (index < 0) throw new DomainError('meeting.vote.unknownProposal', { item: itemLabel(meeting, item), id: input.proposalId });
    if (!isChoice(input.choice)) throw new DomainError('common.staleCard', {}, `unknown choice "${input.choice}"`);
    const proposal = { number: index + 1, title: item.proposals[index].title };
    const reason = input.reason?.replace(/\r\n/g, '\n').trim() ?? '';
    if (!needsReason(input.choice)) return { proposalId: input.proposalId, choice: input.choice };
    if (!reason) throw new DomainError('meeting.vote.reasonRequired', proposal);
    if (reason.length > REASON_MAX) throw new DomainError('meeting.vote.reasonTooLong', { ...proposal, max: REASON_MAX, length: reason.length });
    return { proposalId: input.proposalId, choice: input.choice, reason };
  });
}

/** Who is absent from a meeting, for a vote: from its own documents, read with the vote's in one read. */
export interface Absences {
  /** The documents of the meeting's partition `absentIn` counts from. */
  readonly absenceDocs: readonly PartitionSelector[];
  /** Who is absent at `at` by those documents, on this roster. */
  absentIn(docs: readonly StoredDoc<unknown>[], network: Network, at: Date): Set<string>;
}

const NO_ABSENCES: Absences = { absenceDocs: [], absentIn: () => new Set() };

/** A vote's frame: the network without the members who have left (it has no use for them), the meeting with the vote's item, the languages. */
function frameOf(voters: { network: Network; langs: VoterContacts['langs'] }, meeting: Meeting): VoteFrame {
  const { formerMembers: _left, ...network } = voters.network;
  return { network, meeting, langs: voters.langs };
}

/** A member who voted counts, whether or not they are still in the meeting. */
function withoutVoters(absent: ReadonlySet<string>, ballots: Ballot[]): Set<string> {
  const voted = new Set(ballots.map((b) => b.email));
  return new Set([...absent].filter((email) => !voted.has(email)));
}
