/**
 * Prints documents to PDF the way agencies publish them, for tests and the benchmark: a Document (or
 * hand-written HTML) laid out as a Word/WPS page would be, through headless Chromium (Debian's
 * `chromium`, driven by playwright-core). One browser is started per batch, not per file.
 */
import type { Document } from '../types';

export interface PrintStyle {
  /** Width of each label column (the cells before the first figure), e.g. '3.5em': labels wrap. */
  labelWidth?: string;
  /** Cell borders drawn (a ruled table) or not (text placed only by position). Default true. */
  ruled?: boolean;
  /** Row height of table rows, e.g. '3.2em': figures centred vertically in tall rows. */
  rowHeight?: string;
  /** Body font family and size, e.g. 'SimSun, "WenQuanYi Micro Hei"', '10.5pt'. */
  font?: string;
  fontSize?: string;
  lineHeight?: string;
  /** Repeat the table's first `headerRows` rows on each page (a <thead>). */
  headerRows?: number;
  /** Extra CSS. */
  css?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FIGURE = /^[\s\u3000\u00a0]*(?:[-+]?\d[\d,.]*\s*(?:万元|元|%)?|[—\-–/／]+|无)?[\s\u3000\u00a0]*$/;

function cellHtml(text: string): string {
  if (!text.trim()) return '&nbsp;';
  return text
    .split('\n')
    .map((l) => escape(l))
    .join('<br>');
}

/** The HTML page of a document: its prose as paragraphs, its tables as tables with the given style. */
export function documentHtml(doc: Document, style: PrintStyle = {}): string {
  const parts: string[] = [];
  let at = 0;
  const prose = (s: string) =>
    s
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => `<p>${escape(l.trim())}</p>`)
      .join('\n');
  for (const table of [...doc.tables].sort((a, b) => a.span[0] - b.span[0])) {
    if (table.span[0] < at) continue;
    parts.push(prose(doc.text.slice(at, table.span[0])));
    const rows = table.rows.map((row) => {
      // label cells: the leading run of cells that are not figures
      let labels = 0;
      while (labels < row.length && (!FIGURE.test(row[labels]!.text) || !row[labels]!.text.trim())) labels++;
      if (labels === row.length) labels = 0;
      const tds = row.map((c, i) => {
        const span = c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '';
        const cls = i < labels ? ' class="label"' : '';
        return `<td${span}${cls}>${cellHtml(c.text)}</td>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    });
    const head = style.headerRows ? `<thead>${rows.slice(0, style.headerRows).join('\n')}</thead>` : '';
    parts.push(`<table>${head}<tbody>\n${rows.slice(style.headerRows ?? 0).join('\n')}\n</tbody></table>`);
    at = table.span[1];
  }
  parts.push(prose(doc.text.slice(at)));
  return pageHtml(parts.join('\n'), style);
}

/** A page around body HTML, in the style given. */
export function pageHtml(body: string, style: PrintStyle = {}): string {
  const ruled = style.ruled ?? true;
  const css = `
body { font-family: ${style.font ?? '"WenQuanYi Micro Hei"'}; font-size: ${style.fontSize ?? '10.5pt'}; line-height: ${style.lineHeight ?? '1.5'}; margin: 0; }
p { margin: 0 0 0.3em 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
td { ${ruled ? 'border: 0.75pt solid #000;' : ''} padding: 1pt 3pt; text-align: center; vertical-align: middle; ${style.rowHeight ? `height: ${style.rowHeight};` : ''} }
${style.labelWidth ? `td.label { width: ${style.labelWidth}; min-width: ${style.labelWidth}; max-width: ${style.labelWidth}; word-break: break-all; }` : ''}
${style.css ?? ''}`;
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}</style></head><body>\n${body}\n</body></html>`;
}

/** Prints each page of HTML to an A4 PDF with one headless Chromium. */
export async function printPdfs(htmls: string[], onEach?: (pdf: Uint8Array, i: number) => void): Promise<Uint8Array[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const out: Uint8Array[] = [];
    for (const [i, html] of htmls.entries()) {
      await page.setContent(html);
      const pdf = new Uint8Array(
        await page.pdf({ format: 'A4', margin: { top: '2.5cm', bottom: '2.5cm', left: '2.6cm', right: '2.6cm' } }),
      );
      if (onEach) onEach(pdf, i);
      else out.push(pdf);
    }
    return out;
  } finally {
    await browser.close();
  }
}
