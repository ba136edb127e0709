import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sampleFileName, type CardSample } from './gallery/gallery';
import { largeImports } from './gallery/data';
import { writeGallery } from './gallery/write';
import { catalog } from '../../services/i18n';
import { cardSchemaErrors } from '../helpers/adaptiveCardSchema';
import { cardBytes, cardProblems, gallerySamples, MAX_CARD_BYTES } from './cardChecks';

const CARDS_DIR = join(__dirname, '..', '..', 'cards');

/** Each failing sample with its complaints, so one run shows every card that needs work. */
function failures(samples: CardSample[], check: (card: unknown) => string[]): string[] {
  return samples.flatMap((s) => check(s.render()).map((p) => `${sampleFileName(s)} ${p}`));
}

describe('card gallery', () => {
  let samples: CardSample[];
  before(async function () {
    this.timeout(30000);
    samples = await gallerySamples();
  });

  it('every card template in cards/ has samples in the gallery', () => {
    const templates = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
    const named = new Set(samples.map((s) => s.name));
    assert.deepEqual(templates.filter((t) => !named.has(t)), []);
  });

  it('every card and state comes in Danish and in English, and the two differ', () => {
    const byKey = new Map<string, Map<string, string>>();
    for (const s of samples) {
      const key = `${s.name}.${s.state}`;
      if (!byKey.has(key)) byKey.set(key, new Map());
      byKey.get(key)?.set(s.lang, JSON.stringify(s.render()));
    }
    for (const [key, langs] of byKey) {
      assert.deepEqual([...langs.keys()].sort(), ['da', 'en'], key);
      assert.notEqual(langs.get('da'), langs.get('en'), `${key}: the English card is translated`);
    }
  });

  it('an English card labels everything in English: no heading, label, button or hint is a Danish text of the catalogs', () => {
    const texts = (node: unknown): string[] => (typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(texts) : []);
    const english = new Set(texts(catalog('en')));
    // The fixed items' titles are the meeting's data, in its working language, on any card.
    const fixed = new Set(Object.values(catalog('da').planning.fixedItems));
    const danishOnly = new Set(texts(catalog('da')).filter((text) => !fixed.has(text) && !english.has(text) && !text.includes('{')));
    const shown = (node: unknown): string[] =>
      Array.isArray(node)
        ? node.flatMap(shown)
        : node && typeof node === 'object'
          ? Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? (['text', 'label', 'title', 'placeholder', 'errorMessage'].includes(key) ? [value] : []) : shown(value)))
          : [];
    const danish = samples.filter((s) => s.lang === 'en').flatMap((s) => shown(s.render()).filter((text) => danishOnly.has(text)).map((text) => `${sampleFileName(s)}: ${text}`));
    assert.deepEqual(danish, []);
  });

  it('every card validates against the official Adaptive Cards 1.5 schema, version 1.5', () => {
    assert.deepEqual(
      failures(samples, (card) => cardSchemaErrors(card).slice(0, 5)),
      [],
    );
    for (const s of samples) assert.equal((s.render() as { version?: string }).version, '1.5', sampleFileName(s));
  });

  it('every card stays under 28 KB', () => {
    assert.deepEqual(
      failures(samples, (card) => (cardBytes(card) < MAX_CARD_BYTES ? [] : [`is ${cardBytes(card)} bytes`])),
      [],
    );
  });

  it('inputs have labels, choices and actions have titles, buttons are Action.Execute, nothing is left unbound', () => {
    assert.deepEqual(failures(samples, cardProblems), []);
  });

  /** What `complain` says of each object in a card, with its JSON path. */
  const everyNode = (complain: (node: Record<string, unknown>, path: string) => string[]) => (card: unknown): string[] => {
    const found: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${path}[${i}]`));
      else if (node && typeof node === 'object') {
        found.push(...complain(node as Record<string, unknown>, path));
        Object.entries(node).forEach(([k, v]) => visit(v, `${path}.${k}`));
      }
    };
    visit(card, '$');
    return found;
  };

  it('no text is yellow (Warning): it is unreadable on white; what is missing is said in words and weight', () => {
    assert.deepEqual(failures(samples, everyNode((node, path) => (node.color === 'Warning' ? [`${path}: color Warning`] : []))), []);
    const overview = samples.find((s) => s.name === 'deadlines-overview' && s.lang === 'da' && JSON.stringify(s.render()).includes('Mangler: '));
    assert.ok(overview, 'a sample of the overview has members missing');
    assert.match(JSON.stringify(overview.render()), /\{"type":"TextBlock","text":"Mangler: [^"]+","wrap":true,"spacing":"None","weight":"Bolder"\}/);
  });

  it("a table's narrow columns are headed by one short word, which does not wrap mid-word", () => {
    const headers = everyNode((node, path) => {
      const table = node as { type?: string; columns?: { width?: unknown }[]; rows?: { cells?: { items?: { text?: string }[] }[] }[] };
      if (table.type !== 'Table' || !table.columns || !table.rows?.[0]) return [];
      // Narrow: an eighth of the table or less, about five letters on a phone.
      const total = table.columns.reduce((sum, c) => sum + (Number(c.width) || 1), 0);
      return (table.rows[0].cells ?? []).flatMap((cell, i) => {
        const text = cell.items?.map((x) => x.text ?? '').join(' ') ?? '';
        const narrow = (Number(table.columns![i]?.width) || 1) / total <= 1 / 8;
        return narrow && (/\s/.test(text.trim()) || text.length > 5) ? [`${path} header "${text}" in a narrow column`] : [];
      });
    });
    assert.deepEqual(failures(samples, headers), []);
    assert.ok(samples.some((s) => s.name === 'agenda' && JSON.stringify(s.render()).includes('"Min."')));
  });

  it('the checks catch what they look for', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'x' },
        { type: 'Input.ChoiceSet', id: 'y', label: 'Punkt', choices: [{ title: '', value: '1' }] },
        { type: 'TextBlock', text: 'Hej ${name}', $when: '${show}' },
      ],
      actions: [{ type: 'Action.Submit', title: 'Send' }, { type: 'Action.Execute', verb: 'v' }],
      refresh: { action: { type: 'Action.Execute', verb: 'r' } },
    };
    assert.deepEqual(cardProblems(bad), [
      '$.body[0]: Input.Text without a label',
      '$.body[1].choices[0]: choice without a title',
      '$.body[2]: unbound $when',
      '$.body[2].text: unbound template expression "Hej ${name}"',
      '$.body[2].$when: unbound template expression "${show}"',
      '$.actions[0]: Action.Submit (use Action.Execute)',
      '$.actions[1]: Action.Execute without a title',
    ]);
  });

  it('the schema check names the element and property at fault', () => {
    const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body });
    assert.deepEqual(cardSchemaErrors(card([{ type: 'Table', firstRowAsHeaders: true, columns: [], rows: [] }])), ["/body/0: must NOT have additional properties 'firstRowAsHeaders'"]);
    assert.deepEqual(cardSchemaErrors(card([{ type: 'Container', items: [{ type: 'Input.ChoiceSet', id: 'a', label: 'Punkt', style: 'filtered', choices: [] }] }])), [
      '/body/0/items/0/style: must be equal to one of the allowed values (compact, expanded)',
    ]);
    assert.deepEqual(cardSchemaErrors(card([{ type: 'Sparkle' }])), ["/body/0/type: unknown type 'Sparkle'"]);
    assert.deepEqual(cardSchemaErrors(card([{ type: 'TextBlock', text: 'Hej' }])), []);
  });

  it('the largest fixture has 15 members, 20 agenda items and an item with 10 proposals', () => {
    const { network, meeting } = largeImports();
    assert.equal(network.members.length, 15);
    assert.equal(meeting.agenda.length, 20);
    assert.equal(Math.max(...meeting.agenda.map((i) => i.proposals.length)), 10);
  });

  it('npm run cards writes one JSON file per card, state and language', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'referent-cards-'));
    try {
      const files = await writeGallery(dir);
      assert.equal(files.length, samples.length);
      assert.deepEqual(readdirSync(dir).sort(), samples.map(sampleFileName).sort());
      const help = JSON.parse(readFileSync(join(dir, 'help.member.da.json'), 'utf8')) as { type: string; body: { text?: string }[] };
      assert.equal(help.type, 'AdaptiveCard');
      assert.ok(help.body.some((b) => b.text === 'Referent – kommandoer'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
