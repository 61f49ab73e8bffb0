import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertPlausible } from './decode';
import { Layout } from './layout';
import { layoutPages, type PageContent, type Rule, type TextBox } from './pdf-layout';
import { ExtractError, type Document } from './types';

/** A report has a few dozen pages; a file with more is not one, and reading it would take long. */
const MAX_PAGES = 300;
/** Drawing operations looked at per page for table rules (a map or a scan has far more). */
const MAX_OPS = 200_000;
/** Text pieces read per page. */
const MAX_ITEMS = 50_000;
/** A report reads in well under a second; a file that takes this long is built to exhaust a reader. */
const TIME_LIMIT_MS = 60_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>;

let loading: Promise<PdfJs> | undefined;
function pdfjs(): Promise<PdfJs> {
  // pdf.js 5+ targets Node 22; Node 20 lacks Promise.withResolvers, which it calls unconditionally
  const P = Promise as unknown as { withResolvers?: unknown };
  if (!P.withResolvers) {
    P.withResolvers = function withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
  }
  // ... and ArrayBuffer#transferToFixedLength (Node 21), with which it sends the fonts of a page's
  // drawing operations: without it the operator list stops at the first text and no ruling is seen
  const AB = ArrayBuffer.prototype as unknown as { transferToFixedLength?: unknown };
  if (!AB.transferToFixedLength) {
    AB.transferToFixedLength = function transferToFixedLength(this: ArrayBuffer, length = this.byteLength) {
      const out = new ArrayBuffer(length);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return out;
    };
  }
  return (loading ??= importKeepingNatives());
}

/**
 * The legacy build bundles core-js, which on Node 20 replaces built-ins the process already has with
 * slower copies: Array#push (3× slower), JSON.parse and JSON.stringify, structuredClone and
 * Function#toString, for the whole process (the API server's JSON included) once a PDF was read.
 * They are put back; what it adds where Node 20 lacks it (Iterator helpers, Set methods) stays.
 */
async function importKeepingNatives(): Promise<PdfJs> {
  const kept: [object, PropertyKey][] = [
    [Array.prototype, 'push'],
    [JSON, 'parse'],
    [JSON, 'stringify'],
    [Function.prototype, 'toString'],
    [globalThis, 'structuredClone'],
  ];
  const natives = kept.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k));
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // the worker's code, run in this thread (pdf.js finds it on globalThis.pdfjsWorker), bundles
  // core-js too: loaded now rather than on the first document, so that its copies go as well
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  kept.forEach(([o, k], i) => {
    const d = natives[i];
    if (d && Object.getOwnPropertyDescriptor(o, k)?.value !== d.value) Object.defineProperty(o, k, d);
  });
  return lib;
}

/** The CMaps shipped with pdfjs-dist (read from disk, never fetched): Chinese PDFs often need them. */
function assetDir(name: string): string {
  const pkg = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
  return join(dirname(pkg), name) + '/';
}

/**
 * A PDF with a text layer → Document: the text read by position, paragraphs rejoined, tables rebuilt
 * (from their ruling lines where drawn, else from how the text lines up) and written in the seed tab
 * layout. A PDF without text (a scan) asks for OCR.
 */
export async function fromPdf(bytes: Uint8Array, fileName: string): Promise<Document> {
  const { pages, title } = await readPdf(bytes, fileName);
  checkTextLayer(pages, fileName);
  const layout = new Layout();
  for (const block of layoutPages(pages)) {
    if (block.kind === 'paragraph') layout.paragraph(block.text);
    else layout.table(block.rows);
  }
  const text = layout.text;
  assertPlausible(text, fileName);
  return {
    format: 'pdf',
    text,
    tables: layout.tables,
    meta: /[\u4e00-\u9fff]{2}/.test(title) ? { title } : {},
  };
}

/** The positioned text and ruling lines of every page, and the document title; no layout yet. */
export async function readPdf(
  bytes: Uint8Array,
  fileName: string,
  timeLimitMs = TIME_LIMIT_MS,
): Promise<{ pages: PageContent[]; title: string }> {
  const lib = await pdfjs();
  // pdf.js works in small asynchronous steps: a file that keeps it busy is abandoned between them
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ExtractError(
            'too-large',
            `${fileName}：PDF 读取超过 ${timeLimitMs / 1000} 秒仍未完成，文件过于复杂或已损坏`,
          ),
        ),
      timeLimitMs,
    );
  });
  expired.catch(() => {});
  const timed = <T>(p: Promise<T>) => Promise.race([p, expired]);
  const task = lib.getDocument({
    // pdf.js takes ownership of the buffer it is given
    data: new Uint8Array(bytes),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
    // images are never decoded: only text and lines matter here
    maxImageSize: 1,
    stopAtErrors: false,
    enableXfa: false,
  });
  try {
    let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
    try {
      doc = await timed(task.promise);
    } catch (e) {
      if (e instanceof ExtractError) throw e;
      const name = (e as { name?: string }).name;
      if (name === 'PasswordException')
        throw new ExtractError('encrypted', `${fileName}：PDF 已加密，需要密码才能打开`);
      throw new ExtractError('corrupt', `${fileName}：PDF 文件已损坏或不完整，无法打开`);
    }
    if (doc.numPages > MAX_PAGES) {
      throw new ExtractError(
        'too-large',
        `${fileName}：PDF 有 ${doc.numPages} 页，超过 ${MAX_PAGES} 页的上限，不像是一份年度报告`,
      );
    }
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page: PdfPage;
      try {
        page = await timed(doc.getPage(n));
      } catch (e) {
        if (e instanceof ExtractError) throw e;
        throw new ExtractError('corrupt', `${fileName}：PDF 第 ${n} 页已损坏，无法读取`);
      }
      pages.push(await timed(readPage(lib, page)));
      page.cleanup();
    }
    const info = (await timed(doc.getMetadata()).catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    return { pages, title };
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}

/** No text at all is a scan; text from fonts without a character map is a handful of characters repeated. */
export function checkTextLayer(pages: PageContent[], fileName: string): void {
  const text = pages.flatMap((p) => p.boxes.map((b) => b.str)).join('');
  const visible = text.replace(/\s/g, '');
  if (visible.length < Math.max(20, pages.length * 5)) {
    throw new ExtractError('ocr-needed', `${fileName}：PDF 没有文字层（可能是扫描件），需要先做 OCR 识别`);
  }
  const cjk = [...visible].filter((c) => /[\u3400-\u9fff]/.test(c));
  const privateUse = [...visible].filter((c) => /[\ue000-\uf8ff]/.test(c)).length;
  if ((cjk.length >= 200 && new Set(cjk).size < 40) || privateUse > visible.length * 0.3) {
    throw new ExtractError(
      'ocr-needed',
      `${fileName}：PDF 的文字层无法解码（字体缺少字符映射，读出的是乱码），需要先做 OCR 识别`,
    );
  }
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

async function readPage(lib: PdfJs, page: PdfPage): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as Matrix;
  const content = await page.getTextContent();
  const boxes: TextBox[] = [];
  for (const item of content.items.slice(0, MAX_ITEMS)) {
    if (!('str' in item) || !item.str.trim()) continue;
    const tm = item.transform as Matrix;
    const size = Math.hypot(tm[2], tm[3]);
    const len = Math.hypot(tm[0], tm[1]) || 1;
    const dir: [number, number] = [tm[0] / len, tm[1] / len];
    const up: [number, number] = [tm[2] / (size || 1), tm[3] / (size || 1)];
    const corners: [number, number][] = [];
    for (const along of [0, item.width])
      for (const h of [-0.15 * size, 0.85 * size])
        corners.push(apply(view, tm[4] + dir[0] * along + up[0] * h, tm[5] + dir[1] * along + up[1] * h));
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    boxes.push({
      str: item.str,
      x0: Math.min(...xs),
      x1: Math.max(...xs),
      top: Math.min(...ys),
      bottom: Math.max(...ys),
      size: size * viewport.scale,
    });
  }
  // ruling lines are only worth looking for on pages with text
  const rules = boxes.length ? await readRules(lib, page, view) : [];
  return { width: viewport.width, height: viewport.height, boxes, rules };
}

/** Straight horizontal and vertical strokes and thin filled rectangles, in display coordinates. */
async function readRules(lib: PdfJs, page: PdfPage, view: Matrix): Promise<Rule[]> {
  const OPS = lib.OPS;
  let ops: Awaited<ReturnType<PdfPage['getOperatorList']>>;
  try {
    ops = await page.getOperatorList();
  } catch {
    return [];
  }
  const rules: Rule[] = [];
  const n = Math.min(ops.fnArray.length, MAX_OPS);
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let strokeVisible = true;
  let fillVisible = true;
  const visible = (color: unknown) =>
    typeof color !== 'string' || !/^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/i.test(color);
  const add = (a: [number, number], b: [number, number]) => {
    const [x0, y0] = apply(view, ...apply(ctm, ...a));
    const [x1, y1] = apply(view, ...apply(ctm, ...b));
    const rule = { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
    const w = rule.x1 - rule.x0;
    const h = rule.y1 - rule.y0;
    if ((w <= 2.5 && h >= 2) || (h <= 2.5 && w >= 2)) rules.push(rule);
  };
  for (let i = 0; i < n; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))
          ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.setStrokeRGBColor:
        strokeVisible = visible(args[0]);
        break;
      case OPS.setFillRGBColor:
        fillVisible = visible(args[0]);
        break;
      case OPS.setStrokeTransparent:
        strokeVisible = false;
        break;
      case OPS.setFillTransparent:
        fillVisible = false;
        break;
      case OPS.constructPath: {
        const paint = args[0] as number;
        const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
        if (!data) break;
        const stroke =
          [
            OPS.stroke,
            OPS.closeStroke,
            OPS.fillStroke,
            OPS.eoFillStroke,
            OPS.closeFillStroke,
            OPS.closeEOFillStroke,
          ].includes(paint) && strokeVisible;
        const fill =
          [
            OPS.fill,
            OPS.eoFill,
            OPS.fillStroke,
            OPS.eoFillStroke,
            OPS.closeFillStroke,
            OPS.closeEOFillStroke,
          ].includes(paint) && fillVisible;
        if (!stroke && !fill) break;
        for (const sub of subpaths(data)) {
          if (stroke) for (let k = 1; k < sub.length; k++) add(sub[k - 1]!, sub[k]!);
          // a thin filled rectangle is a border as Word draws it
          if (fill && sub.length >= 4) {
            const xs = sub.map((p) => p[0]);
            const ys = sub.map((p) => p[1]);
            const box = {
              x0: Math.min(...xs),
              y0: Math.min(...ys),
              x1: Math.max(...xs),
              y1: Math.max(...ys),
            };
            const [a, b] = [apply(ctm, box.x0, box.y0), apply(ctm, box.x1, box.y1)];
            const [w, h] = [Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])];
            if (Math.min(w, h) <= 2.5 && Math.max(w, h) >= 2) {
              const mid = w < h ? (box.x0 + box.x1) / 2 : (box.y0 + box.y1) / 2;
              if (w < h) add([mid, box.y0], [mid, box.y1]);
              else add([box.x0, mid], [box.x1, mid]);
            }
          }
        }
        break;
      }
    }
  }
  return rules;
}

/** The polylines of a pdf.js path (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function subpaths(data: ArrayLike<number>): [number, number][][] {
  const out: [number, number][][] = [];
  let cur: [number, number][] = [];
  for (let k = 0; k < data.length;) {
    const op = data[k++];
    if (op === 0) {
      if (cur.length) out.push(cur);
      cur = [[data[k]!, data[k + 1]!]];
      k += 2;
    } else if (op === 1) {
      cur.push([data[k]!, data[k + 1]!]);
      k += 2;
    } else if (op === 2 || op === 3) {
      // a curve is no border: the polyline stops there
      k += op === 2 ? 6 : 4;
      const end: [number, number] = [data[k - 2]!, data[k - 1]!];
      if (cur.length) out.push(cur);
      cur = [end];
    } else if (op === 4) {
      if (cur.length > 1) cur.push(cur[0]!);
      out.push(cur);
      cur = cur.length ? [cur[0]!] : [];
    } else break;
  }
  if (cur.length > 1) out.push(cur);
  return out;
}
