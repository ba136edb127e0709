import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'tests/.artifacts/**', '.scratch/**', 'devTools/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain must survive a move to another Teams SDK: no bot framework or HTTP server in services/.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'botframework-*', 'restify*', '../bot/*', '../../bot/*'] }],
    },
  },
  {
    // Cards are views of the domain: the Teams edge (bot/) uses them, never the other way, and
    // what only tests use (the gallery's fixtures) stays out of what ships.
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'botframework-*', 'restify*', '../bot/*', '../../bot/*', '../tests/*', '../../tests/*'] }],
    },
  },
  {
    // One place for views: a card's template is bound by its view in cards/, never by a command or action.
    files: ['bot/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../cards/*.json', '../../cards/*.json'], message: 'Bind a card template in its view in cards/ and expose it through createCards().' }] }],
    },
  },
);
