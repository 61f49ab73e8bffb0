import type { CellPosition } from '@nianbao/model';
import type { DocRow, DocTable } from './types';

export interface LayoutCell {
  /** The cell's paragraphs joined by "\n". */
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** Where the cell is on its page (PDF). */
  position?: CellPosition;
}

/**
 * A cell's text for the tab layout: no tabs (a tab starts a cell), no empty continuation lines (a
 * blank line ends the row); a cell holding only spaces or U+00A0 keeps them, so it stays a blank cell.
 */
function cellText(text: string): string {
  // one line (most cells): itself
  if (!text.includes('\n')) return text.includes('\t') ? text.replace(/\t/g, ' ') : text;
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\t/g, ' '))
    .filter((l) => l !== '');
  const solid = lines.filter((l) => l.trim() !== '');
  return (solid.length ? solid : lines.slice(0, 1)).join('\n');
}

/**
 * Writes a document the way the seeds look (a Word table pasted as text): prose lines, and tables
 * with each cell on a line of its own starting with a tab, rows separated by a blank line. Every
 * adapter renders through here, so `tabTables(text)` reads back the grids this records.
 */
export class Layout {
  private parts: string[] = [];
  private length = 0;
  readonly tables: DocTable[] = [];

  private write(s: string) {
    this.parts.push(s);
    this.length += s.length;
  }

  /** Prose: each non-blank line on its own; tabs become spaces so that no line reads as a cell. */
  paragraph(text: string): void {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\t/g, ' ').trimEnd();
      if (line.trim()) this.write(line + '\n');
    }
  }

  table(rows: LayoutCell[][]): void {
    const docRows: DocRow[] = [];
    for (const row of rows) {
      if (!row.length) continue;
      docRows.push(
        row.map((c) => {
          const text = cellText(c.text);
          this.write('\t');
          const start = this.length;
          this.write(text + '\n');
          return {
            text,
            span: [start, start + text.length],
            colSpan: c.colSpan ?? 1,
            rowSpan: c.rowSpan ?? 1,
            ...(c.position ? { position: c.position } : {}),
          };
        }),
      );
      this.write('\n');
    }
    if (!docRows.length) return;
    const last = docRows[docRows.length - 1]!;
    this.tables.push({ rows: docRows, span: [docRows[0]![0]!.span[0] - 1, last[last.length - 1]!.span[1]] });
  }

  get text(): string {
    return this.parts.join('');
  }
}
