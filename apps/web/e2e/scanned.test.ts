/**
 * A scanned report (issue 19): an image-only PDF imported, read by OCR, and its report page as a
 * reviewer sees it — the 扫描件·文字识别 tag saying the figures were recognised from images, and
 * the scan drawn with the selected cell boxed where the scan shows that cell. The fixture is the
 * generated report printed, stamped, rasterised at 150 dpi and turned 0.6°
 * (packages/extract/scripts/make-scanned.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDetail } from '@nianbao/contract';
import { capture } from './screenshots';
import { ROOT, upload } from './server';
import { boxPixels, browserSuite, poll, skip } from './suite';

const SCANNED_PDF = join(ROOT, 'packages/extract/fixtures/scanned/generated.pdf');
const CELL = 't3.newReceived.total';

describe.skipIf(!!skip)('a scanned report (browser, OCR)', () => {
  const s = browserSuite({ seeds: false });

  it('imports a scanned PDF; its report page says it was read by OCR and boxes the cell on the scan', async () => {
    const [result] = (await upload(s.url, [SCANNED_PDF])) as { file: string; status: string; reportId?: number }[];
    expect(result).toMatchObject({ file: 'generated.pdf', status: 'ingested' });
    const id = result!.reportId!;
    const report = (await (await fetch(`${s.url}/api/reports/${id}`)).json()) as ReportDetail;
    expect(report.ocr).toBe(true);
    expect(report.cells[CELL]!.raw).toBe('180');
    const position = report.cells[CELL]!.position!;
    expect(position.page).toBe(2);

    const page = await s.page();
    await page.goto(`${s.url}/reports/${id}?cell=${CELL}`);
    // the tag, and in its tooltip what it means, in plain words
    const tag = page.getByTestId('ocr-tag');
    await poll(() => tag.innerText()).toBe('扫描件·文字识别');
    await tag.hover();
    await poll(() => page.getByRole('tooltip').innerText()).toBe(
      '这份报告是扫描件或照片，文字和数字是从页面图片中识别出来的；识别没有把握的数字已单独列出，请对照原件核对。',
    );

    // the scan's page 2 drawn, the cell boxed on it
    const pdfPage = page.locator('[data-testid="pdf-page"][data-rendered="true"]');
    await poll(() => pdfPage.getAttribute('data-page'), 'the scan page drawn', 45_000).toBe('2');
    expect(await page.getByTestId('pdf-page-label').innerText()).toBe('第 2 页，共 4 页');
    const box = page.locator('[data-testid="pdf-box"]');
    expect(await box.count()).toBe(1);
    expect(await box.getAttribute('data-cell')).toBe(CELL);
    // the box lies on the scan's own cell: its four borders are the ruling of the scanned table (dark
    // pixels of the canvas), the paper beside the figure light
    const pixels = await boxPixels(page, position.box);
    // (the scan's rules are 1–3 px at 150 dpi, drawn at some 0.4 of that: the thinnest come out grey)
    expect(pixels.paper).toBeGreaterThan(240);
    for (const edge of pixels.edges) expect(edge).toBeLessThan(pixels.paper - 30);

    // at both widths, for a person to look at (apps/web/screenshots/scanned-*-report-scan*.png)
    const { files, problems } = await capture(s.browser, s.url, 'scanned', [
      {
        name: 'report-scan',
        path: `/reports/${id}?cell=${CELL}`,
        full: false,
        after: async (p) => {
          await p.locator('[data-testid="pdf-box"]').waitFor({ timeout: 45_000 });
          await p.getByTestId('ocr-tag').waitFor();
          // the page scrolled to the panel with the original, as a reviewer would
          await p.getByTestId('pdf-page').scrollIntoViewIfNeeded();
          await p.waitForTimeout(800);
        },
      },
      // the whole page: the tag by the title, the scan in its panel
      {
        name: 'report-scan-page',
        path: `/reports/${id}?cell=${CELL}`,
        after: async (p) => {
          await p.locator('[data-testid="pdf-box"]').waitFor({ timeout: 45_000 });
          await p.getByTestId('ocr-tag').waitFor();
          await p.waitForTimeout(800);
        },
      },
    ]);
    expect(files.map((f) => f.split('/').pop())).toEqual([
      'scanned-1440-report-scan.png',
      'scanned-1440-report-scan-page.png',
      'scanned-1024-report-scan.png',
      'scanned-1024-report-scan-page.png',
    ]);
    expect(problems).toEqual([]);
  });
});
