import assert from 'node:assert/strict';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { cardProblems } from '../cards/cardChecks';

/** A card valid against the Adaptive Card 1.5 schema and free of what Teams and the Playground cannot take. */
export function valid(card: unknown): void {
  assert.deepEqual(cardSchemaErrors(card), []);
  assert.deepEqual(cardProblems(card), []);
}

/** The verbs of a card's Action.Execute buttons, in order (nested cards included). */
export const verbs = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);
