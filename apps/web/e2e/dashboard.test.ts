/**
 * The dashboard in a real browser against the real API server, acting as a reviewer would: rankings
 * for 2019, the flawed report of 南开 and its truncated table, the export, an import, the empty store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RankingsResponse, ReportDetail } from '@nianbao/api/schemas';
import { browserUnavailable, launch } from './browser';
import { ensureBuilt, SAMPLES, serve, type RunningServer } from './server';
import { xlsxRows } from './zip';

const skip = browserUnavailable();
if (skip) console.warn(`[web e2e] skipped: ${skip}`);

const NANKAI = '南开区文化和旅游局';
const XINYU = '新余市文广新旅局';
const XINYU_FILE = '004_52ba3b16510502cd.txt';

/** A fresh page that fails the test on any uncaught error in the app. */
async function openPage(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(15_000);
  return page;
}

/** expect.poll with a timeout that allows for page loads on a busy 2-core machine (the default is 1 s). */
const poll = <T>(fn: () => Promise<T> | T, message?: string, timeout = 20_000) => expect.poll(fn, { timeout, message });

const rankingNames = (page: Page) =>
  page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();

describe.skipIf(!!skip)('dashboard (browser, seeds loaded)', () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await serve({ seeds: true });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('ranks 新余市文广新旅局 above 南开区文化和旅游局 in 2019, with the filters in the URL', async () => {
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/rankings?year=2019`);
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
    await page.close();
    expect(errors).toEqual([]);
  });

  it("opens 南开's report; the truncated-table finding highlights its span in the source and its cells in the tables", async () => {
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/rankings?year=2019`);
    await page.locator('.ant-table-row', { hasText: NANKAI }).getByRole('link', { name: '查看报告' }).click();
    await page.waitForURL(/\/reports\/\d+/);
    const id = Number(/\/reports\/(\d+)/.exec(page.url())![1]);
    const report = (await (await fetch(`${server.url}/api/reports/${id}`)).json()) as ReportDetail;
    const index = report.findings.findIndex((f) => f.rule === 'table.row-absent');
    const finding = report.findings[index]!;
    expect(finding.cells.length).toBeGreaterThan(0);

    await poll(() => page.getByTestId('grade').innerText()).toContain('不合格');
    // the tables are drawn from the template with every cell coloured by state
    expect(await page.locator('td[data-cell]').count()).toBe(Object.keys(report.cells).length);
    expect(await page.locator('td.cell-absent').count()).toBe(Object.values(report.cells).filter((c) => c.state === 'absent').length);
    expect(await page.locator('td.cell-hl').count()).toBe(0);

    await page.locator(`[data-rule="table.row-absent"][data-index="${index}"]`).click();
    expect(new URL(page.url()).searchParams.get('finding')).toBe(String(index));

    // its cells, all absent, are outlined in the tables
    const highlighted = page.locator('td.cell-hl');
    await poll(() => highlighted.count()).toBe(finding.cells.length);
    const keys = await highlighted.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.cell));
    expect(new Set(keys)).toEqual(new Set(finding.cells));
    expect(new Set(await highlighted.evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.state)))).toEqual(new Set(['absent']));

    // its span is highlighted in the source text and scrolled into the panel's view
    const source = page.getByTestId('source');
    const active = source.locator('.src-active');
    await poll(() => active.count()).toBeGreaterThan(0);
    const text = (await active.allTextContents()).join('');
    const { text: normalised } = (await (await fetch(`${server.url}/api/reports/${id}/source`)).json()) as { text: string };
    expect(text).toBe(normalised.slice(finding.span![0], finding.span![1]));
    await poll(async () => {
        const [box, mark] = await Promise.all([source.boundingBox(), active.first().boundingBox()]);
      return !!box && !!mark && mark.y >= box.y && mark.y < box.y + box.height;
    }).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('exports exactly the ranking shown, as CSV and as XLSX, and the files read back', async () => {
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/rankings?year=2019`);
    await poll(() => rankingNames(page)).toHaveLength(2);
    const shown = await rankingNames(page);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync(await csv.path()).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toContain('机关名称');
    expect(lines.slice(1).map((l) => shown.find((n) => l.includes(n)))).toEqual(shown);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = xlsxRows(readFileSync(await xlsx.path()));
    const nameCol = rows[0]!.indexOf('机关名称');
    expect(nameCol).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).map((r) => r[nameCol])).toEqual(shown);

    // filtered to one agency, the export holds that agency only
    await page.goto(`${server.url}/rankings?year=2019&q=${encodeURIComponent('新余')}`);
    await poll(() => rankingNames(page)).toEqual([XINYU]);
    const [filtered] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const body = readFileSync(await filtered.path()).toString('utf8');
    expect(body).toContain(XINYU);
    expect(body).not.toContain(NANKAI);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('renders every page without an error', async () => {
    const page = await openPage(context, errors);
    const rankings = (await (await fetch(`${server.url}/api/rankings?year=2019`)).json()) as RankingsResponse;
    const first = rankings.items[0]!;
    for (const [path, text] of [
      ['/', '2019年度总览'],
      ['/agencies', XINYU],
      [`/agencies/${first.agency.id}`, '历年报告'],
      ['/import', '将年度报告文件或 zip 压缩包拖到此处'],
      ['/rules', 'table.row-absent'],
      ['/no-such-page', '页面不存在'],
    ] as const) {
      await page.goto(server.url + path);
      await poll(() => page.locator('main').innerText(), path).toContain(text);
    }
    await page.close();
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!!skip)('dashboard (browser, empty database)', () => {
  let browser: Browser;
  let server: RunningServer;
  let context: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    server = await serve({ seeds: false });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('invites an import on every page that would show data', async () => {
    const page = await openPage(context, errors);
    for (const path of ['/', '/rankings', '/agencies']) {
      await page.goto(server.url + path);
      await poll(() => page.getByText('还没有导入任何年度报告').count(), path).toBe(1);
    }
    await page.getByRole('link', { name: /去导入报告/ }).click();
    await page.waitForURL(/\/import$/);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('imports a report through the page and shows the per-file result', async () => {
    const page = await openPage(context, errors);
    await page.goto(`${server.url}/import`);
    await page.locator('input[type=file]').setInputFiles(join(SAMPLES, XINYU_FILE));
    await page.getByTestId('start-import').click();
    const results = page.getByTestId('import-results');
    const row = results.locator('.ant-table-row', { hasText: XINYU_FILE });
    await poll(() => row.innerText(), 'first import', 60_000).toContain('已导入');
    expect(await row.innerText()).toContain(XINYU);
    expect(await row.innerText()).toMatch(/优秀|良好/);

    // the same file again is recognised as unchanged
    await page.locator('input[type=file]').setInputFiles(join(SAMPLES, XINYU_FILE));
    await page.getByTestId('start-import').click();
    await poll(() => results.locator('.ant-table-row', { hasText: XINYU_FILE }).innerText(), 'second import', 60_000).toContain('未变化');

    // and the report is now in the store: its link opens the drill-down
    await page.goto(`${server.url}/rankings`);
    await poll(() => rankingNames(page)).toEqual([XINYU]);
    await page.close();
    expect(errors).toEqual([]);
  });
});
