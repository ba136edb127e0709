/**
 * The card posted in the Teams meeting when it ends: what the meeting got through (the items
 * it reached, the votes still open, the tasks it made), and the button for the draft minutes.
 */
import { catalog, fmt, plain } from '../services/i18n';
import type { Meeting } from '../services/model';
import { shorten } from '../services/text';
import { formatTime, type Lang } from '../services/time';
import template from './meeting-ended.json';
import type { CardJson, Render } from './render';

/** At most this many lines per section (the card must stay well under 28 KB). */
const LINES = 40;
const LINE_CHARS = 200;

export interface MeetingEndedView {
  meeting: Meeting;
  endedAt: Date;
  /** Teams reported the end, or the sweep ended a meeting Teams did not. */
  endedBy: 'teams' | 'sweep';
  /** "Pkt. 2/2021 Title" of each item reached, in order. */
  handled: string[];
  openVotes: string[];
  tasks: string[];
}

export function meetingEndedCard(render: Render, view: MeetingEndedView, lang: Lang): CardJson {
  const t = catalog(lang).live;
  const lines = (texts: string[]) => texts.slice(0, LINES).map((text) => plain(shorten(text, LINE_CHARS)));
  return render(template, {
    t,
    meeting: plain(view.meeting.title),
    ended: fmt(view.endedBy === 'teams' ? t.summary.ended : t.summary.endedBySweep, { time: formatTime(view.endedAt, lang) }),
    sections: [
      { heading: t.summary.handled, lines: lines(view.handled) },
      { heading: t.summary.openVotes, lines: lines(view.openVotes) },
      { heading: t.summary.tasks, lines: lines(view.tasks) },
    ],
    data: { networkId: view.meeting.networkId, meetingId: view.meeting.id },
  });
}
