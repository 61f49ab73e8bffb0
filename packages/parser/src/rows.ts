/**
 * Turns the part of a Document that holds one table into a stream of rows — label text plus value
 * cells — whatever the source: a grid (seed tab layout, HTML, Word, PDF, Markdown pipes) or plain lines
 * with the numbers at their end (`pdftotext -layout`, text pasted from a PDF).
 */
import type { Document, DocCell } from '@nianbao/extract';
import type { Span } from '@nianbao/model';
import type { Line } from './lines';
import { isValueText } from './numbers';

export interface RawCell {
  raw: string;
  span: Span | null;
}

export interface RowItem {
  /** The label cells' text joined (may be empty: a row of numbers whose label was lost). */
  label: string;
  /** Candidate value cells in order; for a grid row, every cell after the label. */
  cells: RawCell[];
  /** True when the row comes from a grid, where a cell that is not there is absent, not blank. */
  grid: boolean;
  /** For line rows: the column (character index in the line) where each value ends. */
  columns?: number[];
  /**
   * The label's cells (grid) or tokens (line), in order, each with its column for line rows: a text
   * value such as 「见附件」 right after the label is read as part of it, and the table reader, which
   * knows the row's template label, gives it back to the values (see `withTextValues`).
   */
  labelParts: (RawCell & { column?: number })[];
}

const isBlank = (s: string) => /^[\s\u3000\u00a0]*$/.test(s);
const isDash = (s: string) => /^[\s\u3000\u00a0]*(?:[—\-–―─－/／\\]+|无|空)[\s\u3000\u00a0]*$/.test(s);
/** A cell that can only be a label (text that is neither a number, a placeholder, nor blank). */
export const isLabelText = (s: string) => !isBlank(s) && !isDash(s) && !isValueText(s);

function gridRow(cells: DocCell[]): RowItem {
  // the label is the leading run of text and merged (blank) cells, up to its last text cell; the first
  // number or placeholder starts the values
  let labelEnd = -1;
  for (let i = 0; i < cells.length; i++) {
    const t = cells[i]!.text;
    if (isLabelText(t)) labelEnd = i;
    else if (!isBlank(t)) break;
  }
  const labelCells = cells.slice(0, labelEnd + 1).filter((c) => !isBlank(c.text));
  return {
    label: labelCells.map((c) => c.text).join(''),
    cells: cells.slice(labelEnd + 1).map((c) => ({ raw: c.text, span: c.span })),
    grid: true,
    labelParts: labelCells.map((c) => ({ raw: c.text, span: c.span })),
  };
}

const TOKEN = /[^\s\u3000]+/g;

function lineRow(line: Line): RowItem {
  const tokens = [...line.text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  let firstValue = tokens.length;
  while (firstValue > 0 && (isValueText(tokens[firstValue - 1]!.text) || isDash(tokens[firstValue - 1]!.text))) firstValue--;
  const labelTokens = tokens.slice(0, firstValue);
  const valueTokens = tokens.slice(firstValue);
  return {
    label: labelTokens.map((t) => t.text).join(''),
    cells: valueTokens.map((t) => ({ raw: t.text, span: [line.start + t.start, line.start + t.end] })),
    grid: false,
    columns: valueTokens.map((t) => t.end),
    labelParts: labelTokens.map((t) => ({ raw: t.text, span: [line.start + t.start, line.start + t.end], column: t.end })),
  };
}

/** Rows of the region [from, to) of the text, in reading order. */
export function rowsIn(doc: Document, lines: Line[], from: number, to: number): RowItem[] {
  const items: { at: number; row: RowItem }[] = [];
  const covered: Span[] = [];
  for (const table of doc.tables) {
    if (table.span[1] <= from || table.span[0] >= to) continue;
    covered.push(table.span);
    for (const cells of table.rows) {
      const at = cells[0]?.span[0] ?? table.span[0];
      if (at < from || at >= to) continue;
      items.push({ at, row: gridRow(cells) });
    }
  }
  // lines inside a grid are read through the grid: a sweep over the tables' spans in order of start
  // (the furthest end of those starting before the line tells whether one overlaps it), not a scan of
  // every table for every line, which a text of 100 000 small tables made hang
  covered.sort((a, b) => a[0] - b[0]);
  let next = 0;
  let reach = -Infinity;
  for (const line of lines) {
    if (line.end <= from || line.start >= to) continue;
    while (next < covered.length && covered[next]![0] < line.end) reach = Math.max(reach, covered[next++]![1]);
    if (reach > line.start) continue;
    if (!line.text.trim()) continue;
    const row = lineRow(line);
    const prev = items.at(-1)?.row;
    // an annotation on the line after a lone number belongs to it: 「22」「（其中修订 16 件）」
    if (prev && !prev.grid && !prev.label && prev.cells.length === 1 && /^[（(].*[)）]$/.test(line.text.trim())) {
      const c = prev.cells[0]!;
      c.span = [c.span![0], line.start + line.text.trimEnd().length];
      c.raw = c.raw + line.text.trim();
      continue;
    }
    items.push({ at: line.start, row });
  }
  return items.sort((a, b) => a.at - b.at).map((i) => i.row);
}

/**
 * The row with its last label parts given back to the values (no more than the values it lacks of
 * `width`), as long as the rest of the label
 * still `covers` the row's template label: 「1.信访举报投诉类申请｜不适用｜0…」 is the row
 * 信访举报投诉类申请 whose first value is the text 不适用, while 「（五）不予处理｜1.信访举报投诉类申请」
 * keeps both parts (without the second, the label is no longer that row's).
 */
export function withTextValues(row: RowItem, width: number, covers: (label: string) => boolean): RowItem {
  let keep = row.labelParts.length;
  const least = Math.max(1, keep - (width - row.cells.length));
  while (keep > least && covers(row.labelParts.slice(0, keep - 1).map((p) => p.raw).join(''))) keep--;
  const kept = row.labelParts.slice(0, keep);
  const moved = row.labelParts.slice(keep);
  return {
    ...row,
    label: kept.map((p) => p.raw).join(''),
    labelParts: kept,
    cells: [...moved.map(({ raw, span }) => ({ raw, span })), ...row.cells],
    columns: row.columns && [...moved.map((p) => p.column!), ...row.columns],
  };
}
