/**
 * What POST /api/messages takes before botbuilder sees it. botbuilder trusts an activity's
 * shape: a missing service URL made a turn's reply hang, a missing channel id threw a
 * TypeError (500), an invoke without an action threw (501), and a number for `text` failed
 * inside the turn (200 with nothing sent). Every such request is the caller's fault, so it
 * is refused here with 400 and a short reason, before any handler runs or the connector is
 * called. Fields the bot never reads are left alone; an activity of a type the bot does not
 * handle passes and is ignored (200).
 */
import { z } from 'zod';

/**
 * Deeper than any activity Teams sends (its deepest is about 6 levels: a card's data in
 * an invoke's value), and shallow enough that a deeply nested body is refused without
 * walking or parsing it further.
 */
export const MAX_DEPTH = 32;

const text = (max: number) => z.string().max(max).nullish();

/** A sender or recipient: Teams' id ("29:…", "28:…"), optionally a name and an object id. */
const Account = z.object({
  id: z.string().min(1).max(512),
  name: text(512),
  aadObjectId: text(100),
});

/** Card clicks (Action.Execute) are the only invoke this bot serves: their value is checked here. */
const CardActionValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: text(256),
    data: z.record(z.string(), z.unknown()).nullish(),
  }),
  trigger: text(32),
});

const Activity = z.object({
  type: z.string().regex(/^[A-Za-z][A-Za-z0-9._/-]{0,63}$/, 'expected an activity type'),
  // "msteams" from Teams and the Playground; other Bot Framework channels have names of the same form.
  channelId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}(:[A-Za-z0-9._-]{1,64})?$/i, 'expected a channel id such as msteams'),
  // Where the reply goes: without one, botbuilder's connector call never settles.
  serviceUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2048),
  conversation: z.object({
    id: z.string().min(1).max(1024),
    conversationType: text(64),
    tenantId: text(100),
    isGroup: z.boolean().nullish(),
  }),
  from: Account,
  recipient: Account,
  name: text(256),
  text: z.string().nullish(),
  locale: text(64),
  channelData: z.object({ tenant: z.object({ id: text(100) }).nullish() }).nullish(),
  entities: z.array(z.object({ type: z.string().min(1).max(256) })).nullish(),
  attachments: z.array(z.object({ contentType: z.string().min(1).max(256) })).nullish(),
});

/** Why `body` is not an activity this bot takes (a short reason, for the 400), or undefined if it is. */
export function refusal(body: unknown): string | undefined {
  if (depthExceeds(body, MAX_DEPTH)) return `nested deeper than ${MAX_DEPTH} levels`;
  const activity = Activity.safeParse(body);
  if (!activity.success) return reason(activity.error);
  if (activity.data.type !== 'invoke' || activity.data.name !== 'adaptiveCard/action') return undefined;
  const value = CardActionValue.safeParse((body as { value?: unknown }).value);
  return value.success ? undefined : reason(value.error, ['value']);
}

/** The first problem, with where it is: "conversation.id: Invalid input: expected string, received undefined". */
function reason(error: z.ZodError, under: PropertyKey[] = []): string {
  const [issue] = error.issues;
  const path = [...under, ...issue.path].map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** True when objects or arrays nest more than `max` levels; stops at the first such path. */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
