/**
 * Screenshots of every page, for a person to look at, with the checks a machine can make on them: no
 * error in the page, nothing wider than the window, no English word left in the interface. The
 * browser tests write them to apps/web/screenshots/ (gitignored) as <label>-<width>-<page>.png;
 * on its own, `npx tsx apps/web/e2e/screenshots.ts [seeds|corpus|demo|empty] [page-filter]` starts a
 * server over that data and does the same.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WEB } from './server';

export const SHOTS_DIR = join(WEB, 'screenshots');
export const WIDTHS = [1440, 1024] as const;

export interface ShotPage {
  name: string;
  path: string;
  /** Whole page (default) or just the window (pages with their own scrolling panels). */
  full?: boolean;
  /** Something to do once the page has loaded (select a finding …). */
  after?: (page: Page) => Promise<void>;
}

/** Words allowed in the interface though written in Latin letters. */
const LATIN_OK =
  /^(CSV|Excel|XLSX?|zip|txt|md|html?|docx?|pdf|KB|MB|B|npm|start|pnpm|users|add|role|admin|reviewer|viewer|region)$/i;

/** The pages of the office's loop (报送情况, 整改台账, 年度通报, 地区排名). */
export const OFFICE_PAGES: ShotPage[] = [
  { name: 'roster', path: '/roster' },
  { name: 'rectifications', path: '/rectifications' },
  { name: 'bulletin', path: '/bulletin' },
  { name: 'regions', path: '/regions' },
];

/** Every page, with ids of real records picked from the API. */
export async function pagesOf(base: string): Promise<ShotPage[]> {
  const get = async <T>(path: string) => (await (await fetch(base + path)).json()) as T;
  const agencies = await get<{
    items: { id: number; reports: number; latest: { reportId: number; score: number | null } | null }[];
  }>('/api/agencies?pageSize=500');
  const items = agencies.items ?? [];
  const agency = [...items].sort((a, b) => b.reports - a.reports)[0];
  // the lowest-scored current report of any year (the one with the most to show), and the first
  // of the latest year's ranking
  const worst = items
    .flatMap((a) => (a.latest ? [a.latest] : []))
    .sort((a, b) => (a.score ?? 101) - (b.score ?? 101))[0];
  const top = (await get<{ items?: { reportId: number }[] }>('/api/rankings')).items?.[0];
  const best = top && top.reportId !== worst?.reportId ? top : undefined;
  const pages: ShotPage[] = [
    { name: 'overview', path: '/' },
    { name: 'rankings', path: '/rankings' },
    { name: 'agencies', path: '/agencies' },
    { name: 'import', path: '/import' },
    { name: 'rules', path: '/rules' },
    { name: 'findings', path: '/findings' },
    { name: 'findings-rule', path: '/findings?rule=table.cell-blank' },
    { name: 'reading-checks', path: '/reading-checks' },
    { name: 'accounts', path: '/accounts' },
    {
      name: 'audit-log',
      path: '/audit-log',
      after: async (page) => {
        const expand = page
          .locator('.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)')
          .first();
        if (await expand.count()) await expand.click();
        await page.waitForTimeout(400);
      },
    },
    { name: 'notfound', path: '/no-such-page', full: false },
    ...OFFICE_PAGES,
  ];
  if (agency) pages.push({ name: 'agency', path: `/agencies/${agency.id}` });
  if (worst) {
    pages.push(
      { name: 'report', path: `/reports/${worst.reportId}`, full: false },
      {
        name: 'report-finding',
        path: `/reports/${worst.reportId}`,
        full: false,
        after: async (page) => {
          const f = page.locator('[data-rule="table.row-absent"], [data-rule^="balance."], .finding').first();
          if (await f.count()) await f.click();
          await page.waitForTimeout(800);
        },
      },
      { name: 'report-full', path: `/reports/${worst.reportId}` },
    );
  }
  if (best) pages.push({ name: 'report-best', path: `/reports/${best.reportId}` });
  return pages;
}

/** Waits until the page has drawn its title (or its result), no skeleton or spinner is left, and the fonts are in. */
export async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        !!document.querySelector('#root h4, #root .ant-result') &&
        !document.querySelector('.ant-skeleton, .ant-spin-spinning, [aria-label="加载中"]'),
      null,
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(200);
}

/** What is wrong with the page as shown: wider than the window, English words in the interface. */
async function problemsOf(page: Page): Promise<string[]> {
  return page.evaluate((latinOk) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1)
      out.push(`page is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
    const ok = new RegExp(latinOk, 'i');
    // rule ids, file names and the source text are data, not interface
    const skip =
      'code, .finding-rule, .source-text, [data-testid="source"], [data-latin-ok], .ant-table-cell-ellipsis, .ant-upload-list, .recharts-wrapper, svg';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const words = new Set<string>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip) || el.closest('script, style')) continue;
      for (const w of n.textContent?.match(/[A-Za-z]{2,}/g) ?? []) if (!ok.test(w)) words.add(w);
    }
    if (words.size) out.push(`English in the interface: ${[...words].slice(0, 12).join(', ')}`);
    return out;
  }, LATIN_OK.source);
}

/**
 * Screenshots of the pages at every width; returns the files written and the problems found
 * (`<file>: <problem>`), page errors included.
 */
export async function capture(
  browser: Browser,
  base: string,
  label: string,
  pages: ShotPage[],
  widths: readonly number[] = WIDTHS,
  /** Cookies of a logged-in user (`context.storageState()`), when the pages need a session. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<{ files: string[]; problems: string[] }> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const files: string[] = [];
  const problems: string[] = [];
  for (const width of widths) {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      storageState,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    let current = '';
    page.on('pageerror', (e) => problems.push(`${current}: page error ${e.message}`));
    for (const p of pages) {
      current = `${label}-${width}-${p.name}.png`;
      await page.goto(base + p.path);
      await settled(page);
      await p.after?.(page);
      const file = join(SHOTS_DIR, current);
      await page.screenshot({ path: file, fullPage: p.full ?? true });
      files.push(file);
      for (const problem of await problemsOf(page)) problems.push(`${current}: ${problem}`);
    }
    await context.close();
  }
  return { files, problems };
}

// on its own: a server over the named data, every page at every width
if (import.meta.url === `file://${process.argv[1]}`) {
  const { launch } = await import('./browser');
  const { ensureBuilt, serve } = await import('./server');
  const [label = 'seeds', only] = process.argv.slice(2);
  ensureBuilt();
  const server = await serve({
    seeds: label !== 'empty',
    corpus: label === 'corpus',
    demo: label === 'demo',
  });
  const browser = await launch();
  try {
    const pages = (await pagesOf(server.url)).filter((p) => !only || p.name.includes(only));
    const { files, problems } = await capture(browser, server.url, label, pages);
    console.log(files.join('\n'));
    if (problems.length) console.error(`\nproblems:\n${problems.join('\n')}`);
    process.exitCode = problems.length ? 1 : 0;
  } finally {
    await browser.close();
    await server.close();
  }
}
