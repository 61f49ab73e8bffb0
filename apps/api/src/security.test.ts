/**
 * The attacks of issue 16, each reproduced through the API: login limits bypassed (concurrency, a
 * login spelled differently, many addresses, a flood starving real logins), a region-scoped reviewer
 * taking over agencies without a region or rescoring other regions' reports, CSRF from another
 * loopback port, zip inflation on the event loop, CSV formulas, and the smaller holes (long
 * fingerprints, unbounded numbers, the parts limit, impossible dates, Fastify's own English errors,
 * the trusted proxy).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import { Store } from '@nianbao/core';
import type { AppOptions } from './app';
import type { IngestResponse, ReportDetail } from '@nianbao/contract';
import { compressibleZip, form, onSqlite, testApp, testDatabase, testSql, testStore } from './testing';

const CORPUS = join(ROOT, '../shared/corpus');
const SAMPLES = join(ROOT, 'data/samples');
const XINYU = readFileSync(join(SAMPLES, '004_52ba3b16510502cd.txt'), 'utf8'); // 360500 新余市
const SHUYANG = readFileSync(join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html'), 'utf8'); // 321322 沭阳县
const PASSWORD = 'correct horse 1';

const dirs: string[] = [];
const apps: FastifyInstance[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
async function newApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
  dirs.push(dir);
  const app = await testApp(await testDatabase(dir), { webRoot: null, ...options });
  apps.push(app);
  return app;
}
const cookieOf = (r: { headers: Record<string, unknown> }) =>
  String([r.headers['set-cookie']].flat()[0] ?? '').split(';')[0]!;
const login = (app: FastifyInstance, username: string, password: string, remoteAddress = '127.0.0.1', headers = {}) =>
  app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress, headers });
async function userCookie(app: FastifyInstance, username: string, role: 'admin' | 'reviewer' | 'viewer', region: string | null = null) {
  const c = await app.accounts.create({ username, password: PASSWORD, role, regionCode: region });
  expect(c.ok).toBe(true);
  const r = await login(app, username, PASSWORD, '10.9.9.9');
  expect(r.statusCode, r.body).toBe(200);
  return cookieOf(r);
}
const upload = (app: FastifyInstance, files: { name: string; bytes: Uint8Array }[], cookie?: string, fields: Record<string, string> = {}) => {
  const f = form(files, fields);
  return app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: { ...f.headers, ...(cookie ? { cookie } : {}) } });
};

describe('1. the login limit', () => {
  it('counts attempts: 200 concurrent wrong passwords from one address get 429 beyond the limit', async () => {
    const app = await newApp();
    await app.accounts.create({ username: 'bf0', password: PASSWORD, role: 'viewer' });
    const all = await Promise.all(Array.from({ length: 200 }, (_, i) => login(app, 'bf0', `guess number ${i}`, '10.1.0.1')));
    const codes = all.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(195);
    expect(all.find((r) => r.statusCode === 429)!.json().error.code).toBe('rate-limited');
  }, 60_000);

  it('keys the limit by the login as the account lookup reads it (spaces, fullwidth)', async () => {
    const app = await newApp();
    await app.accounts.create({ username: 'bf1', password: PASSWORD, role: 'viewer' });
    for (let i = 0; i < 5; i++) expect((await login(app, 'bf1', `wrong ${i}`, '10.1.0.2')).statusCode).toBe(401);
    for (const spelling of ['bf1', ' bf1', 'bf1 ', 'ｂｆ１']) {
      const r = await login(app, spelling, PASSWORD, '10.1.0.2');
      expect(r.statusCode, JSON.stringify(spelling)).toBe(429);
      expect(r.json().error.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);
    }
  }, 60_000);

  it('limits guesses at one account across addresses', async () => {
    const app = await newApp();
    await app.accounts.create({ username: 'bf2', password: PASSWORD, role: 'viewer' });
    const codes: number[] = [];
    for (let a = 0; a < 30; a++)
      for (let i = 0; i < 5; i++) codes.push((await login(app, 'bf2', `wrong ${a}.${i}`, `127.0.${a}.1`)).statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(20);
    expect(codes.filter((c) => c === 429)).toHaveLength(130);
    // the account's own budget: a new address is refused too until the window passes
    expect((await login(app, 'bf2', PASSWORD, '127.0.99.1')).statusCode).toBe(429);
  }, 120_000);

  it('a flood of bogus logins does not starve a real one (the hashing queue is bounded)', async () => {
    const app = await newApp({ loginLimit: { maxPerIp: 1000 } });
    await app.accounts.create({ username: 'real', password: PASSWORD, role: 'viewer' });
    // warm the dummy hash the unknown names are checked against; a login alone, for comparison
    expect((await login(app, 'nobody', 'x', '10.2.0.1')).statusCode).toBe(401);
    let started = Date.now();
    expect((await login(app, 'real', PASSWORD, '10.3.0.2')).statusCode).toBe(200);
    const alone = Date.now() - started;
    let checked = 0;
    const flood = Array.from({ length: 120 }, (_, i) =>
      login(app, `bogus${i}`, 'wrong password', `10.2.${i % 4}.9`).then((r) => {
        if (r.statusCode === 401) checked++;
        return r;
      }),
    );
    // under way: the flood's first passwords have been checked
    while (checked < 2) await new Promise((r) => setTimeout(r, 10));
    started = Date.now();
    const real = await login(app, 'real', PASSWORD, '10.3.0.1');
    const ms = Date.now() - started;
    expect(real.statusCode, real.body).toBe(200);
    // under 1 s on a quiet machine (a login alone ≈ 0.1 s); on a saturated shared one a login alone
    // may take most of a second, and it shares the cores with the hash of the flood then under way
    expect(ms, `alone ${alone} ms`).toBeLessThan(Math.max(1000, 4 * alone));
    const codes = (await Promise.all(flood)).map((r) => r.statusCode);
    expect(codes.every((c) => c === 401 || c === 503)).toBe(true);
    expect(codes.filter((c) => c === 503).length).toBeGreaterThan(80);
  }, 120_000);
});

describe('2. an agency without a region', () => {
  it('is not moved into a region-scoped reviewer’s region by their upload', async () => {
    const app = await newApp();
    const first = await upload(app, [{ name: 'xinyu.txt', bytes: Buffer.from(XINYU) }]);
    const agencyId = (first.json() as IngestResponse).results[0]!.agency!.id;
    // an agency the office has not placed yet
    await testSql(app, 'update agencies set region_code = null, level = null where id = ?', agencyId);
    const cookie = await userCookie(app, 'xinyu-reviewer', 'reviewer', '3605');
    const r = await upload(app, [{ name: 'xinyu-v2.txt', bytes: Buffer.from(XINYU + '\n') }], cookie);
    expect(r.statusCode, r.body).toBe(200);
    const [res] = (r.json() as IngestResponse).results;
    expect(res!.status).toBe('failed');
    expect(res!.error).toEqual({ code: 'out-of-scope', message: 'xinyu-v2.txt：报告所属机关不在您的地区范围（3605）内，不能导入' });
    expect(await app.accounts.agencyRegion(agencyId)).toBeNull();
    expect((await app.inject({ url: `/api/agencies/${agencyId}`, headers: { cookie } })).statusCode).toBe(404);
    // an administrator's upload may still place it
    const admin = await userCookie(app, 'boss', 'admin');
    const placed = await upload(app, [{ name: 'xinyu-v2.txt', bytes: Buffer.from(XINYU + '\n') }], admin);
    expect((placed.json() as IngestResponse).results[0]!.status).toBe('new-version');
    expect(await app.accounts.agencyRegion(agencyId)).toBe('360500');
  }, 60_000);
});

describe('3. a copy uploaded in one region', () => {
  it('does not rescore the original of another region; the import is logged for both regions', async () => {
    const app = await newApp();
    const original = await upload(app, [{ name: 'shuyang.html', bytes: Buffer.from(SHUYANG) }]);
    const shuyangId = (original.json() as IngestResponse).results[0]!.reportId!;
    const before = (await app.inject(`/api/reports/${shuyangId}`)).json() as ReportDetail;
    expect(before.findings.map((f) => f.rule)).not.toContain('originality.copied-across-agencies');
    const cookie = await userCookie(app, 'huaian-reviewer', 'reviewer', '3208');
    const jiangsu = await userCookie(app, 'suqian-admin', 'admin', '3213');
    const copy = SHUYANG.replaceAll('沭阳县发展和改革局', '淮安市淮阴区发展和改革局').replaceAll('沭阳县发改局', '淮阴区发改局');
    const r = await upload(app, [{ name: 'huaiyin.html', bytes: Buffer.from(copy) }], cookie);
    const [res] = (r.json() as IngestResponse).results;
    expect(res!.status).toBe('ingested');
    const copied = (await app.inject({ url: `/api/reports/${res!.reportId}`, headers: { cookie } })).json() as ReportDetail;
    expect(copied.findings.map((f) => f.rule)).toContain('originality.copied-across-agencies');
    // the other region's report keeps its findings and score
    const after = (await app.inject({ url: `/api/reports/${shuyangId}`, headers: { cookie: jiangsu } })).json() as ReportDetail;
    expect(after.score).toEqual(before.score);
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));
    // the other region's administrator sees that a report of theirs was copied
    const log = (await app.inject({ url: '/api/audit-log?action=report.copied-from', headers: { cookie: jiangsu } })).json() as {
      items: { action: string; target: string; regionCode: string }[];
    };
    expect(log.items.map((e) => [e.action, e.target, e.regionCode])).toEqual([['report.copied-from', `report:${shuyangId}`, '321322']]);
  }, 60_000);
});

describe('4. CSRF', () => {
  it('checks Origin against the server’s own origin exactly, in local mode too', async () => {
    const app = await newApp();
    const body = form([{ name: 'xinyu.txt', bytes: Buffer.from(XINYU) }]);
    for (const origin of ['http://127.0.0.1:4300', 'http://127.0.0.1:9999', 'http://localhost:8080', 'http://[::1]:1', 'https://127.0.0.1:3000']) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: { origin, host: '127.0.0.1:3000', ...body.headers },
        payload: body.payload,
      });
      expect(r.statusCode, origin).toBe(403);
      expect(r.json().error.code).toBe('cross-origin');
    }
    expect(await app.store.isEmpty()).toBe(true);
    const same = await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', ...body.headers },
      payload: body.payload,
    });
    expect(same.statusCode).toBe(200);
  });
});

describe('5. zip archives', () => {
  it('six 99 MB entries do not freeze /api/health; each is refused from its declared size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
    dirs.push(dir);
    const database = await testDatabase(dir, 'zip');
    const store = await testStore(database, { workers: 1 });
    const app = await testApp(database, { store, webRoot: null });
    apps.push(app);
    app.addHook('onClose', async () => store.close());
    const bomb = compressibleZip(6, 99 * 2 ** 20);
    expect(bomb.length).toBeLessThan(8 * 2 ** 20);
    const pending = upload(app, [{ name: 'bomb.zip', bytes: bomb }]);
    const { waits, stalls } = await healthWhile(app, pending);
    const r = await pending;
    expect(r.statusCode, r.body).toBe(200);
    const results = (r.json() as IngestResponse).results;
    expect(results.map((x) => [x.status, x.error?.code])).toEqual(Array.from({ length: 6 }, () => ['failed', 'too-large']));
    expect(results[0]!.error!.message).toBe('bomb.zip 中的「report-0.txt」解压后 99 MB，超过文本和网页文件 20 MB 的上限，已跳过');
    // the proof is the thread's delay: inflating one entry on it stalled it 0.77 s, six would stall
    // it seconds; reading the 8 MB upload is its own work (0.22 s of delay seen at a load of 12 on
    // two cores). The upload is refused within a second, so only one to three health answers are
    // timed, and their wait is the database's (a second PostgreSQL connection started under load:
    // 0.83 s seen), not the thread's
    expect(waits.length).toBeGreaterThan(0);
    expect(stalls).toBeLessThan(500);
  }, 60_000);

  it('entries that pass the declared-size checks are inflated in a worker, not on the API’s thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
    dirs.push(dir);
    const database = await testDatabase(dir, 'zip');
    const store = await testStore(database, { workers: 1 });
    const app = await testApp(database, { store, webRoot: null });
    apps.push(app);
    app.addHook('onClose', async () => store.close());
    const pending = upload(app, [{ name: 'words.zip', bytes: compressibleZip(3, 99 * 2 ** 20, '.docx') }]);
    const { waits, stalls } = await healthWhile(app, pending);
    const results = ((await pending).json() as IngestResponse).results;
    // inflated (99 MB each), then read as Word files: which they are not
    expect(results.map((x) => x.error)).toEqual(
      [0, 1, 2].map((i) => ({ code: 'corrupt', message: `words.zip/report-${i}.docx：Word 文件（.docx）已损坏或不完整，无法打开` })),
    );
    waits.sort((a, b) => a - b);
    // inflating the three on this thread stalled it 0.77 s at once (alone, under load); now the
    // worst stall is the busy machine's (0.2–0.3 s while the whole suite runs on two cores)
    expect(waits[Math.floor(waits.length * 0.95)], `waits ${waits.slice(-5)}`).toBeLessThan(250);
    expect(stalls).toBeLessThan(500);
  }, 120_000);

  it('a junk .zip gets an accurate Chinese message', async () => {
    const app = await newApp();
    const r = await upload(app, [{ name: 'reports.zip', bytes: Buffer.from('这不是压缩包，只是一段文字。'.repeat(20)) }]);
    expect((r.json() as IngestResponse).results.map((x) => x.error)).toEqual([
      { code: 'corrupt', message: 'reports.zip：不是有效的 zip 压缩包（文件已损坏，或扩展名有误）' },
    ]);
  });
});

/** /api/health asked again and again until `pending` settles: each answer's time, and the event loop's longest stall (ms). */
async function healthWhile(app: FastifyInstance, pending: Promise<unknown>) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  void pending.then(() => (done = true));
  const waits: number[] = [];
  while (!done) {
    const t = Date.now();
    expect((await app.inject('/api/health')).statusCode).toBe(200);
    waits.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  loop.disable();
  waits.sort((a, b) => a - b);
  return { waits, stalls: loop.max / 1e6 };
}

describe('6. CSV export', () => {
  it('neutralises cells that a spreadsheet would run as a formula', async () => {
    const app = await newApp();
    const names = ['=HYPERLINK("http://evil.example","点击")', '+SUM(1)', '-2+3', '@cmd', '\t=2', '\r=3'];
    for (const [i, agency] of names.entries()) {
      const bytes = Buffer.from(XINYU.replaceAll('新余市文广新旅局', `新余市第${'一二三四五六'[i]}局`));
      const r = await upload(app, [{ name: `f${i}.txt`, bytes }], undefined, { agency });
      expect((r.json() as IngestResponse).results[0]!.status, r.body).toBe('ingested');
    }
    const csv = (await app.inject('/api/rankings/export?format=csv&year=2019')).body;
    const cells = csv.split('\r\n').slice(1, -1).map((line) => line.split(',')[1]);
    expect(cells.sort()).toEqual(
      ["\"'=HYPERLINK(\"\"http://evil.example\"\"", "'+SUM(1)", "'-2+3", "'@cmd", "'\t=2", "\"'\r=3\""].sort(),
    );
    // numbers stay numbers: a negative change is not a formula
    expect(csv).not.toMatch(/,'-?\d+(\.\d+)?,/);
  });
});

describe('8. smaller holes', () => {
  it('a finding fingerprint over 100 characters can be reviewed (path and body)', async () => {
    const app = await newApp();
    // 沭阳's blank cells of table 三 give a fingerprint of 107 characters
    const r = await upload(app, [{ name: 'shuyang.html', bytes: Buffer.from(SHUYANG) }]);
    const id = (r.json() as IngestResponse).results[0]!.reportId!;
    const long = 'table.cell-blank:t3.newReceived..t3.carriedForward:commercial,research,publicInterest,legalService,otherOrg';
    expect(long.length).toBeGreaterThan(100);
    const byPath = await app.inject({
      method: 'POST',
      url: `/api/reports/${id}/findings/${encodeURIComponent(long)}/review`,
      payload: { decision: 'dismiss', reason: '已核实' },
    });
    expect(byPath.statusCode, byPath.body).toBe(200);
    const byBody = await app.inject({
      method: 'POST',
      url: `/api/reports/${id}/reviews`,
      payload: { fingerprint: long, decision: 'confirm', reason: '确有问题' },
    });
    expect(byBody.statusCode, byBody.body).toBe(200);
    const detail = byBody.json() as ReportDetail;
    expect(detail.findings.find((f) => f.fingerprint === long)!.review).toMatchObject({ decision: 'confirm', reason: '确有问题' });
    const revoke = await app.inject({ method: 'DELETE', url: `/api/reports/${id}/reviews`, payload: { fingerprint: long } });
    expect(revoke.statusCode, revoke.body).toBe(200);
  });

  it('numeric query parameters are bounded: 400, not 500', async () => {
    const app = await newApp();
    for (const url of ['/api/rankings?page=1e308', '/api/agencies?page=1e308', '/api/audit-log?page=1e308', '/api/rankings?pageSize=1e308', '/api/reports/1e308']) {
      const r = await app.inject(url);
      expect(r.statusCode, `${url} ${r.body}`).toBe(400);
      expect(r.json().error.code).toBe('invalid-request');
    }
  });

  it('1,001 files in one request are under the stated limit of 5,000', async () => {
    const app = await newApp();
    const files = Array.from({ length: 1001 }, (_, i) => ({ name: `e${i}.txt`, bytes: Buffer.from(`空 ${i}`) }));
    const r = await upload(app, files);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect((r.json() as IngestResponse).results).toHaveLength(1001);
  }, 120_000);

  it('an impossible publication date is refused', async () => {
    const app = await newApp();
    const r = await upload(app, [{ name: 'xinyu.txt', bytes: Buffer.from(XINYU) }], undefined, { published: '2025-13-45' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'invalid-request', message: '请求体无效：发布日期不存在：2025-13-45' } });
    expect(await app.store.isEmpty()).toBe(true);
  });

  it('Fastify’s own errors answer in the API’s Chinese shape, before authentication too', async () => {
    const app = await newApp({ host: '0.0.0.0' });
    const badUrl = await app.inject('/api/reports/%E0%A4%A');
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toEqual({ error: { code: 'invalid-request', message: '请求地址无效（编码不正确）' } });
    const long = await app.inject(`/api/reports/${'1'.repeat(5000)}`);
    expect(long.statusCode).toBe(414);
    expect(long.json()).toEqual({ error: { code: 'too-large', message: '请求地址过长' } });
  });

  it('TRUST_PROXY: forwarded headers count only from the trusted proxy', async () => {
    const app = await newApp({ trustProxy: '127.0.0.1', loginLimit: { maxPerIp: 2 } });
    await app.accounts.create({ username: 'p1', password: PASSWORD, role: 'viewer' });
    // a TLS proxy on the same machine, passing the request on to 127.0.0.1
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5', host: '127.0.0.1:3000' };
    const viaProxy = await login(app, 'p1', PASSWORD, '127.0.0.1', proxied);
    expect(viaProxy.statusCode).toBe(200);
    expect([viaProxy.headers['set-cookie']].flat()[0]).toContain('; Secure');
    expect((await app.accounts.auditLog({ action: 'session.login' })).items[0]!.ip).toBe('203.0.113.5');
    // each client behind the proxy has its own budget
    for (let i = 0; i < 2; i++) expect((await login(app, `ghost${i}`, 'wrong', '127.0.0.1', { 'x-forwarded-for': '203.0.113.6' })).statusCode).toBe(401);
    expect((await login(app, 'ghost9', 'wrong', '127.0.0.1', { 'x-forwarded-for': '203.0.113.6' })).statusCode).toBe(429);
    expect((await login(app, 'ghost9', 'wrong', '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).statusCode).toBe(401);
    // from anywhere else the header is ignored: the address is the socket's
    const direct = await newApp({ loginLimit: { maxPerIp: 2 } });
    await direct.accounts.create({ username: 'p1', password: PASSWORD, role: 'viewer' });
    const spoofed = await login(direct, 'p1', PASSWORD, '127.0.0.1', proxied);
    expect([spoofed.headers['set-cookie']].flat()[0]).not.toContain('Secure');
    for (let i = 0; i < 2; i++) expect((await login(direct, `ghost${i}`, 'wrong', '10.0.0.1', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode).toBe(401);
    expect((await login(direct, 'ghost9', 'wrong', '10.0.0.1', { 'x-forwarded-for': '198.51.100.77' })).statusCode).toBe(429);
  });
});

// the backup command copies the SQLite file (on PostgreSQL backups are the database server's, and it refuses)
describe.skipIf(!onSqlite)('7. backup', () => {
  const TSX = join(ROOT, 'node_modules/.bin/tsx');
  const run = (args: string[]) => {
    const child = spawn(TSX, [join(ROOT, 'apps/cli/src/main.ts'), 'backup', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += String(c)));
    child.stderr.on('data', (c) => (out += String(c)));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exit, out: () => out };
  };

  it('finishes while another connection keeps writing, and leaves no partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
    dirs.push(dir);
    const path = join(dir, 'live.db');
    const store = new Store({ path });
    await store.ingest([{ name: 'xinyu.txt', bytes: Buffer.from(XINYU) }, { name: 'shuyang.html', bytes: Buffer.from(SHUYANG) }]);
    await store.close();
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table if not exists scratch (x blob)');
    const insert = writer.prepare('insert into scratch (x) values (?)');
    for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(2048, i)); // some 4 MB: many backup steps
    const target = join(dir, 'copy.db');
    const backup = run([target, '--db', path]);
    let finished = false;
    void backup.exit.then(() => (finished = true));
    const deadline = Date.now() + 45_000;
    let writes = 0;
    // writing all along, until the backup is done (or the deadline)
    while (!finished && Date.now() < deadline) {
      insert.run(Buffer.alloc(2048, writes++));
      await new Promise((r) => setImmediate(r));
    }
    writer.close();
    expect(finished, backup.out()).toBe(true);
    expect(await backup.exit, backup.out()).toBe(0);
    expect(writes).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('select count(*) as n from reports').get() as { n: number }).n).toBe(2);
    copy.close();
  }, 90_000);

  it('an interrupted backup removes its partial file; one left by a killed backup goes next time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-sec-'));
    dirs.push(dir);
    const path = join(dir, 'live.db');
    const store = new Store({ path });
    await store.ingest([{ name: 'xinyu.txt', bytes: Buffer.from(XINYU) }]);
    await store.close();
    const target = join(dir, 'copy.db');
    const stale = `${target}.partial-999999999`;
    writeFileSync(stale, 'left by kill -9');
    writeFileSync(`${stale}-journal`, '');
    const backup = run([target, '--db', path]);
    // interrupted as soon as its partial file appears (or whenever it is: no partial may remain)
    const started = Date.now();
    while (Date.now() - started < 20_000 && !readdirSync(dir).some((f) => f.startsWith('copy.db.partial-') && !f.startsWith('copy.db.partial-999999999'))) {
      if ((await Promise.race([backup.exit, new Promise((r) => setTimeout(() => r('wait'), 5))])) !== 'wait') break;
    }
    backup.child.kill('SIGTERM');
    const code = await backup.exit;
    expect([0, 143, null]).toContain(code);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  }, 60_000);
});
