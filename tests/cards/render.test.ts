import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { sampleFileName, type CardSample } from './gallery/gallery';
import { gallerySamples } from './cardChecks';
import { teamsHostConfig } from './teamsHostConfig';

const ROOT = join(__dirname, '..', '..');
/** Git-ignored; one PNG per gallery card for people to look at. */
export const CARD_PNG_DIR = join(ROOT, 'tests', '.artifacts', 'cards');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Wide enough for a card in a Teams channel or chat on a laptop screen. */
const CARD_WIDTH = 540;
const PAGE = `<!doctype html><html lang="da"><head><meta charset="utf-8">
<style>body{margin:0;background:#F5F5F5;font-family:'Segoe UI',sans-serif}
#card{width:${CARD_WIDTH}px;margin:12px;background:#fff;border:1px solid #E0E0E0;border-radius:4px;overflow:hidden}
.ac-textBlock ul,.ac-textBlock ol{box-sizing:border-box;padding-left:20px}</style>
</head><body><div id="card"></div></body></html>`;

interface CardWindow {
  setUpHost(config: unknown): void;
  renderCard(json: unknown): string[];
}

describe('gallery cards in the Adaptive Cards renderer (headless Chromium)', function () {
  this.timeout(60000);
  let userDir: string;
  let context: BrowserContext;
  let page: Page;
  const consoleProblems: string[] = [];
  let samples: CardSample[];

  before(async () => {
    samples = await gallerySamples();
    userDir = mkdtempSync(join(tmpdir(), 'referent-chromium-'));
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
      viewport: { width: CARD_WIDTH + 24, height: 800 },
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleProblems.push(`page error: ${e.message}`));
    // Nothing may leave the machine: the renderer and fonts are local.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(PAGE);
    await page.addScriptTag({ path: join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js') });
    await page.addScriptTag({ path: join(__dirname, 'browser', 'renderCard.js') });
    await page.evaluate((config) => (globalThis as unknown as CardWindow).setUpHost(config), teamsHostConfig);
    mkdirSync(CARD_PNG_DIR, { recursive: true });
  });

  after(async () => {
    await context?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  const render = (card: unknown) => page.evaluate((json) => (globalThis as unknown as CardWindow).renderCard(json), card);

  it('renders every card without errors or warnings, and saves a PNG of each', async () => {
    const problems: string[] = [];
    for (const sample of samples) {
      consoleProblems.length = 0;
      const found = [...(await render(sample.render())), ...consoleProblems];
      problems.push(...found.map((p) => `${sampleFileName(sample)}: ${p}`));
      await page.locator('#card').screenshot({ path: join(CARD_PNG_DIR, sampleFileName(sample).replace(/\.json$/, '.png')) });
    }
    assert.deepEqual(problems, []);
  });

  it('reports what the renderer complains about', async () => {
    const problems = await render({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Sparkle' }, { type: 'Input.Text' }],
      actions: [{ type: 'Action.Execute', title: 'Afgiv stemme', verb: 'vote' }],
    });
    assert.ok(
      problems.some((p) => p.includes('UnknownElementType')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('PropertyCantBeNull')),
      problems.join('\n'),
    );
  });
});
