/**
 * The deadlines cards: the 1:1 nudge (open, marked, snoozed, closed), the secretary's
 * form for a deadline or a comment round, its confirmation, and the `frister` overview.
 * Builds each template's data from the domain's views; all text comes from the catalog.
 */
import type { AssigneeStatus, TaskDoc, TaskStatus } from '../services/deadlines';
import type { NudgeReason } from '../services/deadlines/model';
import { catalog, fmt, joinAnd, plain, type Catalog } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import type { Meeting, Member, Network } from '../services/model';
import { findMember } from '../services/networks';
import { formatDate, formatDateTime, localParts, type Lang } from '../services/time';
import createdTemplate from './deadline-created.json';
import formTemplate from './deadline-form.json';
import overviewTemplate from './deadlines-overview.json';
import nudgeTemplate from './nudge.json';
import type { CardJson, Render } from './render';

/** At most this many tasks on the overview card, so it stays well under Teams' 28 KB. */
export const OVERVIEW_MAX_TASKS = 12;

const nameOf = (network: Network, email: string) => findMember(network, email)?.name ?? email;
const SAFE_URL = /^https:\/\/[^\s()<>[\]\\]+$/;

/** "11. august 2021, kl. 17.00" */
const dueText = (task: TaskDoc, lang: Lang) => formatDateTime(new Date(task.due), lang);

/** Whole calendar days from `now` to the due day, in Copenhagen. */
function daysLeft(task: TaskDoc, now: Date): number {
  const [a, b] = [localParts(now), localParts(new Date(task.due))];
  const day = (p: { year: number; month: number; day: number }) => Date.UTC(p.year, p.month - 1, p.day);
  return Math.round((day(b) - day(a)) / 86_400_000);
}

/** What a reminder shown now says about the time left (for refreshed cards, which have no planned reason). */
export function reasonAt(task: TaskDoc, now: Date): NudgeReason {
  const days = daysLeft(task, now);
  if (now.getTime() > Date.parse(task.due)) return 'overdue';
  return days === 0 ? 'dueDay' : 'before';
}

function heading(t: Catalog, task: TaskDoc, reason: NudgeReason, now: Date, sender: Member | undefined): string {
  const n = t.deadlines.nudge;
  switch (reason) {
    case 'announce':
      return task.kind === 'comments' ? n.announceComments : n.announce;
    case 'before':
      return fmt(n.before, { days: Math.max(daysLeft(task, now), 1) });
    case 'manual':
      return sender ? fmt(n.manualFrom, { name: sender.name, role: t.common.roles[sender.role] }) : n.manual;
    default:
      return n[reason];
  }
}

export interface NudgeView {
  task: TaskDoc;
  network: Network;
  status: AssigneeStatus;
  /** Why it is shown: the planned reason of a nudge, else worked out from the time left. */
  reason?: NudgeReason;
  /** Who sent a manual nudge (e-mail): its heading names them and their role. */
  by?: string;
  now: Date;
  meeting?: Meeting;
  /** A confirmation of what the click just did. */
  notice?: string;
  /** The assignee's Teams user id (MRI, "29:…"), if known: Teams refreshes the card for them, so it shows their current state. */
  userIds: string[];
}

export function nudgeCard(render: Render, view: NudgeView, lang: Lang): CardJson {
  const t = catalog(lang);
  const n = t.deadlines.nudge;
  const { task, network, status, now } = view;
  const open = status.status === 'open' && !task.closedAt;
  const reason = view.reason ?? reasonAt(task, now);
  const description = task.description ?? '';
  const isLink = SAFE_URL.test(description);
  const deliverLabel = task.kind === 'comments' ? n.commentsTo : n.deliverTo;
  const facts = [
    { title: n.due, value: dueText(task, lang) },
    ...(task.deliverTo ? [{ title: deliverLabel, value: nameOf(network, task.deliverTo) }] : []),
    ...(view.meeting ? [{ title: n.meeting, value: `${view.meeting.title}, ${formatDate(new Date(view.meeting.start), lang)}` }] : []),
  ];
  return render(nudgeTemplate, {
    t,
    taskId: task.id,
    kind: task.kind,
    open,
    // Once answered or closed, the heading says so: the title below is not repeated above it.
    heading: open ? heading(t, task, reason, now, view.by ? findMember(network, view.by) : undefined) : finishedHeading(t, status),
    headingColor: open && reason === 'overdue' ? 'Attention' : 'Default',
    title: plain(task.title),
    description: isLink ? '' : plain(description),
    link: isLink ? `[${n.openLink}](${description})` : '',
    facts,
    notice: view.notice ?? stateNotice(t, task, status, lang),
    noticeStyle: open ? 'emphasis' : 'good',
    userIds: view.userIds,
  });
}

/** "Afleveret", "Kommentarer sendt", … for a finished assignee; "Afsluttet" for a closed task. */
function finishedHeading(t: Catalog, status: AssigneeStatus): string {
  const n = t.deadlines.nudge;
  if (status.status !== 'done') return n.finished;
  return status.outcome === 'commentsSent' ? n.headingCommentsSent : status.outcome === 'noComments' ? n.noComments : n.done;
}

/** "Du har markeret opgaven som afleveret (…)" for a finished assignee; nothing while open. */
function stateNotice(t: Catalog, task: TaskDoc, status: AssigneeStatus, lang: Lang): string {
  const n = t.deadlines.nudge;
  if (status.status === 'done') {
    const when = status.doneAt ? formatDateTime(new Date(status.doneAt), lang) : '';
    const template = status.outcome === 'commentsSent' ? n.markedCommentsSent : status.outcome === 'noComments' ? n.markedNoComments : n.markedDone;
    const comment = status.comment ? ` ${fmt(n.yourComment, { comment: plain(status.comment) })}` : '';
    return `${fmt(template, { when })}${comment}`;
  }
  return task.closedAt ? n.closed : '';
}

/** "Jeg minder dig om det igen 12. august 2021, kl. 10.15." */
export const snoozedNotice = (lang: Lang, until: string): string => fmt(catalog(lang).deadlines.nudge.snoozedUntil, { when: formatDateTime(new Date(until), lang) });

export interface FormView {
  network: Network;
  kind: 'task' | 'comments';
  /** The creator: the default receiver of deliveries. */
  creator: string;
  /** The current meeting, whose items the task may belong to. */
  meeting?: Meeting;
  /**
   * Identifies this form's submit (an idempotency key: submitting it twice creates one task).
   * Not named `key`: the Agents Playground's card code cannot serialise button data with a `key` field.
   */
  formId: string;
  now: Date;
}

export function formCard(render: Render, view: FormView, lang: Lang): CardJson {
  const t = catalog(lang);
  const f = t.deadlines.form;
  const { network, meeting } = view;
  const comments = view.kind === 'comments';
  const bodies = [...new Set(network.members.map((m) => m.appointedBy))].filter((b) => !b.toLowerCase().startsWith('region'));
  const groups = [
    { title: t.deadlines.groups.regions, value: 'regions' },
    { title: t.deadlines.groups.members, value: 'members' },
    { title: t.deadlines.groups.all, value: 'all' },
    ...bodies.map((body) => ({ title: fmt(t.deadlines.groups.body, { body }), value: body.toLowerCase() })),
  ];
  const memberChoices = network.members.map((m) => ({ title: `${m.name} (${t.common.roles[m.role]}, ${m.appointedBy})`, value: m.email }));
  const p = localParts(view.now);
  const isoDay = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return render(formTemplate, {
    t,
    kind: view.kind,
    formId: view.formId,
    networkId: network.id,
    meetingId: meeting?.id ?? '',
    heading: comments ? f.titleComments : f.titleTask,
    intro: comments ? f.introComments : f.introTask,
    titleLabel: comments ? f.titleLabelComments : f.title,
    descriptionLabel: comments ? f.descriptionComments : f.description,
    submitTitle: comments ? f.submitComments : f.submit,
    // A comment round goes to chosen people, so groups come after the members there.
    assigneeChoices: comments ? [...memberChoices, ...groups] : [...groups, ...memberChoices],
    assigneesDefault: '',
    memberChoices,
    deliverToDefault: view.creator,
    itemChoices: meeting ? meeting.agenda.map((item) => ({ title: `${itemLabel(meeting, item)} ${item.title}`, value: String(item.number) })) : [],
    today: isoDay(p),
  });
}

/**
 * The confirmation of a new deadline. `recused` names assignees who declared a conflict of interest
 * on the task's item, with the item's label: the one who assigned it is warned.
 */
export function createdCard(render: Render, status: TaskStatus, network: Network, lang: Lang, recused?: { names: string[]; item: string }): CardJson {
  const t = catalog(lang);
  const { task } = status;
  return render(createdTemplate, {
    t,
    warning: recused?.names.length ? fmt(t.deadlines.created.recused, { names: joinAnd(lang, recused.names.map(plain)), item: recused.item }) : '',
    heading: task.kind === 'comments' ? t.deadlines.created.titleComments : t.deadlines.created.title,
    text: fmt(t.deadlines.created.text, {
      title: plain(task.title),
      due: dueText(task, lang),
      count: status.assignees.length,
      names: joinAnd(lang, status.assignees.map((a) => a.name)),
    }),
    facts: task.deliverTo ? [{ title: task.kind === 'comments' ? t.deadlines.nudge.commentsTo : t.deadlines.nudge.deliverTo, value: nameOf(network, task.deliverTo) }] : [],
  });
}

export function overviewCard(render: Render, statuses: TaskStatus[], network: Network, lang: Lang, notice = ''): CardJson {
  const t = catalog(lang);
  const o = t.deadlines.overview;
  const names = (list: AssigneeStatus[], withOutcome = false) =>
    joinAnd(lang, list.map((a) => (withOutcome && a.outcome && a.outcome !== 'done' ? `${a.name} (${o.outcomes[a.outcome]})` : a.name)));
  const tasks = statuses.slice(0, OVERVIEW_MAX_TASKS).map(({ task, assignees, sending }) => {
    const done = assignees.filter((a) => a.status === 'done');
    const missing = assignees.filter((a) => a.status === 'open');
    const failed = missing.filter((a) => a.failed);
    const due = fmt(o.due, { due: dueText(task, lang) });
    return {
      taskId: task.id,
      title: plain(task.title),
      due: task.deliverTo ? `${due}, ${fmt(task.kind === 'comments' ? o.commentsTo : o.deliverTo, { name: nameOf(network, task.deliverTo) })}` : due,
      progress: fmt(task.kind === 'comments' ? o.progressComments : o.progress, { done: done.length, total: assignees.length }),
      done: done.length ? fmt(o.done, { names: names(done, true) }) : o.noneDone,
      missing: missing.length ? fmt(o.missing, { names: names(missing) }) : '',
      failed: failed.length ? fmt(o.failed, { names: names(failed) }) : '',
      sending: sending ? fmt(o.sending, sending) : '',
    };
  });
  const more = statuses.length - tasks.length;
  return render(overviewTemplate, { t, notice, tasks, more: more > 0 ? fmt(o.more, { count: more }) : '' });
}
