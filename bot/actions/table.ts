import type { CardAction } from './action';

/** The one table of card actions, by verb. A feature adds its actions here. */
export function actionTable(): readonly CardAction[] {
  return [];
}
