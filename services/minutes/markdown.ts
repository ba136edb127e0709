import type { Block } from './layout';
import { printable } from './text';

/** Inline markup, HTML and entities escaped, so text a member typed shows literally. */
const inline = (line: string) => line.replace(/[\\`*_[\]<>|~#]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');

/** Also block markup (headings, quotes, list markers, rules), which counts only at the start of a line. */
const leading = (line: string) => inline(line).replace(/^(\s*)([>+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');

const lines = (value: string) =>
  printable(value)
    .split('\n')
    .filter((line) => line.trim());

/** A paragraph: its lines joined by hard breaks; `indent` continues a list item. */
const text = (value: string, indent = '') => lines(value).map(leading).join(`\\\n${indent}`);

/** Within a line (a table cell, a heading, after a label): one line, inline escapes only. */
const cell = (value: string) => lines(value).map(inline).join(' ');

/** Draws the blocks as CommonMark (with a GFM table for the agenda). */
export function renderMarkdown(blocks: Block[]): string {
  const parts = blocks.map((block): string => {
    switch (block.kind) {
      case 'title':
        return `# ${cell(block.text)}`;
      case 'heading':
        return `${'#'.repeat(block.level + 1)} ${cell(block.text)}`;
      case 'paragraph':
        return block.strong ? `**${text(block.text)}**` : block.placeholder ? `*${text(block.text)}*` : text(block.text);
      case 'fields':
        return block.rows.map((row) => `**${cell(row.label)}:** ${row.placeholder ? `*${cell(row.value)}*` : cell(row.value)}`).join('\\\n');
      case 'table': {
        const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
        return [row(block.header), `|${block.header.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
      }
      case 'numbered':
        return block.items.map((item, i) => `${i + 1}. ${text(item, '   ')}`).join('\n');
      case 'bullets':
        return block.items.map((item) => `- ${text(item, '  ')}`).join('\n');
    }
  });
  return `${parts.join('\n\n')}\n`;
}
