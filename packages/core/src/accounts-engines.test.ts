/**
 * Accounts over their storage on each engine: SQLite, and PostgreSQL where a server can be had (under
 * CI it must be). Users made, changed and removed with the last administrator kept, sessions that
 * expire and end with a password change, login budgets counted by two processes on one database, and
 * the audit log's filters and pages: the same answers on both.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openAccounts, openStorage } from '@nianbao/db/pg';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import type { AttemptBudget } from './accounts-storage';
import { Accounts, SESSION_HOURS } from './accounts';

const PASSWORD = 'correct horse 1';
const engines = storageEngines();
const opened: { close(): Promise<void> }[] = [];

afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const e of engines) await e.stop();
});

describe.each(engines)('Accounts on $name', (engine) => {
  const open = async (url?: string) => {
    const storage = await openAccounts(url ?? (await engine.url()));
    opened.push(storage);
    return storage;
  };

  it('creates, changes and removes users, and keeps the last enabled administrator', async () => {
    const accounts = new Accounts(await open());
    expect(await accounts.hasUsers()).toBe(false);
    const admin = await accounts.create({ username: ' ａｄｍｉｎ ', password: PASSWORD, role: 'admin' });
    const bob = await accounts.create({ username: 'bob', password: PASSWORD, role: 'reviewer', regionCode: '3605' });
    if (!admin.ok || !bob.ok) throw new Error('not created');
    expect(await accounts.create({ username: 'admin', password: PASSWORD, role: 'viewer' })).toEqual({ ok: false, code: 'user-exists', message: '用户“admin”已存在' });
    expect((await accounts.list()).map((u) => [u.username, u.role, u.regionCode, u.disabled])).toEqual([
      ['admin', 'admin', null, false],
      ['bob', 'reviewer', '3605', false],
    ]);
    expect(await accounts.update(admin.value.id, { disabled: true })).toEqual({ ok: false, code: 'last-admin', message: '不能停用或降级最后一位管理员' });
    expect(await accounts.remove(admin.value.id)).toEqual({ ok: false, code: 'last-admin', message: '不能删除最后一位管理员' });
    // the storage refuses it too, whoever asks: the check is made as the change is written
    expect(await accounts.storage.updateUser(admin.value.id, { role: 'viewer', updatedAt: 'x' }, true)).toBe(false);
    expect(await accounts.storage.deleteUser(admin.value.id)).toBe(false);
    expect((await accounts.byId(admin.value.id))?.role).toBe('admin');

    expect(await accounts.update(bob.value.id, { role: 'admin', regionCode: null })).toMatchObject({ ok: true, value: { role: 'admin', regionCode: null } });
    expect(await accounts.update(admin.value.id, { role: 'viewer' })).toMatchObject({ ok: true, value: { username: 'admin', role: 'viewer' } });
    expect(await accounts.remove(bob.value.id)).toEqual({ ok: false, code: 'last-admin', message: '不能删除最后一位管理员' });
    expect(await accounts.remove(admin.value.id)).toMatchObject({ ok: true, value: { username: 'admin' } });
    expect((await accounts.list()).map((u) => u.username)).toEqual(['bob']);
    expect(await accounts.authenticate('bob', PASSWORD)).toMatchObject({ username: 'bob', role: 'admin' });
    expect(await accounts.authenticate('admin', PASSWORD)).toBeNull();
  });

  it('two processes demoting the last two administrators at once: one is refused', async () => {
    const url = await engine.url();
    const [a, b] = [new Accounts(await open(url)), new Accounts(await open(url))];
    const ann = await a.create({ username: 'ann', password: PASSWORD, role: 'admin' });
    const ben = await a.create({ username: 'ben', password: PASSWORD, role: 'admin' });
    if (!ann.ok || !ben.ok) throw new Error('not created');
    // each process connected already, so that the two changes overlap
    expect([await a.storage.activeAdmins(), await b.storage.activeAdmins()]).toEqual([2, 2]);
    const outcomes = await Promise.all([a.storage.updateUser(ann.value.id, { role: 'viewer', updatedAt: 'x' }, true), b.storage.deleteUser(ben.value.id)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await a.storage.activeAdmins()).toBe(1);
  });

  it('ends sessions at expiry, at logout, when the user is disabled and when the password changes', async () => {
    const storage = await open();
    const accounts = new Accounts(storage);
    const admin = await accounts.create({ username: 'admin', password: PASSWORD, role: 'admin' });
    const eve = await accounts.create({ username: 'eve', password: PASSWORD, role: 'viewer' });
    if (!admin.ok || !eve.ok) throw new Error('not created');
    const first = await accounts.createSession(admin.value.id, { ip: '10.0.0.1', userAgent: 'x'.repeat(400) });
    const second = await accounts.createSession(admin.value.id);
    const eves = await accounts.createSession(eve.value.id);
    expect(Date.parse(first.expiresAt) - Date.now()).toBeGreaterThan(SESSION_HOURS * 3600_000 - 60_000);
    expect(await accounts.session(first.token)).toEqual({ user: admin.value, expiresAt: first.expiresAt });
    // not yet expired at its last instant, expired from then on
    const hash = (await import('node:crypto')).createHash('sha256').update(first.token).digest('hex');
    expect((await storage.session(hash, new Date(Date.parse(first.expiresAt) - 1).toISOString()))?.user.username).toBe('admin');
    expect(await storage.session(hash, first.expiresAt)).toBeUndefined();

    await accounts.endSession(second.token);
    expect(await accounts.session(second.token)).toBeNull();
    expect(await accounts.update(eve.value.id, { disabled: true })).toMatchObject({ ok: true, value: { disabled: true } });
    expect(await accounts.session(eves.token)).toBeNull();
    expect(await accounts.update(admin.value.id, { password: 'another horse 2' })).toMatchObject({ ok: true });
    expect(await accounts.session(first.token)).toBeNull();
    expect(await accounts.authenticate('admin', PASSWORD)).toBeNull();
    expect((await accounts.authenticate('admin', 'another horse 2'))?.id).toBe(admin.value.id);
  });

  it('counts login attempts against their budgets, once, from two processes on one database', async () => {
    const url = await engine.url();
    const [a, b] = [await open(url), await open(url)];
    const budgets = (login: string, ip: string): AttemptBudget[] => [
      { scope: { login, ip }, max: 3 },
      { scope: { login }, max: 5 },
      { scope: { ip }, max: 6 },
    ];
    const since = '2026-01-01T00:00:00.000Z';
    const at = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}.000Z`;
    // ten guesses at once, half through each process: exactly the budget of three is counted
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).reserveAttempt(budgets('bf1', '10.0.0.1'), 'bf1', '10.0.0.1', at(1), since)));
    expect(outcomes.filter((o) => 'id' in o)).toHaveLength(3);
    expect(outcomes.filter((o) => 'blockedBy' in o).map((o) => 'blockedBy' in o && o.blockedBy)).toEqual(Array(7).fill(at(1)));
    expect(await a.countAttempts({ login: 'bf1', ip: '10.0.0.1' }, since)).toBe(3);
    expect(await b.blockingAttempt(budgets('bf1', '10.0.0.1'), since)).toBe(at(1));
    expect(await b.blockingAttempt(budgets('bf1', '10.0.0.2'), since)).toBeUndefined();

    // from another address the login has two left (5 per account), and that address counts each
    const r1 = await a.reserveAttempt(budgets('bf1', '10.0.0.2'), 'bf1', '10.0.0.2', at(2), since);
    expect(r1).toEqual({ id: expect.any(Number), ipAttempts: 1 });
    const r2 = await b.reserveAttempt(budgets('bf1', '10.0.0.2'), 'bf1', '10.0.0.2', at(3), since);
    expect(r2).toMatchObject({ ipAttempts: 2 });
    // the login's budget is spent: it frees when its fifth most recent attempt (one of the first three) leaves the window
    expect(await a.reserveAttempt(budgets('bf1', '10.0.0.2'), 'bf1', '10.0.0.2', at(4), since)).toEqual({ blockedBy: at(1) });
    // a success gives its attempt back and clears that address's failures for the login (only)
    if (!('id' in r2)) throw new Error('blocked');
    await b.attemptSucceeded(r2.id, 'bf1', '10.0.0.2');
    expect(await a.countAttempts({ login: 'bf1' }, since)).toBe(4);
    expect(await a.countAttempts({ login: 'bf1', ip: '10.0.0.2' }, since)).toBe(0);
    expect(await a.countAttempts({ ip: '10.0.0.2' }, since)).toBe(1);
    // attempts at or before the window's start are forgotten as the next one is counted
    expect(await a.reserveAttempt(budgets('bf1', '10.0.0.3'), 'bf1', '10.0.0.3', at(10), at(1))).toMatchObject({ ipAttempts: 1 });
    expect(await a.countAttempts({ login: 'bf1' }, since)).toBe(2);
  });

  it('filters the audit log by action, actor, region and time, newest first, page by page', async () => {
    const accounts = new Accounts(await open());
    const entries = [
      { actor: 'alice', action: 'report.import', regionCode: '360502' },
      { actor: 'bob', action: 'report.rescore', regionCode: '360500' },
      { actor: 'alice', action: 'reports.x', regionCode: '360600' },
      { actor: 'alice', action: 'user_x.create', regionCode: null },
      { actor: 'bob', action: 'userax.create', regionCode: '360000' },
      { actor: 'alice', action: 'report', regionCode: '360500', detail: { files: ['甲.pdf'] } },
      // written with a scoped user's own region, of 4 and 2 digits
      { actor: 'carol', action: 'session.login', regionCode: '3605' },
      { actor: 'dave', action: 'session.login', regionCode: '36' },
    ];
    for (const e of entries) await accounts.record({ ...e, ip: '10.0.0.9' });
    const actions = async (filter: Parameters<Accounts['auditLog']>[0]) => (await accounts.auditLog(filter)).items.map((e) => e.action);
    expect(await actions({ action: 'report' })).toEqual(['report', 'report.rescore', 'report.import']);
    expect(await actions({ action: 'user_x' })).toEqual(['user_x.create']);
    expect(await actions({ actor: 'bob' })).toEqual(['userax.create', 'report.rescore']);
    expect(await actions({ region: '3605' })).toEqual(['session.login', 'report', 'report.rescore', 'report.import']);
    expect(await actions({ region: '360000' })).toEqual(['session.login', 'session.login', 'report', 'userax.create', 'reports.x', 'report.rescore', 'report.import']);
    expect(await actions({ region: '360502' })).toEqual(['report.import']);
    expect(await actions({ action: 'report', actor: 'alice', region: '360502' })).toEqual(['report.import']);
    expect(await actions({ from: '2000-01-01', to: '2000-01-02' })).toEqual([]);
    expect(await actions({ from: '2000-01-01' })).toHaveLength(8);
    expect(await accounts.auditLog({}, 2, 6)).toMatchObject({ total: 8, items: [{ action: 'report.rescore' }, { action: 'report.import', ip: '10.0.0.9', userId: null, target: null, detail: null }] });
    expect((await accounts.auditLog({ action: 'report' }, 1, 1)).items).toMatchObject([{ action: 'report', detail: { files: ['甲.pdf'] }, regionCode: '360500' }]);
  });

  it('answers the region of an agency after merges, and nothing for one that does not exist', async () => {
    const url = await engine.url();
    const store = await openStorage(url);
    const accounts = new Accounts(await open(url));
    const at = '2026-01-01 00:00:00';
    const kept = await store.insertAgency({ name: '新余市文广新旅局', kind: 'department', regionCode: '360500', level: 'city', createdAt: at });
    const merged = await store.insertAgency({ name: '新余市文化局', kind: 'department', regionCode: null, mergedInto: kept, createdAt: at });
    const none = await store.insertAgency({ name: '某局', kind: 'department', regionCode: null, createdAt: at });
    await store.close();
    expect(await accounts.agencyRegion(merged)).toBe('360500');
    expect(await accounts.agencyRegion(kept)).toBe('360500');
    expect(await accounts.agencyRegion(none)).toBeNull();
    expect(await accounts.agencyRegion(none + 1)).toBeUndefined();
    expect(await accounts.reportRegion(1)).toBeUndefined();
  });
});
