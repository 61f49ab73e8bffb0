/**
 * Scanned reports (issue 19): image-only PDF pages and photographs of pages (.png .jpg .tif) read by
 * OCR, offline, into the same Document a PDF with a text layer gives. Each page is straightened,
 * cleaned of the seal and the watermark, its ruling lines and text boxes found, each box read by
 * PaddleOCR's recognition model, and the result laid out by the PDF reader's own layout
 * (pdf-layout.ts), so the parser reads the tables as it reads a PDF's. A figure read with low
 * confidence is not guessed: its span is listed in `Document.uncertain`, and the parser marks its
 * row doubtful (the audit's `extract.uncertain`).
 *
 * Runs where extract runs: in the analysis workers (packages/db/src/pool.ts), never on the API's
 * event loop. The recogniser is loaded once per thread and kept.
 */
import { Worker } from 'node:worker_threads';
import { Layout, type LayoutCell } from '../layout';
import { layoutPages, type PageContent } from '../pdf-layout';
import { ExtractError, type Document } from '../types';
import { paddleRecogniser, type Recogniser } from './engine';
import { decodeImages, type Pixels } from './image';
import { boxOnScan, readPageImage, UNCERTAIN, type ScannedPage } from './page';
import type { Span } from '@nianbao/model';

export { UNCERTAIN, MIN_FIGURE_CONFIDENCE, boxOnScan, readPageImage, type ScannedPage } from './page';
export { paddleRecogniser, type Recogniser, type Reading } from './engine';
export { decodeImages, encodeJpeg, encodePng, rotate, type Pixels } from './image';

/** A report has a few dozen pages; a scan of more is not one, and would take minutes to read. */
const MAX_OCR_PAGES = 60;
const TIME_LIMIT_MS = 120_000;

let shared: Promise<Recogniser> | undefined;
/** The recogniser of this thread, loaded on first use (some 200 ms and 60 MB). */
export function recogniser(): Promise<Recogniser> {
  shared ??= paddleRecogniser().catch((e: unknown) => {
    shared = undefined;
    throw e;
  });
  return shared;
}

/** Sets the recogniser of this thread (the benchmark compares engines with it). */
export function useRecogniser(r: Recogniser): void {
  shared = Promise.resolve(r);
}

export interface OcrResult {
  document: Document;
  pages: ScannedPage[];
}

/**
 * Pages read by OCR → Document, the uncertain figures' spans listed. `scans` gives, page by page, the
 * scan a page was read from (none for a text page of a mixed PDF): its cells' boxes are put back
 * on the scan as given, where a PDF viewer draws it.
 */
export function documentOf(pages: PageContent[], scans: (ScannedPage | undefined)[] = []): Document & { uncertain: Span[] } {
  const layout = new Layout();
  const uncertain: Span[] = [];
  for (const block of layoutPages(pages)) {
    if (block.kind === 'paragraph') {
      layout.paragraph(block.text.split(UNCERTAIN).join(''));
      continue;
    }
    const marked: [number, number][] = [];
    const rows: LayoutCell[][] = [];
    for (const row of block.rows) {
      if (!row.length) continue;
      rows.push(
        row.map((c, col) => {
          const scan = c.position && scans[c.position.page - 1];
          const cell = scan && c.position ? { ...c, position: { ...c.position, box: boxOnScan(scan, c.position.box) } } : c;
          if (!cell.text.includes(UNCERTAIN)) return cell;
          marked.push([rows.length, col]);
          return { ...cell, text: cell.text.split(UNCERTAIN).join('') };
        }),
      );
    }
    const before = layout.tables.length;
    layout.table(rows);
    const table = layout.tables[before];
    if (table) for (const [r, c] of marked) if (table.rows[r]?.[c]) uncertain.push(table.rows[r]![c]!.span);
  }
  return { format: 'pdf', text: layout.text, tables: layout.tables, meta: {}, uncertain, ocr: true };
}

/** Photographs or scans of a report's pages, in order (a multi-page TIFF gives all its pages). */
export async function fromImages(images: Uint8Array[], fileName: string, engine?: Recogniser): Promise<OcrResult> {
  if (images.length > MAX_OCR_PAGES)
    throw new ExtractError('too-large', `${fileName}：有 ${images.length} 页图片，超过 ${MAX_OCR_PAGES} 页的上限`);
  const decoded: Pixels[] = [];
  for (const img of images) {
    try {
      decoded.push(...decodeImages(img));
    } catch (e) {
      throw new ExtractError('corrupt', `${fileName}：图片已损坏或格式不受支持，无法识别`, { cause: e });
    }
    if (decoded.length > MAX_OCR_PAGES)
      throw new ExtractError('too-large', `${fileName}：图片超过 ${MAX_OCR_PAGES} 页的上限`);
  }
  const r = engine ?? (await recogniser());
  const pages: ScannedPage[] = [];
  for (const img of decoded) pages.push(await readPageImage(img, r));
  return finish(pages, fileName);
}

function finish(pages: ScannedPage[], fileName: string): OcrResult {
  const document = documentOf(
    pages.map((p) => p.content),
    pages,
  );
  if (document.text.replace(/\s/g, '').length < 20)
    throw new ExtractError('empty', `${fileName}：图片中没有识别出文字`);
  return { document, pages };
}

interface PdfImagePage {
  page: number;
  widthPt: number;
  image: { data: Uint8Array; width: number; height: number; channels: number } | null;
}

/** The scan images of a PDF's pages (all, or the numbered ones), decoded by pdf.js in a worker thread. */
export function pdfPageImages(bytes: Uint8Array, fileName: string, pages?: number[]): Promise<PdfImagePage[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./pdf-images.mjs', import.meta.url), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    const done = (f: () => void) => {
      clearTimeout(timer);
      void w.terminate();
      f();
    };
    const timer = setTimeout(
      () => done(() => reject(new ExtractError('too-large', `${fileName}：扫描件读取超过 ${TIME_LIMIT_MS / 1000} 秒仍未完成`))),
      TIME_LIMIT_MS,
    );
    w.on('message', (m: { pages?: PdfImagePage[]; failure?: string; numPages?: number; error?: { message: string } }) =>
      done(() => {
        if (m.pages) resolve(m.pages);
        else if (m.failure === 'pages')
          reject(new ExtractError('too-large', `${fileName}：扫描件有 ${m.numPages} 页，超过 ${MAX_OCR_PAGES} 页的上限`));
        else reject(new ExtractError('corrupt', `${fileName}：PDF 文件已损坏，无法读取其中的图片（${m.error?.message ?? ''}）`));
      }),
    );
    w.on('error', (e) => done(() => reject(new ExtractError('corrupt', `${fileName}：PDF 文件已损坏，读取程序异常退出`, { cause: e }))));
    const data = new Uint8Array(bytes);
    w.postMessage({ data, pages, maxPages: MAX_OCR_PAGES }, [data.buffer]);
  });
}

/**
 * A PDF read by OCR: every page that has no text (all of a scan; the scanned table pages of a mixed
 * file, whose text pages are given as `textPages` — their content as the PDF reader read it).
 */
export async function fromScannedPdf(
  bytes: Uint8Array,
  fileName: string,
  textPages: (PageContent | null)[] = [],
  engine?: Recogniser,
): Promise<OcrResult> {
  const wanted = textPages.length ? textPages.flatMap((p, i) => (p ? [] : [i + 1])) : undefined;
  const images = await pdfPageImages(bytes, fileName, wanted);
  const r = engine ?? (await recogniser());
  const scanned = new Map<number, ScannedPage>();
  for (const p of images) if (p.image) scanned.set(p.page, await readPageImage(p.image, r, p.widthPt));
  if (!scanned.size) throw new ExtractError('ocr-needed', `${fileName}：PDF 既没有文字层，也没有可识别的图片`);
  const count = textPages.length || images.length;
  const contents: PageContent[] = [];
  const pages: ScannedPage[] = [];
  const scans: (ScannedPage | undefined)[] = [];
  for (let n = 1; n <= count; n++) {
    const s = scanned.get(n);
    const widthPt = images.find((p) => p.page === n)?.widthPt ?? 595.28;
    // a page with neither text nor a scan is kept blank, so that the pages keep their numbers
    contents.push(s?.content ?? textPages[n - 1] ?? { width: widthPt, height: widthPt * Math.SQRT2, boxes: [], rules: [] });
    scans.push(s);
    if (s) pages.push(s);
  }
  const document = documentOf(contents, scans);
  if (document.text.replace(/\s/g, '').length < 20) throw new ExtractError('empty', `${fileName}：扫描件中没有识别出文字`);
  return { document, pages };
}
