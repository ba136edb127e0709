import { catalog, fmt, joinAnd } from '../i18n';
import type { Meeting, Member, Network } from '../model';
import { findMember, resolveAssignees } from '../networks';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import { formatDate, formatDayMonth, formatTime, localYear } from '../time';
import type { Deadlines } from './deadlines';
import type { TaskDoc } from './model';
import { parseDue } from './schedule';

type MinutesTask = Pick<TaskDoc, 'title' | 'kind' | 'assignees' | 'deliverTo'> & { itemNumber: number; due: Date; dueIsDate: boolean };

const words = catalog('da').deadlines.minutes;
const GROUPS: Record<string, string> = { regions: words.groups.regions, members: words.groups.members, all: words.groups.all };

/**
 * The tasks of a meeting as agreements in their item's Referat, worded like the network's
 * minutes ("Det blev aftalt, at … Frist for indsendelse til Mette Ravn Kofoed (…) den 11.
 * august."), and one summary line each ("Udfyld Skema 2 – frist 11. august 2021"). Tasks in the
 * agenda come from the import itself; tasks the secretary created for an item come from the store.
 */
export function deadlinesMinutesSource(deadlines: Deadlines): MinutesSource {
  return async (meeting, network) => {
    const tasks = [...importedTasks(meeting), ...(await createdTasks(deadlines, meeting))];
    const byItem = new Map<number, MinutesTask[]>();
    for (const task of tasks) byItem.set(task.itemNumber, [...(byItem.get(task.itemNumber) ?? []), task]);
    return [...byItem].map(([itemNumber, list]): MinutesContribution => ({
      itemNumber,
      section: 'referat',
      order: 50,
      paragraphs: list.map((task) => agreement(task, meeting, network)),
      summary: list.map((task) => fmt(words.summary, { title: task.title, date: formatDate(task.due) })),
    }));
  };
}

function importedTasks(meeting: Meeting): MinutesTask[] {
  return meeting.agenda.flatMap((item) =>
    item.tasks.flatMap((task) => {
      const parsed = parseDue(task.due);
      return parsed ? [{ ...task, kind: 'task' as const, itemNumber: item.number, due: parsed.due, dueIsDate: parsed.dateOnly }] : [];
    }),
  );
}

async function createdTasks(deadlines: Deadlines, meeting: Meeting): Promise<MinutesTask[]> {
  return (await deadlines.tasksOfMeeting(meeting))
    .filter((task) => task.itemNumber !== undefined && !task.key?.startsWith(`meeting:${meeting.id}:`))
    // In the order they were agreed (the store lists by id); the sooner due first within a moment.
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.due.localeCompare(b.due))
    .map((task) => ({ ...task, itemNumber: task.itemNumber!, due: new Date(task.due) }));
}

/** What was agreed, then the deadline in the seed's own words: one paragraph. */
function agreement(task: MinutesTask, meeting: Meeting, network: Network): string {
  const title = task.title.replace(/[.]$/, '');
  const who = responsible(task.assignees, network);
  // The year goes without saying within the meeting's year.
  const day = localYear(task.due) === localYear(new Date(meeting.start)) ? formatDayMonth(task.due) : formatDate(task.due);
  const date = task.dueIsDate ? day : fmt(words.time, { date: day, time: formatTime(task.due) });
  const receiver = task.deliverTo ? findMember(network, task.deliverTo) : undefined;
  const deadline = task.deliverTo
    ? fmt(task.kind === 'comments' ? words.commentsTo : words.deliverTo, { name: receiver?.name ?? task.deliverTo, email: task.deliverTo, date })
    : fmt(words.noDeliverTo, { date });
  return `${fmt(task.kind === 'comments' ? words.comments : words.agreed, { who, title })} ${deadline}`;
}

/** "de regionale repræsentanter (Mads Bering Kjær, Søren Ahl og Karen Østby)" or the named members. */
function responsible(assignees: TaskDoc['assignees'], network: Network): string {
  const entries = Array.isArray(assignees) ? assignees : [assignees];
  const parts: string[] = [];
  for (const entry of entries) {
    let members: Member[] = [];
    try {
      members = resolveAssignees(network, entry.includes('@') ? [entry] : entry);
    } catch {
      // The roster changed since: name the entry as it was given.
    }
    if (entry.includes('@')) parts.push(members[0]?.name ?? entry);
    else {
      const group = GROUPS[entry.toLowerCase()] ?? fmt(words.groups.body, { body: members[0]?.appointedBy ?? entry });
      parts.push(members.length ? `${group} (${joinAnd('da', members.map((m) => m.name))})` : group);
    }
  }
  return joinAnd('da', parts);
}
