/**
 * Where the cells are on the pages of a PDF: the extractor knows each grid cell's box, the parser
 * knows which template cell each span is; a cell takes the box of the grid cell its text is in.
 */
import type { DocCell, Document } from '@nianbao/extract';
import type { Cell } from '@nianbao/model';

export function placeCells(doc: Document, cells: Record<string, Cell>): void {
  const placed: DocCell[] = [];
  for (const t of doc.tables) for (const row of t.rows) for (const c of row) if (c.position) placed.push(c);
  if (!placed.length) return;
  placed.sort((a, b) => a.span[0] - b.span[0]);
  for (const cell of Object.values(cells)) {
    if (!cell.span) continue;
    const at = cell.span[0];
    // the last grid cell starting at or before the cell's text
    let lo = 0;
    let hi = placed.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (placed[mid]!.span[0] <= at) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const d = placed[found];
    if (d && at <= d.span[1]) cell.position = d.position;
  }
}
