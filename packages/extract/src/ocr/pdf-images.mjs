/**
 * pdf.js in a worker thread (as pdf-worker.mjs, for the same reasons: a crafted file can hang or
 * exhaust only this thread): the page images of a scanned PDF, decoded to pixels. Per page, the
 * largest image drawn on it (the scan), its pixels and the page's width in points.
 */
import { parentPort } from 'node:worker_threads';
import '../pdfjs-node20.mjs';

const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
process.on('unhandledRejection', () => {});

const getObj = (objs, name) => new Promise((resolve) => objs.get(name, resolve));

parentPort.on('message', async ({ data, pages: wanted, maxPages }) => {
  try {
    const task = lib.getDocument({ data, isOffscreenCanvasSupported: false, isImageDecoderSupported: false, verbosity: 0 });
    const doc = await task.promise;
    if (doc.numPages > maxPages) return parentPort.postMessage({ failure: 'pages', numPages: doc.numPages });
    const out = [];
    const transfer = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (wanted && !wanted.includes(n)) continue;
      const page = await doc.getPage(n);
      const [x0, , x1] = page.view;
      const ops = await page.getOperatorList();
      let best = null;
      for (let i = 0; i < ops.fnArray.length; i++) {
        if (ops.fnArray[i] !== lib.OPS.paintImageXObject) continue;
        const name = ops.argsArray[i][0];
        const img = name.startsWith('g_') ? await getObj(page.commonObjs, name) : await getObj(page.objs, name);
        if (img?.data && (!best || img.width * img.height > best.width * best.height)) best = img;
      }
      const widthPt = Math.abs(x1 - x0) * (page.rotate % 180 ? 1 : 1);
      if (!best) out.push({ page: n, widthPt, image: null });
      else {
        const channels = best.kind === 1 ? 0 : best.kind === 2 ? 3 : 4;
        let pixels = best.data;
        let ch = channels;
        if (best.kind === 1) {
          // 1 bit per pixel, rows padded to bytes: widened to one byte per pixel
          const rowBytes = (best.width + 7) >> 3;
          pixels = new Uint8Array(best.width * best.height);
          for (let y = 0; y < best.height; y++)
            for (let x = 0; x < best.width; x++)
              pixels[y * best.width + x] = best.data[y * rowBytes + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
          ch = 1;
        }
        const copy = new Uint8Array(pixels);
        transfer.push(copy.buffer);
        out.push({ page: n, widthPt, image: { data: copy, width: best.width, height: best.height, channels: ch } });
      }
      page.cleanup();
    }
    await task.destroy();
    parentPort.postMessage({ pages: out }, transfer);
  } catch (e) {
    parentPort.postMessage({ failure: 'error', error: { name: e?.name ?? 'Error', message: String(e?.message ?? e) } });
  }
});
