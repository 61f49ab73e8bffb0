/**
 * The dashboard in a real browser against the real API server with the two seed reports, acting as a
 * reviewer would: the rankings for 2019, the flawed report of 南开 and its truncated table, the
 * export read back, every page at two widths.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankingsResponse, ReportDetail } from '@nianbao/contract';
import { capture, pagesOf } from './screenshots';
import { browserSuite, mainText, NANKAI, poll, rankingNames, skip, XINYU } from './suite';
import { xlsxRows } from './zip';

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

  it('problem type → the agencies with it → the report; the 待复核 queue shrinks as a reviewer confirms', async () => {
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

    // the queue: error findings nobody has decided on yet
    await page.goto(`${s.url}/findings`);
    await poll(() => page.locator('h4').first().innerText()).toBe('待复核的问题');
    await poll(() => rows.count()).toBeGreaterThan(0);
    const before = await rows.count();
    const first = rows.first();
    await first.locator('input[type="checkbox"]').check();
    await page.getByTestId('bulk-confirm').click();
    const dialog = page.getByRole('dialog');
    // the reason is required, and said to be
    await dialog.getByTestId('bulk-submit').click();
    await poll(() => dialog.innerText()).toContain('请填写审核理由');
    await dialog.getByLabel('审核理由').fill('已核对原文，属实');
    await dialog.getByTestId('bulk-submit').click();
    await poll(() => rows.count()).toBe(before - 1);
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
  }, 360_000 /* every page twice, the loop's pages included, on a busy 2-core runner */);
});
