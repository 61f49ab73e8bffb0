/**
 * A newcomer's first run: an empty database. Every page that would show data invites an import, and
 * an import through the 导入 page (the file input of its drop zone) shows what became of the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, OFFICE_PAGES, SHOTS_DIR } from './screenshots';
import { SAMPLES } from './server';
import { browserSuite, mainText, poll, rankingNames, skip, XINYU, XINYU_FILE } from './suite';

describe.skipIf(!!skip)('dashboard (browser, empty database)', () => {
  const s = browserSuite({ seeds: false });

  it('invites an import on every page that would show data', async () => {
    const page = await s.page();
    for (const path of ['/', '/rankings', '/agencies']) {
      await page.goto(s.url + path);
      await poll(() => page.getByText('还没有导入任何年度报告').count(), path).toBe(1);
    }
    await page.getByRole('link', { name: /去导入报告/ }).click();
    await page.waitForURL(/\/import$/);

    const pages = [
      { name: 'overview', path: '/' },
      { name: 'rankings', path: '/rankings' },
      { name: 'import', path: '/import' },
      ...OFFICE_PAGES,
    ];
    const { problems } = await capture(s.browser, s.url, 'empty', pages);
    expect(problems).toEqual([]);
  }, 180_000);

  it('imports a report through the page and shows the per-file result', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/import`);
    await page.locator('input[type=file]').setInputFiles(join(SAMPLES, XINYU_FILE));
    await poll(() => page.getByTestId('start-import').innerText()).toContain('1 个文件');
    await page.getByTestId('start-import').click();
    const results = page.getByTestId('import-results');
    const row = results.locator('.ant-table-row', { hasText: XINYU_FILE });
    await poll(() => row.innerText(), 'first import', 60_000).toContain('已导入');
    expect(await row.innerText()).toContain(XINYU);
    expect(await row.innerText()).toMatch(/优秀|良好/);
    await page.screenshot({ path: join(SHOTS_DIR, 'empty-1440-import-result.png'), fullPage: true });

    // the same file again, dropped on the zone this time, is recognised as unchanged
    const bytes = [...readFileSync(join(SAMPLES, XINYU_FILE))];
    const drop = await page.evaluateHandle(
      ([name, data]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name, { type: 'text/plain' }));
        return dt;
      },
      [XINYU_FILE, bytes] as const,
    );
    // rc-upload listens on the button inside the drag zone
    await page.dispatchEvent('.ant-upload-drag .ant-upload-btn', 'drop', { dataTransfer: drop });
    await poll(() => page.getByTestId('start-import').innerText()).toContain('1 个文件');
    await page.getByTestId('start-import').click();
    await poll(
      () => results.locator('.ant-table-row', { hasText: XINYU_FILE }).innerText(),
      'second import',
      60_000,
    ).toContain('未变化');

    // a file that is no report fails, with the reason, and the others of its batch go through
    await page
      .locator('input[type=file]')
      .setInputFiles([
        {
          name: '说明.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('这不是一份年度报告，只是一段说明文字。'),
        },
      ]);
    await page.getByTestId('start-import').click();
    const failed = results.locator('.ant-table-row', { hasText: '说明.txt' });
    await poll(() => failed.innerText(), 'failed import', 60_000).toContain('失败');
    expect((await failed.innerText()).replace(/\s+/g, '')).toMatch(/[\u4e00-\u9fff]{4,}/);

    // and the report is now in the store: the ranking shows it
    await page.goto(`${s.url}/rankings`);
    await poll(() => rankingNames(page)).toEqual([XINYU]);
    await poll(() => mainText(page)).not.toContain('还没有导入任何年度报告');
  });
});
