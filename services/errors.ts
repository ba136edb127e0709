import type { TextKey } from './i18n';

/**
 * A refusal the user should read: `key` names a message in the i18n catalog (so the
 * chat shows it in Danish or English; typed, so a key without a text does not compile),
 * `detail` is the precise English text for logs.
 */
export class DomainError extends Error {
  constructor(
    readonly key: TextKey,
    readonly params: Record<string, string | number> = {},
    detail?: string,
  ) {
    super(detail ?? key);
    this.name = 'DomainError';
  }
}
