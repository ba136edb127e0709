/**
 * The habilitet cards: a member's 1:1 prompt (ask, the "yes" form, or closed) and the
 * round's status card. Builds each template's data from the domain's views.
 */
import { itemLabels, type AnswerEntry, type MemberView, type RoundStatus } from '../services/habilitet';
import { catalog, fmt, joinAnd, plain } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import type { Meeting } from '../services/model';
import { formatDateTime, formatMeetingTime, type Lang } from '../services/time';
import promptTemplate from './habilitet-prompt.json';
import statusTemplate from './habilitet-status.json';
import type { CardJson, Render } from './render';

/** Title, "2. juni 2021, kl. 13.00–15.00" and the ids the card's actions carry back. */
const meetingData = (meeting: Meeting, lang: Lang) => ({
  id: meeting.id,
  networkId: meeting.networkId,
  title: meeting.title,
  when: formatMeetingTime(new Date(meeting.start), new Date(meeting.end), lang, '–'),
});

/** "Nej, ingen nye forhold" / "Ja – inhabil vedrørende Pkt. 2/2021" */
export function answerText(meeting: Meeting, answer: AnswerEntry, lang: Lang): string {
  const t = catalog(lang).habilitet.prompt;
  return answer.answer === 'no' ? t.answeredNo : fmt(t.answeredYes, { items: itemLabels(meeting, answer.items, lang) });
}

export interface PromptOptions {
  /** The "yes" form (items and description) instead of the two answers. */
  form?: boolean;
  /** A confirmation of what was just recorded. */
  notice?: string;
  /** The member's Teams user id (MRI, "29:…"), if known: Teams refreshes the card for them, so it shows their current answer. */
  userIds: string[];
}

export function promptCard(render: Render, view: MemberView, lang: Lang, options: PromptOptions): CardJson {
  const t = catalog(lang);
  const { meeting } = view;
  const latest = view.answer?.latest;
  const closedText = view.closed === 'locked' ? t.habilitet.prompt.closedLocked : view.closed === 'started' ? t.habilitet.prompt.closedStarted : '';
  return render(promptTemplate, {
    t,
    meeting: meetingData(meeting, lang),
    agenda: meeting.agenda.map((item) => ({ label: itemLabel(meeting, item), title: item.title })),
    choices: meeting.agenda.map((item) => ({ title: `${itemLabel(meeting, item)} ${item.title}`, value: String(item.number) })),
    answer: {
      text: latest ? answerText(meeting, latest, lang) : '',
      description: latest?.description ? plain(latest.description) : '',
      at: latest ? fmt(t.habilitet.prompt.answeredAt, { when: formatDateTime(new Date(latest.at), lang) }) : '',
    },
    notice: options.notice ?? '',
    closedText,
    mode: view.closed ? 'closed' : options.form ? 'yes' : 'ask',
    selected: latest?.answer === 'yes' ? latest.items.join(',') : '',
    description: latest?.description ?? '',
    userIds: options.userIds,
  });
}

export interface StatusCardOptions {
  /** Asked before locking a round some have not answered: says how many, with a button that locks. */
  confirmLock?: boolean;
  /** The outcome of what the viewer just did. */
  notice?: string;
}

export function statusCard(render: Render, status: RoundStatus, lang: Lang, options: StatusCardOptions = {}): CardJson {
  const t = catalog(lang);
  const s = t.habilitet.status;
  const names = (members: { name: string }[]) => joinAnd(lang, members.map((m) => m.name));
  const d = status.delivery;
  return render(statusTemplate, {
    t,
    meeting: meetingData(status.meeting, lang),
    answered: fmt(s.answered, { answered: status.answered.length, total: status.voting.length }),
    missing: status.missing.length ? fmt(s.missing, { names: names(status.missing) }) : s.allAnswered,
    delivery: d ? fmt(d.finished ? s.sent : s.sending, { sent: d.sent, total: d.total }) : '',
    unreachable: d?.unreachable.length ? fmt(s.unreachable, { names: names(d.unreachable) }) : '',
    failed: d?.failed.length ? fmt(s.failed, { names: names(d.failed) }) : '',
    conflicts: status.conflicts.map((c) => ({ label: `${itemLabel(status.meeting, c.item)} ${c.item.title}`, names: names(c.members) })),
    closedText: status.closed === 'locked' ? s.locked : status.closed === 'started' ? s.started : '',
    notice: options.notice ?? '',
    confirmLock: options.confirmLock && !status.closed ? fmt(s.confirmLock, { missing: status.missing.length, total: status.voting.length }) : '',
    data: { networkId: status.network.id, meetingId: status.meeting.id },
  });
}
