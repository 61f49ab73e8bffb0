/**
 * The API's accounts kept on each engine (`buildApp({ accounts })`): on PostgreSQL, two API servers on
 * one database share sessions, login budgets and the audit log, whatever store holds the reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { Accounts } from '@nianbao/core';
import { openAccounts } from '@nianbao/db/pg';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import { buildApp } from './app';

const PASSWORD = 'correct horse 1';
const engines = storageEngines();
const dirs: string[] = [];
const closing: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const c of closing.splice(0)) await c.close();
  for (const e of engines) await e.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-accounts-'));
  dirs.push(dir);
  return join(dir, 'nianbao.db');
};

describe.each(engines)('the API’s accounts on $name', (engine) => {
  it('two servers share sessions, login budgets and the audit log', async () => {
    const url = await engine.url();
    const server = async (): Promise<FastifyInstance> => {
      const accounts = await openAccounts(url);
      // on SQLite the accounts are the store's own file; on PostgreSQL the reports stay in a SQLite file of each server's
      const app = await buildApp({ databasePath: engine.name === 'sqlite' ? url : tempDb(), accounts, webRoot: null, loginLimit: { max: 2 } });
      closing.push(app, accounts);
      return app;
    };
    const [a, b] = [await server(), await server()];
    const admin = await new Accounts(a.accounts.storage).create({ username: 'admin', password: PASSWORD, role: 'admin' });
    if (!admin.ok) throw new Error(admin.message);
    const login = (app: FastifyInstance, password: string, ip = '10.0.0.1') =>
      app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password }, remoteAddress: ip });

    const ok = await login(a, PASSWORD);
    expect(ok.statusCode).toBe(200);
    const cookie = [ok.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
    const seen = await b.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(seen.json()).toMatchObject({ mode: 'session', role: 'admin', user: { username: 'admin' } });

    // two wrong passwords, one through each server, spend the budget of this login and address on both
    expect((await login(a, 'wrong password 1')).json()).toEqual({ error: { code: 'invalid-credentials', message: '用户名或密码错误' } });
    expect((await login(b, 'wrong password 2')).statusCode).toBe(401);
    const refused = await login(a, PASSWORD);
    expect([refused.statusCode, refused.json().error.code]).toEqual([429, 'rate-limited']);
    // until the first wrong password leaves the 15-minute window (a few seconds of this test gone by)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(15 * 60 - 30);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await login(b, PASSWORD, '10.0.0.2')).statusCode).toBe(200);

    const log = await a.accounts.auditLog({ action: 'session' });
    expect(log.items.map((e) => [e.action, e.actor, e.ip])).toEqual([
      ['session.login', 'admin', '10.0.0.2'],
      ['session.login-failed', '匿名', '10.0.0.1'],
      ['session.login-failed', '匿名', '10.0.0.1'],
      ['session.login', 'admin', '10.0.0.1'],
    ]);
    await b.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect((await a.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });
});
