import type { CardAction } from './action';

/** Card actions (Action.Execute verbs) of the deadlines feature. */
export const deadlinesActions: CardAction[] = [];
