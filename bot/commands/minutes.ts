import { catalog } from '../../services/i18n';
import { MeetingArgSchema } from '../../services/meetings';
import { LEADING_ROLES } from '../../services/model';
import { parseInput } from '../../services/validation';
import { minutesCardFor } from '../minutesCard';
import type { Command } from './command';

/** `referat [møde-id]`: a summary card of the draft minutes and a signed link to the Word document. */
const minutes: Command = {
  name: 'minutes',
  da: ['referat'],
  en: ['minutes'],
  usage: { da: catalog('da').minutes.usage, en: catalog('en').minutes.usage },
  description: (t) => t.minutes.commands.minutes,
  roles: LEADING_ROLES,
  async handler(ctx) {
    const [ref] = parseInput(MeetingArgSchema, ctx.args, 'referat');
    const meeting = await ctx.services.meetings.resolve(ctx.network.id, ref, ctx.services.clock.now());
    await ctx.replyCard(await minutesCardFor(ctx.services, ctx.cards, ctx.links, meeting, ctx.lang));
  },
};

/** Commands of the minutes feature. */
export const minutesCommands: Command[] = [minutes];
