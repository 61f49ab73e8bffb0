/**
 * A Document (text + grids) written back as a plain HTML page, for LibreOffice to turn into the
 * Word and PDF fixtures: each line of prose a paragraph, each grid a bordered table with its spans.
 * Used by make-fixtures.ts only; tests read the files it produced, never call this.
 */
import type { Document, DocTable } from '../src/types';

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');

const NUMERIC = /^[\s\u3000\u00a0]*[-+]?\d[\d,.]*\s*(?:万元|元|%)?[\s\u3000\u00a0]*$/;

interface HtmlCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/**
 * A table as rows of HTML cells. With `mergeDown`, an empty cell right below a label of the same
 * columns continues that label (rowspan), as a merged cell of a Word table read as text leaves it
 * (the PDF adapter writes a cell spanning rows that way); a blank under a figure stays a blank.
 */
function htmlRows(table: DocTable, mergeDown: boolean): HtmlCell[][] {
  const rows: HtmlCell[][] = [];
  // the cell that last started at each column, and whether an empty cell below may continue it
  const above = new Map<number, { cell: HtmlCell; open: boolean }>();
  for (const row of table.rows) {
    const out: HtmlCell[] = [];
    let col = 0;
    for (const c of row) {
      const text = c.text.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
      const up = above.get(col);
      if (mergeDown && !text && up?.open && up.cell.colSpan === c.colSpan) {
        up.cell.rowSpan++;
      } else {
        const cell = { text, colSpan: c.colSpan, rowSpan: 1 };
        out.push(cell);
        above.set(col, { cell, open: !!text && !NUMERIC.test(text) });
      }
      col += c.colSpan;
    }
    rows.push(out);
  }
  return rows;
}

function tableHtml(table: DocTable, mergeDown: boolean): string {
  const rows = htmlRows(table, mergeDown).map((row) => {
    const tds = row.map((c) => {
      const span = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
      const body = c.text
        ? c.text
            .split('\n')
            .map((l) => `<p>${escape(l)}</p>`)
            .join('')
        : '';
      return `    <td${span}>${body}</td>`;
    });
    return `  <tr>\n${tds.join('\n')}\n  </tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-collapse:collapse">\n${rows.join('\n')}\n</table>`;
}

const prose = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `<p>${escape(l)}</p>`)
    .join('\n');

/** No <title>: document properties would tell the parser what the text version does not. */
export function documentToHtml(doc: Document, options: { mergeDown?: boolean } = {}): string {
  const parts: string[] = [];
  let at = 0;
  for (const table of [...doc.tables].sort((a, b) => a.span[0] - b.span[0])) {
    parts.push(prose(doc.text.slice(at, table.span[0])));
    parts.push(tableHtml(table, options.mergeDown ?? false));
    at = table.span[1];
  }
  parts.push(prose(doc.text.slice(at)));
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<style>td { border: 1px solid #000; }</style>
</head>
<body>
${parts.filter(Boolean).join('\n')}
</body>
</html>
`;
}
