import type { Span } from '@nianbao/model';
import type { DocCell, DocRow, DocTable, Document } from './types';

/**
 * The layout of a Word table pasted as text (the seeds): each cell on its own line starting with a
 * tab, rows separated by blank lines, a cell's text may continue on the next line without a tab.
 */
export function tabTables(text: string): DocTable[] {
  const tables: DocTable[] = [];
  let rows: DocRow[] = [];
  let row: DocRow = [];
  let last: DocCell | null = null;
  const flushRow = () => {
    if (row.length) rows.push(row);
    row = [];
  };
  const flushTable = () => {
    flushRow();
    if (rows.length) {
      const first = rows[0]![0]!;
      const lastRow = rows[rows.length - 1]!;
      tables.push({ rows, span: [first.span[0] - 1, lastRow[lastRow.length - 1]!.span[1]] });
    }
    rows = [];
    last = null;
  };
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (line.startsWith('\t')) {
      last = { text: line.slice(1), span: [start + 1, start + line.length], colSpan: 1, rowSpan: 1 };
      row.push(last);
    } else if (line.trim() === '') {
      flushRow();
      last = null;
    } else if (last && row.length) {
      // a label wrapped onto the next line (「本年新\n制作数量」)
      last.text += '\n' + line;
      last.span = [last.span[0], start + line.length] as Span;
    } else if (rows.length || row.length) {
      flushTable();
    }
  }
  flushTable();
  return tables;
}

/** Markdown pipe tables (`| a | b |`), separator lines skipped; each run of pipe lines is one table. */
export function pipeTables(text: string): DocTable[] {
  const tables: DocTable[] = [];
  let rows: DocRow[] = [];
  let tableStart = 0;
  let tableEnd = 0;
  const flush = () => {
    if (rows.length) tables.push({ rows, span: [tableStart, tableEnd] });
    rows = [];
  };
  let pos = 0;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    const t = line.trim();
    if (!(t.startsWith('|') && t.endsWith('|') && t.length > 1)) {
      flush();
      continue;
    }
    if (!rows.length) tableStart = start;
    tableEnd = start + line.length;
    if (/^\|(\s*:?-{2,}:?\s*\|)+$/.test(t)) continue;
    const row: DocRow = [];
    const open = start + line.indexOf('|');
    let cellStart = open + 1;
    for (let i = cellStart; i <= start + line.lastIndexOf('|'); i++) {
      if (text[i] !== '|') continue;
      let s = cellStart;
      let e = i;
      while (s < e && /\s/.test(text[s]!)) s++;
      while (e > s && /\s/.test(text[e - 1]!)) e--;
      row.push({ text: text.slice(s, e), span: [s, e], colSpan: 1, rowSpan: 1 });
      cellStart = i + 1;
    }
    rows.push(row);
  }
  flush();
  return tables;
}

/** Plain text, the seeds' tab layout, Markdown, or `pdftotext -layout` output (which has no grids: the parser reads its lines). */
export function fromText(text: string, encoding?: string): Document {
  const tab = tabTables(text);
  const pipe = tab.length ? [] : pipeTables(text);
  const format = tab.length ? 'text' : pipe.length ? 'markdown' : /\S {3,}\d/.test(text) ? 'layout' : 'text';
  return { format, text, tables: tab.length ? tab : pipe, meta: {}, encoding };
}
