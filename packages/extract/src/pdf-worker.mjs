/**
 * pdf.js, run in a worker thread by pdf.ts: whatever a damaged or crafted PDF makes it do (a rejection
 * nobody handles, a loop, a heap that keeps growing), it happens here, where the host can end it.
 * Plain JavaScript, so that it loads the same under tsx, vitest and node. It only reads: per page, the
 * viewport, the text items and the drawing operations pdf.ts asks for; their layout is pdf.ts's.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import './pdfjs-node20.mjs';


// The legacy build bundles core-js, which on Node 20 replaces built-ins this thread has with slower
// copies: Array#push (3× slower, and pdf.js pushes a lot), JSON.parse and JSON.stringify,
// structuredClone and Function#toString. They are put back; what it adds where Node 20 lacks it
// (Iterator helpers, Set methods) stays. The worker's code, run in this thread too (pdf.js finds it
// on globalThis.pdfjsWorker), bundles core-js as well.
const kept = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
  [globalThis, 'structuredClone'],
];
const natives = kept.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k));
// On Node, pdf.js's display layer loads @napi-rs/canvas (a native module, half a second of the first
// file's time) only to polyfill DOMMatrix and Path2D for drawing pages, which is never done here: this
// thread hands it an empty module, and gives pdf.js stand-ins so that it does not warn of them.
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === '@napi-rs/canvas' ? {} : load.call(this, request, ...rest);
};
globalThis.DOMMatrix ??= class DOMMatrix {};
globalThis.Path2D ??= class Path2D {};
// With `disableFontFace`, pdf.js turns every glyph it shows into a drawing path while listing a page's
// operations (and copies the paths across): work for a canvas. Fonts are instead "loaded" into a
// stand-in document whose FontFace does nothing, so the operator list is only the operations.
globalThis.FontFace ??= class FontFace {
  constructor(family) {
    this.family = family;
    this.loaded = Promise.resolve(this);
  }
};
const ownerDocument = { fonts: { add() {}, delete() {} } };
// pdf.js's text-only mode (patches/pdfjs-dist@*.patch, on in this thread only): the text of a font
// with a ToUnicode map comes from that map and the PDF's widths, so its TrueType program is neither
// inflated nor converted to OpenType; of a Type3 font's glyph procedures only the d1 bounds are read
// (inflated here, natively); the drawing operations leave out the text. Half the CPU of a report
// printed by Chromium (a WenQuanYi font program and some thirty Type3 fonts), the same text and rules.
// With `drawing` set, the text pass also records the drawing operations the rules are read from, as
// the operator list would give them, so that a page's content is parsed once, not twice.
const zlib = createRequire(import.meta.url)('node:zlib');
const inflateRaw = (bytes) => zlib.inflateRawSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
globalThis.pdfjsTextOnly = {
  // pdf.js reads the first 256 bytes of a glyph procedure (its d1 bounds): the first 256 bytes of
  // the deflated procedure give them, unless they inflate to less (then all of it is inflated)
  inflateRaw(bytes) {
    let out = inflateRaw(bytes.subarray(0, 256));
    if (out.length < 256 && bytes.length > 256) out = inflateRaw(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
};
// the display layer minified (a fifth less to read and compile when the thread starts); the core
// as patched, which is the plain build
const lib = await import('pdfjs-dist/legacy/build/pdf.min.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
kept.forEach(([o, k], i) => Object.defineProperty(o, k, natives[i]));
Module._load = load;
// pdf.js's two sides talk through a LoopbackPort in this thread, which deep-copies every message
// (structuredClone) as if it crossed threads: for the text of a page, every item and its matrix.
// A chunk of text is handed over as it is (its message and chunk objects copied, as pdf.js assigns
// the next chunk's items and styles to the same object; the items themselves are never changed).
const clone = globalThis.structuredClone;
globalThis.structuredClone = (value, options) =>
  Array.isArray(value?.chunk?.items) && !options ? { ...value, chunk: { ...value.chunk } } : clone(value, options);

// pdf.js leaves rejections unhandled in some damaged files (a page tree prefetch whose other
// fetches fail after the first); each file's outcome is what it posts, so they are dropped here
// rather than ending the thread
process.on('unhandledRejection', () => {});

/** The CMaps shipped with pdfjs-dist (read from disk, never fetched): Chinese PDFs often need them. */
const pkg = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAPS = join(pkg, 'cmaps') + '/';
const FONTS = join(pkg, 'standard_fonts') + '/';

const errorOf = (e) => ({ name: e?.name ?? 'Error', message: String(e?.message ?? e) });

/**
 * One file: { data: Uint8Array, maxPages, maxItems, maxOps, ops: names of the drawing operations
 * wanted } → { pages, title, OPS } or { failure: 'encrypted' | 'open' | 'pages' | 'page' | 'error' }.
 */
async function read({ data, maxPages, maxItems, maxOps, ops }) {
  const wanted = new Set(ops.map((name) => lib.OPS[name]));
  const task = lib.getDocument({
    data,
    verbosity: 0,
    disableFontFace: false,
    ownerDocument,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: FONTS,
    // images are never decoded: only text and lines matter here
    maxImageSize: 1,
    stopAtErrors: false,
    enableXfa: false,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      return { failure: e?.name === 'PasswordException' ? 'encrypted' : 'open', error: errorOf(e) };
    }
    if (doc.numPages > maxPages) return { failure: 'pages', numPages: doc.numPages };
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch (e) {
        return { failure: 'page', page: n, error: errorOf(e) };
      }
      const viewport = page.getViewport({ scale: 1 });
      // the drawing operations are recorded in the text pass (text-only mode), as getOperatorList
      // would list them: the page's content is parsed once
      const drawing = { fnArray: [], argsArray: [] };
      globalThis.pdfjsTextOnly.drawing = drawing;
      const content = await page.getTextContent().finally(() => {
        globalThis.pdfjsTextOnly.drawing = undefined;
      });
      const items = content.items
        .slice(0, maxItems)
        .filter((item) => 'str' in item && item.str.trim())
        .map(({ str, transform, width }) => ({ str, transform, width }));
      // ruling lines are only worth looking for on pages with text
      const fnArray = [];
      const argsArray = [];
      const count = items.length ? Math.min(drawing.fnArray.length, maxOps) : 0;
      for (let i = 0; i < count; i++) {
        if (!wanted.has(drawing.fnArray[i])) continue;
        fnArray.push(drawing.fnArray[i]);
        argsArray.push(drawing.argsArray[i]);
      }
      pages.push({
        width: viewport.width,
        height: viewport.height,
        transform: viewport.transform,
        items,
        fnArray,
        argsArray,
      });
      page.cleanup();
    }
    const info = (await doc.getMetadata().catch(() => null))?.info;
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    return { pages, title, OPS: lib.OPS };
  } catch (e) {
    return { failure: 'error', error: errorOf(e) };
  } finally {
    await task.destroy().catch(() => {});
  }
}

parentPort.on('message', async (request) => {
  const result = await read(request);
  try {
    parentPort.postMessage(result);
  } catch (e) {
    parentPort.postMessage({ failure: 'error', error: errorOf(e) });
  }
});
