import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Cards } from '../cards/cards';
import type { CardJson } from '../cards/render';
import { DomainError } from '../services/errors';
import type { Catalog } from '../services/i18n';
import { catalog, langOf } from '../services/i18n';
import { memberLogId, type Member, type Network } from '../services/model';
import type { Lang } from '../services/time';
import type { Services } from '../services';
import type { KnownPerson } from '../services/identity';
import { StoreWriteError } from '../services/store/store';
import type { Caller } from './actions/action';
import type { HabilitetPosts } from './habilitet';
import type { Links } from './links';
import type { Logger } from './log';
import type { Messenger } from './messenger';

/** The sender as the server knows them: identified by the activity, never by card data. */
export interface Sender {
  tenantId: string;
  aadObjectId: string;
  /** Teams' user id (MRI, "29:..."): what card refresh lists and 1:1 chats name. */
  teamsUserId: string;
  email: string;
  name: string;
  memberships: { network: Network; member: Member }[];
  /** The language they chose for themselves, if they did. */
  lang?: Lang;
  /** Their document as this turn read it: saving their contact starts from it. */
  known?: KnownPerson['doc'];
}

export interface TurnInfo {
  lang: Lang;
  t: Catalog;
  scope: 'personal' | 'channel' | 'groupChat';
  /** The conversation id without Teams' ";messageid=" thread suffix. */
  conversationId: string;
}

/** The App's parts a turn works with: given to the bot, and through it to every handler. */
export interface AppParts {
  services: Services;
  cards: Cards;
  messenger: Messenger;
  habilitetPosts: HabilitetPosts;
  /** Signed links to what the bot serves (minutes downloads). */
  links: Links;
  log: Logger;
}

/** What every command and card action may use: the turn, the App's parts, and who sent it. */
export interface HandlerContext extends TurnInfo, AppParts {
  turn: TurnContext;
  sender: Sender;
  /** Posts a card into the turn's conversation; its activity id, so it can be updated later. */
  replyCard(card: CardJson): Promise<string | undefined>;
}

/** The sender's entry in a network; a refusal if they are not on its roster. */
export function membershipOf(sender: Sender, networkId: string): { network: Network; member: Member } {
  const membership = sender.memberships.find((m) => m.network.id === networkId);
  if (!membership) throw new DomainError('common.notOnNetwork', {}, `${memberLogId(sender.email)} is not on the roster of ${networkId}`);
  return membership;
}

/** The language to write to a member in: their own choice, else the network's working language. */
export async function languageOf(services: Services, network: Network, email: string): Promise<Lang> {
  return (await services.identities.language(email)) ?? langOf(network.locale);
}

/**
 * The turn read in a known member's language: their own choice, else their network's working
 * language. The client's locale does not decide it (the Agents Playground sends en-US always,
 * and a chair writing in English must not turn a Danish member's cards English).
 */
export function inMemberLanguage(info: TurnInfo, sender: Sender): TurnInfo {
  const lang = sender.lang ?? langOf(sender.memberships[0].network.locale);
  return lang !== info.lang ? { ...info, lang, t: catalog(lang) } : info;
}

export function turnInfo(turn: TurnContext): TurnInfo {
  const a = turn.activity;
  const lang = langOf(a.locale ?? undefined);
  const type = a.conversation?.conversationType;
  const scope = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  return { lang, t: catalog(lang), scope, conversationId: (a.conversation?.id ?? '').split(';')[0] };
}

/**
 * Runs a bookkeeping write the member did not ask for (how to reach them, who they are).
 * When the store cannot write, it is logged and the turn goes on: the member still gets an
 * answer, and what they asked for is refused as not saved if it needs a write.
 */
export async function unlessUnwritable(log: Logger, what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!(err instanceof StoreWriteError)) throw err;
    log.error({ err }, `could not save ${what}: the store cannot write`);
  }
}

/** Who an activity says sent it; production accepts only the configured tenant before this (bot/adapter.ts). */
const Person = z.object({ tenantId: z.string().min(1).max(100), aadObjectId: z.guid() });

export function tenantOf(turn: TurnContext): string | undefined {
  const a = turn.activity;
  const channelData = a.channelData as { tenant?: { id?: string } } | undefined;
  return a.conversation?.tenantId ?? channelData?.tenant?.id;
}

/**
 * Identifies the sender: by the stored link for their AAD object id, or on first
 * contact by their e-mail from Teams' roster API. Undefined for people on no roster;
 * nothing is stored about them.
 */
export async function identifySender(turn: TurnContext, services: Services, log: Logger): Promise<Sender | undefined> {
  const from = turn.activity.from;
  // Teams sends the object id as a GUID; anything else (a forged or broken activity) is nobody we know.
  const parsed = Person.safeParse({ tenantId: tenantOf(turn), aadObjectId: from?.aadObjectId });
  if (!parsed.success) return undefined;
  const person = parsed.data;
  const { aadObjectId, tenantId } = person;
  const linked = await services.identities.emailOf(person);
  const email = linked ?? (await rosterEmail(turn, from.id, aadObjectId, log));
  if (!email) return undefined;
  const { memberships, lang, doc } = await services.identities.person(email);
  if (!memberships.length) {
    log.info({ aadObjectId, tenantId }, 'message from a Teams user on no roster');
    return undefined;
  }
  if (!linked) await unlessUnwritable(log, 'the link of a Teams account to its roster e-mail', () => services.identities.link(person, email, from.name ?? memberships[0].member.name));
  return { tenantId, aadObjectId, teamsUserId: from.id, email, name: memberships[0].member.name, memberships, lang, known: doc };
}

/** The sender by the stored link of their Teams account alone, without reading any roster; undefined when it has none. */
export async function linkedCaller(turn: TurnContext, services: Services): Promise<Caller | undefined> {
  const from = turn.activity.from;
  const parsed = Person.safeParse({ tenantId: tenantOf(turn), aadObjectId: from?.aadObjectId });
  if (!parsed.success || !from.id) return undefined;
  const email = await services.identities.emailOf(parsed.data);
  return email ? { ...parsed.data, teamsUserId: from.id, email } : undefined;
}

/**
 * The e-mail of a Teams account from Teams' roster of the turn's conversation; undefined
 * when Teams does not answer or names another account than `aadObjectId`.
 */
async function rosterEmail(turn: TurnContext, teamsUserId: string, aadObjectId: string, log: Logger): Promise<string | undefined> {
  try {
    const account = await TeamsInfo.getMember(turn, teamsUserId);
    // The roster's account must be the one the activity names, or the link would join two people.
    const same = !account.aadObjectId || account.aadObjectId.toLowerCase() === aadObjectId.toLowerCase();
    return same ? (account.email ?? account.userPrincipalName ?? '').toLowerCase() || undefined : undefined;
  } catch (err) {
    log.warn({ err, aadObjectId }, 'could not read an account from the Teams roster');
    return undefined;
  }
}

/**
 * The roster e-mail of a Teams account an event names (a meeting participant): by the stored
 * link of its AAD object id, else from Teams' roster. Nothing is stored.
 */
export async function emailOfAccount(turn: TurnContext, services: Services, log: Logger, tenantId: string, account: { id?: string; aadObjectId?: string }): Promise<string | undefined> {
  const parsed = Person.safeParse({ tenantId, aadObjectId: account.aadObjectId });
  if (!parsed.success) return undefined;
  return (await services.identities.emailOf(parsed.data)) ?? (account.id ? rosterEmail(turn, account.id, parsed.data.aadObjectId, log) : undefined);
}
