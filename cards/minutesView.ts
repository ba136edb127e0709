/**
 * The minutes card: what the minutes hold, item by item, for the summary card of `referat`
 * and the meetings list's Referat button, with a link to the Word document. For the leading
 * roles it also runs the minutes' life: send the draft for comments, see who has answered and
 * what they wrote, remind the rest, approve.
 */
import type { TaskStatus } from '../services/deadlines/model';
import { catalog, fmt, joinAnd, plain, type Catalog } from '../services/i18n';
import type { MinutesDraft } from '../services/minutes';
import type { Meeting, Network } from '../services/model';
import { findMember } from '../services/networks';
import { shorten } from '../services/text';
import { localDay } from '../services/planning/roster';
import { formatDate, formatDateTime, formatMeetingTime, type Lang } from '../services/time';
import template from './minutes-summary.json';
import type { CardJson, Render } from './render';

/** At most this many summary lines per item on the card (it must stay well under 28 KB); the document has them all. */
const LINES_PER_ITEM = 8;
const LINE_CHARS = 300;
/** The card lists every comment; a long one is cut here so the card stays under Teams' 28 KB. */
const COMMENT_CHARS = 600;
/** The round's deadline offered by default: a week after the card is shown. */
const DEFAULT_ROUND_DAYS = 7;

/** The items with something recorded, each with its one-line results, for the summary card. */
function summaryItems(draft: MinutesDraft, t: Catalog): { heading: string; lines: string[] }[] {
  return draft.items
    .filter((item) => item.summary.length)
    .map((item) => {
      const lines = item.summary.slice(0, LINES_PER_ITEM).map((line) => plain(shorten(line, LINE_CHARS)));
      const hidden = item.summary.length - LINES_PER_ITEM;
      return { heading: plain([item.label, item.title].filter(Boolean).join(' ')), lines: hidden > 0 ? [...lines, fmt(t.minutes.card.more, { count: hidden })] : lines };
    });
}

export interface MinutesCardView {
  meeting: Meeting;
  network: Network;
  draft: MinutesDraft;
  /** Downloads the document. */
  url: string;
  /** Once approved: when and by whom (e-mail). */
  approved?: { at: string; by: string };
  /** For the leading roles: the buttons of the minutes' life, and the comment round if one was sent. */
  lead?: { round?: TaskStatus };
  now: Date;
  notice?: string;
}

/**
 * "Til kommentering med frist …: 3 af 9 har svaret", who is missing, and every comment by name.
 * A closed round (the minutes approved) no longer waits for anyone, so nobody is "missing".
 */
function roundView(round: TaskStatus | undefined, network: Network, t: Catalog, lang: Lang) {
  if (!round) return { shown: false, progress: '', missing: '', comments: [] };
  const c = t.minutes.card;
  const answered = round.assignees.filter((a) => a.status === 'done');
  const missing = round.task.closedAt ? [] : round.assignees.filter((a) => a.status === 'open');
  const name = (email: string, fallback: string) => plain(findMember(network, email)?.name ?? fallback);
  return {
    shown: true,
    progress: fmt(c.round, { due: formatDateTime(new Date(round.task.due), lang), answered: answered.length, total: round.assignees.length }),
    missing: missing.length ? fmt(c.missing, { names: joinAnd(lang, missing.map((a) => name(a.email, a.name))) }) : '',
    comments: answered.map((a) =>
      a.comment ? fmt(c.commentLine, { name: name(a.email, a.name), comment: plain(shorten(a.comment, COMMENT_CHARS)) }) : fmt(c.noCommentsLine, { name: name(a.email, a.name) }),
    ),
  };
}

/** The card of a meeting's minutes: the draft, or the approved minutes once approved. */
export function minutesCard(render: Render, view: MinutesCardView, lang: Lang): CardJson {
  const t = catalog(lang);
  const { meeting, network, draft, approved, lead } = view;
  const round = roundView(lead?.round, network, t, lang);
  const open = Boolean(lead && !approved);
  return render(template, {
    t,
    heading: approved ? t.minutes.card.approvedTitle : t.minutes.card.title,
    meeting: plain(meeting.title),
    when: formatMeetingTime(new Date(meeting.start), new Date(meeting.end), lang),
    approvedBy: approved ? fmt(t.minutes.card.approvedBy, { date: formatDate(new Date(approved.at), lang), name: plain(findMember(network, approved.by)?.name ?? approved.by) }) : '',
    notice: view.notice ?? '',
    itemCount: fmt(t.minutes.card.items, { count: meeting.agenda.length }),
    items: summaryItems(draft, t),
    round,
    validFor: approved ? t.minutes.card.approvedValidFor : t.minutes.card.validFor,
    url: view.url,
    networkId: meeting.networkId,
    meetingId: meeting.id,
    lead: Boolean(lead),
    circulate: open && !lead?.round,
    nudge: open && Boolean(round.missing),
    approve: open,
    today: localDay(view.now),
    defaultDue: localDay(new Date(view.now.getTime() + DEFAULT_ROUND_DAYS * 86_400_000)),
  });
}
