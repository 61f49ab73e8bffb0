/**
 * The dashboard over real reports of several agencies and years (the seeds, then the corpus imported
 * through the API): years, earlier versions, annotated cells, blank columns; every page at two widths.
 */
import { describe, expect, it } from 'vitest';
import type { AgenciesResponse, AgencyDetail } from '@nianbao/contract';
import { capture, pagesOf } from './screenshots';
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

  it('shows every page at 1440 and 1024 px without overflow or English (screenshots in apps/web/screenshots)', async () => {
    // the pages that show no data (import, rules, 404) look the same as with the seeds
    const pages = (await pagesOf(s.url)).filter((p) => !['import', 'rules', 'notfound'].includes(p.name));
    const { files, problems } = await capture(s.browser, s.url, 'corpus', pages);
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(16);
  }, 360_000 /* every page twice, the loop's pages included, on a busy 2-core runner */);
});
