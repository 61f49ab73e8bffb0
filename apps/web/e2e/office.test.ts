/**
 * The office's loop in a real browser over the seeds: import a roster (a unit that never reported
 * appears as 未发布), download 南开's 整改通知书 from its report page (the case opens), import a corrected
 * 南开 on the import page, and see its fixed items as 已整改 in the 整改台账; then the 通报 and every new
 * page at 1440 and 1024 px.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, OFFICE_PAGES, type ShotPage } from './screenshots';
import { SAMPLES } from './server';
import { browserSuite, mainText, NANKAI, poll, skip, XINYU } from './suite';
import { unzip } from './zip';

const ROSTER = ['机关名称,地区代码,类型,上级机关,自何年起应报,撤并年份,年报栏目网址', `${NANKAI},120104,部门,,,,`, `${XINYU},360500,部门,,,,`, '南开区教育局,120104,部门,,,,'].join('\r\n');
const NANKAI_TEXT = readFileSync(join(SAMPLES, '000_91e0e63c20f568b3.txt'), 'utf8');
const CORRECTED = NANKAI_TEXT.replace(' 1、   总体情况', ' 一、总体情况').trimEnd() + `\n${NANKAI}\n2020年1月10日\n`;
const docxText = (buf: Buffer) => unzip(buf).get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');

describe.skipIf(!!skip)('office loop (browser, seeds loaded)', () => {
  const s = browserSuite({ seeds: true });

  it('roster import → status → notice → re-ingest → 已整改', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/roster`);
    await poll(() => mainText(page)).toContain('尚未导入应报送名单');
    await page.locator('input[type=file]').setInputFiles({ name: '应报送名单.csv', mimeType: 'text/csv', buffer: Buffer.from(ROSTER) });
    await poll(() => page.getByTestId('roster-result').innerText()).toContain('新增 1 个单位，更新 2 个');
    await poll(() => mainText(page)).not.toContain('尚未导入应报送名单');
    await page.getByText(/^未报送（\d+）$/).click();
    await poll(() => page.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts()).toEqual([expect.stringContaining('南开区教育局')]);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').innerText()).toContain('未发布');

    // 南开's report: the notice, downloaded as a reviewer (local mode), opens the case
    const ranking = (await (await fetch(`${s.url}/api/rankings?year=2019`)).json()) as { items: { reportId: number; agency: { name: string } }[] };
    const nankai = ranking.items.find((i) => i.agency.name === NANKAI)!.reportId;
    await page.goto(`${s.url}/reports/${nankai}`);
    await page.getByTestId('notice-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-download').click()]);
    expect(download.suggestedFilename()).toBe(`整改通知书_${NANKAI}_2019年度.docx`);
    const text = docxText(readFileSync((await download.path())!));
    expect(text).toContain(`关于${NANKAI}2019年度政府信息公开工作年度报告存在问题的整改通知`);
    expect(text).toContain('序号问题类别问题描述位置（表、行、列或原文摘录）扣分整改要求');

    await page.goto(`${s.url}/rectifications`);
    await poll(() => mainText(page)).toContain('0 / 12 项已改');

    // the corrected report through the import page
    await page.goto(`${s.url}/import`);
    await page.locator('input[type=file]').setInputFiles({ name: 'nankai-corrected.txt', mimeType: 'text/plain', buffer: Buffer.from(CORRECTED) });
    await page.getByTestId('start-import').click();
    await poll(() => page.getByTestId('import-results').innerText()).toContain('新版本');

    await page.goto(`${s.url}/rectifications`);
    await poll(() => mainText(page)).toContain('2 / 12 项已改');
    const fixed = page.locator('.ant-table-expanded-row .ant-tag', { hasText: '已整改' });
    await poll(() => fixed.count()).toBe(2);
    const rows = await page.locator('.ant-table-expanded-row tr.ant-table-row').filter({ hasText: '已整改' }).allInnerTexts();
    expect(rows.map((r) => r.split('\t')[1])).toEqual([expect.stringContaining('“1、 总体情况”'), '报告末尾没有落款日期']);
  });

  it('edits the roster on the page: adds a unit, refuses a name close to another, renames it and marks it 免报', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/roster`);
    await poll(() => mainText(page)).toContain('南开区教育局');
    const row = (name: string) => page.locator('.ant-table-tbody tr.ant-table-row', { hasText: name });

    await page.getByTestId('unit-add').click();
    const add = page.getByTestId('unit-add-form');
    await add.getByLabel('机关名称').fill('新余市审计局');
    await add.getByLabel('地区代码').fill('360500');
    await add.getByLabel('自何年起应报').fill('2019');
    await page.getByRole('button', { name: /加入名单/ }).click();
    await poll(() => page.getByTestId('unit-add-result').innerText()).toBe('已将“新余市审计局”加入名单');
    await poll(() => row('新余市审计局').innerText()).toContain('未发布');

    // a name close to a registered one is not guessed
    await page.getByTestId('unit-add').click();
    await add.getByLabel('机关名称').fill('新余市审计');
    await add.getByLabel('地区代码').fill('360500');
    await page.getByRole('button', { name: /加入名单/ }).click();
    await poll(() => page.getByTestId('unit-form-error').innerText()).toContain('“新余市审计”与已登记的机关“新余市审计局”相近');
    await page.getByRole('button', { name: /取\s*消/ }).click();

    await row('新余市审计局').getByTestId('unit-edit').click();
    const edit = page.getByTestId('unit-edit-form');
    await edit.getByLabel('机关名称').fill('新余市审计服务中心');
    await edit.getByLabel('免报年份').fill('2019');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => row('新余市审计服务中心').innerText()).toContain('免报');
    expect(await row('新余市审计局').count()).toBe(0);

    await page.goto(`${s.url}/audit-log`);
    await poll(() => mainText(page)).toContain('修改名单单位');
    expect(await mainText(page)).toContain('名单新增单位');
  });

  it('drafts the 2019 通报 with 新余 excellent and 南开 failing, and downloads it', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/bulletin`);
    await poll(() => page.getByTestId('bulletin-excellent').innerText()).toContain(XINYU);
    expect(await page.getByTestId('bulletin-failing').innerText()).toContain(NANKAI);
    expect(await page.getByTestId('bulletin-missing').innerText()).toContain('南开区教育局');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    const text = docxText(readFileSync((await download.path())!));
    expect(text).toContain('2019年度政府信息公开工作年度报告检查情况的通报');
    expect(text).toContain(`${XINYU}等1个单位的年度报告评为优秀`);
    await poll(() => page.getByTestId('region-rankings').innerText()).toContain('天津市');
  });

  it('shows the new pages at 1440 and 1024 px without overflow or English', async () => {
    const ranking = (await (await fetch(`${s.url}/api/rankings?year=2019`)).json()) as { items: { reportId: number; agency: { name: string } }[] };
    const nankai = ranking.items.find((i) => i.agency.name === NANKAI)!.reportId;
    const pages: ShotPage[] = [
      ...OFFICE_PAGES,
      { name: 'overview', path: '/' },
      {
        name: 'roster-edit',
        path: '/roster',
        full: false,
        after: async (page) => {
          await page.getByTestId('unit-edit').first().click();
          await page.waitForTimeout(400);
        },
      },
      {
        name: 'report-notice',
        path: `/reports/${nankai}`,
        full: false,
        after: async (page) => {
          await page.getByTestId('notice-button').click();
          await page.waitForTimeout(400);
        },
      },
    ];
    const { files, problems } = await capture(s.browser, s.url, 'office', pages);
    expect(problems).toEqual([]);
    expect(files).toHaveLength(14);
  }, 180_000);
});
