/**
 * The value and everything it holds made unchangeable, for data many readers share: the
 * embedded store's cached documents, and the card parts the renderer binds once. Frozen
 * before its children, so a cycle ends where it began.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
