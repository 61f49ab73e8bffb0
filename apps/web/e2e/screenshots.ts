/**
 * Screenshots of every page, for a person to look at: `npx tsx apps/web/e2e/screenshots.ts <base-url> <label>`
 * writes /tmp/shots/<label>-<page>.png. The base URL serves the dashboard and the API (the API server
 * with the built app, or `vite` in dev).
 */
import { mkdirSync } from 'node:fs';
import { launch } from './browser';

const [base = 'http://127.0.0.1:5173', label = 'seeds', only] = process.argv.slice(2);
const out = '/tmp/shots';
mkdirSync(out, { recursive: true });

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
page.on('pageerror', (e) => console.error('page error:', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));

async function shot(name: string, path: string, opts: { full?: boolean; after?: () => Promise<void> } = {}) {
  if (only && !name.includes(only)) return;
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => !document.querySelector('.ant-skeleton'), null, { timeout: 15_000 }).catch(() => console.error(`${name}: still loading`));
  await page.waitForTimeout(400);
  await opts.after?.();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${label}-${name}.png`, fullPage: opts.full ?? true });
  console.log(`${out}/${label}-${name}.png`);
}

const firstReport = async () => {
  const res = await page.request.get(`${base}/api/rankings?sort=-rank`);
  const body = (await res.json()) as { items: { reportId: number }[] };
  return body.items[0]?.reportId ?? 1;
};

await shot('overview', '/');
await shot('rankings', '/rankings');
await shot('agencies', '/agencies');
await shot('import', '/import');
await shot('rules', '/rules');
const worst = await firstReport();
await shot('report', `/reports/${worst}`, { full: false });
await shot('report-finding', `/reports/${worst}`, {
  full: false,
  after: async () => {
    const f = page.locator('[data-rule="table.row-absent"]').first();
    if (await f.count()) await f.click();
    await page.waitForTimeout(800);
  },
});
await shot('report-full', `/reports/${worst}`);
const agency = await page.request.get(`${base}/api/agencies`).then((r) => r.json() as Promise<{ items: { id: number }[] }>);
await shot('agency', `/agencies/${agency.items[0]?.id ?? 1}`);
await shot('notfound', '/nothing-here', { full: false });
await browser.close();
