/**
 * A large import through the 导入 page: 200 files (generated reports and two bad files) go to the
 * server as one import job; the page shows the job's progress as it moves, finds the job again after
 * a reload (its id in the URL), and ends with every file accounted for, the bad ones failed by name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture } from './screenshots';
import { browserSuite, poll, skip } from './suite';

/** packages/generator, loaded at run time (its types would make the web typecheck walk it). */
type Generate = (options: {
  seed: number;
  agencies: number;
  years: number;
  province: string;
  formats: string[];
}) => { reports: { fileName: string; bytes: Uint8Array }[] };
const GENERATOR = '@nianbao/generator';

const BAD = ['损坏的报告.pdf', '空白文件.txt'];

describe.skipIf(!!skip)('dashboard (browser, an import of 200 files)', () => {
  const s = browserSuite({ seeds: true });
  let dir: string;
  let paths: string[];

  beforeAll(async () => {
    const { generateProvince } = (await import(/* @vite-ignore */ GENERATOR)) as { generateProvince: Generate };
    const province = generateProvince({ seed: 14, agencies: 40, years: 5, province: '32', formats: ['text'] });
    dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
    paths = province.reports.slice(0, 198).map((r) => {
      const path = join(dir, r.fileName.replace(/\//g, '_'));
      writeFileSync(path, r.bytes);
      return path;
    });
    writeFileSync(join(dir, BAD[0]!), Buffer.from('%PDF-1.7\n这不是一个完整的 PDF 文件'));
    writeFileSync(join(dir, BAD[1]!), Buffer.alloc(0));
    paths.push(...BAD.map((b) => join(dir, b)));
    expect(paths).toHaveLength(200);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the progress of 200 files to the end, across a reload, and names the bad files', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/import`);
    await page.locator('input[type=file]').setInputFiles(paths);
    await poll(() => page.getByTestId('start-import').innerText()).toContain('200 个文件');
    const started = Date.now();
    await page.getByTestId('start-import').click();
    await page.waitForURL(/\/import\?job=[0-9a-f]{16}$/);
    const jobUrl = page.url();

    // the progress as the page shows it, sampled while the job runs
    const text = () => page.getByTestId('import-progress-text').innerText();
    const seen = new Set<number>();
    const processed = async () => {
      const t = await text().catch(() => '');
      const m = t.match(/已处理 (\d+) \/ 200/);
      if (m) seen.add(Number(m[1]));
      return t;
    };
    await poll(processed, 'files being processed', 120_000).toMatch(/已处理 ([1-9]\d*) \/ 200|导入完成/);

    // a reload (once every file is uploaded) finds the job again by the id in the URL
    await poll(() => page.getByTestId('import-progress').innerText(), 'all uploaded', 120_000).toContain(
      '已上传 200 / 200 个文件',
    );
    await page.reload();
    expect(page.url()).toBe(jobUrl);
    await poll(processed, 'the job to the end', 240_000).toBe('导入完成：共 200 个文件');
    expect(Date.now() - started, 'an import of 200 text reports within four minutes').toBeLessThan(240_000);
    // the page showed it moving: some count strictly between none and all
    expect([...seen].some((n) => n > 0 && n < 200), `counts seen: ${[...seen].join(', ')}`).toBe(true);

    const results = page.getByTestId('import-results');
    const stats = await results.locator('.ant-statistic').allInnerTexts();
    expect(stats.map((t) => t.replace(/\s+/g, ''))).toEqual(['新导入198', '新版本0', '未变化0', '失败2']);
    await results.getByText('失败（2）').click();
    const failed = await results.locator('.ant-table-row').allInnerTexts();
    expect(failed).toHaveLength(2);
    for (const [i, name] of BAD.entries()) {
      const row = failed.find((r) => r.includes(name));
      expect(row, name).toBeDefined();
      expect(row).toContain('失败');
      expect(row, 'the message names the file').toContain(`${name}：`);
      expect(row).toMatch(i === 1 ? /文件为空/ : /PDF/);
    }

    const jobPath = new URL(jobUrl).pathname + new URL(jobUrl).search;
    const { problems } = await capture(s.browser, s.url, 'import', [
      { name: 'job', path: jobPath },
      {
        name: 'job-failed',
        path: jobPath,
        after: async (p) => {
          await p.getByText('失败（2）').click();
          await p.waitForTimeout(300);
        },
      },
    ]);
    expect(problems).toEqual([]);
  }, 420_000);
});
