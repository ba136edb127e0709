import type { CardAction } from './action';

/** Card actions (Action.Execute verbs) of the minutes feature. */
export const minutesActions: CardAction[] = [];
