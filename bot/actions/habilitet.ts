import type { CardAction } from './action';

/** Card actions (Action.Execute verbs) of the habilitet feature. */
export const habilitetActions: CardAction[] = [];
