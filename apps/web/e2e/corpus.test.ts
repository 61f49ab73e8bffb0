/**
 * The dashboard over real reports of several agencies and years (the seeds, then the corpus imported
 * through the API): years, earlier versions, annotated cells, blank columns; every page at two widths.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { AgenciesResponse, AgencyDetail, ReportDetail } from '@nianbao/contract';
import { capture, pagesOf, SHOTS_DIR } from './screenshots';
import { ROOT, upload } from './server';
import { browserSuite, mainText, poll, rankingNames, skip } from './suite';

describe.skipIf(!!skip)('dashboard (browser, seeds and corpus loaded)', () => {
  const s = browserSuite({ seeds: true, corpus: true });
  const agency = async (name: string) => {
    const list = (await (
      await fetch(`${s.url}/api/agencies?q=${encodeURIComponent(name)}`)
    ).json()) as AgenciesResponse;
    return (await (await fetch(`${s.url}/api/agencies/${list.items[0]!.id}`)).json()) as AgencyDetail;
  };

  it('ranks each year on its own and offers the years in the filter', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2024`);
    await poll(() => rankingNames(page)).toHaveLength(2);
    expect(await rankingNames(page)).toEqual(expect.arrayContaining(['淮安市人民政府']));
    await page.getByLabel('年度').click();
    const years = await page.locator('.ant-select-item-option').allInnerTexts();
    expect(years.map((y) => y.slice(0, 4))).toEqual(['2025', '2024', '2023', '2019']);
  });

  it("reaches the earlier version of 淮安's report (its text copy, imported before the PDF)", async () => {
    const huaian = await agency('淮安市人民政府');
    const year = huaian.reports[0]!;
    expect(year.versions).toBe(2);
    const page = await s.page();
    await page.goto(`${s.url}/reports/${year.reportId}`);
    await page.getByLabel('版本').click();
    await page.locator('.ant-select-item-option', { hasText: '第 1 版' }).click();
    await page.waitForURL((url) => url.pathname !== `/reports/${year.reportId}`);
    await poll(() => mainText(page)).toContain('这是较早的第 1 版');
    await page.getByRole('button', { name: /查看当前第 2 版/ }).click();
    await page.waitForURL(`${s.url}/reports/${year.reportId}`);
  });

  it('marks the cells of 上海市人民政府办公厅 that carry a note, and keeps the note', async () => {
    const office = await agency('上海市人民政府办公厅');
    const page = await s.page();
    await page.goto(`${s.url}/reports/${office.reports[0]!.reportId}`);
    const noted = page.locator('td[data-cell]', { has: page.locator('.cell-mark', { hasText: '注' }) });
    await poll(() => noted.count()).toBeGreaterThan(0);
    expect(await noted.first().getAttribute('title')).toMatch(/附注：.*(修订|失效)/);
  });

  it("shows a Word or web-page report's original table with the selected cell marked, and says which it is", async () => {
    // 上海市科学技术委员会 as the Word file (a new version of its report), and 沭阳 as the web page it was imported as
    const [docx] = await upload(s.url, [join(ROOT, 'packages/extract/fixtures/shanghai-shi-kexue-jishu-weiyuanhui_2024.docx')]);
    expect(docx).toMatchObject({ status: 'new-version' });
    const page = await s.page();
    const shuyang = (await agency('沭阳')).reports[0]!.reportId;
    for (const [name, kind, id] of [
      ['上海市科学技术委员会', 'docx', (docx as unknown as { reportId: number }).reportId],
      ['沭阳县发展和改革局', '网页', shuyang],
    ] as const) {
      const report = (await (await fetch(`${s.url}/api/reports/${id}`)).json()) as ReportDetail;
      const key = 't3.newReceived.total';
      await page.goto(`${s.url}/reports/${id}`);
      await page.locator(`td[data-cell="${key}"]`).click();
      await poll(() => page.getByTestId('source-view').innerText()).toContain(`原件表格（${kind}）`);
      const marked = page.getByTestId('original-tables').locator('td.orig-hl');
      await poll(() => marked.count(), name).toBe(1);
      expect((await marked.innerText()).trim()).toBe(report.cells[key]!.raw.trim());
      await page.screenshot({ path: join(SHOTS_DIR, `corpus-1440-report-original-${kind === 'docx' ? 'docx' : 'html'}.png`) });
    }
  });

  it('shows every page at 1440 and 1024 px without overflow or English (screenshots in apps/web/screenshots)', async () => {
    // the pages that show no data (import, rules, 404) look the same as with the seeds
    const pages = (await pagesOf(s.url)).filter((p) => !['import', 'rules', 'notfound'].includes(p.name));
    const { files, problems } = await capture(s.browser, s.url, 'corpus', pages);
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(16);
  }, 360_000 /* every page twice, the loop's pages included, on a busy 2-core runner */);
});
