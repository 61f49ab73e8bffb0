/**
 * A reviewer corrects a cell of a scanned report (issue 19 item 4), in single-user local mode: OCR
 * read the 尚未审结 of the scan's 表四 行政诉讼（复议后起诉） row as 「↑」 (a 1), so the row is in doubt
 * (读取待核对) and nothing is raised against the agency for it; the reviewer selects the cell, sees it
 * boxed on the scan, corrects it in the dialog with a reason, and the findings change at once (the
 * doubt is lifted, the row's identity holds). A photographed page (.png) shows the image with its
 * cells boxed, in the same frame as a PDF's page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestResponse, ReportDetail } from '@nianbao/contract';
import { capture } from './screenshots';
import { ROOT, upload } from './server';
import { browserSuite, poll, skip } from './suite';

const SCANNED_PDF = join(ROOT, 'packages/extract/fixtures/scanned/generated.pdf');
const PAGE_PNG = join(ROOT, 'packages/extract/fixtures/scanned/generated-p2.png');
const CELL = 't4.litigationAfterReview.pending';
const T4_DOUBT = '表四“行政诉讼（复议后起诉）”行的数字读取不确定，请人工核对原文';
const T3_DOUBT = '表三“（三）1.属于国家秘密”、“（四）3.补正后申请内容仍不明确”、“（七）总计”等行的数字读取不确定，请人工核对原文';

describe.skipIf(!!skip)('correcting a cell of a scanned report (browser, OCR)', () => {
  const s = browserSuite({ seeds: false });

  it('a reviewer corrects the 「↑」 OCR read in 表四 in the dialog; the doubt is lifted', async () => {
    const [result] = (await upload(s.url, [SCANNED_PDF])) as { status: string; reportId?: number }[];
    expect(result).toMatchObject({ status: 'ingested' });
    const id = result!.reportId!;

    const page = await s.page();
    await page.goto(`${s.url}/reports/${id}?cell=${CELL}`);
    const findings = page.getByTestId('findings');
    await poll(() => findings.innerText()).toContain(T4_DOUBT);
    // the selected cell: its name, its figure, that its row awaits checking; boxed on the scan
    const bar = page.getByTestId('selected-cell');
    await poll(() => bar.innerText()).toContain('表四“行政诉讼（复议后起诉）” · 尚未审结');
    expect(await page.getByTestId('selected-cell-value').innerText()).toBe('↑');
    expect(await bar.innerText()).toContain('读取待核对');
    await page.locator('[data-testid="pdf-box"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="pdf-box"]').getAttribute('data-cell')).toBe(CELL);

    // the dialog: the submit waits for a reason
    await page.getByTestId('cell-correct').click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.innerText()).toContain('从原件读取为「↑」');
    expect(await dialog.innerText()).toContain('这一行的数字读取不确定');
    await page.getByTestId('correction-value').fill('1');
    expect(await page.getByTestId('correction-submit').isDisabled()).toBe(true);
    await page.getByTestId('correction-reason').fill('对照扫描件核对，原件为1');
    await page.getByTestId('correction-submit').click();

    // the finding changes at once: the doubt is gone, 12 = 11 + 0 + 0 + 1 holds
    await poll(() => findings.innerText()).not.toContain(T4_DOUBT);
    await poll(() => page.getByTestId('selected-cell-original').innerText()).toContain('原读数「↑」，对照扫描件核对，原件为1');
    expect(await page.getByTestId('selected-cell-value').innerText()).toBe('1');
    const cell = page.locator(`td[data-cell="${CELL}"]`);
    expect(await cell.getAttribute('data-corrected')).toBe('true');
    expect(await cell.innerText()).toBe('1改');
    const report = (await (await fetch(`${s.url}/api/reports/${id}`)).json()) as ReportDetail;
    // what is left: the doubt about table 三's rows; nothing raised against the agency
    expect([report.score!.total, report.findings.map((f) => f.message)]).toEqual([100, [T3_DOUBT]]);
    expect(report.corrections[CELL]).toMatchObject({ original: { raw: '↑' }, value: 1, reason: '对照扫描件核对，原件为1', user: '本机（单用户模式）' });

    // at both widths, for a person to look at (apps/web/screenshots/correction-*.png)
    const ready = async (p: import('playwright-core').Page) => {
      await p.locator('[data-testid="pdf-box"]').waitFor({ timeout: 60_000 });
      await p.getByTestId('selected-cell').waitFor();
      await p.waitForTimeout(800);
    };
    const { files, problems } = await capture(s.browser, s.url, 'correction', [
      { name: 'corrected', path: `/reports/${id}?cell=${CELL}`, full: false, after: ready },
      {
        name: 'dialog',
        path: `/reports/${id}?cell=t4.litigationAfterReview.pending`,
        full: false,
        after: async (p) => {
          await ready(p);
          await p.getByTestId('cell-correct').click();
          await p.getByRole('dialog').waitFor();
          await p.getByTestId('correction-value').fill('1');
          await p.getByTestId('correction-reason').fill('原件为1，识别成了箭头');
          await p.waitForTimeout(400);
        },
      },
    ]);
    expect(files.map((f) => f.split('/').pop())).toEqual([
      'correction-1440-corrected.png',
      'correction-1440-dialog.png',
      'correction-1024-corrected.png',
      'correction-1024-dialog.png',
    ]);
    expect(problems).toEqual([]);

    // withdrawn: the reading counts again
    await page.getByTestId('cell-uncorrect').click();
    await poll(() => findings.innerText()).toContain(T4_DOUBT);
  }, 480_000);

  it("shows a photographed page (.png) with the selected cell boxed on it", async () => {
    const form = new FormData();
    form.append('agency', '南昌市人民政府');
    form.append('year', '2025');
    form.append('files', new Blob([readFileSync(PAGE_PNG)]), '第2页.png');
    const body = (await (await fetch(`${s.url}/api/reports`, { method: 'POST', body: form })).json()) as IngestResponse;
    expect(body.results[0]).toMatchObject({ status: 'ingested' });
    const id = body.results[0]!.reportId!;
    const cell = 't3.newReceived.total';

    const page = await s.page();
    await page.goto(`${s.url}/reports/${id}?cell=${cell}`);
    const pageView = page.locator('[data-testid="pdf-page"][data-rendered="true"]');
    await poll(() => pageView.getAttribute('data-page'), 'the page image drawn', 45_000).toBe('1');
    expect(await page.getByTestId('pdf-page-label').innerText()).toBe('第 1 页，共 1 页');
    expect(await page.getByTestId('source-view').innerText()).toContain('原件（图片）');
    const img = page.locator('[data-testid="pdf-page"] img');
    expect(await img.getAttribute('src')).toBe(`/api/reports/${id}/pages/1`);
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1254);
    const box = page.locator('[data-testid="pdf-box"]');
    expect(await box.getAttribute('data-cell')).toBe(cell);
    // the box lies over the figure's cell of the photograph: the cell's centre is on the page, right of its row label
    const [b, frame] = await Promise.all([box.boundingBox(), img.boundingBox()]);
    expect(b!.x + b!.width / 2).toBeGreaterThan(frame!.x + frame!.width * 0.7);
    expect(b!.y).toBeGreaterThan(frame!.y);

    const { files, problems } = await capture(s.browser, s.url, 'correction', [
      {
        name: 'photo',
        path: `/reports/${id}?cell=${cell}`,
        full: false,
        after: async (p) => {
          await p.locator('[data-testid="pdf-box"]').waitFor({ timeout: 45_000 });
          await p.getByTestId('pdf-page').scrollIntoViewIfNeeded();
          await p.waitForTimeout(800);
        },
      },
    ]);
    expect(files.map((f) => f.split('/').pop())).toEqual(['correction-1440-photo.png', 'correction-1024-photo.png']);
    expect(problems).toEqual([]);
  }, 300_000);
});
