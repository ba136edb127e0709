import { z } from 'zod';
import { fmt, joinAnd } from '../../services/i18n';
import type { Meeting, Member, Network } from '../../services/model';
import type { Lang } from '../../services/time';
import { attendanceCardFor, itemCardFor } from '../meeting';
import { defineAction, type ActionContext, type CardAction } from './action';
import { MeetingRef, planner } from './planning';

/** The attendance card's submit: the ticked people, as Teams sends a multi-select ("a@x,b@y"). */
const AttendanceData = MeetingRef.extend({ present: z.string().max(20_000).default('') });

/** Who is absent: everyone on the roster not ticked present. */
const absentOf = (network: Network, present: string) => {
  const ticked = new Set(present.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean));
  return network.members.filter((m) => !ticked.has(m.email)).map((m) => m.email);
};

/** "Til stede: 10. Afbud: Søren Ahl." */
function summary(ctx: ActionContext, network: Network, absent: string[], lang: Lang): string {
  const a = ctx.t.attendance;
  const count = network.members.length - absent.length;
  const names = network.members.filter((m) => absent.includes(m.email)).map((m) => m.name);
  return absent.length ? fmt(a.recorded, { count, names: joinAnd(lang, names) }) : fmt(a.recordedAll, { count });
}

async function record(ctx: ActionContext, data: z.output<typeof AttendanceData>): Promise<{ meeting: Meeting; network: Network; member: Member; notice: string }> {
  const { network, member } = planner(ctx, data.networkId);
  const meeting = await ctx.services.meetings.require(network.id, data.meetingId);
  const absent = absentOf(network, data.present);
  await ctx.services.attendance.record(meeting, network, member, absent);
  ctx.log.info({ meeting: meeting.id, absent: absent.length }, 'attendance recorded');
  return { meeting, network, member, notice: summary(ctx, network, absent, ctx.lang) };
}

/** Card actions (Action.Execute verbs) of attendance. */
export const attendanceActions: CardAction[] = [
  defineAction({
    verb: 'attendance.start',
    data: AttendanceData,
    async handler(ctx, data) {
      const { meeting, network, member, notice } = await record(ctx, data);
      const first = await ctx.services.agenda.start(meeting, member);
      return { card: await itemCardFor(ctx.services, ctx.cards, meeting, network, first, ctx.lang, undefined, notice) };
    },
  }),
  defineAction({
    verb: 'attendance.save',
    data: AttendanceData,
    async handler(ctx, data) {
      const { meeting, network, notice } = await record(ctx, data);
      return { card: await attendanceCardFor(ctx.services, ctx.cards, meeting, network, ctx.lang, false, notice) };
    },
  }),
];
