import type { Services } from '..';
import { labelOf } from '../agenda/schedule';
import type { Meeting } from '../model';
import type { LiveMeetingDoc } from './model';

/** What a meeting held in Teams got through, as its closing card lists it. */
export interface MeetingSummary {
  /** Each item the meeting reached, in the order it did: "Pkt. 2/2021 Title". */
  handled: string[];
  /** The votes opened and not closed. */
  openVotes: string[];
  /** Tasks made while the meeting ran. */
  tasks: string[];
}

const line = (meeting: Meeting, number: number) => `${labelOf(meeting, number)} ${meeting.agenda.find((i) => i.number === number)?.title ?? ''}`.trim();

export async function summaryOf(services: Pick<Services, 'agenda' | 'voting' | 'deadlines'>, meeting: Meeting, live: LiveMeetingDoc): Promise<MeetingSummary> {
  const [trail, open, tasks] = await Promise.all([services.agenda.trail(meeting), services.voting.openVotes(meeting), services.deadlines.tasksOfMeeting(meeting)]);
  const reached = [...new Set(trail.map((r) => r.itemNumber))].filter((n) => meeting.agenda.some((i) => i.number === n));
  return {
    handled: reached.map((n) => line(meeting, n)),
    openVotes: open.filter((v) => meeting.agenda.some((i) => i.number === v.itemNumber)).map((v) => line(meeting, v.itemNumber)),
    tasks: tasks.filter((t) => t.createdAt >= live.startedAt).map((t) => t.title),
  };
}
