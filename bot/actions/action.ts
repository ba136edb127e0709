import type { z } from 'zod';
import type { CardJson } from '../../cards/render';
import type { Member, Network } from '../../services/model';
import type { Lang } from '../../services/time';
import type { TurnContext } from 'botbuilder';
import type { AppParts, HandlerContext, TurnInfo } from '../turn';

export interface ActionContext extends HandlerContext {
  /** The sender's entry in a network the card names; throws if they are not on its roster. */
  membershipIn(networkId: string): { network: Network; member: Member };
  /** True for automatic refreshes, false for clicks. */
  automatic: boolean;
}

/** Who clicked, as the link of their Teams account alone tells it: no roster has been read. */
export interface Caller {
  tenantId: string;
  aadObjectId: string;
  /** Teams' user id (MRI, "29:..."). */
  teamsUserId: string;
  email: string;
}

/** What a lean handler works with: the turn (in the client's language), the App's parts, and who clicked. */
export interface LeanContext extends TurnInfo, AppParts {
  turn: TurnContext;
  caller: Caller;
  automatic: boolean;
  /** A refusal or failure as the member is told it, in their language once the handler knows it; logged as any turn's. */
  explain(err: unknown, lang: Lang): string;
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
  /**
   * For the clicks every member makes many of (a ballot): tried first, from documents that hold
   * what the click needs of its network and meeting, so the click reads those instead of the
   * caller's person, network and meeting. Undefined when they cannot tell (the caller was not
   * on the roster they keep, say): then `handler` runs as for any action, from the roster.
   */
  lean?(ctx: LeanContext, data: z.output<S>): Promise<ActionResult | undefined>;
}

/** Keeps the data schema and handler types tied together when declaring an action. */
export const defineAction = <S extends z.ZodType>(action: CardAction<S>): CardAction => action as unknown as CardAction;
