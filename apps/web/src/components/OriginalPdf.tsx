/**
 * A page of the original PDF, drawn by pdf.js in the browser, with the selected cells boxed where the
 * extractor found them on the page. Loaded on demand (React.lazy): pdf.js and its worker are fetched
 * only when a PDF report's original is shown, never with the first page.
 */
import { useEffect, useRef, useState } from 'react';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { errorFrom } from '../api/client';
import { PageFrame, type PageViewProps, type PdfBox } from './PageFrame';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where vite.config.ts copies pdf.js's character maps and standard fonts (Chinese PDFs often need the maps). */
const ASSETS = '/pdfjs/';

export type { PdfBox };

/** Documents already loaded, by URL: moving between pages or findings does not fetch the file again. */
const documents = new Map<string, Promise<PDFDocumentProxy>>();

function load(url: string): Promise<PDFDocumentProxy> {
  let doc = documents.get(url);
  if (!doc) {
    doc = (async () => {
      let res: Response;
      try {
        res = await fetch(url, { credentials: 'same-origin' });
      } catch {
        throw new Error('无法连接到审查平台服务，原件未能加载');
      }
      if (!res.ok) throw await errorFrom(res);
      const data = new Uint8Array(await res.arrayBuffer());
      return getDocument({
        data,
        cMapUrl: `${ASSETS}cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${ASSETS}standard_fonts/`,
        // the page's CSP allows no WebAssembly compilation: pdf.js's JavaScript decoders do
        useWasm: false,
      }).promise;
    })();
    documents.set(url, doc);
    doc.catch(() => documents.delete(url));
  }
  return doc;
}

export default function OriginalPdf({
  url,
  page,
  boxes,
  onPage,
  scrollKey,
  onEnlarge,
  onBox,
}: PageViewProps & { url: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawn, setDrawn] = useState<{ page: number; scale: number } | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    load(url).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : '原件无法打开：文件可能已损坏'),
    );
    return () => {
      live = false;
    };
  }, [url]);

  const pages = doc?.numPages ?? 0;
  const shown = Math.min(Math.max(1, page), Math.max(1, pages));
  return (
    <PageFrame
      pages={pages}
      shown={shown}
      onPage={onPage}
      onEnlarge={onEnlarge}
      error={error}
      scaleAt={() => (drawn?.page === shown ? drawn.scale : null)}
      boxes={boxes}
      scrollKey={scrollKey}
      onBox={onBox}
    >
      {(width) => <PdfCanvas doc={doc} page={shown} width={width} onDrawn={setDrawn} onError={setError} />}
    </PageFrame>
  );
}

/** One page drawn by pdf.js `width` pixels across (again when the width changes). */
function PdfCanvas({
  doc,
  page,
  width,
  onDrawn,
  onError,
}: {
  doc: PDFDocumentProxy | null;
  page: number;
  width: number;
  onDrawn: (d: { page: number; scale: number }) => void;
  onError: (message: string) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!doc || !width || !canvas.current) return;
    let task: RenderTask | null = null;
    let live = true;
    void (async () => {
      try {
        const p = await doc.getPage(page);
        if (!live || !canvas.current) return;
        const scale = width / p.getViewport({ scale: 1 }).width;
        const viewport = p.getViewport({ scale });
        const ratio = window.devicePixelRatio || 1;
        const c = canvas.current;
        c.width = Math.floor(viewport.width * ratio);
        c.height = Math.floor(viewport.height * ratio);
        c.style.width = `${Math.floor(viewport.width)}px`;
        c.style.height = `${Math.floor(viewport.height)}px`;
        task = p.render({
          canvas: c,
          viewport,
          transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
        });
        await task.promise;
        if (live) onDrawn({ page, scale });
      } catch (e) {
        if (live && (e as Error)?.name !== 'RenderingCancelledException') onError('原件第 ' + page + ' 页无法显示');
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, page, width]);
  return <canvas ref={canvas} style={{ display: 'block', border: '1px solid #e8e8e8' }} />;
}
