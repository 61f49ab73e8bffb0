/**
 * The generated demo province beside the real seeds: every generated agency and report is badged
 * 示例数据 wherever it appears, the real ones never are; seven years and thirty agencies at two widths.
 */
import { describe, expect, it } from 'vitest';
import type { RankingsResponse } from '@nianbao/contract';
import { capture, pagesOf } from './screenshots';
import { browserSuite, mainText, NANKAI, poll, rankingNames, skip } from './suite';

describe.skipIf(!!skip)('dashboard (browser, seeds and the demo province)', () => {
  const s = browserSuite({ seeds: true, demo: true });

  it('badges generated agencies and reports 示例数据, and only them', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/rankings?year=2019&pageSize=100`);
    await poll(() => rankingNames(page).then((n) => n.length)).toBeGreaterThan(2);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const texts = await rows.allInnerTexts();
    const real = texts.filter((t) => t.includes(NANKAI) || t.includes('新余市文广新旅局'));
    expect(real).toHaveLength(2);
    for (const t of texts) expect(t.includes('示例数据'), t).toBe(!real.includes(t));

    const demo = ((await (await fetch(`${s.url}/api/rankings?year=2024`)).json()) as RankingsResponse).items.find((r) => r.demo)!;
    for (const path of [`/reports/${demo.reportId}`, `/agencies/${demo.agency.id}`]) {
      await page.goto(s.url + path);
      await poll(() => page.locator('h4').first().innerText(), path).toContain('示例数据');
    }
    await page.goto(`${s.url}/`);
    await poll(() => mainText(page)).toContain('示例数据');
  });

  it('shows many agencies over seven years at 1440 and 1024 px without overflow (screenshots in apps/web/screenshots)', async () => {
    const pages = (await pagesOf(s.url)).filter((p) => ['overview', 'rankings', 'agency'].includes(p.name));
    const { problems } = await capture(s.browser, s.url, 'demo', pages);
    expect(problems).toEqual([]);
  }, 120_000);
});
