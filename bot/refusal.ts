import { DomainError } from '../services/errors';
import { catalog, fmt, plain, plainParams, translate } from '../services/i18n';
import type { Lang } from '../services/time';
import { InvalidInputError } from '../services/validation';

/**
 * A refusal in the reader's language, or undefined for anything that is not one (a failure).
 * What it echoes (an id, a date, a name someone typed) is shown as text: no link of theirs.
 */
export function refusalText(lang: Lang, err: unknown): string | undefined {
  if (err instanceof DomainError) return translate(lang, err.key, plainParams(err.params));
  if (err instanceof InvalidInputError) return fmt(catalog(lang).common.invalidInput, { problems: plain(err.problems.join('; ')) });
  return undefined;
}
