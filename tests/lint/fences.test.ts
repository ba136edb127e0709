import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

/** The no-restricted-imports problems eslint reports for this source at this path of the repository. */
async function fenceProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint fences', function () {
  this.timeout(60_000);

  it('refuses an import of bot/ or tests/ in cards/, at any depth', async function () {
    const problems = await fenceProblems(
      'cards/probe.ts',
      [
        "import { helpCard } from '../bot/commands/core';",
        "import { createLogger } from '../bot/log';",
        "import { gallery } from '../tests/cards/gallery/gallery';",
        "import { TurnContext } from 'botbuilder';",
        'export const probe = [helpCard, createLogger, gallery, TurnContext];',
      ].join('\n'),
    );
    assert.equal(problems.length, 4, problems.join('\n'));
  });

  it('lets cards/ import the domain and its own templates', async function () {
    const problems = await fenceProblems('cards/probe.ts', "import { catalog } from '../services/i18n';\nimport { plain } from './render';\nexport const probe = [catalog, plain];\n");
    assert.deepEqual(problems, []);
  });

  it('refuses a card template in bot/: views in cards/ bind them', async function () {
    const problems = await fenceProblems(
      'bot/commands/probe.ts',
      "import help from '../../cards/help.json';\nimport type { Cards } from '../../cards/cards';\nexport const probe = (cards: Cards) => [help, cards];\n",
    );
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /view in cards/);
  });

  it('refuses botbuilder and bot/ in services/', async function () {
    const problems = await fenceProblems('services/voting/probe.ts', "import { TurnContext } from 'botbuilder';\nimport { createLogger } from '../../bot/log';\nexport const probe = [TurnContext, createLogger];\n");
    assert.equal(problems.length, 2, problems.join('\n'));
  });
});
