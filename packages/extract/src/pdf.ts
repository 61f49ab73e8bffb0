import { Worker } from 'node:worker_threads';
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
/**
 * The heap pdf.js may use: a report needs well under 200 MB. V8 sizes its young generation and heap
 * growth by this limit: at 1 GB pdf.js ran some 1.5× slower than unlimited, at 2 GB as fast.
 */
const HEAP_LIMIT_MB = 2048;
/** The drawing operations readRules interprets; the worker sends only these. */
const DRAWING_OPS = [
  'save',
  'restore',
  'transform',
  'paintFormXObjectBegin',
  'paintFormXObjectEnd',
  'setStrokeRGBColor',
  'setFillRGBColor',
  'setStrokeTransparent',
  'setFillTransparent',
  'constructPath',
] as const;

type Matrix = [number, number, number, number, number, number];
/** pdf.js's operation codes (its OPS table), as the worker sends them. */
type Ops = Record<string, number>;

/** A page as pdf-worker.mjs reads it. */
interface RawPage {
  width: number;
  height: number;
  /** The viewport's transform: PDF space to display space. */
  transform: Matrix;
  items: { str: string; transform: Matrix; width: number }[];
  /** The wanted drawing operations, in order, with their arguments. */
  fnArray: number[];
  argsArray: unknown[];
}

type Reply =
  | { pages: RawPage[]; title: string; OPS: Ops; failure?: undefined }
  | { failure: 'encrypted' | 'open' | 'page' | 'error'; page?: number; error: { name: string; message: string } }
  | { failure: 'pages'; numPages: number };

/**
 * pdf.js runs in a worker thread (pdf-worker.mjs): what a damaged file makes it do, a rejection left
 * unhandled, a loop, a growing heap, cannot end or stall this process. One worker, started on first
 * use and reused file after file (files wait their turn); one that hangs or dies is replaced.
 */
let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  const w = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
  });
  // an idle worker neither keeps the process alive nor, if it fails, throws in it
  w.unref();
  w.on('error', () => {});
  w.on('exit', () => {
    if (worker === w) worker = undefined;
  });
  return w;
}

/** Starts the worker (and its import of pdf.js, ≈ 0.3 s) ahead of the first file, where PDFs are coming. */
export function startPdfWorker(): void {
  worker ??= startWorker();
}

function inWorker(data: Uint8Array, fileName: string, timeLimitMs: number): Promise<Reply> {
  const run = queue.then(
    () =>
      new Promise<Reply>((resolve, reject) => {
        const w = (worker ??= startWorker());
        const settle = () => {
          clearTimeout(timer);
          w.off('message', onMessage).off('error', onError).off('exit', onExit).unref();
        };
        const fail = (e: ExtractError) => {
          settle();
          if (worker === w) worker = undefined;
          void w.terminate();
          reject(e);
        };
        const onMessage = (reply: Reply) => {
          settle();
          resolve(reply);
        };
        const onError = (e: Error & { code?: string }) =>
          fail(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new ExtractError(
                  'too-large',
                  `${fileName}：PDF 读取所需内存超过 ${HEAP_LIMIT_MB} MB 的上限，文件过于复杂或已损坏`,
                  { cause: e },
                )
              : new ExtractError('corrupt', `${fileName}：PDF 文件已损坏，读取程序异常退出`, { cause: e }),
          );
        const onExit = (code: number) =>
          fail(new ExtractError('corrupt', `${fileName}：PDF 文件已损坏，读取程序异常退出（${code}）`));
        // pdf.js cannot be stopped from outside: a file that keeps it busy ends its worker
        const timer = setTimeout(
          () =>
            fail(
              new ExtractError(
                'too-large',
                `${fileName}：PDF 读取超过 ${timeLimitMs / 1000} 秒仍未完成，文件过于复杂或已损坏`,
              ),
            ),
          timeLimitMs,
        );
        w.ref();
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        w.postMessage({ data, maxPages: MAX_PAGES, maxItems: MAX_ITEMS, maxOps: MAX_OPS, ops: DRAWING_OPS }, [
          data.buffer,
        ]);
      }),
  );
  queue = run.catch(() => {});
  return run;
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
  // the worker is given a copy: pdf.js takes ownership of its buffer
  const reply = await inWorker(new Uint8Array(bytes), fileName, timeLimitMs);
  switch (reply.failure) {
    case undefined:
      return { pages: reply.pages.map((p) => readPage(p, reply.OPS)), title: reply.title };
    case 'encrypted':
      throw new ExtractError('encrypted', `${fileName}：PDF 已加密，需要密码才能打开`);
    case 'open':
      throw new ExtractError('corrupt', `${fileName}：PDF 文件已损坏或不完整，无法打开`);
    case 'pages':
      throw new ExtractError(
        'too-large',
        `${fileName}：PDF 有 ${reply.numPages} 页，超过 ${MAX_PAGES} 页的上限，不像是一份年度报告`,
      );
    case 'page':
      throw new ExtractError('corrupt', `${fileName}：PDF 第 ${reply.page} 页已损坏，无法读取`);
    case 'error':
      // pdf.js's own exception, as extract() reports any reader's
      throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
  }
}

/** No text at all is a scan; text from fonts without a character map is a handful of characters repeated. */
export function checkTextLayer(pages: PageContent[], fileName: string): void {
  const text = pages.flatMap((p) => p.boxes.map((b) => b.str)).join('');
  const visible = text.replace(/\s/g, '');
  if (visible.length < Math.max(20, pages.length * 5)) {
    throw new ExtractError('ocr-needed', `${fileName}：PDF 没有文字层（可能是扫描件），需要先做 OCR 识别`);
  }
  const cjk = visible.match(/[\u3400-\u9fff]/g) ?? [];
  const privateUse = visible.match(/[\ue000-\uf8ff]/g)?.length ?? 0;
  if ((cjk.length >= 200 && new Set(cjk).size < 40) || privateUse > visible.length * 0.3) {
    throw new ExtractError(
      'ocr-needed',
      `${fileName}：PDF 的文字层无法解码（字体缺少字符映射，读出的是乱码），需要先做 OCR 识别`,
    );
  }
}

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

/** A page's text boxes and ruling lines, in display coordinates (the viewport's, at scale 1). */
function readPage(page: RawPage, OPS: Ops): PageContent {
  const view = page.transform;
  const boxes: TextBox[] = [];
  for (const item of page.items) {
    const tm = item.transform;
    const size = Math.hypot(tm[2], tm[3]);
    const len = Math.hypot(tm[0], tm[1]) || 1;
    const dx = tm[0] / len;
    const dy = tm[1] / len;
    const ux = tm[2] / (size || 1);
    const uy = tm[3] / (size || 1);
    // the box's four corners (along the baseline, from below it to the top of the glyphs) on the
    // page, without an array for each (a report has thousands of boxes)
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (let k = 0; k < 4; k++) {
      const along = k < 2 ? 0 : item.width;
      const h = k % 2 ? 0.85 * size : -0.15 * size;
      const x = tm[4] + dx * along + ux * h;
      const y = tm[5] + dy * along + uy * h;
      const px = view[0] * x + view[2] * y + view[4];
      const py = view[1] * x + view[3] * y + view[5];
      x0 = Math.min(x0, px);
      x1 = Math.max(x1, px);
      top = Math.min(top, py);
      bottom = Math.max(bottom, py);
    }
    boxes.push({ str: item.str, x0, x1, top, bottom, size });
  }
  return { width: page.width, height: page.height, boxes, rules: readRules(page, OPS) };
}

/** Straight horizontal and vertical strokes and thin filled rectangles, in display coordinates. */
function readRules(page: RawPage, OPS: Ops): Rule[] {
  const view = page.transform;
  const ops = { fnArray: page.fnArray, argsArray: page.argsArray };
  const rules: Rule[] = [];
  const n = ops.fnArray.length;
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
  const both = [OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke];
  const strokes = [OPS.stroke, OPS.closeStroke, ...both];
  const fills = [OPS.fill, OPS.eoFill, ...both];
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
        const stroke = strokes.includes(paint) && strokeVisible;
        const fill = fills.includes(paint) && fillVisible;
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
