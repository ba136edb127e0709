import assert from 'node:assert/strict';
import { draftFor, minutesDocx, minutesFileName, minutesMarkdown } from '../../services/minutes';
import { forEachStore } from '../helpers/stores';
import { docxParagraphs, inOrder, readDocx, walkXml, type DocxParagraph } from './ooxml';
import { DEADLINE, HABILITET_NONE, NOTES_ITEM_2, OBJECTION, RESERVATION, runExampleMeeting, seededServices, type Scripted } from './script';

const ITEM_1 = 'Pkt. 1/2021 Henvendelser fra pædiatere';
const ITEM_2 = 'Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1';
const ITEM_3 = 'Pkt. 3/2021 Introduktion til opgave 2 og videre proces';
const EVENTUELT = 'Pkt. 4/2021 Eventuelt';
const VOTE_1 = 'Forslag 1, Alvorlig kombineret immundefekt (SCID) hos børn: konsensus. 9 af 9 stemmeberettigede deltog: 9 enig, 0 enig med forbehold, 0 uenig og 0 undlod at stemme.';

async function docxOf({ services, meeting }: Scripted) {
  const draft = await draftFor(services, meeting);
  return { draft, ...(await readDocx(await minutesDocx(draft))) };
}

const texts = (paragraphs: DocxParagraph[]) => paragraphs.map((p) => p.text);
const headings = (paragraphs: DocxParagraph[]) => paragraphs.filter((p) => /^(Title|Heading\d)$/.test(p.style ?? '')).map((p) => `${p.style}: ${p.text}`);

forEachStore('minutes document', (fresh) => {
  it('golden: the example meeting with a round without conflicts, notes, the item-2 vote and the item-3 task', async function () {
    const { paragraphs, draft } = await docxOf(await runExampleMeeting(await fresh()));
    assert.equal(minutesFileName(draft, 'docx'), 'Referat 2021-06-02.docx');
    assert.deepEqual(headings(paragraphs), [
      'Title: Referat',
      'Heading1: Dagsorden',
      'Heading1: Deltagere',
      'Heading2: Medlemmer',
      'Heading2: Desuden deltog',
      'Heading1: Pkt. 0/2021 Velkommen og dagsorden',
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
      'Heading2: Problemstilling',
      'Heading2: Videre proces',
      'Heading2: Bilag',
      `Heading1: ${EVENTUELT}`,
      'Heading2: Referat',
    ]);
    const problem = inOrder(texts(paragraphs), [
      'Referat',
      'Møde i nationalt specialistnetværk for Primær immundefekt',
      'Nationalt Genom Center',
      'Dato: 7. juni 2021',
      'Sagsbehandler: Mette Ravn Kofoed',
      'Sagsnr.: 2109357',
      'Dok.nr.: 1770309',
      'Mødedato: 2. juni 2021, kl. 13.00-15.00',
      'Sted: virtuelt',
      'Mødeleder: Anne Holm Lund',
      'Sekretær: Mette Ravn Kofoed',
      'Dagsorden',
      ...['Punkt', 'Ca. tid', 'Aktivitet', 'Pkt. 0/2021', '5 min.', 'Velkommen og dagsorden', 'Pkt. 2/2021', '85 min.'],
      ...['Pkt. 4/2021', '5 min.', 'Eventuelt'],
      'Deltagere',
      'Anne Holm Lund, formand, udpeget af Nationalt Genom Center',
      'Mads Bering Kjær, næstformand, udpeget af Region Midtjylland',
      'Maja Krogh, medlem, udpeget af LVS',
      'Desuden deltog',
      'Peter Vang, medarbejder, Nationalt Genom Center',
      'Mette Ravn Kofoed, sekretær, Nationalt Genom Center',
      ITEM_1,
      'Indstilling',
      'Det indstilles, at specialistnetværket drøfter fremsendte henvendelser, som foreslår, at pædiatri bør repræsenteres i specialistnetværket.',
      'Referat',
      HABILITET_NONE,
      'Problemstilling',
      'Videre proces',
      ITEM_2,
      'Referat',
      ...NOTES_ITEM_2,
      VOTE_1,
      'Forslag 2, Tidligt debuterende eller svær autoimmunitet/immundysregulation: konsensus. 9 af 9 stemmeberettigede deltog: 8 enig, 1 enig med forbehold, 0 uenig og 0 undlod at stemme.',
      `Karen Østby var enig med forbehold: ${RESERVATION}`,
      'Forslag 3, Usædvanlige eller svære infektioner: ikke konsensus. 9 af 9 stemmeberettigede deltog: 8 enig, 0 enig med forbehold, 1 uenig og 0 undlod at stemme.',
      `Jens Præst var uenig: ${OBJECTION}`,
      'Problemstilling',
      'Løsning',
      'Videre proces',
      'Specialistnetværket drøfter den videre proces og løsning af den samlede opgave 1.',
      'Bilag',
      'Bilag 1.1: Forslag til indikationer og kriterier (revideret)',
      'Bilag 1.2: Indstillinger for Primær immundefekt nr. 16, 17, 18, 19',
      ITEM_3,
      'Videre proces',
      'De regionale repræsentanter udfylder skemaet til kommende møde.',
      'Udfyld Skema 2: Regional kortlægning. Ansvarlige: de regionale repræsentanter (Mads Bering Kjær, Søren Ahl, Karen Østby, Lise Damgaard og Jens Præst).',
      DEADLINE,
      'Bilag',
      'Bilag 2.1: Skema 2 Regional kortlægning for indikationer i patientgruppen',
      EVENTUELT,
      'Referat',
      'Der blev ikke rejst nogen punkter under eventuelt.',
    ]);
    assert.equal(problem, undefined, problem);
    assert.equal(texts(paragraphs).filter((t) => t === HABILITET_NONE).length, 1, 'the habilitet sentence appears once, under the first substantive item');
    assert.ok(!texts(paragraphs).some((t) => /inhabil/.test(t)), 'no recusal without a declared conflict');
  });

  it('with one declared conflict: the recusal wording at the round and under the item, and the member does not vote', async function () {
    const { paragraphs } = await docxOf(await runExampleMeeting(await fresh(), { conflictOf: 'soren.ahl@example.dk' }));
    const problem = inOrder(texts(paragraphs), [
      ITEM_1,
      'Referat',
      'Forud for specialistnetværkets behandling af dagsorden blev medlemmerne spurgt, om der var nye væsentlige forhold i forhold til deres habilitet. Søren Ahl erklærede sig inhabil vedrørende Pkt. 2/2021 og deltog derfor ikke i drøftelsen af eller beslutningen om dette punkt, jf. forvaltningslovens § 6.',
      ITEM_2,
      'Referat',
      'Forslag 1, Alvorlig kombineret immundefekt (SCID) hos børn: konsensus. 8 af 8 stemmeberettigede deltog: 8 enig, 0 enig med forbehold, 0 uenig og 0 undlod at stemme.',
      'Søren Ahl var inhabil og deltog ikke i drøftelsen af eller beslutningen om dette punkt, jf. forvaltningslovens § 6.',
      'Problemstilling',
      ITEM_3,
    ]);
    assert.equal(problem, undefined, problem);
    assert.ok(!texts(paragraphs).includes(HABILITET_NONE));
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
    assert.match(parts.get('docProps/core.xml') ?? '', /<dc:title>Referat – Møde i nationalt specialistnetværk for Primær immundefekt<\/dc:title>/);
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

  it('lists what was raised under Eventuelt instead of the empty sentence, and closes with Eventuelt even when the agenda lacks it', async function () {
    const scripted = await seededServices(await fresh());
    scripted.services.minutesSources.push(async () => [{ itemNumber: 4, section: 'referat', order: 20, paragraphs: ['Næste møde holdes i Aarhus, dato følger...'] }]);
    let { paragraphs } = await docxOf(scripted);
    assert.deepEqual(texts(paragraphs).slice(-3), [EVENTUELT, 'Referat', 'Næste møde holdes i Aarhus, dato følger...']);

    const meeting = { ...scripted.meeting, agenda: scripted.meeting.agenda.slice(0, -1) };
    ({ paragraphs } = await docxOf({ ...scripted, meeting }));
    assert.deepEqual(texts(paragraphs).slice(-3), ['Eventuelt', 'Referat', 'Der blev ikke rejst nogen punkter under eventuelt.']);
  });

  it('renders the same minutes as Markdown: the same sections in the same order', async function () {
    const { services, meeting } = await runExampleMeeting(await fresh());
    const markdown = minutesMarkdown(await draftFor(services, meeting));
    const problem = inOrder(markdown.split('\n'), [
      '# Referat',
      '**Møde i nationalt specialistnetværk for Primær immundefekt**',
      '**Dato:** 7. juni 2021\\',
      '**Mødedato:** 2. juni 2021, kl. 13.00-15.00\\',
      '## Dagsorden',
      '| Punkt | Ca. tid | Aktivitet |',
      '| Pkt. 2/2021 | 85 min. | Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1 |',
      '- Anne Holm Lund, formand, udpeget af Nationalt Genom Center',
      `## ${ITEM_1}`,
      '### Indstilling',
      '1. Det indstilles, at specialistnetværket drøfter fremsendte henvendelser, som foreslår, at pædiatri bør repræsenteres i specialistnetværket.',
      '### Referat',
      HABILITET_NONE,
      `## ${ITEM_2}`,
      '2. Det indstilles, at specialistnetværket drøfter videre proces for arbejdet med opgave 1 med henblik på at lave aftaler herom.',
      VOTE_1,
      '- Bilag 1.1: Forslag til indikationer og kriterier (revideret)',
      `## ${ITEM_3}`,
      '### Videre proces',
      DEADLINE,
      `## ${EVENTUELT}`,
      'Der blev ikke rejst nogen punkter under eventuelt.',
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
