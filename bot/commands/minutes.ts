import minutesTemplate from '../../cards/minutes-summary.json';
import { plain, renderCard } from '../../cards/render';
import { catalog, fmt } from '../../services/i18n';
import { MeetingArgSchema } from '../../services/meetings';
import { draftFor, type MinutesDraft } from '../../services/minutes';
import { LEADING_ROLES } from '../../services/model';
import { formatMeetingTime } from '../../services/time';
import type { Catalog } from '../../services/i18n';
import { parseInput } from '../../services/validation';
import type { Command } from './command';

/** At most this many summary lines per item on the card (it must stay well under 28 KB); the document has them all. */
const LINES_PER_ITEM = 8;
const LINE_CHARS = 300;

const clip = (line: string) => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS - 1)}…` : line);

/** The items with something recorded, each with its one-line results, for the summary card. */
function summaryItems(draft: MinutesDraft, t: Catalog): { heading: string; lines: string[] }[] {
  return draft.items
    .filter((item) => item.summary.length)
    .map((item) => {
      const lines = item.summary.slice(0, LINES_PER_ITEM).map((line) => plain(clip(line)));
      const hidden = item.summary.length - LINES_PER_ITEM;
      return { heading: plain([item.label, item.title].filter(Boolean).join(' ')), lines: hidden > 0 ? [...lines, fmt(t.minutes.card.more, { count: hidden })] : lines };
    });
}

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
    const draft = await draftFor(ctx.services, meeting);
    const items = summaryItems(draft, ctx.t);
    await ctx.replyCard(
      renderCard(minutesTemplate, {
        t: ctx.t,
        meeting: plain(meeting.title),
        when: formatMeetingTime(new Date(meeting.start), new Date(meeting.end), ctx.lang),
        itemCount: fmt(ctx.t.minutes.card.items, { count: meeting.agenda.length }),
        items,
        url: ctx.links.minutesDocx({ networkId: meeting.networkId, meetingId: meeting.id }),
      }),
    );
  },
};

/** Commands of the minutes feature. */
export const minutesCommands: Command[] = [minutes];
