import assert from 'node:assert/strict';
import { draftFor, minutesDocx, minutesFileName, minutesMarkdown } from '../../services/minutes';
import { forEachStore } from '../helpers/stores';
import { docxParagraphs, inOrder, readDocx, walkXml, type DocxParagraph } from './ooxml';
import { DEADLINE, GROUND, HABILITET_NONE, NOTES_ITEM_2, OBJECTION, RESERVATION, runExampleMeeting, seededServices, type Scripted } from './script';

const ITEM_1 = 'Pkt. 1/2021 Henvendelser fra pædiatere';
const ITEM_2 = 'Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1';
const ITEM_3 = 'Pkt. 3/2021 Introduktion til opgave 2 og videre proces';
const EVENTUELT = 'Pkt. 4/2021 Eventuelt';
const NETWORK = 'Nationalt specialistnetværk for Primær immundefekt';
const RECUSAL = `Søren Ahl havde erklæret sig inhabil i punktet med begrundelsen: ${GROUND} Specialistnetværket traf afgørelse om inhabiliteten, uden at Søren Ahl medvirkede, og Søren Ahl deltog ikke i drøftelsen af eller beslutningen om punktet, jf. forvaltningslovens §§ 3 og 6.`;
const ROUND_WITH_CONFLICT =
  'Forud for specialistnetværkets behandling af dagsorden blev medlemmerne spurgt, om der var nye væsentlige forhold i forhold til deres habilitet. Søren Ahl erklærede sig inhabil vedrørende pkt. 2/2021. De øvrige medlemmer oplyste, at der ikke var nye væsentlige forhold.';
/** Item 2 with Søren Ahl recused and Ida Fjord away (7 eligible), Maja Krogh present but not voting. */
const REFERAT_ITEM_2 = [
  RECUSAL,
  ...NOTES_ITEM_2,
  'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn). 6 var enige.',
  'Der var konsensus om forslag 2 (Tidligt debuterende eller svær autoimmunitet/immundysregulation). 5 var enige, 1 var enig med forbehold og ingen var uenige.',
  `Karen Østby var enig med forbehold: ${RESERVATION}`,
  'Der blev ikke opnået konsensus om forslag 3 (Usædvanlige eller svære infektioner). 5 var enige og 1 var uenig.',
  `Jens Præst var uenig: ${OBJECTION}`,
  'Maja Krogh afgav ikke stemme.',
];

async function docxOf({ services, meeting }: Scripted) {
  const draft = await draftFor(services, meeting);
  return { draft, ...(await readDocx(await minutesDocx(draft))) };
}

const texts = (paragraphs: DocxParagraph[]) => paragraphs.map((p) => p.text);
const headings = (paragraphs: DocxParagraph[]) => paragraphs.filter((p) => /^(Title|Heading\d)$/.test(p.style ?? '')).map((p) => `${p.style}: ${p.text}`);
/** The paragraphs under an item's "Referat", up to the next heading. */
const referatOf = (paragraphs: DocxParagraph[], item: string) => {
  const at = paragraphs.findIndex((p) => p.text === item);
  const from = paragraphs.findIndex((p, i) => i > at && p.text === 'Referat');
  const to = paragraphs.findIndex((p, i) => i > from && /^Heading/.test(p.style ?? ''));
  return texts(paragraphs.slice(from + 1, to));
};

/**
 * The words a Markdown document shows a reader, in order: markup and escapes removed, table
 * rows as their cells, list markers dropped (Word numbers its lists without text).
 */
function markdownWords(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => !/^\|( --- \|)+$/.test(line))
    .map((line) =>
      line
        .replace(/^#+ |^- |^\d+\. /, '')
        .replace(/(?<!\\)[|*]/g, ' ')
        .replace(/\\(.)/g, '$1')
        .replace(/\\$/, ''),
    )
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

forEachStore('minutes document', (fresh) => {
  it('golden: the example meeting played end to end, with one conflict, an apology, notes, the item-2 vote with a reservation and a disagreement, and the item-3 task', async function () {
    const { paragraphs, draft, parts } = await docxOf(await runExampleMeeting(await fresh(), { conflictOf: 'soren.ahl@example.dk', silent: ['maja.krogh@example.dk'] }));
    assert.equal(minutesFileName(draft, 'docx'), 'Referat 2021-06-02.docx');
    assert.deepEqual(headings(paragraphs), [
      'Title: Referat',
      'Heading1: Dagsorden',
      'Heading1: Deltagere',
      `Heading2: Medlemmer af ${NETWORK}`,
      'Heading2: Fra Nationalt Genom Center deltager',
      // The welcome has nothing recorded: no section, and never "Pkt. 0/2021".
      `Heading1: ${ITEM_1}`,
      'Heading2: Indstilling',
      'Heading2: Referat',
      'Heading2: Problemstilling',
      'Heading2: Videre proces',
      `Heading1: ${ITEM_2}`,
      'Heading2: Indstilling',
      'Heading2: Referat',
      'Heading2: Problemstilling',
      'Heading2: Løsning',
      'Heading2: Videre proces',
      'Heading2: Bilag',
      `Heading1: ${ITEM_3}`,
      'Heading2: Indstilling',
      'Heading2: Referat',
      'Heading2: Problemstilling',
      'Heading2: Videre proces',
      'Heading2: Bilag',
      `Heading1: ${EVENTUELT}`,
      'Heading2: Referat',
    ]);
    const problem = inOrder(texts(paragraphs), [
      'Udkast',
      'Nationalt Genom Center\nOle Maaløes Vej 26\n2200 København N\nTlf. +45 72 21 87 00\nE-mail: kontakt@ngc.dk\nwww.ngc.dk',
      'Dato: 07-06-2021',
      'Enhed: Klinisk Enhed',
      'Sagsbeh.: MRK.NGC',
      'Sagsnr.: 2109357',
      'Dok.nr.: 1770309',
      'Referat',
      'Møde i nationalt specialistnetværk for Primær immundefekt',
      'Dato: 2. juni 2021, kl. 13.00-15.00 (virtuelt)',
      'Mødeleder: Anne Holm Lund',
      'Sekretær: Mette Ravn Kofoed',
      'Dagsorden',
      ...['Punkt', 'Ca. tid', 'Aktivitet', '', '5 min.', 'Velkommen og dagsorden', 'Pkt. 1/2021', '5 min.', 'Henvendelser fra pædiatere', 'Pkt. 2/2021', '85 min.'],
      ...['Pkt. 4/2021', '5 min.', 'Eventuelt'],
      'Deltagere',
      `Medlemmer af ${NETWORK}`,
      'Anne Holm Lund, formand, udpeget af Nationalt Genom Center',
      'Mads Bering Kjær, næstformand, udpeget af Region Midtjylland',
      'Søren Ahl, udpeget af Region Sjælland',
      'Maja Krogh, udpeget af LVS',
      'Afbud: Ida Fjord.',
      'Fra Nationalt Genom Center deltager',
      'Peter Vang',
      'Mette Ravn Kofoed',
      ITEM_1,
      'Indstilling',
      'Det indstilles, at specialistnetværket drøfter fremsendte henvendelser, som foreslår, at pædiatri bør repræsenteres i specialistnetværket.',
      'Referat',
      ROUND_WITH_CONFLICT,
      'Problemstilling',
      'Videre proces',
      ITEM_2,
      'Referat',
      ...REFERAT_ITEM_2,
      'Problemstilling',
      'Løsning',
      'Videre proces',
      'Specialistnetværket drøfter den videre proces og løsning af den samlede opgave 1.',
      'Bilag',
      'Bilag 1.1: Forslag til indikationer og kriterier (revideret)',
      'Bilag 1.2: Indstillinger for Primær immundefekt nr. 16, 17, 18, 19',
      ITEM_3,
      'Referat',
      DEADLINE,
      'Videre proces',
      'De regionale repræsentanter udfylder skemaet til kommende møde.',
      'Bilag',
      'Bilag 2.1: Skema 2 Regional kortlægning for indikationer i patientgruppen',
      EVENTUELT,
      'Referat',
      '[Sekretæren udfylder: hvad blev rejst under eventuelt, eller at intet blev rejst]',
    ]);
    assert.equal(problem, undefined, problem);
    const all = texts(paragraphs);
    // The recusal opens item 2's Referat, before any decision, and is recorded once.
    assert.deepEqual(referatOf(paragraphs, ITEM_2), REFERAT_ITEM_2);
    assert.equal(all.filter((t) => t.startsWith('Søren Ahl havde erklæret')).length, 1);
    assert.ok(!all.includes(HABILITET_NONE));
    assert.ok(!all.some((t) => t.includes('Ida Fjord,')), 'the apology is not listed as present');
    assert.ok(!all.some((t) => /Pkt\. 0\//.test(t)), 'the welcome is never numbered');
    assert.ok(!all.some((t) => /\b(jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\./.test(t)), 'months in full');
    assert.ok(!all.some((t) => /ikke rejst/.test(t)), 'nothing is said about Eventuelt that nobody wrote');
    assert.equal(all.filter((t) => /afgav ikke stemme/.test(t)).length, 1, 'who did not vote is said once for the item');
    // Mid-sentence an item is "pkt."; "Pkt." only opens a heading or a table cell.
    for (const p of paragraphs.filter((x) => !/^Heading/.test(x.style ?? '') && !x.inTable)) assert.ok(!/Pkt\./.test(p.text), p.text);
    // The gap for the secretary is marked as such.
    assert.equal(paragraphs.find((p) => p.text.startsWith('[Sekretæren udfylder'))?.highlight, 'yellow');

    // Headings are bold by their style, never overridden, and kept with what follows.
    const document = parts.get('word/document.xml') ?? '';
    assert.ok(!/<w:b w:val="(false|0)"\/>/.test(document), 'no run switches bold off');
    for (const heading of paragraphs.filter((p) => /^(Title|Heading\d)$/.test(p.style ?? ''))) assert.ok(heading.keepNext, `${heading.text} keeps with next`);
    const styles = parts.get('word/styles.xml') ?? '';
    for (const id of ['Heading1', 'Heading2', 'Title']) {
      assert.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`).exec(styles)?.[0] ?? '', /<w:b\/>|<w:b w:val="true"\/>/, `${id} is bold`);
    }
    // The document properties name the organisation, not a library's "Un-named".
    const core = parts.get('docProps/core.xml') ?? '';
    assert.match(core, /<dc:creator>Nationalt Genom Center<\/dc:creator>/);
    assert.match(core, /<cp:lastModifiedBy>Nationalt Genom Center<\/cp:lastModifiedBy>/);
    assert.match(core, /<dc:title>Referat – Møde i nationalt specialistnetværk for Primær immundefekt<\/dc:title>/);
  });

  it('a round without conflicts keeps the seed\'s exact sentence, once, under the first substantive item; all votes count', async function () {
    const { paragraphs } = await docxOf(await runExampleMeeting(await fresh()));
    assert.deepEqual(referatOf(paragraphs, ITEM_1), [HABILITET_NONE]);
    assert.equal(texts(paragraphs).filter((t) => t === HABILITET_NONE).length, 1);
    assert.ok(!texts(paragraphs).some((t) => /inhabil/.test(t)), 'no recusal without a declared conflict');
    // Eligible: 8 (Ida Fjord sent apologies). A unanimous vote needs no count.
    assert.deepEqual(referatOf(paragraphs, ITEM_2).slice(2), [
      'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn).',
      'Der var konsensus om forslag 2 (Tidligt debuterende eller svær autoimmunitet/immundysregulation). 7 var enige, 1 var enig med forbehold og ingen var uenige.',
      `Karen Østby var enig med forbehold: ${RESERVATION}`,
      'Der blev ikke opnået konsensus om forslag 3 (Usædvanlige eller svære infektioner). 7 var enige og 1 var uenig.',
      `Jens Præst var uenig: ${OBJECTION}`,
    ]);
  });

  it('names no one present when attendance was not taken, and leaves an unknown letterhead field to the secretary: marked gaps, not guesses', async function () {
    const scripted = await seededServices(await fresh());
    await scripted.services.networks.change('pid', ({ letterhead: _letterhead, unit: _unit, ...rest }) => rest);
    const { paragraphs } = await docxOf(scripted);
    for (const label of ['Enhed', 'Sagsbeh.']) {
      const field = paragraphs.find((p) => p.text.startsWith(`${label}:`));
      assert.equal(field?.text, `${label}: [Sekretæren udfylder]`);
      assert.equal(field?.highlight, 'yellow');
    }
    assert.equal(paragraphs[1].text, 'Nationalt Genom Center', 'the address block is the organisation alone');
    const problem = inOrder(texts(paragraphs), ['Deltagere', '[Sekretæren udfylder: fremmødet blev ikke registreret ved mødets start]', ITEM_1]);
    assert.equal(problem, undefined, problem);
    assert.ok(!texts(paragraphs).some((t) => t.startsWith('Medlemmer af') || t.startsWith('Anne Holm Lund,')));
  });

  it('is a valid OOXML package: every part well-formed, content types and relationships complete, Danish, real headings, tables and lists', async function () {
    const { parts, paragraphs } = await docxOf(await runExampleMeeting(await fresh()));
    assert.ok(parts.has('word/styles.xml') && parts.has('word/numbering.xml') && parts.has('docProps/core.xml'));
    // Headings are navigable: Word's built-in heading styles with outline levels 0 and 1.
    const styles = parts.get('word/styles.xml') ?? '';
    for (const [id, name, level] of [['Heading1', 'Heading 1', '0'], ['Heading2', 'Heading 2', '1']]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`).exec(styles)?.[0] ?? '';
      assert.match(style, new RegExp(`<w:name w:val="${name}"/>`), `${id} is Word's "${name}"`);
      assert.match(style, new RegExp(`<w:outlineLvl w:val="${level}"/>`), `${id} shows in the navigation pane`);
    }
    assert.match(styles, /<w:lang w:val="da-DK"\/>/, 'the document language is Danish');
    // The agenda is a real table: header row + 5 items, 3 cells each.
    const document = parts.get('word/document.xml') ?? '';
    const tables = document.match(/<w:tbl>.*?<\/w:tbl>/g) ?? [];
    assert.equal(tables.length, 1);
    assert.equal(tables[0].match(/<w:tr>|<w:tr /g)?.length, 6);
    assert.equal(tables[0].match(/<w:tc>/g)?.length, 18);
    assert.match(tables[0], /<w:tblHeader\/>/, 'the header row repeats on each page');
    // Recommendations are a numbered Word list that restarts for each item.
    const numbered = paragraphs.filter((p) => p.numId && /^Det indstilles/.test(p.text));
    assert.equal(numbered.length, 4);
    assert.equal(numbered[1].numId, numbered[2].numId, "item 2's two recommendations are one list");
    assert.notEqual(numbered[0].numId, numbered[1].numId, 'each item numbers from 1');
  });

  it('prints what members typed as text: markup, XML and control characters cannot break the document or the Markdown', async function () {
    const scripted = await seededServices(await fresh());
    const hostile = 'Note <w:p>&amp; ]]> *fed* # ikke en overskrift\n1. ikke en liste\u0007\u0000 | slut\uD800';
    scripted.services.minutesSources.push(async () => [{ itemNumber: 2, section: 'referat', order: 20, paragraphs: [hostile] }]);
    const draft = await draftFor(scripted.services, scripted.meeting);
    const { paragraphs } = await readDocx(await minutesDocx(draft));
    assert.ok(
      texts(paragraphs).includes('Note <w:p>&amp; ]]> *fed* # ikke en overskrift\n1. ikke en liste | slut'),
      'shown literally, the line break kept, the unprintable characters dropped',
    );
    const markdown = minutesMarkdown(draft);
    assert.ok(markdown.includes('Note \\<w:p\\>\\&amp; \\]\\]\\> \\*fed\\* \\# ikke en overskrift\\\n1\\. ikke en liste \\| slut'), 'escaped, the line break a hard break');
    assert.ok(['\u0000', '\u0007', '\uD800'].every((c) => !markdown.includes(c)), 'unprintable characters dropped');
  });

  it('lists what was raised under Eventuelt instead of the gap, and closes with Eventuelt even when the agenda lacks it', async function () {
    const scripted = await seededServices(await fresh());
    scripted.services.minutesSources.push(async () => [{ itemNumber: 4, section: 'referat', order: 20, paragraphs: ['Næste møde holdes i Aarhus, dato følger...'] }]);
    let { paragraphs } = await docxOf(scripted);
    assert.deepEqual(texts(paragraphs).slice(-3), [EVENTUELT, 'Referat', 'Næste møde holdes i Aarhus, dato følger...']);

    const meeting = { ...scripted.meeting, agenda: scripted.meeting.agenda.slice(0, -1) };
    ({ paragraphs } = await docxOf({ ...scripted, meeting }));
    assert.deepEqual(texts(paragraphs).slice(-3), ['Eventuelt', 'Referat', '[Sekretæren udfylder: hvad blev rejst under eventuelt, eller at intet blev rejst]']);
  });

  it('renders the same minutes as Markdown: word for word what the Word file says', async function () {
    const { services, meeting } = await runExampleMeeting(await fresh(), { conflictOf: 'soren.ahl@example.dk' });
    const draft = await draftFor(services, meeting);
    const { paragraphs } = await readDocx(await minutesDocx(draft));
    const markdown = minutesMarkdown(draft);
    assert.deepEqual(markdownWords(markdown), texts(paragraphs).join(' ').split(/\s+/).filter(Boolean));
    const problem = inOrder(markdown.split('\n'), [
      '**Udkast**',
      '# Referat',
      '**Dato:** 2. juni 2021, kl. 13.00-15.00 (virtuelt)\\',
      '## Dagsorden',
      '| Punkt | Ca. tid | Aktivitet |',
      '|  | 5 min. | Velkommen og dagsorden |',
      `### Medlemmer af ${NETWORK}`,
      '- Søren Ahl, udpeget af Region Sjælland',
      `## ${ITEM_2}`,
      '### Referat',
      RECUSAL,
      'Der var konsensus om forslag 2 (Tidligt debuterende eller svær autoimmunitet/immundysregulation). 6 var enige, 1 var enig med forbehold og ingen var uenige.',
      `## ${ITEM_3}`,
      DEADLINE,
      `## ${EVENTUELT}`,
      '*\\[Sekretæren udfylder: hvad blev rejst under eventuelt, eller at intet blev rejst\\]*',
    ]);
    assert.equal(problem, undefined, problem);
  });
});

describe('minutes test reader', function () {
  it('refuses XML that is not well-formed, so the package check means something', function () {
    assert.throws(() => walkXml('<a>\u0007</a>'));
    assert.throws(() => walkXml('<a><b></a>'));
    assert.deepEqual(texts(docxParagraphs('<w:body><w:p><w:r><w:t>a &amp; b</w:t></w:r></w:p></w:body>')), ['a & b']);
  });
});
