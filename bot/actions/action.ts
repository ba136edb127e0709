import type { z } from 'zod';
import type { CardJson } from '../../cards/render';
import type { Member, Network } from '../../services/model';
import type { HandlerContext } from '../turn';

export interface ActionContext extends HandlerContext {
  /** The sender's entry in a network the card names; throws if they are not on its roster. */
  membershipIn(networkId: string): { network: Network; member: Member };
  /** True for automatic refreshes, false for clicks. */
  automatic: boolean;
}

/** What an Action.Execute returns: a card replacing the clicked one, or a short message. */
export type ActionResult = { card: CardJson } | { message: string };

/**
 * One Universal Action, by verb. `data` parses what the card sent back: it is only
 * ever a hint of what was clicked; who clicked comes from the activity.
 */
export interface CardAction<S extends z.ZodType = z.ZodType> {
  verb: string;
  data: S;
  handler(ctx: ActionContext, data: z.output<S>): Promise<ActionResult>;
}

/** Keeps the data schema and handler types tied together when declaring an action. */
export const defineAction = <S extends z.ZodType>(action: CardAction<S>): CardAction => action as unknown as CardAction;
