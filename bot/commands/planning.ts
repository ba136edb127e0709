import { mayLead } from '../../services/agenda/leading';
import type { Command } from './command';

/** `møder`: the network's upcoming and recent meetings; the leading roles plan from here. */
const meetings: Command = {
  name: 'meetings',
  da: ['møder', 'moeder'],
  en: ['meetings'],
  description: (t) => t.planning.commands.meetings,
  roles: 'any',
  async handler(ctx) {
    const { services, network, member } = ctx;
    const list = await services.meetings.list(network.id);
    await ctx.replyCard(ctx.cards.meetings({ network, meetings: list, now: services.clock.now(), editor: mayLead(member) }, ctx.lang));
  },
};

/** `medlemmer`: the roster with roles and appointing bodies; the leading roles keep it from here. */
const members: Command = {
  name: 'members',
  da: ['medlemmer'],
  en: ['members'],
  description: (t) => t.roster.commands.members,
  roles: 'any',
  async handler(ctx) {
    await ctx.replyCard(ctx.cards.roster({ network: ctx.network, editor: mayLead(ctx.member) }, ctx.lang));
  },
};

/** Commands of planning in Teams. */
export const planningCommands: Command[] = [meetings, members];
