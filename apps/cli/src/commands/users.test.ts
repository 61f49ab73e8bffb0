/**
 * `users` on each engine: the same listing, changes and refusals whether the accounts are in a SQLite
 * file (`--db`) or a PostgreSQL database (`--database-url`), each change in the audit log.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Accounts } from '@nianbao/core';
import { openAccounts } from '@nianbao/db/pg';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import { run } from './users';

const engines = storageEngines();
afterAll(async () => {
  for (const e of engines) await e.stop();
});

describe.each(engines)('cli users on $name', (engine) => {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = err.length = 0;
  });

  it('lists, changes and removes accounts, keeps the last administrator, and logs each change', async () => {
    const url = await engine.url();
    const where = engine.name === 'postgres' ? ['--database-url', url] : ['--db', url];
    const storage = await openAccounts(url);
    const accounts = new Accounts(storage);
    try {
      await accounts.create({ username: 'admin', password: 'correct horse 1', role: 'admin' });
      await accounts.create({ username: 'bob', password: 'correct horse 1', role: 'viewer', regionCode: '3605' });
      vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
      vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
      expect(await run(['list', ...where])).toBe(0);
      expect(out.splice(0)).toEqual(['   1  admin                管理员  全部地区', '   2  bob                  查看者  3605']);
      expect(await run(['set', 'admin', '--disable', ...where])).toBe(1);
      expect(err.splice(0)).toEqual(['不能停用或降级最后一位管理员']);
      expect(await run(['set', 'bob', '--role', 'admin', '--region', 'none', ...where])).toBe(0);
      expect(out.splice(0)).toEqual(['已更新“bob”：管理员，全部地区。']);
      expect(await run(['remove', 'admin', ...where])).toBe(0);
      expect(await run(['remove', 'bob', ...where])).toBe(1);
      expect(err.splice(0)).toEqual(['不能删除最后一位管理员']);
      expect(await run(['remove', 'nobody', ...where])).toBe(1);
      expect(err.splice(0)).toEqual(['未找到用户“nobody”']);
      expect((await accounts.list()).map((u) => [u.username, u.role, u.regionCode])).toEqual([['bob', 'admin', null]]);
      expect((await accounts.auditLog({ action: 'user' })).items.map((e) => [e.action, e.target, e.detail])).toEqual([
        ['user.delete', 'user:admin', { id: 1, role: 'admin' }],
        ['user.update', 'user:bob', { id: 2, role: 'admin', region: null }],
      ]);
    } finally {
      await storage.close();
    }
  });
});

it('cli users refuses a --database-url that is not PostgreSQL’s', async () => {
  const err: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  expect(await run(['list', '--database-url', 'mysql://x'])).toBe(2);
  expect(err[0]).toMatch(/^参数错误：--database-url 应以 postgres:\/\/ 开头/);
  vi.restoreAllMocks();
});
