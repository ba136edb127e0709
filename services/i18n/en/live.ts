import type { live as da } from '../da/live';
import type { Widen } from '../widen';

/** English strings of meetings held in Teams: the link to the Teams meeting, its start and end, the item clock. */
export const live: Widen<typeof da> = {
  linkButton: 'Link to this Teams meeting',
  linked: 'The Teams meeting is now linked to **{meeting}**. When the meeting starts in Teams, I show the agenda here with the clock.',
  cancelled: 'The meeting "{meeting}" is cancelled and cannot be linked to a Teams meeting.',
  notInTeamsMeeting: 'The button works only in the Teams meeting’s chat. Open the meeting’s chat, write **@Referent agenda** and click there.',
  started: 'The meeting started at {time}. The clock is running: the items’ times count from the start.',
  resumed: 'The meeting resumed at {time}.',
  habilitetNotHeld: 'The meeting **{meeting}** has started in Teams, but the impartiality round was not held. Write **habilitet** in the network’s channel before items with a vote.',
  overrun: '{item} "{title}" was planned to end at {end} (about {minutes} min.). Next item: {next}.',
  overrunLast: '{item} "{title}" was planned to end at {end} (about {minutes} min.). It is the last item on the agenda.',
  itemTimes: 'Dealt with {from}-{to}.',
  itemFrom: 'Dealt with from {from}.',
  summary: {
    title: 'The meeting has ended',
    ended: 'The meeting ended at {time}.',
    endedBySweep: 'Teams did not report the end of the meeting; I ended it at {time}.',
    handled: 'Items dealt with',
    openVotes: 'Votes still open',
    tasks: 'Tasks from the meeting',
    none: 'None',
    draft: 'Draft minutes',
  },
};
