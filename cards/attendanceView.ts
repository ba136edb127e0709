/**
 * The attendance card the chair gets on `start` (and `fremmøde` later, for late arrivals):
 * everyone who attends (voting members, then staff), ticked as present unless they sent
 * apologies — or, in a meeting held in Teams, ticked if they joined it, with the time.
 */
import { catalog, fmt, plain } from '../services/i18n';
import { canVote, type Meeting, type Network } from '../services/model';
import { formatTime, type Lang } from '../services/time';
import { meetingLine } from './agendaView';
import template from './attendance.json';
import type { CardJson, Render } from './render';

export interface AttendanceView {
  meeting: Meeting;
  network: Network;
  /** E-mails recorded absent so far. */
  absent: ReadonlySet<string>;
  /** Before the meeting has started: the button starts it. */
  starting: boolean;
  notice?: string;
  /** In a meeting held in Teams: when each member who joined it first did. */
  joined?: ReadonlyMap<string, Date>;
}

export function attendanceCard(render: Render, view: AttendanceView, lang: Lang): CardJson {
  const c = catalog(lang);
  const t = c.attendance.card;
  const people = [...view.network.members.filter((m) => canVote(m.role)), ...view.network.members.filter((m) => !canVote(m.role))];
  return render(template, {
    t,
    meetingLine: meetingLine(view.meeting, lang),
    notice: view.notice ?? '',
    intro: view.joined?.size ? t.introTeams : t.intro,
    present: people.filter((m) => !view.absent.has(m.email)).map((m) => m.email).join(','),
    people: people.map((m) => {
      const joined = view.joined?.get(m.email);
      const title = `${plain(m.name)} (${c.common.roles[m.role]})`;
      return { title: joined ? fmt(t.joinedAt, { person: title, time: formatTime(joined, lang) }) : title, value: m.email };
    }),
    verb: view.starting ? 'attendance.start' : 'attendance.save',
    submit: view.starting ? t.start : t.save,
    networkId: view.network.id,
    meetingId: view.meeting.id,
  });
}
