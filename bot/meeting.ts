/**
 * What the meeting feature's commands and card actions share: the cards with the data they
 * need from the services (notes, vote state, who Teams should refresh them for), posting a
 * vote card so it can be replaced on close, and replacing it.
 */
import type { Cards } from '../cards/cards';
import type { CardJson } from '../cards/render';
import type { Services } from '../services';
import { mayLead } from '../services/agenda/leading';
import { requireItem } from '../services/agenda/schedule';
import { DomainError } from '../services/errors';
import { catalog, fmt } from '../services/i18n';
import type { ConversationReference } from '../services/identity';
import { itemLabel } from '../services/meetings';
import { canVote, type AgendaItem, type Meeting, type Member, type Network } from '../services/model';
import type { Lang } from '../services/time';
import type { CastInput, Standing, VoteDoc, VoteState } from '../services/voting/voting';
import type { Logger } from './log';
import type { Messenger } from './messenger';
import { languageOf } from './turn';

/** Teams refreshes a card automatically for at most 60 users. */
const MAX_REFRESH_USERS = 60;

/**
 * Teams user ids (MRIs) of members the bot has met (written, or listed in a linked team):
 * what a card's refresh.userIds names.
 */
export async function refreshUserIds(services: Services, emails: string[]): Promise<string[]> {
  const contacts = await services.identities.contacts(emails);
  return contacts.flatMap((c) => (c?.teamsUserId ? [c.teamsUserId] : [])).slice(0, MAX_REFRESH_USERS);
}

const leaders = (network: Network): string[] => network.members.filter(mayLead).map((m) => m.email);

/**
 * The agenda card: for a viewer who plans (and a meeting neither begun nor cancelled) with the
 * edit buttons; without a viewer the card posted to everyone, which Teams refreshes into the
 * leading roles' own view. `linkable`: shown in a Teams meeting not linked to this meeting,
 * with the button that links it.
 */
export async function agendaCardFor(services: Services, cards: Cards, meeting: Meeting, network: Network, lang: Lang, viewer?: Member, notice?: string, linkable?: boolean): Promise<CardJson> {
  const [current, userIds, live] = await Promise.all([services.agenda.currentItem(meeting), refreshUserIds(services, leaders(network)), services.live.get(meeting)]);
  const editor = viewer !== undefined && mayLead(viewer) && !current && !meeting.cancelled;
  // While the meeting runs in Teams, its items' times count from its actual start.
  const clockFrom = live && !live.endedAt ? new Date(live.startedAt) : undefined;
  return cards.agenda(meeting, network, current, lang, { editor, userIds, notice, clockFrom, linkable });
}

/** The item card: the chair's and secretary's view for them, the read-only one for everyone else. */
export async function itemCardFor(services: Services, cards: Cards, meeting: Meeting, network: Network, item: AgendaItem, lang: Lang, viewer?: Member, notice?: string): Promise<CardJson> {
  const [notes, vote, userIds] = await Promise.all([
    services.agenda.notesOf(meeting, item.number),
    services.voting.get(meeting, item.number),
    refreshUserIds(services, leaders(network)),
  ]);
  return cards.item(meeting, network, item, lang, { editor: viewer ? mayLead(viewer) : false, notes, voteOpened: Boolean(vote), userIds, notice });
}

/**
 * The attendance card: who is present (apologies recorded so far unticked; in a meeting held
 * in Teams, before the chair has recorded it, who joined it, with the time).
 */
export async function attendanceCardFor(services: Services, cards: Cards, meeting: Meeting, network: Network, lang: Lang, starting: boolean, notice?: string): Promise<CardJson> {
  const [absent, presence] = await Promise.all([services.attendance.absentFrom(meeting), services.attendance.presence(meeting)]);
  const joined = new Map(presence.flatMap((p) => (p.intervals.length ? [[p.email, new Date(p.intervals[0].joinedAt)] as const] : [])));
  return cards.attendance({ meeting, network, absent, starting, notice, joined }, lang);
}

/** Where a member stands as the vote's state tells it (a closed vote: its stored recusals). */
function standingIn(state: VoteState, member: Member): Standing {
  if (!canVote(member.role)) return { kind: 'nonVoter', member };
  return { kind: state.tally.recused.some((v) => v.email === member.email) ? 'recused' : 'voter', member };
}

/**
 * The vote card: the viewer's own ballot (or why they have none), or the card posted to everyone.
 * `known`: the vote's standing the caller has just read (a ballot's own).
 */
export async function voteCardFor(
  services: Services,
  cards: Cards,
  meeting: Meeting,
  network: Network,
  itemNumber: number,
  lang: Lang,
  viewer?: Member,
  notice?: string,
  draft?: CastInput[],
  known?: VoteState,
): Promise<CardJson> {
  const state = known ?? (await services.voting.state(meeting, network, itemNumber));
  if (!state) throw new DomainError('meeting.vote.notOpen', { item: itemLabel(meeting, requireItem(meeting, itemNumber)) }, `no vote on item ${itemNumber}`);
  const eligible = state.tally.eligible.map((v) => v.email);
  const ids = state.vote.refreshIds;
  // A vote opened before its refresh ids were kept with it looks them up.
  const userIds = ids ? eligible.flatMap((email) => (ids[email] ? [ids[email]] : [])).slice(0, MAX_REFRESH_USERS) : await refreshUserIds(services, eligible);
  const asViewer = viewer ? { standing: standingIn(state, viewer), leads: mayLead(viewer) } : undefined;
  return cards.vote(meeting, network, state, lang, { viewer: asViewer, notice, userIds, draft });
}

/** Posts the vote card for everyone with `send`, and remembers where, so the close can replace it. */
export async function postVoteCard(
  services: Services,
  cards: Cards,
  send: (card: CardJson) => Promise<string | undefined>,
  reference: ConversationReference,
  meeting: Meeting,
  network: Network,
  itemNumber: number,
  lang: Lang,
): Promise<void> {
  const activityId = await send(await voteCardFor(services, cards, meeting, network, itemNumber, lang));
  if (activityId) await services.voting.rememberPost(meeting, itemNumber, { reference, activityId });
}

/** Replaces the posted vote card with its current (closed) state; a failed update is logged, not fatal. */
export async function updatePostedVote(services: Services, cards: Cards, messenger: Messenger, log: Logger, meeting: Meeting, network: Network, vote: VoteDoc, lang: Lang): Promise<void> {
  if (!vote.post) return;
  try {
    await messenger.update(vote.post, { card: await voteCardFor(services, cards, meeting, network, vote.itemNumber, lang) });
  } catch (err) {
    log.warn({ err, meeting: meeting.id, item: vote.itemNumber }, 'could not replace the posted vote card');
  }
}

/**
 * Reminds one member of a vote they have not finished: the vote card itself, in their own
 * language, which Teams refreshes into their own ballot.
 */
export async function sendVoteReminder(services: Services, cards: Cards, messenger: Messenger, meeting: Meeting, network: Network, itemNumber: number, email: string): Promise<void> {
  const lang = await languageOf(services, network, email);
  const card = await voteCardFor(services, cards, meeting, network, itemNumber, lang);
  const item = requireItem(meeting, itemNumber);
  const text = fmt(catalog(lang).meeting.vote.reminder, { item: itemLabel(meeting, item), title: item.title });
  await messenger.toMember(email, { text, card });
}
