import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { eachLimited } from '../eachLimited';
import { DomainError } from '../errors';
import type { Meetings } from '../meetings';
import { ID, ID_PART, LEADING_ROLES, memberLogId, type Meeting, type Member, type Network } from '../model';
import { findMember, resolveAssignees, type Networks } from '../networks';
import { ConflictError, updateDoc, type Store, type StoredDoc } from '../store/store';
import { nextNudge, planned } from './nudges';
import { parseDue, snoozeUntil } from './schedule';
import { Signal } from '../signal';
import { COMMENT_MAX, TASK_KINDS, type AssignmentDoc, type AssigneeStatus, type CreateTaskInput, type Outcome, type TaskDoc, type TaskKind, type TaskStatus } from './model';

/** The creator of tasks made by Referent itself (another feature, the meeting import). */
export const SYSTEM_ACTOR = 'referent';
/** Who manages a task: a member (whose role this network's roster must give), or Referent itself. */
export type TaskActor = Member | typeof SYSTEM_ACTOR;
const actorEmail = (actor: TaskActor) => (actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.email);

export const TASK = 'task';
/** Assignment documents written at once when a task is created or revised. */
const ASSIGNMENT_WRITES = 16;
export const ASSIGNMENT = 'assignment';

/** A task id: "<network>.<suffix>". */
export const TASK_ID = new RegExp(`^(${ID_PART})\\.([A-Za-z0-9-]{1,80})$`);
export const taskKey = (taskId: string) => ({ kind: TASK, pk: networkOfTask(taskId), id: taskId });
export const assignmentKey = (taskId: string, email: string) => ({ kind: ASSIGNMENT, pk: networkOfTask(taskId), id: `${taskId}|${email.toLowerCase()}` });

/** A task id is "<network>.<suffix>", so a card naming only the task still finds its partition. */
export function networkOfTask(taskId: string): string {
  const match = TASK_ID.exec(taskId);
  if (!match) throw new DomainError('deadlines.unknownTask', {}, `malformed task id ${taskId}`);
  return match[1];
}

/** The outcomes a kind of task accepts, the first being what `markDone` assumes. */
export const outcomesOf = (kind: TaskKind): Outcome[] => (kind === 'comments' ? ['commentsSent', 'noComments'] : ['done']);

const meetingTaskKey = (meetingId: string, taskId: string) => `meeting:${meetingId}:${taskId}`;

/**
 * Tasks with deadlines and their assignees' answers. Each assignee has one assignment
 * document holding their answer and, as its `dueAt`, their next nudge; the scheduler
 * (see scheduler.ts) finds due nudges with `store.due`.
 */
export class Deadlines {
  private readonly nudgeDue = new Signal();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly networks: Networks,
    private readonly meetings: Meetings,
  ) {}

  /** Called whenever a nudge became due now (a new task, "nudge now"), so a scheduler can act at once. */
  onNudgeDue(listener: () => void): () => void {
    return this.nudgeDue.listen(listener);
  }

  /**
   * Creates a task and schedules its nudges (the announcement goes out at once in working
   * hours). `createdBy` is a chair or secretary of the network, or SYSTEM_ACTOR for tasks another
   * feature creates. With `input.key`, a second call returns the first task unchanged.
   */
  async createTask(input: CreateTaskInput, createdBy: TaskActor): Promise<TaskDoc> {
    const network = await this.networks.get(String(input.networkId ?? '').toLowerCase());
    if (!network) throw new DomainError('link.unknownNetwork', { id: String(input.networkId) });
    this.requireLeader(network, createdBy);
    const id = taskIdFor(network.id, input.key);
    if (input.key) {
      const existing = await this.store.get<TaskDoc>(taskKey(id));
      if (existing) {
        await this.ensureAssignments(existing.data, network);
        return existing.data;
      }
    }
    const task = this.validate(input, network, id, actorEmail(createdBy));
    if (task.meetingId) {
      const meeting = await this.meetings.require(network.id, task.meetingId);
      if (task.itemNumber !== undefined && !meeting.agenda.some((item) => item.number === task.itemNumber)) {
        throw new DomainError('deadlines.unknownItem', { item: task.itemNumber });
      }
    }
    try {
      await this.store.create<TaskDoc>({ ...taskKey(id), data: task });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // The same key submitted twice at once: the first one won; it is the task.
      return (await this.requireTask(id)).data;
    }
    await this.ensureAssignments(task, network);
    return task;
  }

  /**
   * Marks an assignee's part done (or, for comment rounds, the comments written / none);
   * repeated clicks change nothing. Comments are written here, so the secretary reads them all in one place.
   * `read`: the task's network, when the caller has just read it (its roster names the assignee).
   */
  async markDone(taskId: string, assignee: Member, outcome?: Outcome, comment?: string, read?: Network): Promise<AssigneeStatus> {
    const { task, network } = await this.openTaskOf(taskId, read);
    const { email } = assignee;
    const chosen = outcome ?? outcomesOf(task.kind)[0];
    if (!outcomesOf(task.kind).includes(chosen)) throw new DomainError('common.staleCard', {}, `outcome ${chosen} does not fit a ${task.kind} task`);
    const written = chosen === 'commentsSent' ? (comment ?? '').trim() : '';
    if (chosen === 'commentsSent' && !written) throw new DomainError('deadlines.commentMissing');
    if (written.length > COMMENT_MAX) throw new DomainError('deadlines.commentTooLong', { max: COMMENT_MAX, length: written.length });
    const now = this.clock.now().toISOString();
    const doc = await updateDoc<AssignmentDoc>(this.store, assignmentKey(taskId, email), (current) => {
      if (!current || current.status === 'removed') throw new DomainError('deadlines.notAssigned', { title: task.title }, `${memberLogId(email)} is not assigned to ${taskId}`);
      if (current.status === 'done') return undefined;
      return { data: { ...current, status: 'done', outcome: chosen, ...(written && { comment: written }), doneAt: now, pending: undefined, snoozedUntil: undefined }, dueAt: null };
    });
    return statusOf(network, doc!.data, doc!.dueAt);
  }

  /** "Påmind mig i morgen": no nudges until the same time on the next day (in working hours), then one. */
  async snooze(taskId: string, assignee: Member): Promise<AssigneeStatus> {
    const { task, network } = await this.openTaskOf(taskId);
    const { email } = assignee;
    const until = snoozeUntil(this.clock.now());
    const doc = await updateDoc<AssignmentDoc>(this.store, assignmentKey(taskId, email), (current) => {
      if (!current || current.status === 'removed') throw new DomainError('deadlines.notAssigned', { title: task.title }, `${memberLogId(email)} is not assigned to ${taskId}`);
      if (current.status === 'done') throw new DomainError('deadlines.alreadyDone', { title: task.title });
      if (current.snoozedUntil === until.toISOString()) return undefined;
      const data: AssignmentDoc = { ...current, snoozedUntil: until.toISOString(), failures: 0, failedAt: undefined, lastError: undefined };
      return planned(data, nextNudge(task, data, this.clock.now(), network.settings.nudgeDaysBefore));
    });
    return statusOf(network, doc!.data, doc!.dueAt);
  }

  /**
   * The secretary's "nudge now": every assignee who has not answered gets a nudge at
   * once (also those whose nudges had failed). Returns how many.
   */
  async nudgeNow(taskId: string, by: TaskActor): Promise<number> {
    const { task, network } = await this.openTaskOf(taskId);
    this.requireLeader(network, by);
    const now = this.clock.now().toISOString();
    let count = 0;
    for (const email of task.assigneeEmails) {
      await updateDoc<AssignmentDoc>(this.store, assignmentKey(taskId, email), (current) => {
        if (!current || current.status !== 'open') return undefined;
        count++;
        return {
          data: { ...current, pending: { key: `manual@${now}`, reason: 'manual', by: actorEmail(by) }, snoozedUntil: undefined, failures: 0, failedAt: undefined, lastError: undefined },
          dueAt: now,
        };
      });
    }
    if (count) this.wake();
    return count;
  }

  /** Ends a task: nobody is nudged about it any more. */
  async closeTask(taskId: string, by: TaskActor): Promise<void> {
    const { task, network } = await this.openTaskOf(taskId);
    this.requireLeader(network, by);
    const now = this.clock.now().toISOString();
    await updateDoc<TaskDoc>(this.store, taskKey(taskId), (current) => (current && !current.closedAt ? { data: { ...current, closedAt: now } } : undefined));
    for (const email of task.assigneeEmails) {
      await updateDoc<AssignmentDoc>(this.store, assignmentKey(taskId, email), (current) =>
        current && current.pending ? { data: { ...current, pending: undefined }, dueAt: null } : undefined,
      );
    }
  }

  /** One assignee's view of a task, for their card; refuses people the task does not name. */
  async viewFor(taskId: string, assignee: Member): Promise<{ task: TaskDoc; network: Network; status: AssigneeStatus }> {
    const { email } = assignee;
    const task = (await this.requireTask(taskId)).data;
    const network = await this.networks.require(task.networkId);
    const doc = await this.store.get<AssignmentDoc>(assignmentKey(taskId, email));
    if (!doc || doc.data.status === 'removed') throw new DomainError('deadlines.notAssigned', { title: task.title }, `${memberLogId(email)} is not assigned to ${taskId}`);
    return { task, network, status: statusOf(network, doc.data, doc.dueAt) };
  }

  async getTask(taskId: string): Promise<TaskDoc | undefined> {
    if (!TASK_ID.test(taskId)) return undefined;
    return (await this.store.get<TaskDoc>(taskKey(taskId)))?.data;
  }

  /** A task with every assignee's state. */
  async status(taskId: string): Promise<TaskStatus> {
    const task = (await this.requireTask(taskId)).data;
    const network = await this.networks.require(task.networkId);
    return this.statusOfTask(task, network);
  }

  /** Every open task of a network (not closed, someone still to answer or recently due), soonest first; for chair and secretary. */
  async overview(networkId: string, viewer: Member): Promise<TaskStatus[]> {
    const network = await this.networks.require(networkId);
    this.requireLeader(network, viewer);
    await this.materialiseNetwork(network.id);
    const tasks = (await this.store.list<TaskDoc>(TASK, network.id)).map((d) => d.data).filter((t) => !t.closedAt);
    const statuses = await Promise.all(tasks.map((task) => this.statusOfTask(task, network)));
    return statuses.filter((s) => s.assignees.some((a) => a.status === 'open')).sort((a, b) => a.task.due.localeCompare(b.task.due));
  }

  /** The open tasks a member has still to answer, soonest first: `mine frister`, for anyone on the roster. */
  async mine(networkId: string, member: Member): Promise<TaskDoc[]> {
    const network = await this.networks.require(networkId);
    await this.materialiseNetwork(network.id);
    const tasks = (await this.store.list<TaskDoc>(TASK, network.id)).map((d) => d.data).filter((t) => !t.closedAt && t.assigneeEmails.some((e) => e.toLowerCase() === member.email.toLowerCase()));
    const open = await Promise.all(tasks.map(async (t) => (await this.store.get<AssignmentDoc>(assignmentKey(t.id, member.email)))?.data.status === 'open'));
    return tasks.filter((_, i) => open[i]).sort((a, b) => a.due.localeCompare(b.due));
  }

  /** The tasks of a meeting, materialised or created during it. */
  async tasksOfMeeting(meeting: Meeting): Promise<TaskDoc[]> {
    return (await this.store.list<TaskDoc>(TASK, meeting.networkId)).map((d) => d.data).filter((t) => t.meetingId === meeting.id);
  }

  /**
   * Turns a meeting's agenda tasks into tasks with nudges. Idempotent: a re-import with
   * the same tasks changes nothing; a changed task is updated in place (new assignees get
   * an announcement, removed ones no more nudges). Tasks already past due are skipped.
   */
  async materialiseMeeting(meeting: Meeting): Promise<number> {
    const network = await this.networks.require(meeting.networkId);
    let changed = 0;
    for (const item of meeting.agenda) {
      for (const source of item.tasks) {
        const input: CreateTaskInput = {
          networkId: meeting.networkId,
          meetingId: meeting.id,
          itemNumber: item.number,
          title: source.title,
          description: source.description,
          assignees: source.assignees,
          due: source.due,
          deliverTo: source.deliverTo,
          key: meetingTaskKey(meeting.id, source.id),
        };
        const id = taskIdFor(network.id, input.key);
        const existing = (await this.store.get<TaskDoc>(taskKey(id)))?.data;
        const parsed = parseDue(input.due);
        if (!existing && parsed && parsed.due <= this.clock.now()) continue;
        if (!existing) {
          // Created on behalf of the meeting's secretary, who must still lead the network.
          const secretary = findMember(network, meeting.secretary);
          if (!secretary) throw new DomainError('deadlines.onlyLeaders', {}, `the secretary of ${meeting.id} is not on the roster of ${network.id}`);
          await this.createTask(input, secretary);
          changed++;
        } else if (!existing.closedAt && (await this.reviseImported(existing, input, network))) {
          changed++;
        }
      }
    }
    return changed;
  }

  /**
   * Materialises the tasks of a network's meetings that still have a task to come: a meeting
   * whose every task is past due has none to create (those are skipped) and is not read task by
   * task, so past meetings cost nothing here. Importing a meeting materialises it whatever its dates.
   */
  async materialiseNetwork(networkId: string): Promise<number> {
    const now = this.clock.now();
    const toCome = (due: string) => {
      const parsed = parseDue(due);
      return !parsed || parsed.due > now;
    };
    let changed = 0;
    for (const meeting of await this.meetings.list(networkId)) {
      if (meeting.agenda.some((item) => item.tasks.some((t) => toCome(t.due)))) changed += await this.materialiseMeeting(meeting);
    }
    return changed;
  }

  /** Every network's meetings; what the scheduler runs at start-up and now and then. */
  async materialiseAll(): Promise<number> {
    let changed = 0;
    for (const network of await this.networks.list()) changed += await this.materialiseNetwork(network.id);
    return changed;
  }

  private async reviseImported(existing: TaskDoc, input: CreateTaskInput, network: Network): Promise<boolean> {
    const revised = this.validate(input, network, existing.id, existing.createdBy, new Date(existing.createdAt), false);
    const fields = ['title', 'description', 'assignees', 'assigneeEmails', 'due', 'dueIsDate', 'deliverTo'] as const;
    if (fields.every((f) => JSON.stringify(existing[f]) === JSON.stringify(revised[f]))) return false;
    const task: TaskDoc = { ...existing, ...Object.fromEntries(fields.map((f) => [f, revised[f]])) };
    await this.store.upsert<TaskDoc>({ ...taskKey(task.id), data: task });
    for (const email of existing.assigneeEmails.filter((e) => !task.assigneeEmails.includes(e))) {
      await updateDoc<AssignmentDoc>(this.store, assignmentKey(task.id, email), (current) =>
        current && current.status === 'open' ? { data: { ...current, status: 'removed', pending: undefined }, dueAt: null } : undefined,
      );
    }
    await this.ensureAssignments(task, network, true);
    return true;
  }

  /** Creates the missing assignment documents (and, with `replan`, re-plans the open ones). */
  private async ensureAssignments(task: TaskDoc, network: Network, replan = false): Promise<void> {
    let due = false;
    const now = this.clock.now();
    // One document per assignee, written side by side: a round to 200 members costs the time of a few writes, not 200.
    await eachLimited(task.assigneeEmails, ASSIGNMENT_WRITES, async (email) => {
      const doc = await updateDoc<AssignmentDoc>(this.store, assignmentKey(task.id, email), (current) => {
        if (current && !(replan && current.status !== 'done')) return undefined;
        const base: AssignmentDoc = current
          ? { ...current, status: 'open' }
          : { taskId: task.id, networkId: task.networkId, email, status: 'open', sent: [], failures: 0 };
        // Every planned nudge not yet sent counts, so a changed due date is told at once (one message).
        return planned(base, nextNudge(task, base, new Date(Date.parse(task.createdAt) - 1), network.settings.nudgeDaysBefore));
      });
      if (doc?.dueAt && doc.dueAt <= now.toISOString()) due = true;
    });
    if (due) this.wake();
  }

  private validate(input: CreateTaskInput, network: Network, id: string, createdBy: string, createdAt = this.clock.now(), refusePast = true): TaskDoc {
    const kind = input.kind ?? 'task';
    if (!TASK_KINDS.includes(kind)) throw new DomainError('common.staleCard', {}, `unknown task kind ${String(kind)}`);
    const title = String(input.title ?? '').trim();
    if (!title) throw new DomainError('deadlines.emptyTitle');
    if (title.length > 300) throw new DomainError('deadlines.tooLong', { what: 'title', max: 300 });
    const description = input.description?.trim() || undefined;
    if (description && description.length > 2000) throw new DomainError('deadlines.tooLong', { what: 'description', max: 2000 });
    const parsed = parseDue(String(input.due ?? ''));
    if (!parsed) throw new DomainError('deadlines.badDate', { value: String(input.due ?? '') });
    if (refusePast && parsed.due <= this.clock.now()) throw new DomainError('deadlines.pastDue', { value: String(input.due) });
    const members = resolveMany(network, input.assignees);
    let deliverTo = input.deliverTo?.trim().toLowerCase() || undefined;
    if (!deliverTo && kind === 'comments' && createdBy !== SYSTEM_ACTOR) deliverTo = createdBy.toLowerCase();
    if (deliverTo && !findMember(network, deliverTo)) throw new DomainError('deadlines.unknownDeliverTo', { who: deliverTo });
    if (input.meetingId !== undefined && !ID.test(input.meetingId)) throw new DomainError('common.unknownMeeting', { id: input.meetingId });
    return {
      id,
      networkId: network.id,
      ...(input.meetingId !== undefined && { meetingId: input.meetingId }),
      ...(input.itemNumber !== undefined && { itemNumber: input.itemNumber }),
      kind,
      title,
      ...(description && { description }),
      assignees: input.assignees,
      assigneeEmails: members.map((m) => m.email),
      due: parsed.due.toISOString(),
      dueIsDate: parsed.dateOnly,
      ...(deliverTo && { deliverTo }),
      ...(input.key && { key: input.key }),
      createdBy: createdBy.toLowerCase(),
      createdAt: createdAt.toISOString(),
    };
  }

  /** Refuses unless `who` leads this network by its roster (the role is read there, not taken from the caller). */
  private requireLeader(network: Network, who: TaskActor): void {
    if (who === SYSTEM_ACTOR) return;
    const member = findMember(network, who.email);
    if (!member || !LEADING_ROLES.includes(member.role)) {
      throw new DomainError('deadlines.onlyLeaders', {}, `${memberLogId(who.email)} may not manage tasks in ${network.id}`);
    }
  }

  private async requireTask(taskId: string): Promise<StoredDoc<TaskDoc>> {
    const doc = await this.store.get<TaskDoc>(taskKey(taskId));
    if (!doc) throw new DomainError('deadlines.unknownTask', {}, `unknown task ${taskId}`);
    return doc;
  }

  private async openTaskOf(taskId: string, read?: Network): Promise<{ task: TaskDoc; network: Network }> {
    const task = (await this.requireTask(taskId)).data;
    if (task.closedAt) throw new DomainError('deadlines.taskClosed', { title: task.title });
    return { task, network: read?.id === task.networkId ? read : await this.networks.require(task.networkId) };
  }

  private async statusOfTask(task: TaskDoc, network: Network): Promise<TaskStatus> {
    const docs = await Promise.all(task.assigneeEmails.map((email) => this.store.get<AssignmentDoc>(assignmentKey(task.id, email))));
    const current = docs.filter((doc): doc is StoredDoc<AssignmentDoc> => doc !== undefined && doc.data.status !== 'removed');
    const assignees = current.map((doc) => statusOf(network, doc.data, doc.dueAt));
    const now = this.clock.now().toISOString();
    const waiting = current.some((doc) => doc.data.status === 'open' && !doc.data.sent.length && !doc.data.failedAt && doc.dueAt && doc.dueAt <= now);
    return { task, assignees, ...(waiting && { sending: { sent: current.filter((doc) => doc.data.sent.length).length, total: current.length } }) };
  }

  private wake(): void {
    this.nudgeDue.notify();
  }
}

/** The id of the task created with `key`: "<network>.k<hash>", so a feature finds its own task again. */
export function taskIdFor(networkId: string, key: string | undefined): string {
  const suffix = key ? `k${createHash('sha256').update(key).digest('hex').slice(0, 20)}` : `t${randomBytes(8).toString('hex')}`;
  return `${networkId}.${suffix}`;
}

/** Assignees as e-mails and/or group names; every entry must match someone. */
function resolveMany(network: Network, assignees: CreateTaskInput['assignees']): Member[] {
  const entries = (Array.isArray(assignees) ? assignees : [assignees]).map((a) => String(a).trim()).filter(Boolean);
  if (!entries.length) throw new DomainError('deadlines.noAssignees');
  const found = new Map<string, Member>();
  for (const entry of entries) {
    let members: Member[];
    try {
      members = resolveAssignees(network, entry.includes('@') ? [entry.toLowerCase()] : entry);
    } catch (err) {
      if (err instanceof DomainError) throw new DomainError('deadlines.unknownAssignee', { who: entry }, err.message);
      throw err;
    }
    for (const m of members) found.set(m.email, m);
  }
  return [...found.values()];
}

export function statusOf(network: Network, a: AssignmentDoc, dueAt: string | null | undefined): AssigneeStatus {
  const last = a.sent[a.sent.length - 1];
  return {
    email: a.email,
    name: findMember(network, a.email)?.name ?? a.email,
    status: a.status,
    ...(a.outcome && { outcome: a.outcome }),
    ...(a.doneAt && { doneAt: a.doneAt }),
    ...(a.comment && { comment: a.comment }),
    ...(a.status === 'open' && a.pending && dueAt && { nextNudgeAt: dueAt }),
    ...(last && { lastNudgedAt: last.at }),
    failed: Boolean(a.failedAt),
    ...(a.lastError && { lastError: a.lastError }),
  };
}
