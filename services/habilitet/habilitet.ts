import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../clock';
import { SYSTEM_ACTOR, type Deadlines } from '../deadlines';
import { DomainError } from '../errors';
import { fanoutKey } from '../fanout/fanout';
import { progressOf, type FanoutDoc, type FanoutProgress } from '../fanout/model';
import { catalog, fmt, langOf } from '../i18n';
import type { Identities } from '../identity';
import { meetingPartition, type MeetingRef, type Meetings } from '../meetings';
import { canVote, LEADING_ROLES, memberLogId, type AgendaItem, type Meeting, type Member, type Network } from '../model';
import { findMember, votingMembers, type Networks } from '../networks';
import type { Recusals } from '../recusal';
import { updateDoc, type Store, type StoredDoc } from '../store/store';
import { formatMeetingTime, type Lang } from '../time';
import { Signal } from '../signal';
import { parseInput } from '../validation';
import {
  ANSWER_KIND,
  AnswerInputSchema,
  DESCRIPTION_MAX,
  MAX_CHANGES,
  ROUND_KIND,
  sameAnswer,
  type Answer,
  type AnswerDoc,
  type HistoryEntry,
  type PostedCard,
  type RoundDoc,
  type RoundEvent,
  type RoundFrame,
} from './model';

const roundKey = (meeting: MeetingRef) => ({ kind: ROUND_KIND, pk: meetingPartition(meeting), id: meeting.id });
const answerKey = (meeting: MeetingRef, email: string) => ({ kind: ANSWER_KIND, pk: meetingPartition(meeting), id: email.toLowerCase() });

/** A round as the status card shows it. */
export interface RoundStatus {
  network: Network;
  meeting: Meeting;
  round: RoundDoc;
  /** Voting members on the roster now. */
  voting: Member[];
  answered: Member[];
  missing: Member[];
  /** Declared conflicts, by agenda item in agenda order; only items someone declared on. */
  conflicts: { item: AgendaItem; members: Member[] }[];
  /** Why answers can no longer be given or changed, if they cannot. */
  closed?: 'locked' | 'started';
  /** How far sending the prompts has come; none before any was queued. */
  delivery?: Omit<FanoutProgress, 'unreachable' | 'failed'> & { unreachable: Member[]; failed: Member[] };
}

/** A recorded answer: as stored, whether it changed anything, and what the member's card shows now. */
export interface Answered {
  doc: AnswerDoc;
  changed: boolean;
  meeting: Meeting;
  view: MemberView;
}

/** A member who declared a conflict, and on which items of the agenda. */
export interface Conflict {
  name: string;
  email: string;
  items: number[];
  /** The circumstance the member described. */
  ground: string;
}

/** What one member's prompt card shows. */
export interface MemberView {
  meeting: Meeting;
  member: Member;
  answer?: AnswerDoc;
  closed?: 'locked' | 'started';
}

/** The round as one member answering it sees it: the meeting, and one read of the meeting's partition (see `seenBy`). */
export interface SeenRound {
  meeting: Meeting;
  member: Member;
  /** The language they are answered in: their own choice as kept with the round, else the network's. */
  lang: Lang;
  round: RoundDoc;
  /** Their answer as read (null: none yet): a new answer is written against it. */
  answer: StoredDoc<AnswerDoc> | null;
}

/**
 * The habilitet round of a meeting: before the agenda is handled, every voting member says
 * whether there are new significant circumstances affecting their impartiality (DOMAIN.md).
 * Answers can change until the round is locked or the meeting starts; every change is kept
 * and the latest counts. A "yes" names the affected items, and those members are recused
 * from them (forvaltningsloven §3 and §6) — this class answers `Recusals` for voting.
 */
export class Habilitet implements Recusals {
  /** A changed answer was written: its follow-up is due (followUps.ts). */
  readonly answered = new Signal();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly networks: Networks,
    private readonly meetings: Meetings,
    /** Reminds members who have not answered before the meeting. */
    private readonly deadlines: Deadlines,
    /** The voters' own languages, kept with the round. */
    private readonly people: Pick<Identities, 'reachAll'>,
  ) {}

  async round(meeting: MeetingRef): Promise<RoundDoc | undefined> {
    return (await this.store.get<RoundDoc>(roundKey(meeting)))?.data;
  }

  /** Starts the round (chair or secretary); starting an existing round changes nothing. */
  async start(networkId: string, meetingId: string | undefined, by: Member): Promise<{ network: Network; meeting: Meeting; round: RoundDoc; created: boolean }> {
    const { network, meeting } = await this.leading(networkId, meetingId, by);
    if (this.hasStarted(meeting)) throw new DomainError('habilitet.startTooLate', {}, `meeting ${meeting.id} has started`);
    let created = false;
    const started = await updateDoc<RoundDoc>(this.store, roundKey(meeting), (current) => {
      created = !current;
      if (current) return undefined;
      return { data: { meetingId: meeting.id, networkId: network.id, locked: false, events: [this.event('started', by.email)] } };
    });
    // Also when started again: what an answer needs of the roster, as it is now.
    const doc = await this.refreshFrame(meeting, started ?? null);
    const voters = votingMembers(network).map((m) => m.email);
    const round = doc!.data.reminderTaskId ? doc!.data : await this.planReminder(network, meeting, `habilitet:${meeting.id}`, voters);
    return { network, meeting, round, created };
  }

  /**
   * Locks the round. With `unlessUnanswered`, a round some voting members have not answered
   * is left open and they are returned (`unanswered`), so the one locking can be asked first.
   */
  lock(networkId: string, meetingId: string | undefined, by: Member, unlessUnanswered = false) {
    return this.setLocked(networkId, meetingId, by, true, unlessUnanswered);
  }

  reopen(networkId: string, meetingId: string | undefined, by: Member) {
    return this.setLocked(networkId, meetingId, by, false);
  }

  /** Locks or reopens; `changed` is false if the round already was in that state. */
  private async setLocked(networkId: string, meetingId: string | undefined, by: Member, locked: boolean, unlessUnanswered = false) {
    const { network, meeting } = await this.leading(networkId, meetingId, by);
    if (locked && unlessUnanswered) {
      const open = await this.round(meeting);
      const answered = new Set((await this.answers(meeting)).map((a) => a.email));
      const unanswered = votingMembers(network).filter((m) => !answered.has(m.email));
      if (open && !open.locked && unanswered.length) return { network, meeting, round: open, changed: false, unanswered };
    }
    let changed = false;
    const doc = await updateDoc<RoundDoc>(this.store, roundKey(meeting), (current) => {
      if (!current) throw new DomainError('habilitet.noRound', { meeting: meeting.title }, `no round for ${meeting.id}`);
      changed = current.locked !== locked;
      if (!changed) return undefined;
      return { data: { ...current, locked, events: [...current.events, this.event(locked ? 'locked' : 'reopened', by.email)] } };
    });
    let round = doc!.data;
    if (changed && locked) await this.closeReminder(round);
    if (changed && !locked && !this.hasStarted(meeting)) {
      // The first reminder task was closed with the lock: a new one for those who still have not answered.
      const answered = new Set((await this.answers(meeting)).map((a) => a.email));
      const missing = votingMembers(network).filter((m) => !answered.has(m.email)).map((m) => m.email);
      round = await this.planReminder(network, meeting, `habilitet:${meeting.id}:${round.events.length}`, missing);
    }
    return { network, meeting, round, changed, unanswered: [] as Member[] };
  }

  /**
   * Records a member's answer. Only voting members answer; the input is checked whole
   * before anything is written, and giving the same answer again changes nothing. A changed
   * answer carries its follow-up (the reminder marked done, the status card refreshed), done
   * by the sweep once `answered` has told it (followUps.ts). `view`: what
   * the member's own card shows now, from what the answer read and wrote. `read`: the network,
   * when the caller has just read it (to know who answers).
   */
  async answer(networkId: string, meetingId: string, who: Member, input: unknown, read?: Network): Promise<Answered> {
    const { network, meeting } = await this.meetingOf(networkId, meetingId, read);
    const member = this.voter(network, who);
    const { round, answer } = await this.ownRead(meeting, member.email);
    return this.record(meeting, member, round, answer, input);
  }

  /** The same for a member as the round lists them (`seenBy`): written against that read. */
  answerSeen(seen: SeenRound, input: unknown): Promise<Answered> {
    return this.record(seen.meeting, seen.member, seen.round, seen.answer, input);
  }

  /**
   * The round as a member answering it sees it, from the meeting and one read of the meeting's
   * partition (the round and their own answer), without the roster. Undefined when that cannot
   * tell: no such meeting or round, a round that keeps no voters, or a member it does not list
   * (the caller then reads the roster, which decides).
   */
  async seenBy(ref: MeetingRef, email: string): Promise<SeenRound | undefined> {
    const id = email.toLowerCase();
    const [meeting, { round, answer }] = await Promise.all([this.meetings.get(ref.networkId, ref.id), this.ownRead(ref, id)]);
    const member = round?.frame?.voters.find((m) => m.email === id);
    if (!meeting || !round?.frame || !member) return undefined;
    return { meeting, member, lang: round.frame.langs[id] ?? langOf(round.frame.locale), round, answer };
  }

  /** What the member's own card shows, as they see the round. */
  seenView(seen: SeenRound): MemberView {
    return { meeting: seen.meeting, member: seen.member, answer: seen.answer?.data, closed: this.closedReason(seen.meeting, seen.round) };
  }

  /** Records a voting member's answer against the round and their answer as read. */
  private async record(meeting: Meeting, member: Member, round: RoundDoc | undefined, known: StoredDoc<AnswerDoc> | null, input: unknown): Promise<Answered> {
    const answer = this.checkAnswer(meeting, parseInput(AnswerInputSchema, input, 'answer'));
    this.assertOpen(meeting, round);
    let changed = false;
    const stored = await updateDoc<AnswerDoc>(this.store, answerKey(meeting, member.email), (current) => {
      changed = !current || !sameAnswer(current.latest, answer);
      if (!changed) return undefined;
      if (current && current.history.length >= MAX_CHANGES) throw new DomainError('habilitet.tooManyChanges', { max: MAX_CHANGES });
      const at = this.clock.now().toISOString();
      const entry = { ...answer, at };
      // Due at once: its follow-up (followUps.ts) goes with it in the same write, so it is done even if the turn's process dies.
      return { data: { email: member.email, name: member.name, latest: entry, history: [...(current?.history ?? []), entry] }, dueAt: at };
    }, known);
    if (changed) this.answered.notify();
    const doc = stored!.data;
    return { doc, changed, meeting, view: { meeting, member, answer: doc, closed: this.closedReason(meeting, round) } };
  }

  /** What a member's own card shows; refuses anyone who does not answer. `read`: as for `answer`. */
  async viewFor(networkId: string, meetingId: string, who: Member, read?: Network): Promise<MemberView> {
    const { network, meeting } = await this.meetingOf(networkId, meetingId, read);
    return this.viewIn(network, meeting, who);
  }

  /** The same, for a network and meeting the caller has just read (a round's prompts, sent one by one). */
  async viewIn(network: Network, meeting: Meeting, who: Member): Promise<MemberView> {
    const member = this.voter(network, who);
    const { round, answer } = await this.ownRead(meeting, member.email);
    if (!round) throw new DomainError('habilitet.noRound', { meeting: meeting.title }, `no round for ${meeting.id}`);
    return { meeting, member, answer: answer?.data, closed: this.closedReason(meeting, round) };
  }

  /** The round and a member's own answer, in one read of the meeting's partition. */
  private async ownRead(meeting: MeetingRef, email: string): Promise<{ round?: RoundDoc; answer: StoredDoc<AnswerDoc> | null }> {
    const docs = await this.store.readPartition(meetingPartition(meeting), [
      { kind: ROUND_KIND, id: meeting.id },
      { kind: ANSWER_KIND, id: email.toLowerCase() },
    ]);
    const round = docs.find((d) => d.kind === ROUND_KIND)?.data as RoundDoc | undefined;
    return { round, answer: (docs.find((d) => d.kind === ANSWER_KIND) as StoredDoc<AnswerDoc> | undefined) ?? null };
  }

  /**
   * Brings the rounds of the network's meetings not yet begun in line with its roster and its
   * members' languages (`RoundFrame`): after a change of the roster, and of a member's language.
   */
  async refreshFrames(networkId: string): Promise<void> {
    const now = this.clock.now();
    for (const meeting of await this.meetings.list(networkId)) {
      if (Date.parse(meeting.start) > now.getTime()) await this.refreshFrame(meeting);
    }
  }

  /**
   * The round with its frame as the roster and the people's languages are now. Both are read
   * after the round on every attempt: of a roster change (or a language chosen) and a round
   * written at once, the later write saw the change.
   */
  private async refreshFrame(meeting: MeetingRef, known?: StoredDoc<RoundDoc> | null): Promise<StoredDoc<RoundDoc> | undefined> {
    return updateDoc<RoundDoc>(
      this.store,
      roundKey(meeting),
      async (current) => {
        if (!current) return undefined;
        const frame = await this.frameOf(await this.networks.require(meeting.networkId));
        return isDeepStrictEqual(current.frame, frame) ? undefined : { data: { ...current, frame } };
      },
      known,
    );
  }

  /** The voting members, their own languages, and the network's, as an answer needs them (`RoundFrame`). */
  private async frameOf(network: Network): Promise<RoundFrame> {
    const voters = votingMembers(network);
    const reach = await this.people.reachAll(voters.map((m) => m.email));
    const langs = Object.fromEntries(voters.flatMap((m, i) => (reach[i].lang ? [[m.email, reach[i].lang]] : [])));
    return { locale: network.locale, voters, langs };
  }

  async status(networkId: string, meetingId: string | undefined): Promise<RoundStatus> {
    const network = await this.networks.require(networkId);
    const meeting = await this.meetings.resolve(networkId, meetingId, this.clock.now());
    // The round, its answers and the prompts' progress are all in the meeting's partition: one read.
    const prompts = fanoutKey({ networkId, meetingId: meeting.id, purpose: 'habilitet' });
    const docs = await this.store.readPartition(meetingPartition(meeting), [{ kind: ROUND_KIND, id: meeting.id }, { kind: ANSWER_KIND }, { kind: prompts.kind, id: prompts.id }]);
    const round = docs.find((d) => d.kind === ROUND_KIND)?.data as RoundDoc | undefined;
    if (!round) throw new DomainError('habilitet.noRound', { meeting: meeting.title }, `no round for ${meeting.id}`);
    const answers = docs.flatMap((d) => (d.kind === ANSWER_KIND ? [d.data as AnswerDoc] : []));
    const job = docs.find((d) => d.kind === prompts.kind)?.data as FanoutDoc | undefined;
    const voting = votingMembers(network);
    const progress = job && progressOf(job);
    const members = (emails: string[]) => emails.map((email) => findMember(network, email) ?? { email, name: email, role: 'member' as const, appointedBy: '' });
    const answeredEmails = new Set(answers.map((a) => a.email));
    const conflicts = meeting.agenda
      .map((item) => ({ item, members: voting.filter((m) => answers.some((a) => a.email === m.email && a.latest.answer === 'yes' && a.latest.items.includes(item.number))) }))
      .filter((c) => c.members.length > 0);
    return {
      network,
      meeting,
      round,
      voting,
      answered: voting.filter((m) => answeredEmails.has(m.email)),
      missing: voting.filter((m) => !answeredEmails.has(m.email)),
      conflicts,
      closed: this.closedReason(meeting, round),
      delivery: progress && { ...progress, unreachable: members(progress.unreachable), failed: members(progress.failed) },
    };
  }

  /** Every answer given in the round, oldest first; for the chair and the secretary. */
  async history(networkId: string, meetingId: string | undefined, by: Member): Promise<{ meeting: Meeting; entries: HistoryEntry[] }> {
    const { meeting } = await this.leading(networkId, meetingId, by);
    const answers = await this.answers(meeting);
    const entries = answers
      .flatMap((a) => a.history.map((entry) => ({ ...entry, email: a.email, name: a.name })))
      .sort((a, b) => a.at.localeCompare(b.at) || a.email.localeCompare(b.email));
    return { meeting, entries };
  }

  /** Members whose latest answer declares a conflict, in roster order, with the items on this agenda. */
  async conflicts(meeting: Meeting, network: Network): Promise<Conflict[]> {
    const onAgenda = new Set(meeting.agenda.map((i) => i.number));
    const answers = await this.answers(meeting);
    const order = (email: string) => {
      const i = network.members.findIndex((m) => m.email === email);
      return i < 0 ? network.members.length : i;
    };
    return answers
      .filter((a) => a.latest.answer === 'yes')
      .map((a) => ({ name: findMember(network, a.email)?.name ?? a.name, email: a.email, items: a.latest.items.filter((n) => onAgenda.has(n)), ground: a.latest.description ?? '' }))
      .filter((c) => c.items.length > 0)
      .sort((a, b) => order(a.email) - order(b.email));
  }

  async recusedOn(meeting: MeetingRef, itemNumber: number): Promise<Set<string>> {
    return recusedBy(await this.answers(meeting), itemNumber);
  }

  readonly recusalDocs = [{ kind: ANSWER_KIND }];

  recusedIn(docs: readonly StoredDoc<unknown>[], itemNumber: number): Set<string> {
    return recusedBy(
      docs.flatMap((d) => (d.kind === ANSWER_KIND ? [d.data as AnswerDoc] : [])),
      itemNumber,
    );
  }

  /** Remembers the status card posted in the channel, to update it as answers arrive. */
  async setStatusPost(meeting: MeetingRef, post: PostedCard): Promise<void> {
    await updateDoc<RoundDoc>(this.store, roundKey(meeting), (current) => (current ? { data: { ...current, statusPost: post } } : undefined));
  }

  /**
   * A deadlines task, due when the meeting starts, that nudges these members until they
   * answer (kind "reply": the answer itself marks it done). Idempotent by `key`.
   */
  private async planReminder(network: Network, meeting: Meeting, key: string, emails: string[]): Promise<RoundDoc> {
    const round = await this.round(meeting);
    if (!emails.length) return round!;
    const t = catalog('da').habilitet.reminder;
    const when = formatMeetingTime(new Date(meeting.start), new Date(meeting.end), 'da', '–');
    const task = await this.deadlines.createTask(
      { networkId: network.id, meetingId: meeting.id, title: t.task, description: fmt(t.description, { meeting: meeting.title, when }), assignees: emails, due: meeting.start, kind: 'reply', key },
      SYSTEM_ACTOR,
    );
    const doc = await updateDoc<RoundDoc>(this.store, roundKey(meeting), (current) =>
      current && current.reminderTaskId !== task.id ? { data: { ...current, reminderTaskId: task.id } } : undefined,
    );
    return doc!.data;
  }

  private async closeReminder(round: RoundDoc): Promise<void> {
    const task = round.reminderTaskId ? await this.deadlines.getTask(round.reminderTaskId) : undefined;
    if (task && !task.closedAt) await this.deadlines.closeTask(task.id, SYSTEM_ACTOR);
  }

  /** Stops the reminders to a member who answered; members the task does not name are fine. */
  async reminderDone(round: RoundDoc, member: Member, network: Network): Promise<void> {
    if (!round.reminderTaskId) return;
    try {
      await this.deadlines.markDone(round.reminderTaskId, member, undefined, undefined, network);
    } catch (err) {
      if (!(err instanceof DomainError && ['deadlines.notAssigned', 'deadlines.taskClosed', 'deadlines.unknownTask'].includes(err.key))) throw err;
    }
  }

  private async answers(meeting: MeetingRef): Promise<AnswerDoc[]> {
    return (await this.store.list<AnswerDoc>(ANSWER_KIND, meetingPartition(meeting))).map((d) => d.data);
  }

  private async meetingOf(networkId: string, meetingId: string, read?: Network): Promise<{ network: Network; meeting: Meeting }> {
    const network = read?.id === networkId ? read : await this.networks.require(networkId);
    return { network, meeting: await this.meetings.require(networkId, meetingId) };
  }

  /**
   * The network and meeting, if `by` may run the round: the chair or secretary of the network or
   * of the meeting. Their role is read from this network's roster, not taken from the caller.
   */
  private async leading(networkId: string, meetingId: string | undefined, by: Member): Promise<{ network: Network; meeting: Meeting }> {
    const network = await this.networks.require(networkId);
    const member = findMember(network, by.email);
    if (!member) throw new DomainError('common.notOnNetwork', {}, `${memberLogId(by.email)} is not on the roster of ${networkId}`);
    const meeting = await this.meetings.resolve(networkId, meetingId, this.clock.now());
    const leads = LEADING_ROLES.includes(member.role) || [meeting.chair, meeting.secretary].includes(member.email);
    if (!leads) throw new DomainError('habilitet.notLeading', {}, `${memberLogId(by.email)} (${member.role}) may not run the habilitet round`);
    return { network, meeting };
  }

  /** This network's roster entry of a member who answers: chair, vice-chair or member — never staff or the secretary. */
  private voter(network: Network, who: Member): Member {
    const member = findMember(network, who.email);
    if (!member || !canVote(member.role)) throw new DomainError('habilitet.notVoting', {}, `${memberLogId(who.email)} (${member?.role ?? 'not on the roster'}) may not answer`);
    return member;
  }

  private checkAnswer(meeting: Meeting, input: ReturnType<typeof AnswerInputSchema.parse>): Answer {
    if (input.answer === 'no') return { answer: 'no', items: [] };
    const items = [...new Set(input.items)].sort((a, b) => a - b);
    if (!items.length) throw new DomainError('habilitet.missingItems');
    const unknown = items.filter((n) => !meeting.agenda.some((i) => i.number === n));
    if (unknown.length) throw new DomainError('habilitet.unknownItems', { items: unknown.join(', ') });
    const description = input.description.trim();
    if (!description) throw new DomainError('habilitet.missingDescription');
    if (description.length > DESCRIPTION_MAX) throw new DomainError('habilitet.descriptionTooLong', { max: DESCRIPTION_MAX, length: description.length });
    return { answer: 'yes', items, description };
  }

  private assertOpen(meeting: Meeting, round: RoundDoc | undefined): asserts round is RoundDoc {
    if (!round) throw new DomainError('habilitet.noRound', { meeting: meeting.title }, `no round for ${meeting.id}`);
    const closed = this.closedReason(meeting, round);
    if (closed === 'locked') throw new DomainError('habilitet.locked', {}, `round ${meeting.id} is locked`);
    if (closed === 'started') throw new DomainError('habilitet.meetingStarted', {}, `meeting ${meeting.id} has started`);
  }

  private closedReason(meeting: Meeting, round: RoundDoc): 'locked' | 'started' | undefined {
    if (this.hasStarted(meeting)) return 'started';
    return round.locked ? 'locked' : undefined;
  }

  private hasStarted(meeting: Meeting): boolean {
    return this.clock.now().getTime() >= Date.parse(meeting.start);
  }

  private event(what: RoundEvent['what'], by: string): RoundEvent {
    return { what, by: by.toLowerCase(), at: this.clock.now().toISOString() };
  }
}

/** Members whose latest answer declares a conflict on the item. */
const recusedBy = (answers: AnswerDoc[], itemNumber: number): Set<string> =>
  new Set(answers.filter((a) => a.latest.answer === 'yes' && a.latest.items.includes(itemNumber)).map((a) => a.email));
