import type { Agenda } from '../agenda/agenda';
import { catalog, fmt } from '../i18n';
import type { MinutesSource } from '../minutesSources';
import { formatTime } from '../time';
import type { LiveMeetings } from './liveMeetings';

/**
 * When each item of a meeting held in Teams was dealt with, first under its "Referat" heading
 * (order 5), if the network wants it (settings.minutesItemTimes): from the moment the meeting
 * first reached the item to the moment it last left it (or the meeting ended).
 */
export function itemTimesMinutesSource(agenda: Agenda, live: LiveMeetings): MinutesSource {
  return async (meeting, network) => {
    if (!network.settings.minutesItemTimes) return [];
    const [trail, held] = await Promise.all([agenda.trail(meeting), live.get(meeting)]);
    if (!held || !trail.length) return [];
    const times = new Map<number, { from: string; to?: string }>();
    trail.forEach((reached, i) => {
      const to = trail[i + 1]?.at ?? held.endedAt;
      const known = times.get(reached.itemNumber);
      times.set(reached.itemNumber, { from: known?.from ?? reached.at, to });
    });
    const t = catalog('da').live;
    return [...times].map(([itemNumber, { from, to }]) => ({
      itemNumber,
      section: 'referat' as const,
      order: 5,
      paragraphs: [to ? fmt(t.itemTimes, { from: formatTime(new Date(from)), to: formatTime(new Date(to)) }) : fmt(t.itemFrom, { from: formatTime(new Date(from)) })],
    }));
  };
}
