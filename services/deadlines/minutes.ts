import { catalog, fmt, joinAnd } from '../i18n';
import type { Meeting, Member, Network } from '../model';
import { findMember, resolveAssignees } from '../networks';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import { formatDate, formatShortDate, formatTime } from '../time';
import type { Deadlines } from './deadlines';
import type { TaskDoc } from './model';
import { parseDue } from './schedule';

type MinutesTask = Pick<TaskDoc, 'title' | 'kind' | 'assignees' | 'deliverTo'> & { itemNumber: number; due: Date; dueIsDate: boolean };

const words = catalog('da').deadlines.minutes;
const GROUPS: Record<string, string> = { regions: words.groups.regions, members: words.groups.members, all: words.groups.all };

/**
 * The tasks of a meeting under "Videre proces" of their item, worded like the network's
 * minutes ("Frist for indsendelse til Mette Ravn Kofoed den 11. aug."), and one summary
 * line each ("Udfyld Skema 2 – frist 11. august 2021"). Tasks in the agenda come from the
 * import itself; tasks the secretary created for an item come from the store.
 */
export function deadlinesMinutesSource(deadlines: Deadlines): MinutesSource {
  return async (meeting, network) => {
    const tasks = [...importedTasks(meeting), ...(await createdTasks(deadlines, meeting))];
    const byItem = new Map<number, MinutesTask[]>();
    for (const task of tasks) byItem.set(task.itemNumber, [...(byItem.get(task.itemNumber) ?? []), task]);
    return [...byItem].map(([itemNumber, list]): MinutesContribution => ({
      itemNumber,
      section: 'nextSteps',
      order: 50,
      paragraphs: list.flatMap((task) => paragraphs(task, network)),
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
    .map((task) => ({ ...task, itemNumber: task.itemNumber!, due: new Date(task.due) }));
}

/** Who does what, then the deadline in the seed's own words, each its own paragraph. */
function paragraphs(task: MinutesTask, network: Network): string[] {
  const { who, many } = responsible(task.assignees, network);
  const date = task.dueIsDate ? formatShortDate(task.due) : fmt(words.time, { date: formatShortDate(task.due), time: formatTime(task.due) });
  const deliverTo = task.deliverTo && (findMember(network, task.deliverTo)?.name ?? task.deliverTo);
  const deadline = deliverTo ? fmt(task.kind === 'comments' ? words.commentsTo : words.deliverTo, { name: deliverTo, date }) : fmt(words.noDeliverTo, { date });
  // "den 11. aug." already ends the sentence; a time ("kl. 12.00") does not.
  return [`${task.title.replace(/[.]$/, '')}. ${fmt(many ? words.responsiblePlural : words.responsible, { who })}`, deadline.endsWith('.') ? deadline : `${deadline}.`];
}

/** "de regionale repræsentanter (Mads Bering Kjær, Søren Ahl og Karen Østby)" or the named members. */
function responsible(assignees: TaskDoc['assignees'], network: Network): { who: string; many: boolean } {
  const entries = Array.isArray(assignees) ? assignees : [assignees];
  const parts: string[] = [];
  let count = 0;
  for (const entry of entries) {
    let members: Member[] = [];
    try {
      members = resolveAssignees(network, entry.includes('@') ? [entry] : entry);
    } catch {
      // The roster changed since: name the entry as it was given.
    }
    count += Math.max(members.length, 1);
    if (entry.includes('@')) parts.push(members[0]?.name ?? entry);
    else {
      const group = GROUPS[entry.toLowerCase()] ?? fmt(words.groups.body, { body: members[0]?.appointedBy ?? entry });
      parts.push(members.length ? `${group} (${joinAnd('da', members.map((m) => m.name))})` : group);
    }
  }
  return { who: joinAnd('da', parts), many: count > 1 };
}
