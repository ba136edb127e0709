/**
 * The agenda card: the meeting's facts in Danish format and its items as a table with the
 * planned clock time of each (start time plus the durations before it, Copenhagen time;
 * once the meeting runs in Teams, its actual start).
 */
import { schedule } from '../services/agenda/schedule';
import { catalog, fmt, plain } from '../services/i18n';
import type { AgendaItem, Meeting, Network } from '../services/model';
import { findMember } from '../services/networks';
import { itemCheck } from '../services/planning/meetings';
import { formatMeetingTime, formatTime, type Lang } from '../services/time';
import template from './agenda.json';
import type { CardJson, Render } from './render';

/** A roster e-mail as the member's name (the e-mail itself if they left the roster). */
export const nameOf = (network: Network, email: string): string => findMember(network, email)?.name ?? email;

/** "Møde i ..., 2. juni 2021, kl. 13.00-15.00" */
export function meetingLine(meeting: Meeting, lang: Lang): string {
  const when = formatMeetingTime(new Date(meeting.start), new Date(meeting.end), lang);
  return fmt(catalog(lang).meeting.meetingLine, { title: meeting.title, when });
}

export interface AgendaCardOptions {
  /** The viewer plans the meeting and it may still change: the edit buttons and Tilføj punkt. */
  editor?: boolean;
  /** The leading roles' Teams user ids (MRIs, "29:…"), those known: Teams refreshes a posted card into their own view. */
  userIds?: string[];
  notice?: string;
  /** The meeting is running in Teams since then: each item's time counts from it. */
  clockFrom?: Date;
  /** Shown in a Teams meeting not linked to this meeting: the button that links it. */
  linkable?: boolean;
}

/** What an agenda card's item buttons carry back: the item by number and a check of its title (numbers follow the order). */
export const agendaItemRef = (meeting: Meeting, item: AgendaItem) => ({ networkId: meeting.networkId, meetingId: meeting.id, item: item.number, check: itemCheck(item) });

export function agendaCard(render: Render, meeting: Meeting, network: Network, current: AgendaItem | undefined, lang: Lang, options: AgendaCardOptions = {}): CardJson {
  const t = catalog(lang).meeting;
  const optional = (title: string, value: string | undefined) => (value ? [{ title, value }] : []);
  const facts = [
    { title: t.agenda.time, value: formatMeetingTime(new Date(meeting.start), new Date(meeting.end), lang) },
    { title: t.agenda.place, value: meeting.location },
    { title: t.agenda.chair, value: nameOf(network, meeting.chair) },
    { title: t.agenda.secretary, value: nameOf(network, meeting.secretary) },
    ...optional(t.agenda.caseNumber, meeting.caseNumber),
    ...optional(t.agenda.documentNumber, meeting.documentNumber),
  ];
  const items = schedule(meeting, options.clockFrom).map(({ item, start }) => {
    const now = item.number === current?.number;
    return {
      number: String(item.number),
      clock: formatTime(start, lang),
      minutes: fmt(t.agenda.minutesValue, { minutes: item.minutes }),
      // The current item is marked in words and weight, not by colour alone.
      activity: now ? fmt(t.agenda.current, { title: item.title }) : item.title,
      weight: now ? 'Bolder' : 'Default',
      style: now ? 'accent' : 'default',
    };
  });
  const last = meeting.agenda.length - 1;
  // The welcome stays first and "Eventuelt" last; the items between move and go.
  const editItems = meeting.agenda.map((item, i) => ({
    label: fmt(t.agenda.itemLine, { number: item.number, title: plain(item.title), minutes: item.minutes }),
    ref: agendaItemRef(meeting, item),
    movable: i > 0 && i < last,
    canUp: i > 1 && i < last,
    canDown: i > 0 && i < last - 1,
  }));
  return render(template, {
    t,
    meeting: { title: meeting.title },
    cancelled: meeting.cancelled ? t.agenda.cancelled : '',
    notice: options.notice ?? '',
    facts,
    items,
    editor: Boolean(options.editor) && !meeting.cancelled,
    linkable: Boolean(options.linkable) && !meeting.cancelled,
    tl: catalog(lang).live,
    editItems,
    data: { networkId: meeting.networkId, meetingId: meeting.id },
    userIds: options.userIds ?? [],
  });
}
