/**
 * Accounts in the browser: single-user local mode is marked until the first account exists; from
 * then on the dashboard asks for a login and returns to the page asked for; an administrator reads
 * the audit log and logs out; a viewer gets neither the import nor the audit log.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { capture, pagesOf, SHOTS_DIR } from './screenshots';
import { browserSuite, mainText, poll, rankingNames, skip } from './suite';

const ADMIN = { username: 'zhang.admin', password: 'e2e-admin-密码-2025', role: 'admin' };
const REVIEWER = { username: 'wang.reviewer', password: 'e2e-reviewer-初始-2025' };
const NEW_PASSWORD = 'e2e-reviewer-新密码-2025';
const VIEWER = { username: 'li.viewer', password: 'e2e-viewer-密码-2025', role: 'viewer' };

/**
 * Opens the user menu and clicks one of its items once the menu has come to rest: clicked while it
 * still slid in (a busy machine draws few frames), the click landed where the item had been and
 * nothing happened (seen: 修改密码 hovered, no logout request, at a load of 4 on two cores).
 */
async function userMenu(page: Page, item: '退出登录' | '修改密码') {
  await page.getByTestId('user-menu').click();
  const entry = page.getByRole('menuitem', { name: item });
  await poll(() =>
    entry.evaluate((el) => {
      const menu = el.closest('.ant-dropdown')!;
      return !/-(appear|enter|leave)/.test(menu.className) && menu.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
    }),
  ).toBe(true);
  await entry.click();
}

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

    // out, straight to the login form: never through a page of the dashboard on the session just ended
    const visited: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url().slice(s.url.length)));
    await userMenu(page, '退出登录');
    await page.waitForURL(/\/login/);
    await page.getByLabel('用户名').waitFor();
    expect(visited.length).toBeGreaterThan(0);
    expect(visited.filter((u) => !u.startsWith('/login'))).toEqual([]);
    await page.goto(`${s.url}/`);
    await page.waitForURL(/\/login/);
  });

  it('lets an administrator add a reviewer, who changes the password and logs in with the new one', async () => {
    const page = await s.page();
    await page.goto(`${s.url}/login`);
    await login(page, ADMIN);
    await page.waitForURL(`${s.url}/`);
    await page.locator('.ant-menu').getByText('账户管理').click();
    await page.waitForURL(/\/accounts$/);
    const table = page.getByTestId('users-table');
    await poll(() => table.innerText()).toContain(VIEWER.username);
    expect(await table.innerText()).toContain('本人');

    await page.getByTestId('user-add').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('用户名').fill(REVIEWER.username);
    await form.getByLabel('角色').click();
    await page.locator('.ant-select-item-option', { hasText: /^审核员$/ }).click();
    await form.getByLabel('地区代码').fill('12');
    await form.getByLabel('初始密码').fill('short');
    await page
      .getByRole('button', { name: '创 建' })
      .or(page.getByRole('button', { name: '创建' }))
      .click();
    await poll(() => form.innerText()).toContain('密码至少 8 位');
    await form.getByLabel('初始密码').fill(REVIEWER.password);
    await page
      .getByRole('button', { name: '创 建' })
      .or(page.getByRole('button', { name: '创建' }))
      .click();
    await poll(() => page.getByTestId('accounts-notice').innerText()).toContain(
      `已创建账号 ${REVIEWER.username}`,
    );
    await poll(() => table.innerText()).toContain(REVIEWER.username);
    expect(await table.innerText()).toMatch(new RegExp(`${REVIEWER.username}\\s+审核员`));
    // the dialog fades out: wait until no part of it is left in the page
    await poll(() => page.locator('.ant-modal-wrap:visible, .ant-modal-mask:visible').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS_DIR, 'accounts', 'accounts-page.png'), fullPage: true });

    // a duplicate name: the API's message, in Chinese
    await page.getByTestId('user-add').click();
    await form.getByLabel('用户名').fill(REVIEWER.username);
    await form.getByLabel('初始密码').fill(REVIEWER.password);
    await page
      .getByRole('button', { name: '创 建' })
      .or(page.getByRole('button', { name: '创建' }))
      .click();
    await poll(() => page.getByTestId('accounts-notice').innerText()).not.toContain('已创建');
    await page
      .getByRole('button', { name: '取 消' })
      .or(page.getByRole('button', { name: '取消' }))
      .click();

    await userMenu(page, '退出登录');
    await page.waitForURL(/\/login/);

    await login(page, REVIEWER);
    // logging out of /accounts may land on /login?next=/accounts: wherever, out of the login page
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${s.url}/`);
    await poll(() => mainText(page)).toContain('总览');
    expect(await page.locator('.ant-menu').innerText()).not.toContain('账户管理');
    await page.goto(`${s.url}/accounts`);
    await poll(() => mainText(page)).toContain('没有权限');

    const dialog = page.getByRole('dialog');
    await userMenu(page, '修改密码');
    await dialog.getByLabel('当前密码').fill('wrong-password-1');
    await dialog.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByLabel('再次输入新密码').fill(NEW_PASSWORD + 'x');
    await page.getByTestId('password-submit').click();
    await poll(() => dialog.innerText()).toContain('两次输入的新密码不一致');
    await dialog.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await poll(() => page.getByTestId('password-error').innerText()).toContain('当前密码不正确');
    await page.screenshot({ path: join(SHOTS_DIR, 'accounts', 'password-dialog-error.png') });
    await dialog.getByLabel('当前密码').fill(REVIEWER.password);
    await page.getByTestId('password-submit').click();
    await poll(() => page.getByTestId('password-success').innerText()).toContain('密码已修改');
    await page.screenshot({ path: join(SHOTS_DIR, 'accounts', 'password-dialog-done.png') });
    await page.getByTestId('password-submit').click();

    // still logged in (the session was renewed); then out, and in again with the new password
    await page.goto(`${s.url}/`);
    await poll(() => page.getByTestId('user-menu').innerText()).toContain(REVIEWER.username);
    await userMenu(page, '退出登录');
    await page.waitForURL(/\/login/);
    await login(page, REVIEWER);
    await poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await login(page, { username: REVIEWER.username, password: NEW_PASSWORD });
    await page.waitForURL(`${s.url}/`);
    await poll(() => page.getByTestId('user-menu').innerText()).toContain(REVIEWER.username);
    await userMenu(page, '退出登录');
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
    expect(menu).not.toContain('账户管理');
    for (const path of ['/import', '/audit-log', '/accounts']) {
      await page.goto(s.url + path);
      await poll(() => mainText(page), path).toContain('没有权限');
    }
  });
});
