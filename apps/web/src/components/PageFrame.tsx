/**
 * A page of the original with the selected cells boxed where they were read: the frame both the PDF
 * view (pdf.js) and the photographed-page view (an image) draw their page in — the page bar, the
 * scrolling panel, the boxes at the page's scale, the first box brought into view.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { ExpandOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';

export interface PdfBox {
  /** The cell key, for tests and the tooltip. */
  cell: string;
  label: string;
  box: [number, number, number, number];
  /** A reviewer corrected the cell. */
  corrected?: boolean;
}

const PAD = 3;

/** What a view of one page of the original takes (a PDF's page, a photographed page). */
export interface PageViewProps {
  /** The page shown (1 = first). */
  page: number;
  /** Boxes to draw on this page, in PDF points from the top-left of the page as displayed. */
  boxes: PdfBox[];
  onPage: (page: number) => void;
  /** Changes whenever the selection changes, to scroll the first box into view. */
  scrollKey?: string | null;
  /** Shows the page larger (a dialog), when offered. */
  onEnlarge?: () => void;
  onBox?: (cell: string) => void;
}

export function PageFrame({
  pages,
  shown,
  onPage,
  onEnlarge,
  error,
  scaleAt,
  boxes,
  scrollKey,
  onBox,
  children,
}: {
  /** Pages of the original (0 while it opens). */
  pages: number;
  /** The page shown (1 = first). */
  shown: number;
  onPage: (page: number) => void;
  /** Shows the page larger (a dialog), when offered. */
  onEnlarge?: () => void;
  error: string | null;
  /** Pixels per point of the page as drawn `width` pixels across; null until it is drawn. */
  scaleAt: (width: number) => number | null;
  /** Boxes to draw on this page, in points from the top-left of the page as displayed. */
  boxes: PdfBox[];
  /** Changes whenever the selection changes, to scroll the first box into view. */
  scrollKey?: string | null;
  /** A box clicked (the reviewer's way to correct the cell there). */
  onBox?: (cell: string) => void;
  /** The page drawn to the panel's width (in pixels, less its border). */
  children: (width: number) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const drawn = width ? width - 2 : 0;
  const scale = drawn ? scaleAt(drawn) : null;

  // the page is drawn to the panel's width, again when the panel is resized
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);

  // bring the first box into the panel's view (the panel scrolls, never the page)
  useEffect(() => {
    const el = scroller.current;
    const first = el?.querySelector<HTMLElement>('[data-testid="pdf-box"]');
    if (!el || !first) return;
    const top = first.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
    el.scrollTo({ top: Math.max(0, top - el.clientHeight / 3), behavior: 'smooth' });
  }, [scrollKey, scale, shown]);

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
            data-rendered={scale !== null ? 'true' : undefined}
            data-scale={scale ?? undefined}
            style={{ position: 'relative', width: 'fit-content', margin: '0 auto', background: '#fff' }}
          >
            {drawn ? children(drawn) : null}
            {scale === null ? (
              <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', minHeight: 200 }}>
                <Spin />
              </div>
            ) : (
              boxes.map((b) => (
                <div
                  key={b.cell}
                  data-testid="pdf-box"
                  data-cell={b.cell}
                  title={onBox ? `${b.label}（点击更正数值）` : b.label}
                  className={b.corrected ? 'pdf-box pdf-box-corrected' : 'pdf-box'}
                  onClick={onBox ? () => onBox(b.cell) : undefined}
                  style={{
                    left: b.box[0] * scale - PAD + 1,
                    top: b.box[1] * scale - PAD + 1,
                    width: (b.box[2] - b.box[0]) * scale + 2 * PAD,
                    height: (b.box[3] - b.box[1]) * scale + 2 * PAD,
                    cursor: onBox ? 'pointer' : undefined,
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
