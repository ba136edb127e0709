/**
 * Dates and times as the network writes them: always Europe/Copenhagen, Danish style
 * ("2. juni 2021, kl. 13.00-15.00") in Danish, and plain English otherwise.
 */
export const TIME_ZONE = 'Europe/Copenhagen';
export type Lang = 'da' | 'en';

const intlLocale = (lang: Lang) => (lang === 'da' ? 'da-DK' : 'en-GB');

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday ... 7 = Sunday */
  weekday: number;
}

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

/** What Copenhagen's clocks show at `ms` (see wallTime), to the minute, as Intl reads it (slow: ~10 µs a call). */
function intlWallTime(ms: number): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of partsFormat.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
}

const HOUR_MS = 3_600_000;
/** Since the EU rules of 1980 Copenhagen's clocks change at 01.00 UTC, so the offset is one per UTC hour. */
const HOURLY_OFFSETS_FROM = Date.UTC(1980, 0, 1);
/**
 * The memos below (offset per UTC hour, instant per wall time) are of constants, the time
 * zone's rules: the same answer for every App in the process, for as long as it runs, so they
 * stay at module level, bounded in size, like the Intl formatters.
 */
const offsets = new Map<number, number>();

/** Copenhagen's offset from UTC (ms) in the UTC hour holding `ms`, asked of Intl once per hour. */
function offsetAt(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = intlWallTime(hour * HOUR_MS) - hour * HOUR_MS;
    if (offsets.size >= 100_000) offsets.clear(); // ~11 years of hours; a bound, not a cache policy
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * What Copenhagen's clocks show at instant `ms`, as milliseconds on a UTC calendar (so
 * Date's UTC getters and day arithmetic read it). Planning nudges asks this dozens of
 * times per assignment, so the offset is memoised per hour and the rest is arithmetic.
 */
export function wallTime(ms: number): number {
  return ms >= HOURLY_OFFSETS_FROM ? ms + offsetAt(ms) : intlWallTime(ms);
}

/** The wall-clock reading in Copenhagen of an instant. */
export function localParts(at: Date): LocalParts {
  const local = new Date(wallTime(at.getTime()));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: ((local.getUTCDay() + 6) % 7) + 1,
  };
}

const instants = new Map<number, number>();

/** The instant (ms) at which Copenhagen's clocks show `wall` (DST-aware); remembered, as nudges fall on few wall times. */
export function instantOfWall(wall: number): number {
  let guess = instants.get(wall);
  if (guess === undefined) {
    // Two passes settle the offset even on the day the clocks change.
    guess = wall;
    for (let i = 0; i < 2; i++) guess += wall - wallTime(guess);
    if (instants.size >= 100_000) instants.clear(); // a bound, not a cache policy
    instants.set(wall, guess);
  }
  return guess;
}

/** The instant at which Copenhagen's clocks show the given wall time. */
export function zonedInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(instantOfWall(Date.UTC(year, month - 1, day, hour, minute)));
}

/** Built once per language: constructing an Intl formatter costs far more than formatting with one. */
const dateFormats = (options: Intl.DateTimeFormatOptions): Record<Lang, Intl.DateTimeFormat> => ({
  da: new Intl.DateTimeFormat(intlLocale('da'), { timeZone: TIME_ZONE, ...options }),
  en: new Intl.DateTimeFormat(intlLocale('en'), { timeZone: TIME_ZONE, ...options }),
});
const LONG_DATE = dateFormats({ day: 'numeric', month: 'long', year: 'numeric' });
const DAY_MONTH = dateFormats({ day: 'numeric', month: 'long' });
const NUMERIC_DATE = dateFormats({ day: '2-digit', month: '2-digit', year: 'numeric' });

/** "2. juni 2021" / "2 June 2021" */
export function formatDate(at: Date, lang: Lang = 'da'): string {
  return LONG_DATE[lang].format(at);
}

/** "11. august" / "11 August" — a deadline in the minutes, whose year goes without saying. */
export function formatDayMonth(at: Date, lang: Lang = 'da'): string {
  return DAY_MONTH[lang].format(at);
}

/** "03-06-2021": the date of writing in a letterhead. */
export function formatNumericDate(at: Date, lang: Lang = 'da'): string {
  return NUMERIC_DATE[lang].format(at).replace(/[./]/g, '-');
}

/** "13.00" / "13:00" */
export function formatTime(at: Date, lang: Lang = 'da'): string {
  const p = localParts(at);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return lang === 'da' ? `${hh}.${mm}` : `${hh}:${mm}`;
}

/** "2. juni 2021, kl. 13.00-15.00" (the seed's form) / "2 June 2021, 13:00-15:00" */
export function formatMeetingTime(start: Date, end: Date, lang: Lang = 'da', dash = '-'): string {
  const span = `${formatTime(start, lang)}${dash}${formatTime(end, lang)}`;
  return lang === 'da' ? `${formatDate(start, lang)}, kl. ${span}` : `${formatDate(start, lang)}, ${span}`;
}

/** "11. august 2021, kl. 16.00" / "11 August 2021, 16:00" */
export function formatDateTime(at: Date, lang: Lang = 'da'): string {
  return lang === 'da' ? `${formatDate(at, lang)}, kl. ${formatTime(at, lang)}` : `${formatDate(at, lang)}, ${formatTime(at, lang)}`;
}

/** The calendar year in Copenhagen, for "Pkt. N/YYYY". */
export const localYear = (at: Date): number => localParts(at).year;

/** An instant as an ISO date-time with Copenhagen's offset, as the import files write it ("2021-06-02T13:00:00+02:00"). */
export function isoWithOffset(at: Date): string {
  const wall = wallTime(at.getTime());
  const offset = Math.round((wall - at.getTime()) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2021-06-02" and "13:00" (local Copenhagen wall time) as an instant; undefined for text that is neither. */
export function instantOfLocal(date: string, time: string): Date | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!d || !t || Number(t[1]) > 23 || Number(t[2]) > 59) return undefined;
  return zonedInstant(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]));
}
