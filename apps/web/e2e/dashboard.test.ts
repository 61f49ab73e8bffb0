/**
 * The dashboard in a real browser against the real API server with the two seed reports, acting as a
 * reviewer would: the rankings for 2019, the flawed report of 南开 and its truncated table, the
 * export read back, every page at two widths.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { RankingsResponse, ReportDetail } from '@nianbao/contract';
import { join } from 'node:path';
import { capture, pagesOf, SHOTS_DIR } from './screenshots';
import { ROOT, SAMPLES, upload } from './server';
import { boxPixels, browserSuite, mainText, NANKAI, poll, rankingNames, skip, XINYU, XINYU_FILE } from './suite';
import { xlsxRows } from './zip';

/** 南开's report as a PDF (the seed printed by LibreOffice; packages/extract/fixtures/README.md). */
const NANKAI_PDF = join(ROOT, 'packages/extract/fixtures/000_91e0e63c20f568b3.pdf');

describe.skipIf(!!skip)('dashboard (browser, seeds loaded)', () => {
  const s = browserSuite({ seeds: true });

  it('ranks 新余市文广新旅局 above 南开区文化和旅游局 in 2019, with the filters in the URL', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019`);
    await poll(() => rankingNames(page)).toHaveLength(2);
    const names = await rankingNames(page);
    expect(names.indexOf(XINYU)).toBeGreaterThanOrEqual(0);
    expect(names.indexOf(XINYU)).toBeLessThan(names.indexOf(NANKAI));
    await poll(() => page.locator('h4').first().innerText()).toContain('2019年度');

    // a name filter narrows the table and lands in the URL, so the view can be shared
    await page.getByPlaceholder('机关名称（含曾用名）').fill('南开');
    await page.keyboard.press('Enter');
    await poll(() => rankingNames(page)).toEqual([NANKAI]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('南开');
  });

  it("opens 南开's report; the truncated-table finding highlights its span in the source and its cells in the tables", async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019`);
    await page.locator('.ant-table-row', { hasText: NANKAI }).getByRole('link', { name: '查看报告' }).click();
    await page.waitForURL(/\/reports\/\d+/);
    const id = Number(/\/reports\/(\d+)/.exec(page.url())![1]);
    const report = (await (await fetch(`${s.url}/api/reports/${id}`)).json()) as ReportDetail;
    const index = report.findings.findIndex((f) => f.rule === 'table.row-absent');
    const finding = report.findings[index]!;
    expect(finding.cells.length).toBeGreaterThan(0);

    await poll(() => page.getByTestId('grade').innerText()).toContain('不合格');
    // the tables are drawn from the template with every cell coloured by state
    expect(await page.locator('td[data-cell]').count()).toBe(Object.keys(report.cells).length);
    expect(await page.locator('td.cell-absent').count()).toBe(
      Object.values(report.cells).filter((c) => c.state === 'absent').length,
    );
    expect(await page.locator('td.cell-hl').count()).toBe(0);

    await page.locator(`[data-rule="table.row-absent"][data-index="${index}"]`).click();
    expect(new URL(page.url()).searchParams.get('finding')).toBe(String(index));

    // its cells, all absent, are outlined in the tables
    const highlighted = page.locator('td.cell-hl');
    await poll(() => highlighted.count()).toBe(finding.cells.length);
    const keys = await highlighted.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.cell));
    expect(new Set(keys)).toEqual(new Set(finding.cells));
    expect(
      new Set(await highlighted.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.state))),
    ).toEqual(new Set(['absent']));

    // its span is highlighted in the source text and scrolled into the panel's view
    const source = page.getByTestId('source');
    const active = source.locator('.src-active');
    await poll(() => active.count()).toBeGreaterThan(0);
    const text = (await active.allTextContents()).join('');
    const { text: normalised } = (await (await fetch(`${s.url}/api/reports/${id}/source`)).json()) as {
      text: string;
    };
    expect(text).toBe(normalised.slice(finding.span![0], finding.span![1]));
    await poll(async () => {
      const [box, mark] = await Promise.all([source.boundingBox(), active.first().boundingBox()]);
      return !!box && !!mark && mark.y >= box.y && mark.y < box.y + box.height;
    }).toBe(true);
  });

  it('exports exactly the ranking shown, as CSV and as XLSX, and the files read back', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019`);
    await poll(() => rankingNames(page)).toHaveLength(2);
    const shown = await rankingNames(page);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync(await csv.path())
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('机关名称');
    expect(lines.slice(1).map((l) => shown.find((n) => l.includes(n)))).toEqual(shown);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = xlsxRows(readFileSync(await xlsx.path()));
    const nameCol = rows[0]!.indexOf('机关名称');
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[nameCol])).toEqual(shown);

    // filtered to one agency, the export holds that agency only
    await page.goto(`${s.url}/rankings?year=2019&q=${encodeURIComponent('新余')}`);
    await poll(() => rankingNames(page)).toEqual([XINYU]);
    const [filtered] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const body = readFileSync(await filtered.path()).toString('utf8');
    expect(body).toContain(XINYU);
    expect(body).not.toContain(NANKAI);
  });

  it('lets a reviewer dismiss a finding with a reason: it stops costing points, survives a reload, and can be withdrawn', async () => {
    const page = await s.page();
    const rankings = (await (await fetch(`${s.url}/api/rankings?year=2019`)).json()) as RankingsResponse;
    const nankai = rankings.items.find((r) => r.agency.name === NANKAI)!;
    await page.goto(`${s.url}/reports/${nankai.reportId}`);
    const total = () => page.getByTestId('grade').locator('.num').innerText();
    await poll(total).toBe('53.9');

    const finding = page.locator('[data-rule="meta.date-missing"]');
    await finding.hover();
    await finding.getByTestId('review-dismiss').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('审核理由').fill('落款日期在原件的印章中，扫描时被裁去');
    await dialog.getByTestId('review-submit').click();
    await poll(() => finding.getAttribute('data-review')).toBe('dismiss');
    expect(await finding.getByTestId('review-note').innerText()).toContain('落款日期在原件的印章中');
    await poll(total).toBe('56.9');

    await page.reload();
    await poll(() => page.locator('[data-rule="meta.date-missing"]').getAttribute('data-review')).toBe(
      'dismiss',
    );
    await poll(total).toBe('56.9');

    await page.locator('[data-rule="meta.date-missing"]').getByText('撤销').click();
    await poll(() => page.locator('[data-rule="meta.date-missing"]').getAttribute('data-review')).toBe(null);
    await poll(total).toBe('53.9');
  });

  it('problem type → the agencies with it → the report → its PDF page with the cell boxed → confirmed in the 待复核 queue, which shrinks', async () => {
    // 南开's report as the PDF it was published as: the second version, the one that counts
    const [pdf] = await upload(s.url, [NANKAI_PDF]);
    expect(pdf).toMatchObject({ status: 'new-version', version: 2 });

    const page = await s.page();
    await page.goto(`${s.url}/?year=2019`);
    // 最常见的问题 on the overview: each problem type opens the list of reports that have it
    const truncated = page.getByRole('link', { name: '统计表缺少模板规定的行或列（表格不完整）' });
    await poll(() => truncated.count()).toBe(1);
    await truncated.click();
    await page.waitForURL(/\/findings\?rule=table\.row-absent/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('共8行缺失（表格不完整）');
    await rows.first().getByRole('link', { name: NANKAI }).click();
    await page.waitForURL(/\/reports\/\d+/);
    await poll(() => page.getByTestId('grade').innerText()).toContain('不合格');
    const id = Number(/\/reports\/(\d+)/.exec(page.url())![1]);
    const report = (await (await fetch(`${s.url}/api/reports/${id}`)).json()) as ReportDetail;
    expect(report.file).toMatch(/\.pdf$/);

    // the finding that the text and table 三 disagree: its cell, 本年新收 总计, boxed on page 3 of the PDF
    const index = report.findings.findIndex((f) => f.rule === 'narrative.table-mismatch');
    const finding = report.findings[index]!;
    expect(finding.cells).toEqual(['t3.newReceived.total']);
    const position = report.cells['t3.newReceived.total']!.position!;
    expect(position.page).toBe(3);
    await page.locator(`[data-rule="narrative.table-mismatch"][data-index="${index}"]`).click();
    const pdfPage = page.locator('[data-testid="pdf-page"][data-rendered="true"]');
    await poll(() => pdfPage.getAttribute('data-page'), 'the PDF page drawn', 45_000).toBe('3');
    expect(await page.getByTestId('pdf-page-label').innerText()).toBe('第 3 页，共 4 页');
    const box = page.locator('[data-testid="pdf-box"]');
    expect(await box.count()).toBe(1);
    expect(await box.getAttribute('data-cell')).toBe('t3.newReceived.total');
    // the box is where the page itself draws that cell: its four borders are dark pixels of the
    // canvas (the ruling of the table), its inside white (the cell is blank)
    const pixels = await boxPixels(page, position.box);
    // (a rule thinner than a pixel is drawn grey, lighter still where it falls between two)
    expect(pixels.inside).toBeGreaterThan(240);
    for (const edge of pixels.edges) expect(edge).toBeLessThan(pixels.inside - 30);
    // and the drawn box frames that rectangle on the screen
    const [frame, canvas] = await Promise.all([box.boundingBox(), pdfPage.locator('canvas').boundingBox()]);
    const scale = Number(await pdfPage.getAttribute('data-scale'));
    expect(Math.abs(frame!.x - (canvas!.x + 1 + position.box[0] * scale - 3))).toBeLessThan(2);
    expect(Math.abs(frame!.width - ((position.box[2] - position.box[0]) * scale + 6))).toBeLessThan(2);
    // at both widths, for a person to look at (apps/web/screenshots/seeds-*-report-pdf.png)
    const { problems } = await capture(s.browser, s.url, 'seeds', [
      {
        name: 'report-pdf',
        path: `/reports/${id}?finding=${index}`,
        full: false,
        after: async (p) => {
          const drawn = p.locator('[data-testid="pdf-box"]');
          await drawn.waitFor({ timeout: 45_000 });
          // the page scrolled to the panel with the original, as a reviewer would
          await p.getByTestId('pdf-page').scrollIntoViewIfNeeded();
          await p.waitForTimeout(800);
        },
      },
    ]);
    expect(problems).toEqual([]);

    // larger, in a dialog: the same page, the same box
    await page.getByTestId('pdf-enlarge').click();
    const large = page.getByRole('dialog').locator('[data-testid="pdf-page"][data-rendered="true"]');
    await poll(() => large.getAttribute('data-page'), 'the enlarged page drawn', 45_000).toBe('3');
    expect(await page.getByRole('dialog').locator('[data-testid="pdf-box"]').getAttribute('data-cell')).toBe('t3.newReceived.total');
    expect(Number(await large.getAttribute('data-scale'))).toBeGreaterThan(scale);
    await page.screenshot({ path: join(SHOTS_DIR, 'seeds-1440-report-pdf-enlarged.png') });
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('dialog').count()).toBe(0);

    // the extracted text is a click away
    await page.getByTestId('source-view').getByText('提取的文字').click();
    await poll(() => page.getByTestId('source').locator('.src-active').count()).toBeGreaterThan(0);

    // the queue: error findings nobody has decided on yet; this one is in it
    await page.goto(`${s.url}/findings`);
    await poll(() => page.locator('h4').first().innerText()).toBe('待复核的问题');
    await poll(() => rows.count()).toBeGreaterThan(0);
    const before = await rows.count();
    const row = rows.filter({ hasText: finding.message.slice(0, 20) });
    expect(await row.count()).toBe(1);
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-confirm').click();
    const dialog = page.getByRole('dialog');
    // the reason is required, and said to be
    await dialog.getByTestId('bulk-submit').click();
    await poll(() => dialog.innerText()).toContain('请填写审核理由');
    await dialog.getByLabel('审核理由').fill('已核对原件第3页，表三总计栏为空');
    await dialog.getByTestId('bulk-submit').click();
    await poll(() => rows.count()).toBe(before - 1);
    expect(await rows.filter({ hasText: finding.message.slice(0, 20) }).count()).toBe(0);
  }, 120_000);

  it('a copied-text finding links to the other report and shows both narratives side by side, the shared passages marked', async () => {
    // 新余's report as another agency's of the same year: its narrative copied, names changed
    const copy = readFileSync(join(SAMPLES, XINYU_FILE), 'utf8').replace(/新余市文广新旅局/g, '分宜县文化广电新闻出版旅游局').replace(/新余/g, '分宜');
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-copy-'));
    const file = join(dir, 'fenyi-2019.txt');
    writeFileSync(file, copy);
    const [r] = await upload(s.url, [file]);
    rmSync(dir, { recursive: true, force: true });
    const { reportId } = r as unknown as { reportId: number };
    const report = (await (await fetch(`${s.url}/api/reports/${reportId}`)).json()) as ReportDetail;
    const index = report.findings.findIndex((f) => f.rule === 'originality.copied-across-agencies');
    expect(report.findings[index]!.message).toContain(XINYU);

    const page = await s.page();
    await page.goto(`${s.url}/reports/${reportId}`);
    const finding = page.locator(`[data-rule="originality.copied-across-agencies"][data-index="${index}"]`);
    await finding.getByTestId('compare-open').click();
    const dialog = page.getByRole('dialog');
    const own = dialog.getByTestId('compare-own');
    const peer = dialog.getByTestId('compare-peer');
    await poll(() => own.locator('.shared-passage').count()).toBeGreaterThan(0);
    expect(await peer.locator('.shared-passage').count()).toBeGreaterThan(0);
    // nearly all of the copy is shared; the passages are the same words on both sides
    expect(parseInt(await dialog.getByTestId('shared-own').innerText(), 10)).toBeGreaterThanOrEqual(80);
    const first = await own.locator('.shared-passage').first().innerText();
    expect(await peer.innerText()).toContain(first.replace(/分宜/g, '新余').slice(0, 12));
    expect(await dialog.innerText()).toContain(`${XINYU} 2019年度报告`);
    await page.screenshot({ path: join(SHOTS_DIR, 'seeds-1440-report-compare.png') });
    // the other report, one click away
    await dialog.getByRole('link', { name: `${XINYU} 2019年度报告` }).click();
    await poll(() => page.locator('h4').first().innerText()).toContain(XINYU);
  });

  it('renders every page without an error', async () => {
    const page = await s.page();
    const rankings = (await (await fetch(`${s.url}/api/rankings?year=2019`)).json()) as RankingsResponse;
    const first = rankings.items[0]!;
    for (const [path, text] of [
      ['/', '2019年度总览'],
      ['/agencies', XINYU],
      [`/agencies/${first.agency.id}`, '历年报告'],
      ['/import', '将年度报告文件或 zip 压缩包拖到此处'],
      ['/rules', '统计表缺少模板规定的行或列（表格不完整）'],
      ['/audit-log', '审计日志'],
      ['/no-such-page', '页面不存在'],
      ['/reports/999999', '没有找到该记录'],
    ] as const) {
      await page.goto(s.url + path);
      await poll(() => mainText(page), path).toContain(text);
    }
  });

  it('shows every page at 1440 and 1024 px without overflow or English (screenshots in apps/web/screenshots)', async () => {
    const { files, problems } = await capture(s.browser, s.url, 'seeds', await pagesOf(s.url));
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(20);
    // 南开's report is the PDF by now: its pages draw the original with pdf.js, at both widths
  }, 360_000 /* every page twice, the loop's pages included, on a busy 2-core runner */);
});
