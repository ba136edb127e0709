import type { Widen } from '../widen';
import type { deadlines as da } from '../da/deadlines';

/** English strings of the deadlines feature; same keys as the Danish ones. */
export const deadlines: Widen<typeof da> = {
  emptyTitle: 'The task needs a title.',
  tooLong: 'The field "{what}" is too long (at most {max} characters).',
  badDate: 'The deadline "{value}" is not a valid date. Write it as YYYY-MM-DD, e.g. 2021-08-11.',
  pastDue: 'The deadline "{value}" has already passed. Choose a deadline in the future.',
  noAssignees: 'Choose at least one recipient: members or a group (regions, members, all, LVS).',
  unknownAssignee: '"{who}" is neither a member of the network nor a group (regions, members, all or an appointing body such as LVS).',
  unknownDeliverTo: '"{who}" is not on the network\'s roster and cannot receive the delivery.',
  unknownTask: 'The task does not exist (any more). Please fetch the card again.',
  notAssigned: 'You are not among the recipients of "{title}", so you cannot mark it.',
  taskClosed: 'The task "{title}" has been closed; there is nothing to mark.',
  alreadyDone: 'You have already marked "{title}" as delivered.',
  onlyLeaders: 'Only the chair and the secretary can create and follow up on deadlines.',
};
