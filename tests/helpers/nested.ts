/** `levels` objects inside each other, innermost `{ id: 'x' }`: a body deeper than any activity. */
export function nested(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = { id: 'x' };
  for (let i = 0; i < levels; i++) node = { a: node };
  return node;
}
