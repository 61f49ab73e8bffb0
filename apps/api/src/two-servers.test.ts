/**
 * Two API servers on one database (issue 18, item 3), as behind a load balancer: two apps on the
 * same SQLite file or PostgreSQL database (testing.ts), each with its own connection or pools. What one does, the other sees at once: a session
 * made on A is valid on B and a logout on B ends it on A; failed logins count against one budget
 * across both; an upload or a review on A changes B's next rankings and overview answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import type { IngestResponse, OverviewResponse, RankingsResponse } from '@nianbao/contract';
import { form, testApp, testDatabase } from './testing';

const NANKAI = { name: '000.txt', bytes: readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt')) };
const XINYU = { name: '004.txt', bytes: readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt')) };
const MISMATCH = 'narrative.table-mismatch:newReceived';
const PASSWORD = 'correct horse 1';
const LIMIT = { max: 3, maxPerIp: 1000, windowMs: 60_000 };

let dir: string;
let a: FastifyInstance;
let b: FastifyInstance;

const login = (app: FastifyInstance, username: string, password: string, remoteAddress = '10.1.1.1') =>
  app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress });
const cookieOf = (r: { headers: Record<string, unknown> }) => String([r.headers['set-cookie']].flat()[0]).split(';')[0]!;
const get = async <T>(app: FastifyInstance, url: string, cookie: string): Promise<T> => {
  const r = await app.inject({ url, headers: { cookie } });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const upload = async (app: FastifyInstance, cookie: string, file: { name: string; bytes: Uint8Array }) => {
  const f = form([file]);
  const r = await app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: { ...f.headers, cookie } });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as IngestResponse).results[0]!;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-two-'));
  const database = await testDatabase(dir);
  a = await testApp(database, { webRoot: null, loginLimit: LIMIT });
  b = await testApp(database, { webRoot: null, loginLimit: LIMIT });
  for (const [username, role] of [['admin', 'admin'], ['guessed', 'viewer']] as const) {
    const r = await a.accounts.create({ username, password: PASSWORD, role });
    expect(r.ok).toBe(true);
  }
});
afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two API servers on one database', () => {
  it('a login on A is valid on B; a logout on B ends it on A', async () => {
    const r = await login(a, 'admin', PASSWORD);
    expect(r.statusCode, r.body).toBe(200);
    const cookie = cookieOf(r);
    expect((await get<{ user: { username: string } }>(b, '/api/session', cookie)).user.username).toBe('admin');
    const out = await b.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await a.inject({ url: '/api/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toMatchObject({ code: 'unauthenticated', message: '登录已过期，请重新登录' });
  });

  it('counts failed logins across A and B against one budget, and a success on one gives its attempt back on both', async () => {
    expect((await login(a, 'guessed', 'wrong 1')).statusCode).toBe(401);
    expect((await login(b, 'guessed', 'wrong 2')).statusCode).toBe(401);
    // the third attempt of the window succeeds: it is given back, and this address's failures forgotten
    expect((await login(a, 'guessed', PASSWORD)).statusCode).toBe(200);
    const first = Date.now();
    for (const [app, n] of [[b, 1], [a, 2], [b, 3]] as const)
      expect((await login(app, 'guessed', `wrong ${n}`)).statusCode, `failure ${n}`).toBe(401);
    const blocked = await login(a, 'guessed', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate-limited');
    // until the first of the three leaves the window (a minute)
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(60 - (Date.now() - first) / 1000));
    expect((await login(b, 'guessed', PASSWORD)).statusCode).toBe(429);
    // another address has its own budget for this login
    expect((await login(b, 'guessed', PASSWORD, '10.1.1.2')).statusCode).toBe(200);
  });

  it('an upload or a review on A changes the rankings and the overview B answers next', async () => {
    const cookie = cookieOf(await login(a, 'admin', PASSWORD, '10.9.9.9'));
    const nankai = (await upload(a, cookie, NANKAI)).reportId!;
    const overview = () => get<OverviewResponse>(b, '/api/overview?year=2019', cookie);
    const ranking = async () =>
      (await get<RankingsResponse>(b, '/api/rankings?year=2019', cookie)).items.map((i) => [i.agency.name, i.score]);
    expect(await ranking()).toEqual([['南开区文化和旅游局', 53.9]]);
    expect(await overview()).toMatchObject({ year: 2019, reports: 1, averageScore: 53.9 });

    await upload(a, cookie, XINYU);
    expect(await ranking()).toEqual([
      ['新余市文广新旅局', 100],
      ['南开区文化和旅游局', 53.9],
    ]);
    expect(await overview()).toMatchObject({ reports: 2, averageScore: 76.95 });

    const review = await a.inject({
      method: 'POST',
      url: `/api/reports/${nankai}/findings/${encodeURIComponent(MISMATCH)}/review`,
      payload: { decision: 'dismiss', reason: '正文所述为上年结转的申请，不属本年新收' },
      headers: { cookie },
    });
    expect(review.statusCode, review.body).toBe(200);
    expect(await ranking()).toEqual([
      ['新余市文广新旅局', 100],
      ['南开区文化和旅游局', 58.9],
    ]);
    expect(await overview()).toMatchObject({ reports: 2, averageScore: 79.45 });
  });
});
