import { catalog, fmt, joinAnd } from '../i18n';
import { firstSubstantiveItem, itemLabel } from '../meetings';
import type { MinutesContribution, MinutesSource } from '../minutesSources';
import type { Meeting } from '../model';
import type { Lang } from '../time';
import type { Conflict, Habilitet } from './habilitet';

/** "Pkt. 2/2021 og Pkt. 3/2021", in agenda order. */
export const itemLabels = (meeting: Meeting, numbers: number[], lang: Lang = 'da'): string =>
  joinAnd(lang, meeting.agenda.filter((i) => numbers.includes(i.number)).map((i) => itemLabel(meeting, i)));

/**
 * The habilitet paragraph of the minutes (always Danish), as the seed writes it: the question, then "Dette
 * var ikke tilfældet." — or, per member who declared, which items they were recused from
 * and that they took no part in discussing or deciding them (forvaltningsloven §6).
 */
export function impartialityParagraph(meeting: Meeting, conflicts: Conflict[], unanswered: string[] = []): string {
  const t = catalog('da').habilitet.minutes;
  const declared = conflicts.filter((c) => c.items.length > 0);
  const answers = declared.length
    ? declared.map((c) => fmt(t.declared, { name: c.name, items: itemLabels(meeting, c.items), these: c.items.length > 1 ? t.theseItems : t.thisItem }))
    : [t.none];
  // The minutes must not claim an answer nobody gave: name those who did not answer.
  const silent = unanswered.length ? [fmt(t.unanswered, { names: joinAnd('da', unanswered) })] : [];
  return [t.asked, ...answers, ...silent].join(' ');
}

/** The recusal repeated under an affected item: who did not take part in it. */
export function recusalParagraph(names: string[]): string {
  const t = catalog('da').habilitet.minutes;
  return fmt(names.length > 1 ? t.recusedMany : t.recusedOne, { names: joinAnd('da', names) });
}

/** The round's contributions to the minutes; nothing if no round was held. */
export function habilitetContributions(meeting: Meeting, conflicts: Conflict[], unanswered: string[] = []): MinutesContribution[] {
  const first = firstSubstantiveItem(meeting);
  if (!first) return [];
  const opening: MinutesContribution = { itemNumber: first.number, section: 'referat', order: 10, paragraphs: [impartialityParagraph(meeting, conflicts, unanswered)] };
  const perItem = meeting.agenda.flatMap((item): MinutesContribution[] => {
    const names = conflicts.filter((c) => c.items.includes(item.number)).map((c) => c.name);
    return names.length ? [{ itemNumber: item.number, section: 'referat', order: 40, paragraphs: [recusalParagraph(names)] }] : [];
  });
  return [opening, ...perItem];
}

/** The MinutesSource registered in `services.minutesSources`. */
export const habilitetMinutesSource =
  (habilitet: Habilitet): MinutesSource =>
  async (meeting, network) => {
    if (!(await habilitet.round(meeting))) return [];
    const { missing } = await habilitet.status(network.id, meeting.id);
    return habilitetContributions(meeting, await habilitet.conflicts(meeting, network), missing.map((m) => m.name));
  };
