/**
 * Teams reads markdown in messages and in card text alike. Text that is not ours (what a
 * member typed in a command, a form or a card, a display name, an id from card data) is
 * escaped before it is shown, so it reads as written: no link, heading or list of theirs.
 */

/**
 * Escapes what Teams' markdown acts on, where it acts: anywhere, the characters of emphasis,
 * code, links and HTML; at the start of a line, those of headings, lists and quotes, and the
 * dot or parenthesis after a number ("1. " is a list). "2021-06-02" or "(a)" stays as it is.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>|]/g, '\\$&')
    .replace(/^(\s*)([#+\-=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Every string parameter escaped: for a message whose placeholders may hold what someone typed. */
export function plainParams(params: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? plain(value) : value]));
}
