/**
 * Teams' own meeting events (the bot is in a channel meeting, or installed in a meeting's
 * chat, with the manifest's resource-specific consent): the start posts the agenda with
 * the clock running, the end the summary, joins and leaves become attendance. An event is
 * acted on only for a Teams meeting linked to a network's meeting (or whose start matches
 * one), from the tenant it was linked in; anything else is logged and changes nothing.
 * Teams has sent the events' fields in two casings ("StartTime" in Microsoft's first
 * examples, "startTime" later): both are read.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { mayLead } from '../services/agenda/leading';
import { fmt } from '../services/i18n';
import { catalog, langOf } from '../services/i18n';
import type { TeamsMeetingRef } from '../services/live/liveMeetings';
import type { LiveMeetingDoc } from '../services/live/model';
import { summaryOf } from '../services/live/summary';
import type { LiveDelivery } from '../services/live/sweep';
import { itemLabel } from '../services/meetings';
import { memberLogId, type Meeting, type Member, type Network } from '../services/model';
import { findMember } from '../services/networks';
import { formatTime } from '../services/time';
import { agendaCardFor } from './meeting';
import { toActivity } from './messenger';
import { emailOfAccount, languageOf, tenantOf, type AppParts } from './turn';

export const MEETING_EVENT = {
  start: 'application/vnd.microsoft.meetingStart',
  end: 'application/vnd.microsoft.meetingEnd',
  join: 'application/vnd.microsoft.meetingParticipantJoin',
  leave: 'application/vnd.microsoft.meetingParticipantLeave',
} as const;

const Id = z.string().trim().min(1).max(1000);
/** An event's time is believed when it is within this of the bot's clock; else the bot's clock is. */
const CLOCK_SKEW_MS = 60 * 60_000;
/** A join or leave names the people of one moment; more is no real event. */
const MAX_PARTICIPANTS = 300;

const Participant = z.object({ user: z.object({ id: z.string().max(200).optional(), aadObjectId: z.string().max(100).optional() }) });
const Participants = z.object({ members: z.array(z.unknown()).max(MAX_PARTICIPANTS) });

/** A field of the event's value in either casing. */
function field(value: unknown, name: string): unknown {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  return record[name] ?? record[name[0].toUpperCase() + name.slice(1)];
}

/**
 * The Teams meeting an event is about: Teams' meeting id (channelData.meeting.id, as
 * Microsoft says to read it; else the value's), its tenant and conversation. A channel
 * meeting's chat is a thread of the channel: the conversation keeps the thread, so what the
 * bot posts later (the summary) goes into the meeting's thread, not a new one.
 */
export function teamsMeetingOf(parts: Pick<AppParts, 'messenger'>, turn: TurnContext): TeamsMeetingRef | undefined {
  const channelData = turn.activity.channelData as { meeting?: { id?: unknown } } | undefined;
  const id = Id.safeParse(channelData?.meeting?.id ?? field(turn.activity.value, 'id'));
  const tenant = Id.safeParse(tenantOf(turn));
  if (!id.success || !tenant.success) return undefined;
  const reference = parts.messenger.referenceOf(turn);
  const thread = turn.activity.conversation?.id;
  const conversation = thread && reference.conversation ? { ...reference, conversation: { ...(reference.conversation as object), id: thread } } : reference;
  return { teamsMeetingId: id.data, tenantId: tenant.data, conversation };
}

/** Who runs the meeting for the bot when Teams starts it: its chair, else its secretary (both on the roster). */
function leaderOf(meeting: Meeting, network: Network): Member | undefined {
  return [meeting.chair, meeting.secretary].map((email) => findMember(network, email)).find((m): m is Member => Boolean(m && mayLead(m)));
}

export class LiveMeetingEvents {
  constructor(private readonly parts: AppParts) {}

  /** The start: link by time if need be, start the clock, post the agenda; offer the chair the habilitet round if it was not held. */
  async started(turn: TurnContext): Promise<void> {
    const found = await this.meetingOf(turn, 'start', true);
    if (!found) return;
    const { meeting, network, teams } = found;
    const { services, log } = this.parts;
    const { live, outcome } = await services.live.start(meeting, teams, this.eventTime(turn, 'startTime'));
    log.info({ meeting: meeting.id, outcome }, 'Teams meeting started');
    if (outcome === 'running') return;
    const leader = leaderOf(meeting, network);
    if (outcome === 'started' && leader && !(await services.agenda.currentItem(meeting))) await services.agenda.start(meeting, leader);
    const lang = langOf(network.locale);
    const t = catalog(lang).live;
    const time = formatTime(new Date(outcome === 'started' ? live.startedAt : live.starts.at(-1)!), lang);
    const notice = fmt(outcome === 'started' ? t.started : t.resumed, { time });
    await turn.sendActivity(toActivity({ card: await agendaCardFor(services, this.parts.cards, meeting, network, lang, undefined, notice) }));
    if (outcome === 'started' && leader && !(await services.habilitet.round(meeting))) await this.offerHabilitet(meeting, network);
  }

  async ended(turn: TurnContext, delivery: LiveDelivery): Promise<void> {
    const found = await this.meetingOf(turn, 'end', false);
    if (!found) return;
    const { meeting, network } = found;
    const { live, ended } = await this.parts.services.live.end(meeting, this.eventTime(turn, 'endTime'), 'teams');
    this.parts.log.info({ meeting: meeting.id, ended }, 'Teams meeting ended');
    if (ended && live) await delivery.ended(meeting, network, live);
  }

  /** Joins and leaves: each roster member named is recorded in or out of the meeting, now. */
  async participants(turn: TurnContext, joined: boolean): Promise<void> {
    const found = await this.meetingOf(turn, joined ? 'join' : 'leave', false);
    if (!found) return;
    const { meeting, network, teams } = found;
    const { services, log } = this.parts;
    const list = Participants.safeParse(turn.activity.value);
    if (!list.success) {
      log.info({ problem: list.error.message }, 'meeting participants event without a list of participants: ignored');
      return;
    }
    const at = services.clock.now();
    for (const entry of list.data.members) {
      const participant = Participant.safeParse(entry);
      if (!participant.success) continue;
      const email = await emailOfAccount(turn, services, log, teams.tenantId, participant.data.user);
      if (!email || !findMember(network, email)) continue;
      if (joined) await services.attendance.joined(meeting, email, at);
      else await services.attendance.left(meeting, email, at);
      log.info({ meeting: meeting.id, member: memberLogId(email), joined }, 'meeting participant recorded');
    }
  }

  /**
   * The network meeting an event is about, or undefined (logged) for an event that names no
   * Teams meeting, one not linked (nor, for a start, matching a meeting by its time), one
   * from another tenant than it was linked in, or one whose meeting is gone.
   */
  private async meetingOf(turn: TurnContext, event: string, matchByTime: boolean): Promise<{ meeting: Meeting; network: Network; teams: TeamsMeetingRef } | undefined> {
    const { services, log } = this.parts;
    const teams = teamsMeetingOf(this.parts, turn);
    if (!teams) {
      log.info({ event }, 'meeting event without a meeting id or tenant: ignored');
      return undefined;
    }
    const link = await services.live.linkOf(teams.teamsMeetingId);
    if (link && link.tenantId !== teams.tenantId) {
      log.warn({ event, tenant: teams.tenantId, network: link.networkId }, 'meeting event from another tenant than the meeting was linked in: refused');
      return undefined;
    }
    let meeting = link && (await services.meetings.get(link.networkId, link.meetingId));
    if (!link && matchByTime) {
      meeting = await services.live.match(await this.networksOf(turn, teams), this.eventTime(turn, 'startTime'));
      if (meeting) await services.live.link(meeting, 'automatic', teams);
    }
    const network = meeting && (await services.networks.get(meeting.networkId));
    if (!meeting || !network) {
      log.info({ event }, 'meeting event for a Teams meeting linked to no network meeting: ignored');
      return undefined;
    }
    return { meeting, network, teams };
  }

  /** Whose meetings a Teams meeting may be: the network of the channel it is held in, else those the starter leads. */
  private async networksOf(turn: TurnContext, teams: TeamsMeetingRef): Promise<string[]> {
    const { services, log } = this.parts;
    const conversationId = (turn.activity.conversation?.id ?? '').split(';')[0];
    const channel = await services.identities.channel(conversationId);
    if (channel) return [channel.networkId];
    const email = await emailOfAccount(turn, services, log, teams.tenantId, turn.activity.from ?? {});
    const memberships = email ? await services.identities.membershipsOf(email) : [];
    return memberships.filter((m) => mayLead(m.member)).map((m) => m.network.id);
  }

  /** The moment an event reports (its start or end time), if it agrees with the bot's clock; else the bot's clock. */
  private eventTime(turn: TurnContext, name: 'startTime' | 'endTime'): Date {
    const now = this.parts.services.clock.now();
    const reported = field(turn.activity.value, name);
    const at = typeof reported === 'string' ? new Date(reported) : undefined;
    return at && Math.abs(at.getTime() - now.getTime()) <= CLOCK_SKEW_MS ? at : now;
  }

  /** The chair (or secretary) is told in 1:1 that the habilitet round was not held; a failed send is logged. */
  private async offerHabilitet(meeting: Meeting, network: Network): Promise<void> {
    const { services, messenger, log } = this.parts;
    const leader = leaderOf(meeting, network)!;
    try {
      const lang = await languageOf(services, network, leader.email);
      await messenger.toMember(leader.email, { text: fmt(catalog(lang).live.habilitetNotHeld, { meeting: meeting.title }) });
    } catch (err) {
      log.warn({ err, meeting: meeting.id }, 'could not tell the chair that the habilitet round was not held');
    }
  }
}

/** The item clock's and the end's way into Teams: the chair's private note, the summary in the meeting. */
export class TeamsLiveDelivery implements LiveDelivery {
  constructor(private readonly parts: AppParts) {}

  async overrun({ meeting, network, chair, item, next }: Parameters<LiveDelivery['overrun']>[0]): Promise<void> {
    const lang = await languageOf(this.parts.services, network, chair.email);
    const t = catalog(lang).live;
    const text = fmt(next ? t.overrun : t.overrunLast, {
      item: itemLabel(meeting, item.item),
      title: item.item.title,
      end: formatTime(item.end, lang),
      minutes: item.item.minutes,
      next: next ? `${itemLabel(meeting, next.item)} ${next.item.title}` : '',
    });
    await this.parts.messenger.toMember(chair.email, { text });
  }

  async ended(meeting: Meeting, network: Network, live: LiveMeetingDoc): Promise<void> {
    const { services, cards, messenger, log } = this.parts;
    const lang = langOf(network.locale);
    const summary = await summaryOf(services, meeting, live);
    const card = cards.meetingEnded({ meeting, endedAt: new Date(live.endedAt!), endedBy: live.endedBy ?? 'teams', ...summary }, lang);
    try {
      await messenger.toConversation(live.conversation, { card });
    } catch (err) {
      log.warn({ err, meeting: meeting.id }, 'could not post the summary of the ended meeting');
    }
  }
}
