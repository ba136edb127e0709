/**
 * The planning cards: `møder` (the network's upcoming and recent meetings, each with its
 * buttons) and the meeting form (new or edit). Editing buttons only for the leading roles;
 * the server checks the role again on every click.
 */
import { catalog, fmt, plain } from '../services/i18n';
import type { MeetingForm } from '../services/planning/meetings';
import type { Meeting, Network } from '../services/model';
import { formatMeetingTime, localParts, type Lang } from '../services/time';
import formTemplate from './meeting-form.json';
import listTemplate from './meetings.json';
import type { CardJson, Render } from './render';

/** Recent meetings shown besides the upcoming ones. */
export const RECENT_MEETINGS = 3;

export type MeetingState = 'planned' | 'running' | 'held' | 'cancelled';

export function stateOf(meeting: Meeting, now: Date): MeetingState {
  if (meeting.cancelled) return 'cancelled';
  if (Date.parse(meeting.end) < now.getTime()) return 'held';
  return Date.parse(meeting.start) <= now.getTime() ? 'running' : 'planned';
}

export interface MeetingsView {
  network: Network;
  /** The network's meetings, earliest first. */
  meetings: Meeting[];
  now: Date;
  /** The viewer may plan: sees Nyt møde, Ret and Referat. */
  editor: boolean;
  notice?: string;
}

export function meetingsCard(render: Render, view: MeetingsView, lang: Lang): CardJson {
  const t = catalog(lang).planning.list;
  const row = (m: Meeting) => {
    const state = stateOf(m, view.now);
    return {
      id: m.id,
      line: fmt(t.line, { title: plain(m.title), when: formatMeetingTime(new Date(m.start), new Date(m.end), lang) }),
      state: fmt(t.state, { state: t.states[state] }),
      // A cancelled meeting says so in words and weight, not by colour.
      stateWeight: state === 'cancelled' ? 'Bolder' : 'Default',
      editable: view.editor && state === 'planned',
    };
  };
  const ahead = view.meetings.filter((m) => Date.parse(m.end) >= view.now.getTime());
  const past = view.meetings.filter((m) => Date.parse(m.end) < view.now.getTime()).slice(-RECENT_MEETINGS).reverse();
  return render(listTemplate, {
    t,
    network: plain(view.network.name),
    networkId: view.network.id,
    editor: view.editor,
    notice: view.notice ?? '',
    sections: [
      { heading: t.upcoming, meetings: ahead.map(row) },
      { heading: t.recent, meetings: past.map(row) },
    ],
  });
}

export interface MeetingFormView {
  network: Network;
  /** The meeting edited; a new one if absent. */
  meeting?: Meeting;
  /** Identifies this form's submit, so a double click creates one meeting. */
  formId: string;
  now: Date;
  /** Why the last submit was refused, shown above the fields it kept. */
  notice?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (at: Date) => {
  const p = localParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};
const localTime = (at: Date) => {
  const p = localParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

/** What the form shows: the meeting's values, or for a new one the network's defaults a month ahead. */
export function formValues(network: Network, meeting: Meeting | undefined, now: Date): MeetingForm {
  if (meeting) {
    const [start, end] = [new Date(meeting.start), new Date(meeting.end)];
    return {
      title: meeting.title,
      date: localDate(start),
      start: localTime(start),
      end: localTime(end),
      location: meeting.location,
      chair: meeting.chair,
      secretary: meeting.secretary,
      caseNumber: meeting.caseNumber ?? '',
      documentNumber: meeting.documentNumber ?? '',
    };
  }
  const t = catalog('da').planning.form;
  const byRole = (role: string) => network.members.find((m) => m.role === role)?.email ?? '';
  return {
    title: fmt(t.defaultTitle, { network: network.name }),
    date: localDate(new Date(now.getTime() + 30 * 86_400_000)),
    start: '13:00',
    end: '15:00',
    location: t.defaultLocation,
    chair: byRole('chair'),
    secretary: byRole('secretary'),
    caseNumber: '',
    documentNumber: '',
  };
}

export function meetingFormCard(render: Render, view: MeetingFormView, lang: Lang, values: MeetingForm = formValues(view.network, view.meeting, view.now)): CardJson {
  const t = catalog(lang).planning.form;
  const roles = catalog(lang).common.roles;
  return render(formTemplate, {
    t,
    heading: view.meeting ? t.editTitle : t.newTitle,
    network: plain(view.network.name),
    networkId: view.network.id,
    meetingId: view.meeting?.id ?? '',
    formId: view.formId,
    notice: view.notice ?? '',
    submit: view.meeting ? t.save : t.create,
    cancelConfirm: fmt(t.cancelConfirm, { meeting: plain(view.meeting?.title ?? '') }),
    values,
    members: view.network.members.map((m) => ({ title: `${m.name} (${roles[m.role]})`, value: m.email })),
  });
}
