/**
 * Accounts, sessions, roles and region scope through the HTTP routes: single-user local mode, login
 * (cookie flags, rate limit, expiry, logout), each role on every route, a city user kept to its city
 * in every list, export and by-id route, and the audit log.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, type Role } from '@nianbao/db';
import type { AuditLogResponse, SessionResponse, UserInfo } from '@nianbao/contract';
import type {
  AgenciesResponse,
  IngestResponse,
  OverviewResponse,
  RankingsResponse,
  RegionsResponse,
  TrendsResponse,
  YearsResponse,
} from '@nianbao/contract';
import { form, onSqlite, testApp, testDatabase, testSql } from './testing';

const SAMPLES = join(ROOT, 'data/samples');
const CORPUS = join(ROOT, '../shared/corpus');
const file = (dir: string, name: string) => ({ name, bytes: readFileSync(join(dir, name)) });
const HUAIAN = file(CORPUS, 'huaian-shi-renminzhengfu_2024.layout.txt'); // 320800 淮安市
const SHUYANG = file(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html'); // 321322 宿迁市沭阳县
const SHANGHAI = file(CORPUS, 'shanghai-shi-kexue-jishu-weiyuanhui_2024.md'); // 310000 上海市
const XINYU = file(SAMPLES, '004_52ba3b16510502cd.txt'); // 360500 新余市
const PASSWORD = 'correct horse 1';

const tmp: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-auth-'));
  tmp.push(dir);
  return testDatabase(dir);
};
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const sessionCookie = (setCookie: string | string[] | undefined) => {
  const line = [setCookie ?? []].flat()[0] ?? '';
  return line.split(';')[0]!;
};

let app: FastifyInstance;
const ids = {
  huaianReport: 0,
  shuyangReport: 0,
  shanghaiReport: 0,
  huaianAgency: 0,
  shuyangAgency: 0,
  xinyuAgency: 0,
};
const cookies: Record<string, string> = {};

async function login(
  username: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
  remoteAddress?: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    headers,
    remoteAddress,
  });
}
const as = (who: string | null) => ({
  get: (url: string) => app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} }),
  send: (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: who ? { cookie: cookies[who]! } : {},
      payload: payload as Record<string, unknown>,
    }),
  upload: (files: { name: string; bytes: Uint8Array }[]) => {
    const f = form(files);
    return app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: f.payload,
      headers: { ...f.headers, ...(who ? { cookie: cookies[who]! } : {}) },
    });
  },
});

const USERS: { name: string; role: Role; region: string | null }[] = [
  { name: 'admin', role: 'admin', region: null },
  { name: 'reviewer', role: 'reviewer', region: null },
  { name: 'viewer', role: 'viewer', region: null },
  { name: 'huaian-viewer', role: 'viewer', region: '3208' },
  { name: 'suqian-reviewer', role: 'reviewer', region: '3213' },
  { name: 'jiangsu-admin', role: 'admin', region: '32' },
];

beforeAll(async () => {
  app = await testApp(await tempDb(), {
    webRoot: null,
    loginLimit: { max: 3, maxPerIp: 1000, windowMs: 60_000 },
  });
  // imported in local mode, before any account exists
  const r = await app.inject({
    method: 'POST',
    url: '/api/reports',
    ...form([HUAIAN, SHUYANG, SHANGHAI, XINYU]),
  });
  expect(r.statusCode, r.body).toBe(200);
  const results = (r.json() as IngestResponse).results;
  expect(results.map((x) => x.status)).toEqual(['ingested', 'ingested', 'ingested', 'ingested']);
  const [h, s, sh, x] = results;
  Object.assign(ids, {
    huaianReport: h!.reportId,
    shuyangReport: s!.reportId,
    shanghaiReport: sh!.reportId,
    huaianAgency: h!.agency!.id,
    shuyangAgency: s!.agency!.id,
    xinyuAgency: x!.agency!.id,
  });
  for (const u of USERS) {
    const c = await app.accounts.create({
      username: u.name,
      password: PASSWORD,
      role: u.role,
      regionCode: u.region,
    });
    expect(c.ok).toBe(true);
    const res = await login(u.name);
    expect(res.statusCode, res.body).toBe(200);
    cookies[u.name] = sessionCookie(res.headers['set-cookie']);
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('single-user local mode', () => {
  it('is open on loopback with no account, and the session route says so', async () => {
    const local = await testApp(await tempDb(), { webRoot: null });
    try {
      const s = await local.inject('/api/session');
      expect(s.statusCode).toBe(200);
      expect(s.json()).toEqual({ mode: 'local', user: null, role: 'admin', region: null });
      expect((await local.inject('/api/rankings')).statusCode).toBe(200);
      expect((await local.inject('/api/users')).statusCode).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('ends as soon as an account exists, on a real 127.0.0.1 server', async () => {
    const local = await testApp(await tempDb(), { webRoot: null });
    try {
      await local.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(local.server.address() as { port: number }).port}`;
      expect(await (await fetch(`${base}/api/session`)).json()).toMatchObject({ mode: 'local' });
      expect((await fetch(`${base}/api/rankings`)).status).toBe(200);
      await local.accounts.create({ username: 'first', password: PASSWORD, role: 'admin' });
      const r = await fetch(`${base}/api/rankings`);
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } });
      expect((await fetch(`${base}/api/session`)).status).toBe(401);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('refuses pages of other sites: cross-site requests and DNS rebinding', async () => {
    const local = await testApp(await tempDb(), { webRoot: null });
    try {
      const body = form([XINYU]);
      const csrf = await local.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { origin: 'https://evil.example', ...body.headers },
        payload: body.payload,
      });
      expect(csrf.statusCode).toBe(403);
      expect(csrf.json().error.code).toBe('cross-origin');
      const fetchMeta = await local.inject({
        method: 'POST',
        url: '/api/agencies/1/merge',
        headers: { 'sec-fetch-site': 'cross-site' },
        payload: { from: 2 },
      });
      expect(fetchMeta.statusCode).toBe(403);
      expect(await local.store.isEmpty()).toBe(true);
      // another loopback port is another site (issue 16: a page on 127.0.0.1:4300 imported as admin);
      // the dashboard's dev server rewrites Origin when it proxies, and its own origin passes
      const dev = await local.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { origin: 'http://127.0.0.1:5173', host: '127.0.0.1:3000', ...body.headers },
        payload: body.payload,
      });
      expect(dev.statusCode).toBe(403);
      const own = await local.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', ...body.headers },
        payload: body.payload,
      });
      expect(own.statusCode).toBe(200);
      const rebound = await local.inject({
        url: '/api/rankings',
        headers: { host: 'attacker.example:3000' },
      });
      expect(rebound.statusCode).toBe(401);
      expect(
        (await local.inject({ url: '/api/rankings', headers: { host: 'localhost:3000' } })).statusCode,
      ).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('never applies off loopback, even without an account', async () => {
    const open = await testApp(await tempDb(), { webRoot: null, host: '0.0.0.0' });
    try {
      for (const url of [
        '/api/session',
        '/api/rankings',
        '/api/overview',
        '/api/reports/1',
        '/api/users',
        '/api/nonexistent',
      ]) {
        const r = await open.inject(url);
        expect(r.statusCode, url).toBe(401);
        expect(r.json().error.code).toBe('unauthenticated');
      }
      expect((await open.inject('/api/health')).statusCode).toBe(200);
      const upload = await open.inject({ method: 'POST', url: '/api/reports', ...form([XINYU]) });
      expect(upload.statusCode).toBe(401);
      expect(await open.store.isEmpty()).toBe(true);
    } finally {
      await open.close();
    }
  });
});

describe('login, logout and the session cookie', () => {
  it('answers who is logged in', async () => {
    const r = await as('huaian-viewer').get('/api/session');
    expect(r.statusCode).toBe(200);
    const body = r.json() as SessionResponse;
    expect(body).toMatchObject({
      mode: 'session',
      role: 'viewer',
      region: { code: '3208' },
      user: { username: 'huaian-viewer', role: 'viewer' },
    });
    expect(body.mode === 'session' && body.region?.name).toContain('淮安');
  });

  it('sets an httpOnly SameSite=Strict cookie, Secure off localhost', async () => {
    const local = await login('viewer', PASSWORD, { host: '127.0.0.1:3000' });
    const line = [local.headers['set-cookie']].flat()[0]!;
    expect(line).toMatch(/^nianbao_session=[\w-]{40,};/);
    expect(line).toContain('HttpOnly');
    expect(line).toContain('SameSite=Strict');
    expect(line).toContain('Path=/');
    expect(line).toMatch(/Max-Age=\d+/);
    expect(line).not.toContain('Secure');
    const remote = await login('viewer', PASSWORD, { host: 'nianbao.example.gov.cn' });
    expect([remote.headers['set-cookie']].flat()[0]).toContain('; Secure');
  });

  it('refuses a wrong password or an unknown user alike, with a Chinese message', async () => {
    for (const r of [await login('viewer', 'wrong password'), await login('nobody-here', PASSWORD)]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual({ error: { code: 'invalid-credentials', message: '用户名或密码错误' } });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
  });

  it('rate-limits failed logins per user name and address', async () => {
    await app.accounts.create({ username: 'target', password: PASSWORD, role: 'viewer' });
    for (let i = 0; i < 3; i++)
      expect((await login('target', 'guess ' + i, {}, '10.0.0.7')).statusCode).toBe(401);
    const blocked = await login('target', PASSWORD, {}, '10.0.0.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate-limited');
    expect(blocked.json().error.message).toMatch(/登录失败次数过多，请 \d+ 分钟后再试/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // another address, or another user from the same address, is not blocked
    expect((await login('target', PASSWORD, {}, '10.0.0.8')).statusCode).toBe(200);
    expect((await login('viewer', PASSWORD, {}, '10.0.0.7')).statusCode).toBe(200);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const cookie = sessionCookie((await login('viewer')).headers['set-cookie']);
    expect((await app.inject({ url: '/api/rankings', headers: { cookie } })).statusCode).toBe(200);
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect([out.headers['set-cookie']].flat()[0]).toMatch(/^nianbao_session=; .*Max-Age=0/);
    const after = await app.inject({ url: '/api/rankings', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: { code: 'unauthenticated', message: '登录已过期，请重新登录' } });
  });

  it('expires sessions, and ends them when the user is disabled or changes password', async () => {
    const cookie = sessionCookie((await login('viewer')).headers['set-cookie']);
    await testSql(app, "update sessions set expires_at = '2000-01-01T00:00:00.000Z'");
    expect((await app.inject({ url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
    // everyone's sessions expired: log the fixtures in again
    for (const u of USERS) cookies[u.name] = sessionCookie((await login(u.name)).headers['set-cookie']);

    await app.accounts.create({ username: 'leaver', password: PASSWORD, role: 'reviewer' });
    const leaver = sessionCookie((await login('leaver')).headers['set-cookie']);
    const leaverId = (await app.accounts.byName('leaver'))!.id;
    expect((await as('admin').send('PATCH', `/api/users/${leaverId}`, { disabled: true })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ url: '/api/session', headers: { cookie: leaver } })).statusCode).toBe(401);
    expect((await login('leaver')).statusCode).toBe(401);

    await app.accounts.create({ username: 'changer', password: PASSWORD, role: 'viewer' });
    const first = sessionCookie((await login('changer')).headers['set-cookie']);
    const second = sessionCookie((await login('changer')).headers['set-cookie']);
    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: { cookie: first },
      payload: { currentPassword: 'nope nope', newPassword: 'another secret 2' },
    });
    expect(wrong.statusCode).toBe(401);
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: { cookie: first },
      payload: { currentPassword: PASSWORD, newPassword: 'another secret 2' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const renewed = sessionCookie(changed.headers['set-cookie']);
    expect((await app.inject({ url: '/api/session', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/session', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/session', headers: { cookie: renewed } })).statusCode).toBe(200);
    expect((await login('changer', 'another secret 2')).statusCode).toBe(200);
  });

  it('rejects weak passwords and keeps the last administrator', async () => {
    const weak = await as('admin').send('POST', '/api/users', {
      username: 'weak',
      password: 'short',
      role: 'viewer',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码至少需要 8 个字符');
    const solo = await testApp(await tempDb(), { webRoot: null });
    try {
      const only = await solo.accounts.create({ username: 'only', password: PASSWORD, role: 'admin' });
      expect(only.ok).toBe(true);
      const cookie = sessionCookie(
        (
          await solo.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: 'only', password: PASSWORD },
          })
        ).headers['set-cookie'],
      );
      const id = only.ok ? only.value.id : 0;
      for (const [method, payload] of [
        ['PATCH', { role: 'viewer' }],
        ['PATCH', { disabled: true }],
        ['DELETE', undefined],
      ] as const) {
        const r = await solo.inject({ method, url: `/api/users/${id}`, headers: { cookie }, payload });
        expect(r.statusCode).toBe(409);
        expect(r.json().error.code).toBe('last-admin');
      }
    } finally {
      await solo.close();
    }
  });
});

describe('the users command', () => {
  it('adds an account with the password from standard input, never a default one', async () => {
    const db = await tempDb();
    const cli = (args: string[], input: string) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), 'users', ...args, onSqlite ? '--db' : '--database-url', db],
        {
          cwd: ROOT,
          input,
          encoding: 'utf8',
        },
      );
    const empty = cli(['add', 'clerk', '--role', 'viewer'], '');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('密码至少需要 8 个字符');
    const added = cli(['add', 'clerk', '--role', 'viewer', '--region', '3208'], 'clerk passphrase\n');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('已创建用户“clerk”');
    const other = await testApp(db, { webRoot: null });
    try {
      const r = await other.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'clerk', password: 'clerk passphrase' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ mode: 'session', role: 'viewer', region: { code: '3208' } });
      expect((await other.accounts.auditLog({ action: 'user' })).items[0]).toMatchObject({
        action: 'user.create',
        actor: expect.stringMatching(/^cli/),
      });
    } finally {
      await other.close();
    }
  }, 60_000);
});

describe('roles on every route', () => {
  it('classifies every API route (access and region scope)', () => {
    const unclassified = app.apiRoutes.filter(
      (r) => !r.url.startsWith('/api/docs') && r.policy.scope === 'unknown',
    );
    expect(unclassified.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(app.apiRoutes.length).toBeGreaterThan(15);
  });

  it('declares a role and a region scope on every API route; only health, login and logout are open', () => {
    // app.apiRoutes is filled by an onRoute hook: every route registered, as it declared itself
    const undeclared = app.apiRoutes
      .filter((r) => !r.declared.access || !r.declared.scope)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    expect(app.apiRoutes.filter((r) => r.declared.access === 'public').map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/health',
      'POST /api/session',
      'DELETE /api/session',
    ]);
    expect(app.apiRoutes.filter((r) => r.url.startsWith('/api/docs')).map((r) => r.policy)).toContainEqual({
      access: 'viewer',
      scope: 'none',
    });
  });

  it('declared in each route: reviews to reviewers, other changes to administrators; none undeclared', async () => {
    const policy = (method: string, url: string) =>
      app.apiRoutes.find((r) => r.method === method && r.url === url)?.policy;
    expect(policy('POST', '/api/reports/:id/findings/:fingerprint/review')).toEqual({
      access: 'reviewer',
      scope: 'report',
    });
    expect(policy('DELETE', '/api/reports/:id/reviews')).toEqual({ access: 'reviewer', scope: 'report' });
    expect(policy('POST', '/api/reviews')).toEqual({ access: 'reviewer', scope: 'route' });
    expect(policy('GET', '/api/findings')).toEqual({ access: 'viewer', scope: 'query' });
    expect(policy('POST', '/api/agencies/:id/merge')).toEqual({ access: 'admin', scope: 'agency' });
    expect(policy('PUT', '/api/office-settings')).toEqual({ access: 'admin', scope: 'none' });
    expect(policy('GET', '/api/health')).toEqual({ access: 'public', scope: 'none' });
    const reviews = app.apiRoutes.filter((r) => /review/.test(r.url));
    expect(reviews.length).toBe(5);
    expect(new Set(reviews.map((r) => r.policy.access))).toEqual(new Set(['reviewer']));
    // HEAD answers as GET does
    expect((await app.inject({ method: 'HEAD', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/api/rankings' })).statusCode).toBe(401);
    // a request for no route: reads need a session, changes an administrator, then 404
    expect((await as(null).get('/api/something-new')).statusCode).toBe(401);
    expect((await as('viewer').get('/api/something-new')).statusCode).toBe(404);
    const put = await as('viewer').send('PUT', '/api/rubric', {});
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('forbidden');
    expect((await as('admin').send('PUT', '/api/rubric', {})).statusCode).toBe(404);
    // a route that declares no role, or no region scope, stops the server from starting
    const bare = await testApp(await tempDb(), { webRoot: null });
    bare.put('/api/rubric', async () => ({}));
    bare.get('/api/something-new', { onRequest: bare.requireRole('viewer') }, async () => ({}));
    try {
      await expect(bare.ready()).rejects.toThrow(
        'API routes without a declared guard: PUT /api/rubric（onRequest: app.requireRole(…)）; GET /api/something-new（preHandler: app.regionScope(…)）',
      );
    } finally {
      await bare.store.close();
    }
  });

  it('answers 401 without a session, 403 below the role, and lets the role through', async () => {
    const RANK = { viewer: 1, reviewer: 2, admin: 3 } as const;
    const concrete = (url: string) =>
      url
        .replace(/^\/api\/reports\/:id/, `/api/reports/${ids.huaianReport}`)
        .replace(/^\/api\/agencies\/:id/, `/api/agencies/${ids.huaianAgency}`)
        .replace(/^\/api\/users\/:id/, '/api/users/999999')
        .replace(/:id/g, '1')
        .replace(/\*$/, '');
    const checked: string[] = [];
    for (const route of app.apiRoutes) {
      if (route.url.startsWith('/api/docs') || (route.method === 'DELETE' && route.url === '/api/session'))
        continue;
      const url = concrete(route.url);
      for (const who of [null, 'viewer', 'reviewer', 'admin'] as const) {
        const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        // bodies that pass the role check but fail validation or find nothing: nothing changes
        const payload =
          method === 'GET' || method === 'DELETE' ? undefined : method === 'PATCH' ? { bogus: 1 } : {};
        const r = method === 'GET' ? await as(who).get(url) : await as(who).send(method, url, payload);
        const role = who ? USERS.find((u) => u.name === who)!.role : null;
        const what = `${route.method} ${route.url} as ${who ?? 'anonymous'}: ${r.statusCode} ${r.body.slice(0, 200)}`;
        if (route.policy.access === 'public') expect([401, 403], what).not.toContain(r.statusCode);
        else if (!role) {
          expect(r.statusCode, what).toBe(401);
          expect(r.json().error.code, what).toBe('unauthenticated');
        } else if (RANK[role] < RANK[route.policy.access]) {
          expect(r.statusCode, what).toBe(403);
          expect(r.json().error.code, what).toBe('forbidden');
          expect(r.json().error.message, what).toMatch(/^没有权限/);
        } else expect([401, 403], what).not.toContain(r.statusCode);
        expect(r.statusCode, what).toBeLessThan(500);
      }
      checked.push(`${route.method} ${route.url}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /api/reports',
        'GET /api/reports/:id',
        'GET /api/users',
        'GET /api/audit-log',
        'POST /api/agencies/:id/merge',
      ]),
    );
  }, 60_000);

  it('a viewer cannot import; a reviewer can', async () => {
    const denied = await as('viewer').upload([{ name: 'x.txt', bytes: Buffer.from('x') }]);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({
      error: { code: 'forbidden', message: '没有权限：此操作需要审核员权限（当前为查看者）' },
    });
    const allowed = await as('reviewer').upload([XINYU]);
    expect(allowed.statusCode).toBe(200);
    expect((allowed.json() as IngestResponse).results[0]!.status).toBe('unchanged');
  });

  it('reviewers review findings; viewers cannot; a city user cannot review another city', async () => {
    const report = (await as('admin').get(`/api/reports/${ids.shuyangReport}`)).json() as {
      findings: { fingerprint?: string | null }[];
    };
    const fingerprint = report.findings.find((f) => f.fingerprint)?.fingerprint;
    expect(fingerprint).toBeTruthy();
    const url = `/api/reports/${ids.shuyangReport}/findings/${encodeURIComponent(fingerprint!)}/review`;
    const body = { decision: 'confirm', reason: '核实无误' };
    expect((await as('viewer').send('POST', url, body)).statusCode).toBe(403);
    expect((await as('huaian-viewer').send('POST', url, body)).statusCode).toBe(403);
    expect((await as('suqian-reviewer').send('POST', url, body)).statusCode).toBe(200);
    const huaianUrl = `/api/reports/${ids.huaianReport}/findings/${encodeURIComponent(fingerprint!)}/review`;
    expect((await as('suqian-reviewer').send('POST', huaianUrl, body)).statusCode).toBe(404);
    expect((await as('reviewer').send('DELETE', url)).statusCode).toBe(200);
    const log = (await app.accounts.auditLog({ action: 'finding' })).items;
    expect(log.map((e) => [e.action, e.actor, e.target])).toEqual([
      ['finding.review-revoked', 'reviewer', `report:${ids.shuyangReport}`],
      ['finding.review', 'suqian-reviewer', `report:${ids.shuyangReport}`],
    ]);
    expect(log[1]!.regionCode).toBe('321322');
    expect(log[1]!.detail).toMatchObject({ body: { decision: 'confirm', reason: '核实无误' } });
  });

  it('only administrators manage users, merge agencies and read the audit log', async () => {
    for (const who of ['viewer', 'reviewer']) {
      expect((await as(who).get('/api/users')).statusCode).toBe(403);
      expect((await as(who).get('/api/audit-log')).statusCode).toBe(403);
      expect(
        (await as(who).send('POST', `/api/agencies/${ids.xinyuAgency}/aliases`, { alias: '新余文旅' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await as(who).send('POST', `/api/agencies/${ids.huaianAgency}/merge`, { from: ids.xinyuAgency }))
          .statusCode,
      ).toBe(403);
    }
    const alias = await as('admin').send('POST', `/api/agencies/${ids.xinyuAgency}/aliases`, {
      alias: '新余市文化广电新闻出版旅游局',
    });
    expect(alias.statusCode, alias.body).toBe(200);
    const created = await as('admin').send('POST', '/api/users', {
      username: '审核员甲',
      password: 'a long passphrase',
      role: 'reviewer',
      region: '3213',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      username: '审核员甲',
      role: 'reviewer',
      region: { code: '3213' },
      disabled: false,
    });
    const list = (await as('admin').get('/api/users')).json() as { items: UserInfo[] };
    expect(list.items.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'huaian-viewer', '审核员甲']),
    );
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });
});

describe('region scope', () => {
  const hv = () => as('huaian-viewer');

  it('hides reports and agencies of other regions by id (404, as if absent)', async () => {
    for (const path of ['', '/source', '/file']) {
      expect((await hv().get(`/api/reports/${ids.huaianReport}${path}`)).statusCode).toBe(200);
      const other = await hv().get(`/api/reports/${ids.shuyangReport}${path}`);
      expect(other.statusCode).toBe(404);
      expect(other.json()).toEqual({
        error: { code: 'not-found', message: `未找到编号为 ${ids.shuyangReport} 的报告` },
      });
      expect((await hv().get(`/api/reports/${ids.shanghaiReport}${path}`)).statusCode).toBe(404);
    }
    expect((await hv().get(`/api/agencies/${ids.huaianAgency}`)).statusCode).toBe(200);
    expect((await hv().get(`/api/agencies/${ids.shuyangAgency}`)).statusCode).toBe(404);
    // the unscoped viewer sees both
    expect((await as('viewer').get(`/api/reports/${ids.shuyangReport}`)).statusCode).toBe(200);
  });

  it('keeps every list, aggregate and export to the subtree', async () => {
    const r2024 = (await hv().get('/api/rankings?year=2024')).json() as RankingsResponse;
    expect(r2024.items.map((i) => i.agency.name)).toEqual(['淮安市人民政府']);
    expect(((await hv().get('/api/rankings?year=2023')).json() as RankingsResponse).total).toBe(0);
    expect(
      ((await hv().get('/api/rankings?year=2024&region=32')).json() as RankingsResponse).items.map(
        (i) => i.reportId,
      ),
    ).toEqual([ids.huaianReport]);
    const outside = await hv().get('/api/rankings?region=3213');
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('out-of-scope');
    expect((await hv().get('/api/overview?region=31')).statusCode).toBe(403);

    const csv = (await hv().get('/api/rankings/export?format=csv&year=2024')).body;
    expect(csv).toContain('淮安市人民政府');
    expect(csv).not.toContain('上海');
    const all = (await as('viewer').get('/api/rankings/export?format=csv&year=2024')).body;
    expect(all).toContain('上海');

    const agencies = (await hv().get('/api/agencies?pageSize=100')).json() as AgenciesResponse;
    expect(agencies.items.length).toBeGreaterThan(0);
    expect(agencies.items.every((a) => a.region?.code.startsWith('3208'))).toBe(true);

    const overview = (await hv().get('/api/overview?year=2024')).json() as OverviewResponse;
    expect(overview.reports).toBe(1);
    const trends = (await hv().get('/api/trends')).json() as TrendsResponse;
    expect(trends.items.map((t) => [t.year, t.reports])).toEqual([[2024, 1]]);
    const years = (await hv().get('/api/years')).json() as YearsResponse;
    expect(years.items.map((y) => y.year)).toEqual([2024]);

    const regions = (await hv().get('/api/regions')).json() as RegionsResponse;
    const codes = JSON.stringify(regions);
    expect(codes).toContain('320800');
    expect(codes).not.toContain('321322');
    expect(codes).not.toContain('310000');
    expect(codes).not.toContain('360500');
  });

  it('a county-level reviewer imports only for its own subtree', async () => {
    const sr = as('suqian-reviewer');
    const before = (await app.store.queries.counts()).reports;
    const foreign = await sr.upload([
      { name: 'huaian-v2.layout.txt', bytes: Buffer.concat([HUAIAN.bytes, Buffer.from('\n\n')]) },
    ]);
    expect(foreign.statusCode).toBe(200);
    const [refused] = (foreign.json() as IngestResponse).results;
    expect(refused).toMatchObject({ status: 'failed', reportId: null, error: { code: 'out-of-scope' } });
    expect(refused!.error!.message).toMatch(/地区/);
    const own = await sr.upload([
      { name: 'shuyang-v2.html', bytes: Buffer.concat([SHUYANG.bytes, Buffer.from('\n<!-- 更正 -->\n')]) },
    ]);
    expect((own.json() as IngestResponse).results[0]!.status).toBe('new-version');
    expect((await app.store.queries.counts()).reports).toBe(before);
    // an already stored file of another region is not revealed either
    const again = (await sr.upload([SHANGHAI])).json() as IngestResponse;
    expect(again.results[0]).toMatchObject({ status: 'failed', reportId: null, agency: null });
  });

  it('a province administrator manages only its own users and agencies', async () => {
    const ja = as('jiangsu-admin');
    const users = (await ja.get('/api/users')).json() as { items: UserInfo[] };
    expect(users.items.map((u) => u.username).sort()).toEqual(
      expect.arrayContaining(['huaian-viewer', 'jiangsu-admin', 'suqian-reviewer']),
    );
    expect(users.items.some((u) => !u.region)).toBe(false);
    expect(
      (await ja.send('POST', '/api/users', { username: 'anyone', password: PASSWORD, role: 'viewer' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await ja.send('POST', '/api/users', {
          username: 'jiangxi',
          password: PASSWORD,
          role: 'viewer',
          region: '36',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ja.send('POST', '/api/users', {
          username: 'suzhou',
          password: PASSWORD,
          role: 'viewer',
          region: '3205',
        })
      ).statusCode,
    ).toBe(201);
    const adminId = (await app.accounts.byName('admin'))!.id;
    expect((await ja.send('PATCH', `/api/users/${adminId}`, { role: 'viewer' })).statusCode).toBe(404);
    expect(
      (await ja.send('POST', `/api/agencies/${ids.huaianAgency}/merge`, { from: ids.xinyuAgency }))
        .statusCode,
    ).toBe(404);
    expect(
      (await ja.send('POST', `/api/agencies/${ids.xinyuAgency}/aliases`, { alias: '新余某局' })).statusCode,
    ).toBe(404);
    const log = (await ja.get('/api/audit-log?pageSize=500')).json() as AuditLogResponse;
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((e) => e.regionCode?.startsWith('32'))).toBe(true);
  });
});

describe('audit log', () => {
  it('records who imported, changed and logged in, without secrets', async () => {
    const log = (await as('admin').get('/api/audit-log?pageSize=500')).json() as AuditLogResponse;
    const actions = new Set(log.items.map((e) => e.action));
    for (const a of [
      'report.import',
      'session.login',
      'session.login-failed',
      'session.logout',
      'agency.alias',
      'user.create',
      'user.update',
    ]) {
      expect(actions, a).toContain(a);
    }
    const localImport = log.items.find(
      (e) => e.action === 'report.import' && e.actor === '本机（单用户模式）',
    );
    expect(localImport?.detail).toMatchObject({
      files: expect.arrayContaining([
        expect.objectContaining({ status: 'ingested', reportId: ids.huaianReport }),
      ]),
    });
    const reviewerImport = log.items.find(
      (e) => e.action === 'report.import' && e.actor === 'suqian-reviewer',
    );
    expect(reviewerImport).toBeTruthy();
    const alias = log.items.find((e) => e.action === 'agency.alias')!;
    expect(alias).toMatchObject({
      actor: 'admin',
      target: `agency:${ids.xinyuAgency}`,
      regionCode: '360500',
    });
    expect(log.items[0]!.id).toBeGreaterThan(log.items[log.items.length - 1]!.id);
    const text = JSON.stringify(log);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('another secret 2');
    expect(text).not.toContain('a long passphrase');
    expect(text).not.toContain(cookies.admin!.split('=')[1]!);

    const sessions = (await as('admin').get('/api/audit-log?action=session')).json() as AuditLogResponse;
    expect(sessions.items.length).toBeGreaterThan(0);
    expect(sessions.items.every((e) => e.action.startsWith('session.'))).toBe(true);
  });
});
