import type { CardAction } from './action';
import { agendaActions } from './agenda';
import { attendanceActions } from './attendance';
import { deadlinesActions } from './deadlines';
import { habilitetActions } from './habilitet';
import { liveActions } from './live';
import { meetingActions } from './meeting';
import { minutesActions } from './minutes';
import { planningActions } from './planning';
import { rosterActions } from './roster';

/** The one table of card actions, by verb. A feature adds its actions in its own module. */
export function actionTable(): readonly CardAction[] {
  return [...habilitetActions, ...meetingActions, ...deadlinesActions, ...planningActions, ...agendaActions, ...rosterActions, ...attendanceActions, ...liveActions, ...minutesActions];
}
