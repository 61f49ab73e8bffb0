/**
 * Accounts in the browser: single-user local mode is marked until the first account exists; from
 * then on the dashboard asks for a login and returns to the page asked for; an administrator reads
 * the audit log and logs out; a viewer gets neither the import nor the audit log.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { capture, pagesOf } from './screenshots';
import { browserSuite, mainText, poll, rankingNames, skip } from './suite';

const ADMIN = { username: 'zhang.admin', password: 'e2e-admin-密码-2025', role: 'admin' };
const VIEWER = { username: 'li.viewer', password: 'e2e-viewer-密码-2025', role: 'viewer' };

async function login(page: Page, who: { username: string; password: string }) {
  await page.getByLabel('用户名').fill(who.username);
  await page.getByLabel('密码').fill(who.password);
  await page.getByTestId('login-submit').click();
}

describe.skipIf(!!skip)('dashboard (browser, accounts and roles)', () => {
  const s = browserSuite({ seeds: true });

  it('marks single-user local mode until the first account exists, then asks for a login and returns to the page', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/`);
    await poll(() => page.getByTestId('local-mode').count()).toBe(1);
    expect(await page.locator('.ant-menu').innerText()).toContain('审计日志');

    // the first account, created through the API while it is still open (as `pnpm users add` would);
    // from then on only an administrator's session may create the next
    const post = (path: string, body: unknown, cookie?: string) =>
      fetch(s.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post('/api/users', ADMIN)).status).toBe(201);
    expect((await post('/api/users', VIEWER)).status).toBe(401);
    const cookie = (await post('/api/session', ADMIN)).headers.get('set-cookie')!.split(';')[0]!;
    expect((await post('/api/users', VIEWER, cookie)).status).toBe(201);

    await page.goto(`${s.url}/rankings?year=2019`);
    await page.waitForURL(/\/login\?next=/);
    await login(page, { username: ADMIN.username, password: 'not-the-password' });
    await poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    const { problems } = await capture(s.browser, s.url, 'accounts', [
      { name: 'login', path: '/login', full: false },
    ]);
    expect(problems).toEqual([]);

    await login(page, ADMIN);
    await page.waitForURL(/\/rankings\?year=2019$/);
    await poll(() => rankingNames(page)).toHaveLength(2);
    expect(await page.getByTestId('user-menu').innerText()).toContain(ADMIN.username);
    expect(await page.getByTestId('local-mode').count()).toBe(0);
  });

  it('shows an administrator the audit log, and logs out', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/audit-log`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await poll(() => rows.allInnerTexts().then((t) => t.join('\n'))).toContain('创建账号');
    const text = (await rows.allInnerTexts()).join('\n');
    expect(text).toContain('登录失败');
    expect(text).toMatch(new RegExp(`${ADMIN.username}[\\s\\S]*登录`));

    // the action filter lands in the URL
    await page.getByLabel('操作', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: /^创建账号$/ }).click();
    await page.waitForURL(/action=user\.create/);
    await poll(() => rows.count()).toBe(2);
    const audit = await pagesOf(s.url).then((all) => all.filter((p) => p.name === 'audit-log'));
    const { problems } = await capture(
      s.browser,
      s.url,
      'accounts',
      audit,
      undefined,
      await s.context.storageState(),
    );
    expect(problems).toEqual([]);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/login/);
  });

  it('gives a viewer neither the import nor the audit log', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/login`);
    await login(page, VIEWER);
    await page.waitForURL(`${s.url}/`);
    await poll(() => mainText(page)).toContain('总览');
    const menu = await page.locator('.ant-menu').innerText();
    expect(menu).not.toContain('导入报告');
    expect(menu).not.toContain('审计日志');
    for (const path of ['/import', '/audit-log']) {
      await page.goto(s.url + path);
      await poll(() => mainText(page), path).toContain('没有权限');
    }
  });
});
