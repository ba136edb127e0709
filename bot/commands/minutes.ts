import { catalog } from '../../services/i18n';
import { MeetingArgSchema } from '../../services/meetings';
import { mayLead } from '../../services/agenda/leading';
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
  roles: 'any',
  async handler(ctx) {
    const [ref] = parseInput(MeetingArgSchema, ctx.args, 'referat');
    const now = ctx.services.clock.now();
    // A member asking for "the minutes" means the latest meeting held, not the next one's draft.
    const held = ref || mayLead(ctx.member) ? undefined : (await ctx.services.meetings.list(ctx.network.id)).filter((m) => !m.cancelled && Date.parse(m.start) <= now.getTime()).at(-1);
    const meeting = held ?? (await ctx.services.meetings.resolve(ctx.network.id, ref, now));
    await ctx.replyCard(await minutesCardFor(ctx.services, ctx.cards, ctx.links, meeting, ctx.lang, ctx.member));
  },
};

/** Commands of the minutes feature. */
export const minutesCommands: Command[] = [minutes];
