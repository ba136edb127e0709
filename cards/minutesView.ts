/**
 * The minutes card: what the draft minutes hold, item by item, for the summary card of
 * `referat` and the meetings list's Referat button, with a link to the Word document.
 */
import { catalog, fmt, plain, type Catalog } from '../services/i18n';
import type { MinutesDraft } from '../services/minutes';
import type { Meeting } from '../services/model';
import { shorten } from '../services/text';
import { formatMeetingTime, type Lang } from '../services/time';
import template from './minutes-summary.json';
import type { CardJson, Render } from './render';

/** At most this many summary lines per item on the card (it must stay well under 28 KB); the document has them all. */
const LINES_PER_ITEM = 8;
const LINE_CHARS = 300;

/** The items with something recorded, each with its one-line results, for the summary card. */
function summaryItems(draft: MinutesDraft, t: Catalog): { heading: string; lines: string[] }[] {
  return draft.items
    .filter((item) => item.summary.length)
    .map((item) => {
      const lines = item.summary.slice(0, LINES_PER_ITEM).map((line) => plain(shorten(line, LINE_CHARS)));
      const hidden = item.summary.length - LINES_PER_ITEM;
      return { heading: plain([item.label, item.title].filter(Boolean).join(' ')), lines: hidden > 0 ? [...lines, fmt(t.minutes.card.more, { count: hidden })] : lines };
    });
}

/** The summary card of a meeting's draft minutes; `url` downloads the document. */
export function minutesCard(render: Render, meeting: Meeting, draft: MinutesDraft, url: string, lang: Lang): CardJson {
  const t = catalog(lang);
  return render(template, {
    t,
    meeting: plain(meeting.title),
    when: formatMeetingTime(new Date(meeting.start), new Date(meeting.end), lang),
    itemCount: fmt(t.minutes.card.items, { count: meeting.agenda.length }),
    items: summaryItems(draft, t),
    url,
  });
}
