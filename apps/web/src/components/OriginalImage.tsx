/**
 * A photographed or scanned page of the original (.png .jpg .tif), served by the API as PNG or JPEG,
 * with the selected cells boxed where OCR read them: the same frame as a PDF's page.
 */
import { useState } from 'react';
import { PageFrame, type PageViewProps } from './PageFrame';

/**
 * The points a photographed page is taken as across (A4, as OCR reads it): its cells' boxes are in
 * points of that page, so at a width of w pixels a point is w / A4_POINTS pixels.
 */
const A4_POINTS = 595.28;

export default function OriginalImage({
  reportId,
  pages,
  page,
  boxes,
  onPage,
  scrollKey,
  onEnlarge,
  onBox,
}: PageViewProps & {
  reportId: number;
  /** Pages of the original (a multi-page TIFF has several). */
  pages: number;
}) {
  const shown = Math.min(Math.max(1, page), pages);
  const [loaded, setLoaded] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <PageFrame
      pages={pages}
      shown={shown}
      onPage={onPage}
      onEnlarge={onEnlarge}
      error={error}
      scaleAt={(width) => (loaded === shown ? width / A4_POINTS : null)}
      boxes={boxes}
      scrollKey={scrollKey}
      onBox={onBox}
    >
      {(width) => (
        <img
          key={shown}
          src={`/api/reports/${reportId}/pages/${shown}`}
          alt={`原件第 ${shown} 页`}
          width={width}
          style={{ display: 'block', border: '1px solid #e8e8e8', height: 'auto' }}
          onLoad={() => setLoaded(shown)}
          onError={() => setError(`原件第 ${shown} 页无法显示`)}
        />
      )}
    </PageFrame>
  );
}
