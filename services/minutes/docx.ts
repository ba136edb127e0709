import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Block } from './layout';
import { printable } from './text';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 with 2.5 cm margins: the width tables are laid out in, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const NUMBERED = 'numbered';

/**
 * One run per line, so line breaks typed in a note stay line breaks. Bold only when asked: an
 * explicit "not bold" would override the heading styles' bold. A placeholder is highlighted,
 * so the secretary sees what is left to fill in.
 */
function runs(text: string, bold = false, placeholder = false): TextRun[] {
  return printable(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, ...(bold && { bold }), ...(placeholder && { highlight: 'yellow' }), break: i ? 1 : undefined }));
}

const cell = (text: string, width: number, bold = false) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ children: runs(text, bold) })] });

/**
 * Draws the blocks as a Word document: real Title/Heading styles (navigation pane), headings kept
 * with the paragraph after them, real tables and lists, Danish; the organisation as its author.
 */
export async function renderDocx(blocks: Block[], meta: { title: string; author: string }): Promise<Buffer> {
  let lists = 0;
  const children: FileChild[] = blocks.flatMap((block): FileChild[] => {
    switch (block.kind) {
      case 'title':
        return [new Paragraph({ heading: HeadingLevel.TITLE, keepNext: true, children: runs(block.text) })];
      case 'heading':
        return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, keepNext: true, keepLines: true, children: runs(block.text) })];
      case 'paragraph':
        return [new Paragraph({ children: runs(block.text, block.strong, block.placeholder) })];
      case 'fields':
        return block.rows.map((row) => new Paragraph({ children: [...runs(`${row.label}: `, true), ...runs(row.value, false, row.placeholder)] }));
      case 'table': {
        const widths = block.widths.map((w) => Math.floor((TEXT_WIDTH * w) / 100));
        return [
          new Table({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            columnWidths: widths,
            rows: [
              new TableRow({ tableHeader: true, children: block.header.map((h, i) => cell(h, widths[i], true)) }),
              ...block.rows.map((row) => new TableRow({ children: row.map((c, i) => cell(c, widths[i])) })),
            ],
          }),
        ];
      }
      case 'numbered': {
        const instance = ++lists;
        return block.items.map((text) => new Paragraph({ numbering: { reference: NUMBERED, level: 0, instance }, children: runs(text) }));
      }
      case 'bullets':
        return block.items.map((text) => new Paragraph({ bullet: { level: 0 }, children: runs(text) }));
    }
  });
  const heading = (size: number, outlineLevel: number) => ({ run: { size, bold: true, color: '1F3864' }, paragraph: { outlineLevel, spacing: { before: 240, after: 120 } } });
  const document = new Document({
    title: printable(meta.title),
    creator: printable(meta.author),
    lastModifiedBy: printable(meta.author),
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } }, paragraph: { spacing: { after: 120 } } },
        title: { run: { size: 40, bold: true, color: '1F3864' } },
        heading1: heading(28, 0),
        heading2: heading(24, 1),
      },
    },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
