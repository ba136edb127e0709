import type { CardAction } from './action';

/** Card actions (Action.Execute verbs) of the meeting feature. */
export const meetingActions: CardAction[] = [];
