import type { DocTable } from '../types';

/** Each table as rows of cell texts, trimmed (U+00A0 and U+3000 included): what a grid says. */
export const cellTexts = (tables: DocTable[]): string[][][] =>
  tables.map((t) => t.rows.map((r) => r.map((c) => c.text.trim())));

/**
 * An HTML grid as Word holds the same table: a cell spanning rows appears again, empty, in each row
 * below it (w:vMerge), with the same width.
 */
export function withMergedCells(table: DocTable): { text: string; colSpan: number }[][] {
  const pending: { col: number; rows: number; colSpan: number }[] = [];
  return table.rows.map((row) => {
    const out: { text: string; colSpan: number; col: number }[] = [];
    let col = 0;
    const fill = () => {
      for (
        let p = pending.find((x) => x.col === col && x.rows > 0);
        p;
        p = pending.find((x) => x.col === col && x.rows > 0)
      ) {
        out.push({ text: '', colSpan: p.colSpan, col });
        p.rows--;
        col += p.colSpan;
      }
    };
    for (const c of row) {
      fill();
      out.push({ text: c.text.trim(), colSpan: c.colSpan, col });
      if (c.rowSpan > 1) pending.push({ col, rows: c.rowSpan - 1, colSpan: c.colSpan });
      col += c.colSpan;
    }
    fill();
    return out.map(({ text, colSpan }) => ({ text, colSpan }));
  });
}
