import { fmt } from '../../services/i18n';
import { DomainError } from '../../services/errors';
import { teamsMeetingOf } from '../liveMeeting';
import { agendaCardFor } from '../meeting';
import { defineAction, type CardAction } from './action';
import { MeetingRef, planner } from './planning';

/** Card actions of meetings held in Teams. */
export const liveActions: CardAction[] = [
  defineAction({
    // The agenda card's button in a Teams meeting's chat: this Teams meeting is that meeting.
    // Which Teams meeting comes from the activity (where it was clicked), never from the card.
    verb: 'live.link',
    data: MeetingRef,
    async handler(ctx, { networkId, meetingId }) {
      const { network, member } = planner(ctx, networkId);
      const meeting = await ctx.services.meetings.require(network.id, meetingId);
      const teams = teamsMeetingOf(ctx, ctx.turn);
      if (!teams) throw new DomainError('live.notInTeamsMeeting', {}, 'live.link clicked outside a Teams meeting');
      await ctx.services.live.link(meeting, member, teams);
      ctx.log.info({ meeting: meeting.id }, 'Teams meeting linked');
      const notice = fmt(ctx.t.live.linked, { meeting: meeting.title });
      return { card: await agendaCardFor(ctx.services, ctx.cards, meeting, network, ctx.lang, member, notice) };
    },
  }),
];
