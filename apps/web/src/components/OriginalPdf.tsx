/**
 * A page of the original PDF, drawn by pdf.js in the browser, with the selected cells boxed where the
 * extractor found them on the page. Loaded on demand (React.lazy): pdf.js and its worker are fetched
 * only when a PDF report's original is shown, never with the first page.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { ExpandOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { errorFrom } from '../api/client';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Where vite.config.ts copies pdf.js's character maps and standard fonts (Chinese PDFs often need the maps). */
const ASSETS = '/pdfjs/';

export interface PdfBox {
  /** The cell key, for tests and the tooltip. */
  cell: string;
  label: string;
  box: [number, number, number, number];
}

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

const PAD = 3;

export default function OriginalPdf({
  url,
  page,
  boxes,
  onPage,
  scrollKey,
  onEnlarge,
}: {
  url: string;
  /** The page shown (1 = first). */
  page: number;
  /** Boxes to draw on this page, in PDF points from the top-left of the page as displayed. */
  boxes: PdfBox[];
  onPage: (page: number) => void;
  /** Changes whenever the selection changes, to scroll the first box into view. */
  scrollKey?: string | null;
  /** Shows the page larger (a dialog), when offered. */
  onEnlarge?: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState(0);
  const [drawn, setDrawn] = useState<{ page: number; scale: number; height: number } | null>(null);

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

  // the page is drawn to the panel's width, again when the panel is resized
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);

  const pages = doc?.numPages ?? 0;
  const shown = Math.min(Math.max(1, page), Math.max(1, pages));

  useEffect(() => {
    if (!doc || !width || !canvas.current) return;
    let task: RenderTask | null = null;
    let live = true;
    void (async () => {
      try {
        const p = await doc.getPage(shown);
        if (!live || !canvas.current) return;
        const scale = (width - 2) / p.getViewport({ scale: 1 }).width;
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
        if (live) setDrawn({ page: shown, scale, height: viewport.height });
      } catch (e) {
        if (live && (e as Error)?.name !== 'RenderingCancelledException') setError('原件第 ' + shown + ' 页无法显示');
      }
    })();
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, shown, width]);

  // bring the first box into the panel's view (the panel scrolls, never the page)
  useEffect(() => {
    const el = scroller.current;
    const first = el?.querySelector<HTMLElement>('[data-testid="pdf-box"]');
    if (!el || !first) return;
    const top = first.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    el.scrollTo({ top: Math.max(0, top - el.clientHeight / 3), behavior: 'smooth' });
  }, [scrollKey, drawn]);

  const ready = drawn?.page === shown;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Space
        style={{ padding: '6px 12px', borderBottom: '1px solid #f0f0f0', justifyContent: 'space-between' }}
      >
        <Typography.Text type="secondary" data-testid="pdf-page-label">
          {pages ? `第 ${shown} 页，共 ${pages} 页` : '正在打开原件…'}
        </Typography.Text>
        <Space size={4}>
          {onEnlarge ? (
            <Button size="small" icon={<ExpandOutlined />} onClick={onEnlarge} data-testid="pdf-enlarge">
              放大
            </Button>
          ) : null}
          <Button
            size="small"
            icon={<LeftOutlined />}
            disabled={!pages || shown <= 1}
            onClick={() => onPage(shown - 1)}
            aria-label="上一页"
          />
          <Button
            size="small"
            icon={<RightOutlined />}
            disabled={!pages || shown >= pages}
            onClick={() => onPage(shown + 1)}
            aria-label="下一页"
          />
        </Space>
      </Space>
      <div ref={scroller} style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#f5f5f5' }}>
        {error ? (
          <Alert type="error" showIcon style={{ margin: 12 }} title={error} />
        ) : (
          <div
            data-testid="pdf-page"
            data-page={shown}
            data-rendered={ready ? 'true' : undefined}
            data-scale={ready ? drawn.scale : undefined}
            style={{ position: 'relative', width: 'fit-content', margin: '0 auto', background: '#fff' }}
          >
            <canvas ref={canvas} style={{ display: 'block', border: '1px solid #e8e8e8' }} />
            {!ready ? (
              <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', minHeight: 200 }}>
                <Spin />
              </div>
            ) : (
              boxes.map((b) => (
                <div
                  key={b.cell}
                  data-testid="pdf-box"
                  data-cell={b.cell}
                  title={b.label}
                  className="pdf-box"
                  style={{
                    left: b.box[0] * drawn.scale - PAD + 1,
                    top: b.box[1] * drawn.scale - PAD + 1,
                    width: (b.box[2] - b.box[0]) * drawn.scale + 2 * PAD,
                    height: (b.box[3] - b.box[1]) * drawn.scale + 2 * PAD,
                  }}
                />
              ))
            )}
          </div>
        )}
      </div>
    </div>
  );
}
