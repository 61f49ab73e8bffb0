/**
 * The PDF stress set of `pnpm bench` (issue 12): the synthetic province's reports printed to PDF by
 * headless Chromium in each layout of @nianbao/generator's print.ts (ruled, unruled, wrapped labels,
 * narrow tables, vertical group labels), read back through the real pipeline and scored against the
 * generator's truth: every rule's precision and recall, the share of cells read right, and how often
 * a reading is flagged uncertain — over all, and per layout.
 *
 * Chromium takes about a second of CPU per printed document, so reports are printed in batches (one
 * document of a batch's reports, a page break before each, its PDF outline naming where each report
 * starts) and cut apart into one PDF per report with pdf-lib; the PDFs are kept in a cache directory
 * keyed by the page's HTML, so that a second run with the same seed only reads them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedReport, PdfLayout } from '@nianbao/generator';

export interface PdfStressOptions {
  reports: number;
  seed: number;
  cacheDir: string;
  /** Reports per printed document. */
  batch?: number;
  say?: (s: string) => void;
}

export interface PdfStressFigures {
  reports: number;
  layouts: string[];
  minPrecision: number;
  minRecall: number;
  /** 0–1 */
  cellAccuracy: number;
  /** 0–1 */
  uncertainRate: number;
  perRule: Record<string, { precision: number; recall: number; tp: number; fp: number; fn: number }>;
  perLayout: Record<string, import('@nianbao/generator/accuracy').GroupAccuracy>;
  examples: Record<string, { fileName: string; kind: 'fp' | 'fn'; messages: string[] }[]>;
  failed: { fileName: string; message: string }[];
  averagePages: number;
  printedNow: number;
  printSeconds: number;
  readSeconds: number;
  /** A few of the PDFs (paths in the cache), for the per-format throughput. */
  sample: string[];
}

const key = (html: string) => createHash('sha256').update(html).digest('hex').slice(0, 24);

/** Prints pages of HTML (each one report) in one Chromium document and cuts it into one PDF per page set. */
async function printBatch(page: import('playwright-core').Page, htmls: string[]): Promise<Uint8Array[]> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } = await import('pdf-lib');
  // one document: the first page's head (every page of a batch has the same layout, so the same style)
  const bodies = htmls.map((h) => h.slice(h.indexOf('<body>') + 6, h.lastIndexOf('</body>')));
  const head = htmls[0]!.slice(0, htmls[0]!.indexOf('<body>'));
  const all = `${head}<body>${bodies.map((b) => `<section style="break-before: page">${b}</section>`).join('\n')}</body></html>`;
  await page.setContent(all);
  const pdf = await page.pdf({
    format: 'A4',
    margin: { top: '2.5cm', bottom: '2.5cm', left: '2.6cm', right: '2.6cm' },
    outline: true,
    tagged: true,
  });
  const doc = await PDFDocument.load(pdf);
  const refs = doc.getPages().map((p) => p.ref.toString());
  const starts: number[] = [];
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  while (item) {
    const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
    const ref = dest?.get(0);
    if (ref instanceof PDFRef) starts.push(refs.indexOf(ref.toString()));
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  // each report has one <h1>, its title: one outline entry each, in order
  if (starts.length !== htmls.length || starts.some((s, i) => s < 0 || (i && s <= starts[i - 1]!))) {
    throw new Error(`outline of ${starts.length} entries for ${htmls.length} reports`);
  }
  const out: Uint8Array[] = [];
  for (let i = 0; i < starts.length; i++) {
    const one = await PDFDocument.create();
    const end = starts[i + 1] ?? doc.getPageCount();
    const pages = await one.copyPages(
      doc,
      Array.from({ length: end - starts[i]! }, (_, k) => starts[i]! + k),
    );
    for (const p of pages) one.addPage(p);
    // plain objects (no object streams): the page count stays readable without parsing (`pageCount`)
    out.push(await one.save({ useObjectStreams: false }));
  }
  return out;
}

export async function pdfStress(o: PdfStressOptions): Promise<PdfStressFigures> {
  const say = o.say ?? (() => {});
  const { iterateProvince, toPrintHtml, PDF_LAYOUTS } = await import('@nianbao/generator');
  const { AccuracyMeter } = await import('@nianbao/generator/accuracy');
  const years = 7;
  const p = iterateProvince({ seed: o.seed, agencies: Math.ceil(o.reports / years), years, formats: ['text'] });
  const picked: { r: GeneratedReport; layout: PdfLayout; html: string; file: string }[] = [];
  for (const r of p.reports) {
    if (picked.length >= o.reports) break;
    const layout = PDF_LAYOUTS[picked.length % PDF_LAYOUTS.length]!;
    const html = toPrintHtml(r.document, layout);
    picked.push({ r, layout, html, file: join(o.cacheDir, layout, `${key(html)}.pdf`) });
  }
  for (const l of PDF_LAYOUTS) mkdirSync(join(o.cacheDir, l), { recursive: true });

  // print what the cache lacks, a batch of one layout at a time
  const todo = picked.filter((x) => !existsSync(x.file));
  const printStarted = Date.now();
  if (todo.length) {
    say(`  printing ${todo.length} reports with Chromium (${picked.length - todo.length} cached in ${o.cacheDir}) …`);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const batch = o.batch ?? 25;
      let done = 0;
      for (const layout of PDF_LAYOUTS) {
        const mine = todo.filter((x) => x.layout === layout);
        for (let i = 0; i < mine.length; i += batch) {
          const part = mine.slice(i, i + batch);
          const pdfs = await printBatch(page, part.map((x) => x.html));
          part.forEach((x, k) => writeFileSync(x.file, pdfs[k]!));
          done += part.length;
          say(`    ${done}/${todo.length} printed (${Math.round((Date.now() - printStarted) / done)} ms each)`);
        }
      }
    } finally {
      await browser.close();
    }
  }
  const printSeconds = (Date.now() - printStarted) / 1000;

  // read and audit them in the generator's order (years in turn: the history rules need last year's)
  const meter = new AccuracyMeter();
  const readStarted = Date.now();
  let pages = 0;
  for (const [i, x] of picked.entries()) {
    const bytes = new Uint8Array(readFileSync(x.file));
    pages += pageCount(bytes);
    await meter.add({ ...x.r, bytes, fileName: x.r.fileName.replace(/\.txt$/, `.${x.layout}.pdf`) }, x.layout);
    if ((i + 1) % 200 === 0) say(`    ${i + 1}/${picked.length} read (${Math.round((Date.now() - readStarted) / (i + 1))} ms each)`);
  }
  const a = meter.result();
  const readSeconds = (Date.now() - readStarted) / 1000;
  return {
    reports: a.reports,
    layouts: PDF_LAYOUTS,
    minPrecision: a.minPrecision,
    minRecall: a.minRecall,
    cellAccuracy: a.cellAccuracy,
    uncertainRate: a.uncertainRate,
    perRule: a.perRule,
    perLayout: a.groups,
    examples: a.examples,
    failed: a.errors.slice(0, 10),
    averagePages: Math.round((pages / Math.max(1, picked.length)) * 10) / 10,
    printedNow: todo.length,
    printSeconds: Math.round(printSeconds),
    readSeconds: Math.round(readSeconds),
    sample: PDF_LAYOUTS.flatMap((l) => picked.filter((x) => x.layout === l).slice(0, 4).map((x) => x.file)),
  };
}

/** Pages of a PDF, from its page objects (a Chromium PDF writes one `/Type /Page` per page). */
function pageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
