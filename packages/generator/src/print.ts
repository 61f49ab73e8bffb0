/**
 * A generated report as the page an agency prints to PDF (issue 12's PDF stress set): the same
 * document as its text and web versions, laid out in one of the ways real reports are printed from
 * WPS, Word or a browser. Printing itself (headless Chromium) is the caller's: this stays pure.
 *
 * - `ruled`: a WPS/Word page: 仿宋-like body at 16 pt with wide line spacing, ruled tables whose header
 *   rows repeat after a page break;
 * - `unruled`: the tables without borders, text placed only by position;
 * - `wrapped`: a label column narrow enough that labels wrap over two or three lines, in tall rows
 *   with the figures centred vertically;
 * - `narrow`: the whole table squeezed to part of the measure, small type, borderless: labels and
 *   header words wrap, figures stand close together;
 * - `vertical`: group labels (「三、本年度办理结果」「（三）不予公开」 …) printed vertically down their merged
 *   cells, as Word does when a text direction is set.
 */
import type { ReportDocument } from './render';
import type { Table } from './tables';

export type PdfLayout = 'ruled' | 'unruled' | 'wrapped' | 'narrow' | 'vertical';
export const PDF_LAYOUTS: PdfLayout[] = ['ruled', 'unruled', 'wrapped', 'narrow', 'vertical'];

interface LayoutStyle {
  ruled: boolean;
  body: string;
  table: string;
  /** CSS of a label cell (text before the figures). */
  label?: string;
  /** CSS of a label cell spanning several rows (a group label). */
  group?: string;
  /** CSS of every table cell. */
  cell?: string;
}

const STYLES: Record<PdfLayout, LayoutStyle> = {
  ruled: {
    ruled: true,
    body: 'font-size: 16pt; line-height: 28pt;',
    table: 'font-size: 10.5pt; line-height: 1.3;',
  },
  unruled: {
    ruled: false,
    body: 'font-size: 12pt; line-height: 1.8;',
    table: 'font-size: 10.5pt; line-height: 1.5;',
  },
  wrapped: {
    ruled: true,
    body: 'font-size: 14pt; line-height: 1.6;',
    table: 'font-size: 10.5pt; line-height: 1.3;',
    label: 'width: 3.5em; min-width: 3.5em; max-width: 3.5em; word-break: break-all;',
    cell: 'height: 3.6em;',
  },
  narrow: {
    ruled: false,
    body: 'font-size: 12pt; line-height: 1.5;',
    table: 'font-size: 9pt; line-height: 1.25; width: 72% !important;',
    label: 'width: 6em; max-width: 6em; word-break: break-all;',
  },
  vertical: {
    ruled: true,
    body: 'font-size: 14pt; line-height: 1.6;',
    table: 'font-size: 10.5pt; line-height: 1.3;',
    group: 'writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.1em; width: 1.6em; white-space: nowrap;',
  },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FIGURE = /^[\s\u3000\u00a0]*(?:[-+]?\d[\d,.]*\s*(?:万元|元|%)?|[—\-–/／]+|无|空)?[\s\u3000\u00a0]*$/;

/** Header rows of a table: those before the first row holding a figure (table 三's three, table 四's three). */
function headerRows(t: Table): number {
  const k = t.rows.findIndex((row) => row.some((s) => !s.covered && s.cell.text.trim() && FIGURE.test(s.cell.text)));
  return k < 0 ? 0 : k;
}

function tableHtml(t: Table, style: LayoutStyle): string {
  const rows = t.rows.map((row) => {
    // label cells: the leading run of cells that hold text (covered positions count as labels)
    let labels = 0;
    while (labels < row.length && (row[labels]!.covered || !FIGURE.test(row[labels]!.cell.text) || !row[labels]!.cell.text.trim())) labels++;
    if (labels === row.length) labels = 0;
    const tds = row.flatMap((slot, i) => {
      if (slot.covered) return [];
      const { cell } = slot;
      const attrs = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
      const css = i < labels ? (cell.rowSpan > 2 && style.group ? style.group : (style.label ?? '')) : '';
      const text = cell.text.trim() ? cell.text.split('\n').map(esc).join('<br>') : '&nbsp;';
      return [`<td${attrs}${css ? ` style="${css}"` : ''}>${text}</td>`];
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  const head = headerRows(t);
  return `<table>${head ? `<thead>${rows.slice(0, head).join('\n')}</thead>` : ''}<tbody>\n${rows.slice(head).join('\n')}\n</tbody></table>`;
}

/** The HTML page to print, in the layout given. */
export function toPrintHtml(doc: ReportDocument, layout: PdfLayout): string {
  const style = STYLES[layout];
  const body: string[] = [`<h1>${esc(doc.title)}</h1>`];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') body.push(`<p class="h">${esc(b.text)}</p>`);
    else if (b.kind === 'paragraph') body.push(`<p${b.sub ? ' class="sub"' : ''}>${esc(b.text)}</p>`);
    else body.push(tableHtml(b.table, style));
  }
  body.push(`<p class="sign">${esc(doc.signature.name)}</p>`);
  if (doc.signature.date) body.push(`<p class="sign">${esc(doc.signature.date)}</p>`);
  const css = `
body { font-family: "WenQuanYi Micro Hei"; ${style.body} margin: 0; }
h1 { font-size: 20pt; text-align: center; font-weight: bold; margin: 0 0 0.8em 0; line-height: 1.4; }
p { margin: 0; text-indent: 2em; }
p.h { font-weight: bold; }
p.sub { text-indent: 2em; }
p.sign { text-align: right; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5em auto; ${style.table} }
td { ${style.ruled ? 'border: 0.75pt solid #000;' : ''} padding: 1pt 3pt; text-align: center; vertical-align: middle; ${style.cell ?? ''} }
tr { break-inside: avoid; }`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>\n${body.join('\n')}\n</body></html>`;
}
