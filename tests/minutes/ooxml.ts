/**
 * Reading a .docx the way a strict consumer would: unzip it (jszip), parse every XML part
 * with a strict, well-formedness-checking parser (saxes), check the package's content
 * types and relationships, and extract the paragraphs of word/document.xml with their
 * style, list and table membership.
 */
import { posix } from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export interface DocxParagraph {
  text: string;
  /** The paragraph style id ("Title", "Heading1"...), if any. */
  style?: string;
  /** The list (w:numId) the paragraph is numbered in, if any. */
  numId?: string;
  inTable: boolean;
  /** `<w:keepNext/>`: kept on the page of the paragraph after it. */
  keepNext: boolean;
  /** The `w:val` of each run's `<w:b>` ("true" when given without a value); runs without one are left out. */
  bold: string[];
  /** A run's highlight colour, if any run has one. */
  highlight?: string;
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

/** Parses strictly; throws on the first well-formedness error (bad characters included). */
export function walkXml(xml: string, on: { open?(el: XmlElement): void; close?(name: string): void; text?(t: string): void } = {}): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => on.open?.({ name: tag.name, attributes: tag.attributes as Record<string, string> }));
  parser.on('closetag', (tag) => on.close?.(tag.name));
  parser.on('text', (t) => on.text?.(t));
  parser.write(xml).close();
}

/** Every part's name and text; throws if any XML part is not well-formed. */
export async function readPackage(docx: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const parts = new Map<string, string>();
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const text = await file.async('string');
    if (/\.(xml|rels)$/.test(file.name)) {
      try {
        walkXml(text);
      } catch (err) {
        throw new Error(`${file.name} is not well-formed XML: ${(err as Error).message}`);
      }
    }
    parts.set(file.name, text);
  }
  return parts;
}

/**
 * Problems with the package structure: parts without a content type, overrides naming
 * missing parts, internal relationships pointing nowhere, no main document.
 */
export function packageProblems(parts: Map<string, string>): string[] {
  const problems: string[] = [];
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  walkXml(parts.get('[Content_Types].xml') ?? '<missing/>', {
    open(el) {
      if (el.name === 'Default') defaults.set(el.attributes.Extension.toLowerCase(), el.attributes.ContentType);
      if (el.name === 'Override') overrides.set(el.attributes.PartName, el.attributes.ContentType);
    },
  });
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml') continue;
    const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.has(`/${name}`) && !defaults.has(extension)) problems.push(`${name} has no content type`);
  }
  for (const partName of overrides.keys()) if (!parts.has(partName.slice(1))) problems.push(`[Content_Types].xml names missing ${partName}`);
  if (overrides.get('/word/document.xml') !== 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml') {
    problems.push('word/document.xml is not declared as the main document');
  }
  for (const [name, text] of parts) {
    if (!name.endsWith('.rels')) continue;
    // "word/_rels/document.xml.rels" holds the relationships of "word/document.xml".
    const base = posix.dirname(posix.dirname(name));
    walkXml(text, {
      open(el) {
        if (el.name !== 'Relationship' || el.attributes.TargetMode === 'External') return;
        const target = el.attributes.Target.startsWith('/') ? el.attributes.Target.slice(1) : posix.normalize(posix.join(base, el.attributes.Target));
        if (!parts.has(target)) problems.push(`${name}: relationship ${el.attributes.Id} points to missing ${target}`);
      },
    });
  }
  return problems;
}

/** The paragraphs of word/document.xml in order, tables' cells included. */
export function docxParagraphs(documentXml: string): DocxParagraph[] {
  const paragraphs: DocxParagraph[] = [];
  let current: DocxParagraph | undefined;
  let inText = false;
  let tableDepth = 0;
  walkXml(documentXml, {
    open(el) {
      if (el.name === 'w:tbl') tableDepth++;
      if (el.name === 'w:p') current = { text: '', inTable: tableDepth > 0, keepNext: false, bold: [] };
      if (!current) return;
      if (el.name === 'w:pStyle') current.style = el.attributes['w:val'];
      if (el.name === 'w:keepNext') current.keepNext = el.attributes['w:val'] !== 'false' && el.attributes['w:val'] !== '0';
      if (el.name === 'w:b') current.bold.push(el.attributes['w:val'] ?? 'true');
      if (el.name === 'w:highlight') current.highlight = el.attributes['w:val'];
      if (el.name === 'w:numId') current.numId = el.attributes['w:val'];
      if (el.name === 'w:br') current.text += '\n';
      if (el.name === 'w:tab') current.text += '\t';
      if (el.name === 'w:t') inText = true;
    },
    close(name) {
      if (name === 'w:t') inText = false;
      if (name === 'w:tbl') tableDepth--;
      if (name === 'w:p' && current) {
        paragraphs.push(current);
        current = undefined;
      }
    },
    text(t) {
      if (inText && current) current.text += t;
    },
  });
  return paragraphs;
}

/** Unzips, checks every part and the package, and returns the document's paragraphs. */
export async function readDocx(docx: Buffer): Promise<{ parts: Map<string, string>; paragraphs: DocxParagraph[] }> {
  const parts = await readPackage(docx);
  const problems = packageProblems(parts);
  if (problems.length) throw new Error(`not a valid OOXML package:\n${problems.join('\n')}`);
  return { parts, paragraphs: docxParagraphs(parts.get('word/document.xml') ?? '') };
}

/**
 * Asserts `expected` occur among `actual` in this order (other paragraphs may lie between);
 * the message names the first one missing and what came before it.
 */
export function inOrder(actual: string[], expected: string[]): string | undefined {
  let at = 0;
  for (const want of expected) {
    const found = actual.indexOf(want, at);
    if (found < 0) return `missing, or out of order: ${JSON.stringify(want)} (after ${JSON.stringify(actual[at - 1] ?? '<start>')})`;
    at = found + 1;
  }
  return undefined;
}
