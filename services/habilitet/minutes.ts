import { catalog, fmt, joinAnd } from '../i18n';
import { firstSubstantiveItem, itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import type { Meeting } from '../model';
import type { Lang } from '../time';
import type { Conflict, Habilitet } from './habilitet';

/** "Pkt. 2/2021 og Pkt. 3/2021", in agenda order. */
export const itemLabels = (meeting: Meeting, numbers: number[], lang: Lang = 'da'): string =>
  joinAnd(lang, meeting.agenda.filter((i) => numbers.includes(i.number)).map((i) => itemLabel(meeting, i)));

const t = catalog('da').habilitet.minutes;

/** A sentence that ends with its full stop, whatever the member typed. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * The habilitet paragraph of the minutes (always Danish), as the seed writes it: the question,
 * then "Dette var ikke tilfældet." — or who declared a conflict on which items ("pkt." mid-sentence)
 * and what the others answered. Those who did not answer are named, never assumed to have said no.
 */
export function impartialityParagraph(meeting: Meeting, conflicts: Conflict[], unanswered: string[] = [], othersAnswered = 0): string {
  const declared = conflicts.filter((c) => c.items.length > 0);
  const answers = declared.length
    ? [...declared.map((c) => fmt(t.declared, { name: c.name, items: itemLabels(meeting, c.items).replace(/\bPkt\./g, 'pkt.') })), ...(othersAnswered ? [t.others] : [])]
    : [t.none];
  const silent = unanswered.length ? [fmt(t.unanswered, { names: joinAnd('da', unanswered) })] : [];
  return [t.asked, ...answers, ...silent].join(' ');
}

/**
 * The record that opens an affected item's Referat, before any decision: who declared, the
 * ground given, that the network decided without the member and that the member took no part.
 */
export function recusalParagraph(conflict: Conflict): string {
  return fmt(t.recused, { name: conflict.name, ground: sentence(conflict.ground) });
}

/** The round's contributions to the minutes; nothing if no round was held. */
export function habilitetContributions(meeting: Meeting, conflicts: Conflict[], unanswered: string[] = [], othersAnswered = 0): MinutesContribution[] {
  const first = firstSubstantiveItem(meeting);
  if (!first) return [];
  const opening: MinutesContribution = { itemNumber: first.number, section: 'referat', order: 10, paragraphs: [impartialityParagraph(meeting, conflicts, unanswered, othersAnswered)] };
  const perItem = meeting.agenda.flatMap((item): MinutesContribution[] => {
    const recused = conflicts.filter((c) => c.items.includes(item.number));
    return recused.length ? [{ itemNumber: item.number, section: 'referat', order: 15, paragraphs: recused.map(recusalParagraph) }] : [];
  });
  return [opening, ...perItem];
}

/** The MinutesSource registered in `services.minutesSources`. */
export const habilitetMinutesSource =
  (habilitet: Habilitet): MinutesSource =>
  async (meeting, network) => {
    if (!(await habilitet.round(meeting))) return [];
    const { missing, answered } = await habilitet.status(network.id, meeting.id);
    const conflicts = await habilitet.conflicts(meeting, network);
    const others = answered.filter((m) => !conflicts.some((c) => c.email === m.email)).length;
    return habilitetContributions(meeting, conflicts, missing.map((m) => m.name), others);
  };
