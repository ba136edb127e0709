/**
 * A network meeting held as a Teams meeting: the link from the Teams meeting to the
 * Referent meeting, and what Teams' own meeting events tell about it (when it actually
 * started and ended, who was in it when).
 */
import { createHash } from 'node:crypto';
import type { ConversationReference } from '../identity';
import { meetingPartition, type MeetingRef } from '../meetings';
import type { DocKey } from '../store/store';

/** Which Referent meeting a Teams meeting is; one document per Teams meeting. */
export interface TeamsMeetingLinkDoc {
  /** Teams' id of the online meeting (channelData.meeting.id). */
  teamsMeetingId: string;
  /** The tenant the Teams meeting is in: events from any other are refused. */
  tenantId: string;
  networkId: string;
  meetingId: string;
  /** The meeting's chat (or its thread in a channel): where the agenda and the summary go. */
  conversation: ConversationReference;
  /** The leader who linked it (e-mail), or `automatic` when its start matched the meeting's time. */
  linkedBy: string;
  linkedAt: string;
}

/** A meeting in progress (or held) in Teams; one document per Referent meeting. */
export interface LiveMeetingDoc {
  networkId: string;
  meetingId: string;
  teamsMeetingId: string;
  tenantId: string;
  conversation: ConversationReference;
  /** The first actual start: the item clock runs from it. */
  startedAt: string;
  /** Every start event, restarts included. */
  starts: string[];
  endedAt?: string;
  /** Teams sent the end, or the sweep ended a meeting Teams never said had ended. */
  endedBy?: 'teams' | 'sweep';
  /** Items whose overrun the chair has been told of: each once. */
  overrunNoted: number[];
}

export const TEAMS_MEETING_LINK = 'teamsMeetingLink';
export const LIVE_MEETING = 'liveMeeting';

/** A Teams meeting id is Teams' own (base64, any length): its hash keeps the document id safe for every store. */
export const teamsMeetingLinkKey = (teamsMeetingId: string): DocKey => ({
  kind: TEAMS_MEETING_LINK,
  pk: 'teamsMeetings',
  id: createHash('sha256').update(teamsMeetingId).digest('hex').slice(0, 40),
});

export const liveMeetingKey = (meeting: MeetingRef): DocKey => ({ kind: LIVE_MEETING, pk: meetingPartition(meeting), id: 'live' });

/** How far past an item's planned end the chair is told it runs over. */
export const OVERRUN_GRACE_MS = 5 * 60_000;

/** A meeting Teams never said had ended is ended this long after its planned end, or its scheduled end if later. */
export const MISSING_END_MS = 60 * 60_000;

/** How long before its scheduled start a Teams meeting may start and still be taken for it. */
export const EARLY_START_MS = 60 * 60_000;
