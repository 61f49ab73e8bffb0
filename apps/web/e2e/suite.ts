/**
 * What every browser test file shares: the built dashboard served by the real API server over a
 * fresh database, one Chromium, and pages that fail the test on any uncaught error in the app.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserUnavailable, launch } from './browser';
import { ensureBuilt, serve, type RunningServer } from './server';

/** Why the browser tests cannot run here (they are skipped), or null. */
export const skip = browserUnavailable();
if (skip) console.warn(`[web e2e] skipped: ${skip}`);

export const NANKAI = '南开区文化和旅游局';
export const XINYU = '新余市文广新旅局';
export const XINYU_FILE = '004_52ba3b16510502cd.txt';

export interface Suite {
  url: string;
  browser: Browser;
  /** A 1440×900 zh-CN context that accepts downloads; its cookies are shared by its pages. */
  context: BrowserContext;
  /** A new page of the context; any uncaught error in it fails the running test. */
  page(): Promise<Page>;
}

/** Registers the hooks of a browser suite over the given data; use inside a describe. */
export function browserSuite(data: { seeds: boolean; corpus?: boolean; demo?: boolean }): Suite {
  let server: RunningServer;
  const errors: string[] = [];
  const suite = {
    async page() {
      const page = await suite.context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      // a login hashes a password (scrypt) on a busy 2-core runner: navigations get more room than clicks
      page.setDefaultTimeout(15_000);
      page.setDefaultNavigationTimeout(45_000);
      return page;
    },
  } as Suite;

  beforeAll(async () => {
    ensureBuilt();
    server = await serve(data);
    suite.url = server.url;
    suite.browser = await launch();
    suite.context = await suite.browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
      locale: 'zh-CN',
    });
  }, 180_000);

  afterEach(async () => {
    for (const p of suite.context?.pages() ?? []) await p.close();
    expect(errors.splice(0), 'errors in the page').toEqual([]);
  });

  afterAll(async () => {
    await suite.context?.close();
    await suite.browser?.close();
    await server?.close();
  });
  return suite;
}

/** expect.poll with a timeout that allows for page loads on a busy 2-core machine (the default is 1 s). */
export const poll = <T>(fn: () => Promise<T> | T, message?: string, timeout = 20_000) =>
  expect.poll(fn, { timeout, message });

/** The agency names of the ranking table, top to bottom. */
export const rankingNames = (page: Page) =>
  page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();

/** The page's main area as text, once it holds `text`. */
export const mainText = (page: Page) => page.locator('main').innerText();

/**
 * The drawn PDF page's pixels around a cell box (in page points): the darkest pixel within 2 px of the
 * middle of each border (left, right, top, bottom), of the box's centre, and 4 pt inside its left border.
 */
export const boxPixels = (page: Page, box: [number, number, number, number]) =>
  page.evaluate(
    ({ box: b }) => {
      const holder = document.querySelector<HTMLElement>('[data-testid="pdf-page"]')!;
      const canvas = holder.querySelector('canvas')!;
      const scale = Number(holder.dataset.scale) * (canvas.width / canvas.clientWidth);
      const ctx = canvas.getContext('2d')!;
      const dark = (x: number, y: number) => {
        const d = ctx.getImageData(Math.round(x * scale) - 2, Math.round(y * scale) - 2, 5, 5).data;
        let min = 255;
        for (let i = 0; i < d.length; i += 4) min = Math.min(min, d[i]!, d[i + 1]!, d[i + 2]!);
        return min;
      };
      const [x0, y0, x1, y1] = b;
      const mx = (x0 + x1) / 2;
      const my = (y0 + y1) / 2;
      return { edges: [dark(x0, my), dark(x1, my), dark(mx, y0), dark(mx, y1)], inside: dark(mx, my), paper: dark(x0 + 4, my) };
    },
    { box },
  );
