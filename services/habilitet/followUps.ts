/**
 * What a member's answer causes besides itself, done after their turn: their reminder is
 * marked done and the round's status card refreshed. The answer's own write marks it (its
 * `dueAt`), so it is done however the turn ends; a job of the sweep (services/deadlines/
 * scheduler.ts) does it, under the sweep's lease so one instance does it once, woken by the
 * answer so the card follows at once, and on its tick after a restart. Answers of one meeting
 * found together share one status refresh.
 */
import { DomainError } from '../errors';
import { meetingOfPartition, type MeetingRef } from '../meetings';
import { memberLogId } from '../model';
import type { SchedulerLog, SweepJob } from '../deadlines/scheduler';
import { findMember, type Networks } from '../networks';
import { PreconditionFailedError, type DocKey, type Store, type StoredDoc } from '../store/store';
import type { Habilitet } from './habilitet';
import { ANSWER_KIND, type AnswerDoc } from './model';

/** The Teams side: bot/habilitet.ts refreshes the posted status card. */
export interface RoundStatusPosts {
  /** The round's answers changed; a failed send to Teams is its own to log. */
  statusChanged(meeting: MeetingRef): Promise<void>;
}

type FollowUpLog = Pick<SchedulerLog, 'warn' | 'error'>;

/** Due answers read at once. */
const PAGE = 50;

export class AnswerFollowUps implements SweepJob {
  readonly kind = ANSWER_KIND;
  /** An answer's reminder is marked done before nudges are sent: a member who has answered is not nudged. */
  readonly beforeNudges = true;

  constructor(
    private readonly store: Store,
    private readonly networks: Networks,
    private readonly habilitet: Habilitet,
    private readonly posts: RoundStatusPosts,
    private readonly log: FollowUpLog,
  ) {}

  onDue(listener: () => void): () => void {
    return this.habilitet.answered.listen(listener);
  }

  /** Follows up every answer due by `until`, a meeting at a time, until the lease is lost; how many answers it handled. */
  async run(until: string, held: () => Promise<boolean>): Promise<number> {
    const seen = new Set<string>();
    let handled = 0;
    for (;;) {
      const page = await this.store.due<AnswerDoc>(ANSWER_KIND, until, PAGE);
      const due = page.filter((d) => !seen.has(`${d.pk}|${d.id}`));
      // Nothing new: done, or what is left failed and waits for the next tick.
      if (!due.length) return handled;
      const byMeeting = new Map<string, StoredDoc<AnswerDoc>[]>();
      for (const doc of due) {
        seen.add(`${doc.pk}|${doc.id}`);
        byMeeting.set(doc.pk, [...(byMeeting.get(doc.pk) ?? []), doc]);
      }
      for (const [pk, answers] of byMeeting) {
        if (!(await held())) return handled;
        handled += await this.followUp(meetingOfPartition(pk), answers);
      }
      // A short page was all there was; an answer given since has woken another sweep.
      if (page.length < PAGE) return handled;
    }
  }

  /**
   * One meeting's answers: reminders, then the status card, then the marks cleared. A failure
   * of the store leaves the marks for the next sweep; a refusal (the round or the network is
   * gone) will not change, so the marks are cleared.
   */
  private async followUp(meeting: MeetingRef, answers: StoredDoc<AnswerDoc>[]): Promise<number> {
    try {
      const round = await this.habilitet.round(meeting);
      if (round?.reminderTaskId) {
        const network = await this.networks.require(meeting.networkId);
        for (const { data } of answers) {
          const member = findMember(network, data.email);
          if (member) await this.habilitet.reminderDone(round, member, network);
        }
      }
      await this.posts.statusChanged(meeting);
    } catch (err) {
      if (!(err instanceof DomainError)) {
        this.log.error({ err, meeting: meeting.id }, 'could not follow up habilitet answers; the next sweep tries again');
        return 0;
      }
      this.log.warn({ err: err.message, meeting: meeting.id, members: answers.map((a) => memberLogId(a.data.email)) }, 'habilitet answers not followed up: nothing left to follow up');
    }
    await Promise.all(
      answers.map((doc) =>
        this.done(doc).catch((err: unknown) => this.log.error({ err, meeting: meeting.id, member: memberLogId(doc.data.email) }, 'could not clear a followed-up answer; it is followed up again')),
      ),
    );
    return answers.length;
  }

  /** Clears the mark of the answer this follow-up saw; a newer answer keeps its own. */
  private async done(seen: StoredDoc<AnswerDoc>): Promise<void> {
    const key: DocKey = { kind: seen.kind, pk: seen.pk, id: seen.id };
    const version = seen.data.history.length;
    let doc: StoredDoc<AnswerDoc> | undefined = seen;
    while (doc?.dueAt && doc.data.history.length === version) {
      try {
        await this.store.replace({ ...key, data: doc.data, dueAt: null }, doc.etag);
        return;
      } catch (err) {
        if (!(err instanceof PreconditionFailedError)) throw err;
        doc = await this.store.get<AnswerDoc>(key);
      }
    }
  }
}
