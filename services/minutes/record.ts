/**
 * The minutes' life after the meeting: the draft is circulated for comments to the members
 * (those present, those absent and any appointed since) as a comment round of the deadlines
 * feature, which nudges whoever has not answered; then the minutes are approved, and the
 * approved document is kept as it was, whatever later happens to the meeting.
 */
import { requireLeading } from '../agenda/leading';
import type { Audit } from '../audit';
import type { Clock } from '../clock';
import { SYSTEM_ACTOR, taskIdFor, type Deadlines } from '../deadlines/deadlines';
import type { TaskDoc, TaskStatus } from '../deadlines/model';
import { DomainError } from '../errors';
import { catalog, fmt } from '../i18n';
import { meetingPartition } from '../meetings';
import { canVote, type Meeting, type Member, type Network } from '../model';
import { localDay } from '../planning/roster';
import { ConflictError, type Store } from '../store/store';
import { formatDate } from '../time';
import type { MinutesDraft } from './draft';

export interface ApprovedMinutes {
  approvedAt: string;
  approvedBy: string;
  /** The minutes as approved: the card and the document are drawn from these, never again from the meeting. */
  draft: MinutesDraft;
  /** The approved .docx, base64. */
  docx: string;
}

const approvedKey = (meeting: Meeting) => ({ kind: 'approvedMinutes', pk: meetingPartition(meeting), id: meeting.id });
const roundKey = (meeting: Meeting) => `minutes:${meeting.id}`;
const words = catalog('da').minutes.round;

export class MinutesRecord {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly deadlines: Deadlines,
    private readonly audit: Audit,
    /** The draft as it stands now, and its Word document (services/minutes/index.ts). */
    private readonly render: { draft(meeting: Meeting): Promise<MinutesDraft>; docx(draft: MinutesDraft): Promise<Buffer> },
  ) {}

  async approved(meeting: Meeting): Promise<ApprovedMinutes | undefined> {
    return (await this.store.get<ApprovedMinutes>(approvedKey(meeting)))?.data;
  }

  /** The minutes to show: the approved ones once approved, else the draft as it stands. */
  async current(meeting: Meeting): Promise<{ draft: MinutesDraft; approved?: ApprovedMinutes }> {
    const approved = await this.approved(meeting);
    return approved ? { draft: approved.draft, approved } : { draft: await this.render.draft(meeting) };
  }

  /** The Word document to hand out: the approved one as stored, else the draft rendered now. */
  async docx(meeting: Meeting): Promise<{ draft: MinutesDraft; body: Buffer }> {
    const approved = await this.approved(meeting);
    if (approved) return { draft: approved.draft, body: Buffer.from(approved.docx, 'base64') };
    const draft = await this.render.draft(meeting);
    return { draft, body: await this.render.docx(draft) };
  }

  /** The comment round on the draft with everyone's answer, if one was sent. */
  async round(meeting: Meeting): Promise<TaskStatus | undefined> {
    const task = await this.deadlines.getTask(taskIdFor(meeting.networkId, roundKey(meeting)));
    return task && this.deadlines.status(task.id);
  }

  /**
   * Sends the draft for comments to every voting member on the roster now, present or not at the
   * meeting, with answers to `by` by `due`. Sending it again returns the round already sent.
   */
  async circulate(meeting: Meeting, network: Network, by: Member, due: string): Promise<{ task: TaskDoc; created: boolean }> {
    requireLeading(by);
    if (await this.approved(meeting)) throw new DomainError('minutes.alreadyApproved', {}, `the minutes of ${meeting.id} are approved`);
    const existing = await this.round(meeting);
    if (existing) return { task: existing.task, created: false };
    const task = await this.deadlines.createTask(
      {
        networkId: network.id,
        meetingId: meeting.id,
        kind: 'comments',
        title: fmt(words.title, { meeting: meeting.title, date: formatDate(new Date(meeting.start)) }),
        description: words.description,
        assignees: network.members.filter((m) => canVote(m.role)).map((m) => m.email),
        due,
        deliverTo: by.email,
        key: roundKey(meeting),
      },
      by,
    );
    await this.audit.record(network.id, { by: by.email, action: 'minutes.circulate', target: meeting.id });
    return { task, created: true };
  }

  /**
   * Approves the minutes as they stand now and keeps that document; nobody is nudged for
   * comments any more. Approving again returns the first approval.
   */
  async approve(meeting: Meeting, by: Member): Promise<{ approved: ApprovedMinutes; repeated: boolean }> {
    requireLeading(by);
    const before = await this.approved(meeting);
    if (before) return { approved: before, repeated: true };
    const now = this.clock.now();
    const draft: MinutesDraft = { ...(await this.render.draft(meeting)), approvedOn: localDay(now) };
    const approved: ApprovedMinutes = { approvedAt: now.toISOString(), approvedBy: by.email, draft, docx: (await this.render.docx(draft)).toString('base64') };
    try {
      await this.store.create<ApprovedMinutes>({ ...approvedKey(meeting), data: approved });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Approved at the same moment by someone else: theirs is the approval.
      return { approved: (await this.approved(meeting))!, repeated: true };
    }
    const round = await this.round(meeting);
    if (round && !round.task.closedAt) await this.deadlines.closeTask(round.task.id, SYSTEM_ACTOR);
    await this.audit.record(meeting.networkId, { by: by.email, action: 'minutes.approve', target: meeting.id });
    return { approved, repeated: false };
  }
}
