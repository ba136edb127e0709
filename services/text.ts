/**
 * Text cut to at most `max` characters with "…" at the end: at the last word boundary when
 * one falls in the second half, else mid-word. For limits set by Teams (card size, command
 * lists), never for what is stored.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
