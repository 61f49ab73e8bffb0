/**
 * Accounts over their queries on a SQLite store: names as looked up, the last administrator kept,
 * sessions ended when the account narrows, and the audit log's action filter (a prefix of dotted
 * actions, LIKE's wildcards taken literally).
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@nianbao/db';
import { Accounts, verifyPassword } from './accounts';

const PASSWORD = 'correct horse 1';

describe('Accounts', () => {
  it('creates a user under its normalised name and refuses the same name again', async () => {
    const accounts = new Accounts(openDatabase(':memory:'));
    const r = await accounts.create({ username: ' ａｌｉｃｅ ', password: PASSWORD, role: 'reviewer', regionCode: '3605' });
    expect(r).toMatchObject({ ok: true, value: { username: 'alice', role: 'reviewer', regionCode: '3605', disabled: false } });
    expect(r.ok && 'passwordHash' in r.value).toBe(false);
    expect(await accounts.create({ username: 'alice', password: PASSWORD, role: 'viewer' })).toEqual({ ok: false, code: 'user-exists', message: '用户“alice”已存在' });
    expect(await accounts.create({ username: 'bob', password: 'aaaaaaaaaa', role: 'viewer' })).toEqual({ ok: false, code: 'invalid-request', message: '密码不能由同一个字符重复组成' });
    expect(await accounts.create({ username: 'bob', password: PASSWORD, role: 'viewer', regionCode: '000000' })).toEqual({ ok: false, code: 'invalid-request', message: '地区代码“000000”无效' });
    expect((await accounts.authenticate('ａｌｉｃｅ', PASSWORD))?.username).toBe('alice');
    expect(await accounts.authenticate('alice', 'wrong password')).toBeNull();
    expect(await accounts.authenticate('nobody', PASSWORD)).toBeNull();
  });

  it('ends the sessions of a user whose password changes, and keeps the last administrator', async () => {
    const accounts = new Accounts(openDatabase(':memory:'));
    const admin = await accounts.create({ username: 'admin', password: PASSWORD, role: 'admin' });
    if (!admin.ok) throw new Error(admin.message);
    const { token } = await accounts.createSession(admin.value.id);
    expect((await accounts.session(token))?.user.username).toBe('admin');
    expect(await accounts.update(admin.value.id, { role: 'viewer' })).toEqual({ ok: false, code: 'last-admin', message: '不能停用或降级最后一位管理员' });
    expect(await accounts.remove(admin.value.id)).toEqual({ ok: false, code: 'last-admin', message: '不能删除最后一位管理员' });
    expect((await accounts.session(token))?.user.role).toBe('admin');
    const changed = await accounts.update(admin.value.id, { password: 'another horse 2' });
    expect(changed).toMatchObject({ ok: true, value: { role: 'admin' } });
    expect(await accounts.session(token)).toBeNull();
    expect(await verifyPassword('another horse 2', (await accounts.storage.userById(admin.value.id))!.passwordHash)).toBe(true);
  });

  it('filters the audit log by an action and those below it, wildcards taken literally', async () => {
    const accounts = new Accounts(openDatabase(':memory:'));
    for (const action of ['report.import', 'report.rescore', 'reports.x', 'user_x.create', 'userax.create', 'report'])
      await accounts.record({ actor: 'cli:test', action, detail: { action } });
    const actions = async (action: string) => (await accounts.auditLog({ action })).items.map((e) => e.action);
    expect(await actions('report')).toEqual(['report', 'report.rescore', 'report.import']);
    expect(await actions('user_x')).toEqual(['user_x.create']);
    expect(await accounts.auditLog({ action: 'report' }, 2, 2)).toMatchObject({ total: 3, items: [{ action: 'report.import', detail: { action: 'report.import' } }] });
  });
});
