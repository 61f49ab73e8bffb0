/**
 * Hardening through the API: security headers, secrets kept out of logs, upload limits each refused
 * with a Chinese message, hostile documents that neither crash nor hang the server nor execute in
 * the browser, SQL-looking input, a kill -9 in the middle of an ingest, and the online backup.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import { Store } from '@nianbao/core';
import { DEFAULT_WEB_ROOT } from './app';
import { CONTENT_SECURITY_POLICY } from './plugins/security';
import type { IngestResponse, IngestResult } from '@nianbao/contract';
import { writeZip } from '@nianbao/extract/testing/zip-writer';
import { form, onSqlite, testApp, testDatabase, testGet } from './testing';

const SAMPLES = join(ROOT, 'data/samples');
const CORPUS = join(ROOT, '../shared/corpus');
const XINYU = readFileSync(join(SAMPLES, '004_52ba3b16510502cd.txt'));
const SHUYANG_HTML = readFileSync(join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html'));
const HUAIAN_PDF = readFileSync(join(CORPUS, 'huaian-shi-renminzhengfu_2024.pdf'));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const PASSWORD = 'hardening passphrase 9';
const CJK = /[\u4e00-\u9fff]/;

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-hard-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A pseudo-random generator with a fixed seed: the same junk every run. */
function junk(n: number, seed = 42): Buffer {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >>> 16;
  }
  return out;
}

let app: FastifyInstance;
const upload = async (files: { name: string; bytes: Uint8Array }[], target = app) => {
  const started = Date.now();
  const r = await target.inject({ method: 'POST', url: '/api/reports', ...form(files) });
  return { r, ms: Date.now() - started };
};
const results = (r: { body: string }) => (JSON.parse(r.body) as IngestResponse).results;

beforeAll(async () => {
  app = await testApp(await testDatabase(tempDir()), { webRoot: DEFAULT_WEB_ROOT });
});
afterAll(async () => {
  await app?.close();
});

describe('security headers', () => {
  it('are on every response: API, errors, 404s and dashboard files', async () => {
    const responses = [
      await app.inject('/api/health'),
      await app.inject('/api/rankings'),
      await app.inject('/api/reports/999999'),
      await app.inject('/api/nothing-here'),
      await app.inject('/'),
      await app.inject('/rankings/2019'),
      await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: '{"broken',
        headers: { 'content-type': 'application/json' },
      }),
    ];
    for (const r of responses) {
      const what = `${r.statusCode} ${r.body.slice(0, 80)}`;
      expect(r.headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options'], what).toBe('nosniff');
      expect(r.headers['x-frame-options'], what).toBe('DENY');
      expect(r.headers['referrer-policy'], what).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(responses[0]!.headers['cache-control']).toBe('no-store');
  });

  it('the dashboard page runs under that policy: no inline script', async () => {
    const page = await app.inject('/');
    if (page.statusCode !== 200 || !page.body.includes('<div id="root">')) return; // no build
    const inline = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attrs, body]) => !/\bsrc=/.test(attrs!) || body!.trim(),
    );
    expect(inline).toEqual([]);
  });
});

describe('no secrets in logs', () => {
  it('redacts passwords, cookies and tokens whatever gets logged', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await testApp(await testDatabase(tempDir(), 'log'), {
      webRoot: null,
      logger: { level: 'trace', stream },
    });
    try {
      await logged.accounts.create({ username: 'logged', password: PASSWORD, role: 'admin' });
      const ok = await logged.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'logged', password: PASSWORD },
      });
      const cookie = String([ok.headers['set-cookie']].flat()[0]).split(';')[0]!;
      const token = cookie.split('=')[1]!;
      await logged.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'logged', password: 'wrong ' + PASSWORD },
      });
      await logged.inject({
        url: '/api/rankings',
        headers: { cookie, authorization: 'Bearer abc-secret-token' },
      });
      await logged.inject({
        method: 'PUT',
        url: '/api/session/password',
        headers: { cookie },
        payload: { currentPassword: PASSWORD, newPassword: 'next ' + PASSWORD },
      });
      // what a careless route or plugin might log
      logged.log.info(
        {
          req: { headers: { cookie, authorization: 'Bearer abc-secret-token' } },
          body: { password: PASSWORD },
        },
        'request',
      );
      logged.log.info({ headers: { cookie }, password: PASSWORD, token }, 'careless');
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      expect(all).not.toContain(PASSWORD);
      expect(all).not.toContain(token);
      expect(all).not.toContain('abc-secret-token');
      expect(all).toContain('[已隐去]');
    } finally {
      await logged.close();
    }
  });
});

describe('upload limits, each refused with a Chinese message', () => {
  it('file size and files per batch', async () => {
    const small = await testApp(await testDatabase(tempDir(), 'limits'), {
      webRoot: null,
      maxFileSize: 2 ** 20,
      maxFiles: 3,
    });
    try {
      const big = await upload([{ name: 'big.txt', bytes: Buffer.alloc(2 ** 20 + 10, 0x61) }], small);
      expect(big.r.statusCode).toBe(413);
      expect(big.r.json().error.code).toBe('too-large');
      expect(big.r.json().error.message).toMatch(CJK);
      const many = await upload(
        Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.txt`, bytes: Buffer.from(`文件 ${i}`) })),
        small,
      );
      expect(many.r.statusCode).toBe(413);
      expect(many.r.json().error.code).toBe('too-many-files');
      expect(many.r.json().error.message).toMatch(CJK);
      expect((await small.inject('/api/health')).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('a truncated or malformed multipart body', async () => {
    const boundary = '----broken';
    for (const payload of [
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n政府信息公开`,
      'not multipart at all',
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/reports',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.message).toMatch(CJK);
    }
    const noBoundary = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.statusCode, noBoundary.body).toBe(400);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('zip entry count, expansion ratio, lying sizes, nesting depth and path traversal', async () => {
    const tooMany = writeZip(
      Array.from({ length: 5001 }, (_, i) => ({
        name: `空文件/${i}.txt`,
        data: new Uint8Array(0),
        stored: true,
      })),
    );
    const bomb = writeZip([{ name: 'bomb.txt', data: new Uint8Array(30 * 2 ** 20) }]);
    const liar = writeZip([{ name: 'liar.txt', data: new Uint8Array(8 * 2 ** 20), declaredSize: 1000 }]);
    const inner2 = writeZip([{ name: 'report.txt', data: XINYU }]);
    const inner1 = writeZip([{ name: 'level2.zip', data: inner2 }]);
    const nested = writeZip([{ name: 'level1.zip', data: inner1 }]);
    const traversal = writeZip([
      { name: '../../etc/cron.d/evil.txt', data: XINYU },
      { name: '/etc/passwd.txt', data: XINYU },
      { name: 'C:/Windows/evil.txt', data: XINYU },
      { name: 'ok/..\\..\\evil.txt', data: XINYU },
    ]);
    const cases: [string, Uint8Array, string][] = [
      ['too-many.zip', tooMany, 'too-large'],
      ['bomb.zip', bomb, 'zip-bomb'],
      ['liar.zip', liar, 'zip-bomb'],
      ['nested.zip', nested, 'too-deep'],
      ['traversal.zip', traversal, 'unsafe-path'],
    ];
    for (const [name, bytes, code] of cases) {
      const { r, ms } = await upload([{ name, bytes }]);
      expect(r.statusCode, name).toBe(200);
      const failed = results(r).filter((x) => x.status === 'failed');
      const refused = failed.filter((x) => x.error?.code === code);
      expect(refused.length, `${name}: ${JSON.stringify(failed.slice(0, 3))}`).toBeGreaterThan(0);
      for (const x of refused) expect(x.error!.message, name).toMatch(CJK);
      expect(ms, name).toBeLessThan(20_000);
    }
    // nothing escaped the archive
    expect(existsSync('/etc/cron.d/evil.txt')).toBe(false);
    expect(
      results((await upload([{ name: 'traversal.zip', bytes: traversal }])).r).every(
        (x) => x.status === 'failed',
      ),
    ).toBe(true);
  }, 60_000);
});

describe('hostile documents neither crash nor hang the server', () => {
  const zipOf = writeZip([
    { name: 'a.txt', data: XINYU },
    { name: 'b.html', data: SHUYANG_HTML },
  ]);
  const docx = (documentXml: string) =>
    writeZip([
      {
        name: '[Content_Types].xml',
        data: Buffer.from(
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
      },
      { name: 'word/document.xml', data: Buffer.from(documentXml) },
    ]);
  const nested = 100_000;
  const hostile: { name: string; bytes: () => Uint8Array }[] = [
    { name: 'truncated.zip', bytes: () => zipOf.subarray(0, Math.floor(zipOf.length / 2)) },
    { name: 'corrupt.docx', bytes: () => docx('<w:document><w:body><w:p><w:r><w:t>政府信息公开') },
    { name: 'garbage.docx', bytes: () => Buffer.concat([Buffer.from('PK\x03\x04'), junk(200_000, 7)]) },
    { name: 'corrupt.pdf', bytes: () => Buffer.concat([Buffer.from('%PDF-1.7\n'), junk(300_000, 3)]) },
    { name: 'truncated.pdf', bytes: () => HUAIAN_PDF.subarray(0, Math.floor(HUAIAN_PDF.length * 0.6)) },
    { name: 'junk.txt', bytes: () => junk(2 * 2 ** 20, 11) },
    {
      name: 'one-line.txt',
      bytes: () =>
        Buffer.from(
          '政府信息公开工作年度报告 收到申请 12 件 '.repeat(Math.ceil((50 * 2 ** 20) / 60)),
        ).subarray(0, 50 * 2 ** 20),
    },
    {
      name: 'nested.html',
      bytes: () =>
        Buffer.from(
          `<html><body>${'<div>'.repeat(nested)}政府信息公开${'</div>'.repeat(nested)}</body></html>`,
        ),
    },
    { name: 'unclosed.html', bytes: () => Buffer.from(`<html><body>${'<table><tr><td>'.repeat(20_000)}1`) },
  ];

  for (const h of hostile) {
    it(`${h.name}: a result, a bounded time, a server that still answers`, async () => {
      const { r, ms } = await upload([{ name: h.name, bytes: h.bytes() }]);
      expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
      const [first] = results(r);
      expect(first, r.body.slice(0, 300)).toBeTruthy();
      for (const x of results(r)) {
        if (x.status === 'failed') {
          expect(x.error!.code).not.toBe('internal');
          expect(x.error!.message).toMatch(CJK);
        }
      }
      // the one-line 50 MB file is the slow one: ~8 s alone, more on a busy machine
      expect(ms).toBeLessThan(60_000);
      expect((await app.inject('/api/health')).statusCode).toBe(200);
    }, 120_000);
  }

  it('<script> inside an HTML report: stored as text, served as JSON or as a download, never as a page', async () => {
    const evil = Buffer.from(
      SHUYANG_HTML.toString('utf8')
        .replace('<body', '<body onload="alert(1)"')
        .replace(
          '</body>',
          '<script>document.title="pwned";fetch("/api/users")</script><img src=x onerror="alert(2)"><iframe src="javascript:alert(3)"></iframe></body>',
        ),
    );
    const { r } = await upload([{ name: 'evil.html', bytes: evil }]);
    const [res] = results(r) as IngestResult[];
    expect(res!.status, JSON.stringify(res)).toMatch(/ingested|new-version/);
    const source = await app.inject(`/api/reports/${res!.reportId}/source`);
    expect(source.headers['content-type']).toMatch(/^application\/json/);
    const { text } = source.json() as { text: string };
    expect(text).not.toMatch(/<script|onerror|onload|<iframe|javascript:/i);
    expect(text).not.toContain('pwned');
    const raw = await app.inject(`/api/reports/${res!.reportId}/file`);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    expect(raw.headers['content-disposition']).toMatch(/^attachment;/);
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(raw.headers['content-security-policy']).toContain("script-src 'self'");
    const detail = await app.inject(`/api/reports/${res!.reportId}`);
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
  });

  it('SQL-looking input is only ever a value', async () => {
    for (const url of [
      '/api/rankings?q=%27%20or%201%3D1%20--',
      '/api/agencies?q=%25%27%3B%20drop%20table%20reports%3B%20--',
      '/api/rankings?q=%5C%25_',
      '/api/audit-log?action=x%27%20or%20%271%27%3D%271&actor=%27--',
    ]) {
      const r = await app.inject(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      expect(r.json().total ?? r.json().items.length, url).toBe(0);
    }
    expect((await app.inject('/api/rankings?region=36%27%20or%201%3D1')).statusCode).toBe(400);
    expect((await app.inject('/api/reports/1%20or%201=1')).statusCode).toBe(400);
    const reportsTable = onSqlite
      ? "select count(*) as n from sqlite_master where name = 'reports'"
      : "select count(*)::int as n from pg_tables where schemaname = current_schema() and tablename = 'reports'";
    expect(await testGet(app, reportsTable)).toEqual({ n: 1 });
  });
});

/** Every stored report is whole: its source, its cells, its findings matching its counts, one current version. */
function checkWhole(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const reports = db.prepare('select id, sha256, score, errors, warnings, infos from reports').all() as {
      id: number;
      sha256: string;
      score: number | null;
      errors: number;
      warnings: number;
      infos: number;
    }[];
    for (const r of reports) {
      expect(
        db.prepare('select 1 from sources where sha256 = ?').get(r.sha256),
        `report ${r.id} source`,
      ).toBeTruthy();
      expect(
        (db.prepare('select count(*) as n from report_cells where report_id = ? and length(data) > 0').get(r.id) as { n: number }).n,
        `report ${r.id} cells`,
      ).toBeGreaterThan(0);
      const bySeverity = Object.fromEntries(
        (
          db
            .prepare('select severity, count(*) as n from findings where report_id = ? group by severity')
            .all(r.id) as { severity: string; n: number }[]
        ).map((f) => [f.severity, f.n]),
      );
      expect(
        [bySeverity.error ?? 0, bySeverity.warning ?? 0, bySeverity.info ?? 0],
        `report ${r.id} findings`,
      ).toEqual([r.errors, r.warnings, r.infos]);
      expect(r.score, `report ${r.id} score`).not.toBeNull();
    }
    expect(
      db.prepare('select count(*) as n from report_cells where report_id not in (select id from reports)').get(),
    ).toEqual({ n: 0 });
    expect(
      db.prepare('select count(*) as n from findings where report_id not in (select id from reports)').get(),
    ).toEqual({ n: 0 });
    expect(
      db.prepare('select count(*) as n from sources where sha256 not in (select sha256 from reports)').get(),
    ).toEqual({ n: 0 });
    expect(
      db
        .prepare(
          'select agency_id, year, count(*) as n from reports where current = 1 group by agency_id, year having n > 1',
        )
        .all(),
    ).toEqual([]);
    return reports.length;
  } finally {
    db.close();
  }
}

/** Distinct reports: the 新余 sample under other agency names of the same city (新余市测试一二局 …). */
const cn = (i: number) => [...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
const variants = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `variant-${i}.txt`,
    bytes: Buffer.from(XINYU.toString('utf8').replaceAll('新余市文广新旅局', `新余市测试${cn(i)}局`)),
  }));

/**
 * Ingests `files` into the store at `target` (a SQLite path or a postgres:// url) in a child process
 * and kills it with SIGKILL once `committed()` counts at least five reports; answers that count.
 */
async function killMidIngest(dir: string, target: string, files: { name: string; bytes: Buffer }[], committed: () => number | Promise<number>): Promise<number> {
  const inputs = join(dir, 'inputs');
  const script = join(dir, 'ingest-child.mts');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
     import { Store } from ${JSON.stringify(join(ROOT, 'packages/core/src/index.ts'))};
     import { openStorage } from ${JSON.stringify(join(ROOT, 'packages/db/src/pg/index.ts'))};
     const files = JSON.parse(readFileSync(${JSON.stringify(inputs)}, 'utf8')) as { name: string; text: string }[];
     const store = new Store({ storage: await openStorage(${JSON.stringify(target)}) });
     await store.ingest(files.map((f) => ({ name: f.name, bytes: Buffer.from(f.text) })));
     process.stdout.write('done\\n');`,
  );
  writeFileSync(inputs, JSON.stringify(files.map((f) => ({ name: f.name, text: f.bytes.toString('utf8') }))));
  // node itself with tsx's loader (not the tsx CLI, which would leave its node child running)
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += String(c)));
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      gone = true;
      resolve(signal ? -1 : code);
    }),
  );
  // wait until some reports are committed, then pull the plug
  const deadline = Date.now() + 60_000;
  let n = 0;
  while (Date.now() < deadline && !gone) {
    await new Promise((r) => setTimeout(r, 50));
    n = await committed();
    if (n >= 5) break;
  }
  expect(n, stderr).toBeGreaterThanOrEqual(5);
  child.kill('SIGKILL');
  expect(await exited).toBe(-1);
  return n;
}

// both read the SQLite file itself (its journal after a kill -9, the backup command's copy of it)
describe.skipIf(!onSqlite)('crash safety and backup', () => {
  it('kill -9 in the middle of an ingest leaves no half report, and the next start is clean', async () => {
    const dir = tempDir();
    const path = join(dir, 'crash.db');
    const files = variants(60);
    const committed = await killMidIngest(dir, path, files, () => {
      if (!existsSync(path)) return 0;
      try {
        const db = new Database(path, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('select count(*) as n from reports').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not migrated yet
      }
    });

    const survived = checkWhole(path);
    expect(survived).toBeGreaterThanOrEqual(committed);
    expect(survived).toBeLessThan(files.length);

    // the next start: the store opens, knows what was committed (files go in order), takes new ones
    const store = new Store({ path });
    const next = files.slice(0, survived + 3);
    try {
      const again = await store.ingest(next);
      expect(again.filter((r) => r.status === 'failed')).toEqual([]);
      expect(again.map((r) => r.status)).toEqual([
        ...Array(survived).fill('unchanged'),
        'ingested',
        'ingested',
        'ingested',
      ]);
      expect((await store.queries.counts()).reports).toBe(next.length);
    } finally {
      await store.close();
    }
    expect(checkWhole(path)).toBe(next.length);
  }, 120_000);

  it('backup copies the live database while it is being written', async () => {
    const dir = tempDir();
    const path = join(dir, 'live.db');
    const target = join(dir, 'backup', 'copy.db');
    const store = new Store({ path });
    try {
      await store.ingest(variants(20));
      const before = (await store.queries.counts()).reports;
      const child = spawn(TSX, [join(ROOT, 'apps/cli/src/main.ts'), 'backup', target, '--db', path], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += String(c)));
      child.stderr.on('data', (c) => (out += String(c)));
      const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // keep writing while the backup runs
      let extra = 0;
      let finished = false;
      void done.then(() => (finished = true));
      const more = variants(60).slice(20);
      for (const f of more) {
        if (finished) break;
        await store.ingest([f]);
        extra++;
      }
      expect(await done, out).toBe(0);
      expect(out).toContain('已备份数据库');
      const copied = checkWhole(target);
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(before + extra);
      expect(existsSync(`${target}-wal`)).toBe(false);
      // the copy opens as a store
      const restored = new Store({ path: target });
      expect((await restored.queries.counts()).reports).toBe(copied);
      restored.close();
      // an existing target is not overwritten without --force
      const again = spawnSync(TSX, [join(ROOT, 'apps/cli/src/main.ts'), 'backup', target, '--db', path], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('已存在');
    } finally {
      await store.close();
    }
  }, 120_000);
});

/** The same wholeness on PostgreSQL (no file to check: the rows as the server keeps them). */
async function checkWholePg(url: string): Promise<number> {
  const { pgQuery } = await import('@nianbao/db/pg/test-server');
  const n = async (statement: string, params: unknown[] = []) =>
    (await pgQuery<{ n: number }>(url, `select count(*)::int as n from (${statement}) q`, params))[0]!.n;
  const reports = await pgQuery<{ id: number; sha256: string; score: number | null; errors: number; warnings: number; infos: number }>(
    url,
    'select id, sha256, score, errors, warnings, infos from reports',
  );
  for (const r of reports) {
    expect(await n('select 1 from sources where sha256 = $1', [r.sha256]), `report ${r.id} source`).toBe(1);
    expect(await n('select 1 from report_cells where report_id = $1 and octet_length(data) > 0', [r.id]), `report ${r.id} cells`).toBeGreaterThan(0);
    const bySeverity = Object.fromEntries(
      (await pgQuery<{ severity: string; n: number }>(url, 'select severity, count(*)::int as n from findings where report_id = $1 group by severity', [r.id])).map(
        (f) => [f.severity, f.n],
      ),
    );
    expect([bySeverity.error ?? 0, bySeverity.warning ?? 0, bySeverity.info ?? 0], `report ${r.id} findings`).toEqual([r.errors, r.warnings, r.infos]);
    expect(r.score, `report ${r.id} score`).not.toBeNull();
  }
  expect(await n('select 1 from report_cells where report_id not in (select id from reports)')).toBe(0);
  expect(await n('select 1 from findings where report_id not in (select id from reports)')).toBe(0);
  expect(await n('select 1 from sources where sha256 not in (select sha256 from reports)')).toBe(0);
  expect(await n('select agency_id, year from reports where current group by agency_id, year having count(*) > 1')).toBe(0);
  return reports.length;
}

// the SQLite run's kill -9 test above reads the file; on PostgreSQL the server keeps the rows
describe.skipIf(onSqlite)('crash safety on PostgreSQL', () => {
  it('kill -9 in the middle of an ingest leaves no half report, and the next start is clean', async () => {
    const dir = tempDir();
    const url = await testDatabase(dir);
    const files = variants(60);
    const { pgQuery } = await import('@nianbao/db/pg/test-server');
    const committed = await killMidIngest(dir, url, files, async () => (await pgQuery<{ n: number }>(url, 'select count(*)::int as n from reports'))[0]!.n);

    const survived = await checkWholePg(url);
    expect(survived).toBeGreaterThanOrEqual(committed);
    expect(survived).toBeLessThan(files.length);

    // the next start: the store opens, knows what was committed (files go in order), takes new ones
    const { openStorage } = await import('@nianbao/db/pg');
    const store = new Store({ storage: await openStorage(url) });
    const next = files.slice(0, survived + 3);
    try {
      const again = await store.ingest(next);
      expect(again.filter((r) => r.status === 'failed')).toEqual([]);
      expect(again.map((r) => r.status)).toEqual([...Array(survived).fill('unchanged'), 'ingested', 'ingested', 'ingested']);
      expect((await store.queries.counts()).reports).toBe(next.length);
    } finally {
      await store.close();
    }
    expect(await checkWholePg(url)).toBe(next.length);
  }, 120_000);
});
