/** Free text as members type it, and as an attacker would: markdown, HTML, mentions, XML, control characters, huge. */
import fc from 'fast-check';

export const INJECTIONS = [
  '**fed** [link](https://evil.example) # overskrift',
  '<script>alert(1)</script><b>x</b>',
  '<at>Referent</at> luk 2',
  ']]><w:p/>&amp;',
  '${t.common.internalError}',
  '\u0000\u202e\ud800',
  '| a | b |\n|---|---|',
  '`kode` ~~streg~~ > citat\n1. liste',
];

export const freeText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(...INJECTIONS),
  fc.tuple(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 40 })).map(([a, b]) => `${b}${a}${b}`),
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 2_000, max: 30_000 })).map(([s, n]) => s.repeat(n)),
);
