import { Agenda } from './agenda/agenda';
import { Attendance } from './attendance';
import { Audit } from './audit';
import type { Clock } from './clock';
import { Deadlines, deadlinesMinutesSource } from './deadlines';
import { Fanout } from './fanout/fanout';
import { Habilitet, habilitetMinutesSource } from './habilitet';
import { Identities } from './identity';
import { LiveMeetings } from './live/liveMeetings';
import { itemTimesMinutesSource } from './live/minutes';
import { Meetings } from './meetings';
import { draftFor, minutesDocx } from './minutes';
import { MinutesRecord } from './minutes/record';
import type { MinutesSource } from './minutesSources';
import { Networks } from './networks';
import { MeetingPlanner } from './planning/meetings';
import { Roster } from './planning/roster';
import type { Recusals } from './recusal';
import type { Store } from './store/store';
import { voteMinutes } from './voting/minutes';
import { VoteFrames } from './voting/frames';
import { Voting } from './voting/voting';

/** Every domain service, wired to one store and one clock. */
export interface Services {
  store: Store;
  clock: Clock;
  networks: Networks;
  meetings: Meetings;
  identities: Identities;
  /** The impartiality round before each meeting. */
  habilitet: Habilitet;
  /** Who is recused from which item; answered by the habilitet feature. */
  recusals: Recusals;
  /** Each feature that records something for the minutes registers its source here. */
  minutesSources: MinutesSource[];
  /** Tasks with deadlines and their nudges (services/deadlines). */
  deadlines: Deadlines;
  /** Messages to many members (habilitet prompts, vote reminders), queued and sent by the sweep. */
  fanout: Fanout;
  /** Running the meeting item by item, and the secretary's notes per item. */
  agenda: Agenda;
  /** Consensus voting on an item's proposals. */
  voting: Voting;
  /** What an open vote keeps of its network, kept in line with the roster and the members' languages. */
  voteFrames: VoteFrames;
  /** Who changed what, when; forms that submit once. */
  audit: Audit;
  /** Meetings created, changed and cancelled in Teams. */
  planner: MeetingPlanner;
  /** Members added, changed and leaving in Teams. */
  roster: Roster;
  /** Who is present at a meeting, and who sent apologies. */
  attendance: Attendance;
  /** Meetings held in Teams: the link to the Teams meeting, its actual start and end, the item clock. */
  live: LiveMeetings;
  /** The minutes after the meeting: the comment round on the draft, and the approved minutes kept. */
  minutes: MinutesRecord;
}

export function createServices(store: Store, clock: Clock): Services {
  const networks = new Networks(store);
  const meetings = new Meetings(store, networks);
  const identities = new Identities(store, networks, clock);
  const minutesSources: MinutesSource[] = [];
  const deadlines = new Deadlines(store, clock, networks, meetings);
  minutesSources.push(deadlinesMinutesSource(deadlines));
  const fanout = new Fanout(store, clock);
  const habilitet = new Habilitet(store, clock, networks, meetings, deadlines, identities);
  networks.follow((id) => habilitet.refreshFrames(id));
  minutesSources.push(habilitetMinutesSource(habilitet));
  const agenda = new Agenda(store, clock);
  const attendance = new Attendance(store, clock, networks);
  const voting = new Voting(store, clock, habilitet, attendance);
  const voteFrames = new VoteFrames(clock, networks, meetings, identities, voting);
  networks.follow((id) => voteFrames.refresh(id));
  const live = new LiveMeetings(store, clock, meetings, agenda);
  minutesSources.push(agenda.minutesSource, voteMinutes(voting), itemTimesMinutesSource(agenda, live));
  const audit = new Audit(store, clock);
  const planner = new MeetingPlanner(meetings, agenda, audit, clock, voting);
  const drafts = { networks, minutesSources, clock, attendance };
  const minutes = new MinutesRecord(store, clock, deadlines, audit, { draft: (meeting) => draftFor(drafts, meeting), docx: minutesDocx });
  return { store, clock, networks, meetings, identities, habilitet, recusals: habilitet, minutesSources, deadlines, fanout, agenda, voting, voteFrames, audit, planner, roster: new Roster(networks, audit, clock), attendance, live, minutes };
}
