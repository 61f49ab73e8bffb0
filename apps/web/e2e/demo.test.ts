/**
 * The generated demo province beside the real seeds: hidden until the header's 显示示例数据 switch is
 * turned on; then every generated agency and report is badged 示例数据 wherever it appears, the real
 * ones never are; its grades spread like a real province's; seven years and thirty agencies at two widths.
 */
import { describe, expect, it } from 'vitest';
import type { OverviewResponse, RankingsResponse } from '@nianbao/contract';
import { capture, pagesOf } from './screenshots';
import { browserSuite, mainText, NANKAI, poll, rankingNames, skip } from './suite';

describe.skipIf(!!skip)('dashboard (browser, seeds and the demo province)', () => {
  const s = browserSuite({ seeds: true, demo: true });

  it('keeps the demo province out of the rankings until the switch is turned on', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019&pageSize=100`);
    await poll(() => rankingNames(page)).toEqual(['新余市文广新旅局', NANKAI]);
    expect(await mainText(page)).not.toContain('示例数据');
    const exportLink = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(exportLink).not.toContain('demo');
    await page.getByTestId('demo-switch').click();
    await poll(() => rankingNames(page).then((n) => n.length)).toBeGreaterThan(2);
    expect(await page.getByTestId('export-xlsx').getAttribute('href')).toContain('demo=true');
    // remembered in this browser: the next test's pages show it too
  });

  it('spreads the demo grades like a real province (some 不合格), and reports missing ones', async () => {
    const body = (await (await fetch(`${s.url}/api/rankings?year=2025&demo=true&pageSize=100`)).json()) as RankingsResponse;
    const grades = body.items.filter((i) => i.demo).map((i) => i.grade);
    expect(new Set(grades)).toEqual(new Set(['优秀', '良好', '合格', '不合格']));
    expect(grades.filter((g) => g === '优秀').length / grades.length).toBeLessThan(0.67);
    // and, as in a real year, some agencies have not reported
    const overview = (await (await fetch(`${s.url}/api/overview?year=2024&demo=true`)).json()) as OverviewResponse;
    expect(overview.missing.items.some((m) => m.demo)).toBe(true);
  });

  it('badges generated agencies and reports 示例数据, and only them', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019&pageSize=100`);
    await poll(() => rankingNames(page).then((n) => n.length)).toBeGreaterThan(2);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const texts = await rows.allInnerTexts();
    const real = texts.filter((t) => t.includes(NANKAI) || t.includes('新余市文广新旅局'));
    expect(real).toHaveLength(2);
    for (const t of texts) expect(t.includes('示例数据'), t).toBe(!real.includes(t));

    const demo = ((await (await fetch(`${s.url}/api/rankings?year=2024&demo=true`)).json()) as RankingsResponse).items.find((r) => r.demo)!;
    for (const path of [`/reports/${demo.reportId}`, `/agencies/${demo.agency.id}`]) {
      await page.goto(s.url + path);
      await poll(() => page.locator('h4').first().innerText(), path).toContain('示例数据');
    }
    await page.goto(`${s.url}/`);
    await poll(() => mainText(page)).toContain('示例数据');
  });

  it('shows many agencies over seven years at 1440 and 1024 px without overflow (screenshots in apps/web/screenshots)', async () => {
    const pages = (await pagesOf(s.url)).filter((p) => ['overview', 'rankings', 'agency'].includes(p.name));
    // with the switch on (what capture's fresh browser context would not remember)
    const { problems } = await capture(s.browser, s.url, 'demo', pages, undefined, await s.context.storageState());
    expect(problems).toEqual([]);
  }, 120_000);
});
