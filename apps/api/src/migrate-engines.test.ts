/**
 * A migrated store answers the same on every route (issue 18): a SQLite store holding the seeds, the
 * corpus, the demo province and the office's own data (accounts, audit log, roster, a filing, deadlines,
 * settings, an alias, a review decision, a cell correction and a rectification case, all made through
 * the API) is copied with `migrateTo` into a throwaway PostgreSQL database; then an app over each
 * answers every GET route of the API (collected from the app itself, so a new route is compared
 * without being listed here) with the same status, headers and body.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@nianbao/core';
import { ROOT } from '@nianbao/db';
import { migrateTo, openAccounts, openStorage } from '@nianbao/db/pg';
import { pgAvailable, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import type { AgenciesResponse, FindingsResponse, IngestResponse } from '@nianbao/contract';
import { buildApp, ingestDemo } from './index';
import { corpusFiles, form, seedFiles } from './testing';

const files = [...seedFiles(), ...corpusFiles()];
const PAGE_PNG = readFileSync(join(ROOT, 'packages/extract/fixtures/scanned/generated-p2.png'));
const ADMIN = { username: '省政务公开办', password: 'a long enough admin passphrase' };
const REVIEWER = { username: '江西审核员', password: 'a long enough reviewer passphrase' };

/** The GET routes of an app, as Fastify prints its tree: one segment per line, indented four columns a level. */
export function getRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[└├]── (.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]!.split(', ').includes('GET')) out.push(stack.join(''));
  }
  return out;
}

/**
 * The parts of a zipped document (XLSX, DOCX) as text, but the moments it was made at: docProps/core.xml
 * (its creation time) and a sheet's 导出时间 (a date and time to the second, which a second's tick between
 * the two servers' answers would change); dates without a time are kept.
 */
const zipParts = (bytes: Buffer) =>
  Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(bytes)))
      .filter(([name]) => name !== 'docProps/core.xml')
      .map(([name, b]) => [name, Buffer.from(b).toString('utf8').replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/g, '…')]),
  );

/** What a response says, comparable across the two servers. */
function answer(r: LightMyRequestResponse) {
  const type = String(r.headers['content-type'] ?? '');
  const headers = { type, disposition: r.headers['content-disposition'] ?? null };
  if (type.startsWith('application/json')) return { status: r.statusCode, headers, body: r.json() as unknown };
  // generated spreadsheets and letters carry the moment they were made (zipParts): the rest compared
  if (/spreadsheetml|wordprocessingml/.test(type)) return { status: r.statusCode, headers, body: zipParts(r.rawPayload) };
  return { status: r.statusCode, headers, body: r.rawPayload.toString('base64') };
}

describe.skipIf(!pgAvailable())('a SQLite store migrated to PostgreSQL, served from each', () => {
  let pg: PgTestServer;
  let dir: string;
  let onSqlite: FastifyInstance;
  let onPg: FastifyInstance;
  let cookie: string;
  let reviewerCookie: string;
  /** Real ids to fill the path parameters with. */
  const ids = { reports: [] as number[], agencies: [] as number[], demoYears: [] as number[], pdfReport: 0, scanReport: 0, caseReport: 0, report2024: 0 };

  beforeAll(async () => {
    pg = await startPgTestServer('nianbao_migrate_api');
    dir = mkdtempSync(join(tmpdir(), 'nianbao-migrate-api-'));
    const path = join(dir, 'store.db');

    const store = new Store({ path });
    const app = await buildApp({ store, webRoot: null });
    const call = async (options: InjectOptions, status = 200) => {
      const r = await app.inject({ ...options, headers: { ...options.headers, cookie } });
      expect(r.statusCode, `${options.method ?? 'GET'} ${String(options.url)}: ${r.body}`).toBe(status);
      return r;
    };
    // the first account is made in single-user local mode, then everything goes through its session
    expect((await app.inject({ method: 'POST', url: '/api/users', payload: { ...ADMIN, role: 'admin' } })).statusCode).toBe(201);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: ADMIN });
    cookie = [login.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
    await call({ method: 'POST', url: '/api/users', payload: { username: REVIEWER.username, password: REVIEWER.password, role: 'reviewer', region: '36' } }, 201);
    // a region-scoped reviewer's session too: what a scope hides or withholds must match as well
    const reviewerLogin = await app.inject({ method: 'POST', url: '/api/session', payload: REVIEWER });
    reviewerCookie = [reviewerLogin.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;

    const ingested = (await call({ method: 'POST', url: '/api/reports', ...form(files) })).json() as IngestResponse;
    // the PDF of 淮安 is a second version of its layout text: both versions are compared below
    expect(ingested.summary).toEqual({ ingested: files.length - 1, newVersions: 1, unchanged: 0, failed: 0 });
    // a photographed page (read by OCR): the one kind of original whose pages are served as images
    const scan = (await call({ method: 'POST', url: '/api/reports', ...form([{ name: '第2页.png', bytes: PAGE_PNG }], { agency: '江西省人民政府', year: '2025' }) })).json() as IngestResponse;
    expect(scan.results.map((r) => r.status)).toEqual(['ingested']);
    ids.scanReport = scan.results[0]!.reportId!;
    // the demo province at its full size (30 agencies over 2019–2025): about 20 s here
    const demo = await ingestDemo(store);
    expect(demo.summary.failed).toBe(0);
    ids.demoYears = demo.years;

    const agencies = (await call({ url: '/api/agencies?pageSize=100&demo=true' })).json() as AgenciesResponse;
    const huaian = agencies.items.find((a) => a.name === '淮安市人民政府')!;
    await call({ method: 'POST', url: `/api/agencies/${huaian.id}/aliases`, payload: { alias: '淮安市政府' } });
    await call({ method: 'POST', url: '/api/roster/units', payload: { name: '淮安市数据局', regionCode: '3208', kindLabel: '部门', parentName: '淮安市人民政府' } });
    await call({ method: 'PUT', url: `/api/agencies/${huaian.id}/filing`, payload: { year: 2024, filedOn: '2025-01-20' } });
    await call({ method: 'PUT', url: '/api/deadlines', payload: { region: '36', kind: 'department', monthDay: '02-28' } });
    await call({ method: 'PUT', url: '/api/office-settings', payload: { officeName: '江西省人民政府办公厅', rectifyDays: 20 } });

    const findings = (await call({ url: '/api/findings?year=2019&pageSize=100' })).json() as FindingsResponse;
    const flawed = findings.items.find((f) => f.fingerprint)!;
    const fingerprint = flawed.fingerprint!;
    await call({ method: 'POST', url: `/api/reports/${flawed.reportId}/findings/${encodeURIComponent(fingerprint)}/review`, payload: { decision: 'dismiss', reason: '误报：表格跨页' } });
    await call({ method: 'PUT', url: `/api/reports/${flawed.reportId}/cells/t3.newReceived.total`, payload: { value: 1, reason: '原件为1' } });
    // an administrator opening a report's notice opens its rectification case
    await call({ url: `/api/reports/${flawed.reportId}/notice?format=json&due=2099-03-01` });
    ids.caseReport = flawed.reportId;

    ids.reports = [...ingested.results, ...scan.results, ...demo.results].map((r) => r.reportId!).sort((a, b) => a - b);
    ids.agencies = agencies.items.map((a) => a.id).sort((a, b) => a - b);
    ids.pdfReport = ingested.results.find((r) => r.file.endsWith('.pdf'))!.reportId!;
    ids.report2024 = ingested.results.find((r) => r.file === 'shanghai-shi-kexue-jishu-weiyuanhui_2024.md')!.reportId!;
    await app.close();
    await store.close();

    const migrated = await migrateTo({ sqlitePath: path, databaseUrl: pg.url });
    expect(migrated.tables.filter((t) => !t.ok)).toEqual([]);
    expect(migrated.ok).toBe(true);

    onSqlite = await buildApp({ databasePath: path, webRoot: null });
    const pgStore = new Store({ storage: await openStorage(pg.url) });
    const accounts = await openAccounts(pg.url);
    onPg = await buildApp({ store: pgStore, accounts, webRoot: null });
    onPg.addHook('onClose', async () => {
      await accounts.close();
      await pgStore.close();
    });
  }, 600_000);
  afterAll(async () => {
    await onPg?.close();
    await onSqlite?.close();
    await pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('finds the routes in the app', () => {
    const routes = getRoutes(onSqlite);
    expect(routes).toContain('/api/reports/:id/notice');
    expect(routes).toContain('/api/rankings/export');
    expect(routes.length).toBeGreaterThan(30);
  });

  /**
   * The URLs to ask of a route: its path parameters filled from real ids, and for the routes taking a
   * query the variants the dashboard uses. A route without an entry here is asked as it is.
   */
  const urlsOf = (route: string): string[] => {
    const years = ['', 'year=2019', 'year=2024', 'year=2020&demo=true'];
    const regions = ['region=36', 'region=3208', 'region=3605'];
    const variants: Record<string, string[]> = {
      '/api/years': ['', 'demo=true'],
      '/api/regions': ['', 'demo=true'],
      '/api/overview': [...years, ...regions.map((r) => `${r}&demo=true`), 'year=2019&kind=department'],
      '/api/trends': ['', 'demo=true', 'region=36&demo=true', 'kind=government&demo=true', 'from=2020&to=2021&demo=true'],
      '/api/trends/loop': ['', 'region=36', 'asOf=2021-03-01'],
      '/api/rankings': [
        ...years,
        'year=2020&demo=true&region=36',
        'year=2020&demo=true&kind=department&sort=-score',
        ...['score', '-rank', 'name', '-name', 'change', '-change', 'errors', '-errors'].map((s) => `year=2021&demo=true&sort=${s}&page=2&pageSize=5`),
        'year=2019&grade=不合格',
        'year=2024&q=淮安',
      ].map(encodeURI),
      '/api/rankings/export': ['year=2019', 'year=2019&format=csv', 'year=2020&demo=true&region=36&format=csv', 'year=2020&demo=true&sort=-score'],
      '/api/rankings/regions': ['', 'year=2020', 'year=2020&region=36', 'year=2024&asOf=2025-06-30'],
      '/api/agencies': ['', 'demo=true', 'demo=true&region=36&page=2&pageSize=5', 'kind=government', encodeURI('q=淮安')],
      '/api/findings': ['', 'year=2019', 'year=2020&demo=true&region=36', 'review=dismiss', 'review=pending&year=2024', 'severity=error&year=2019', 'rule=balance.t3-flow&demo=true'],
      '/api/roster': ['', 'year=2024', 'year=2024&region=3208', 'year=2020&region=36&status=late&asOf=2021-06-30', 'year=2020&format=xlsx'],
      '/api/bulletin': ['', 'year=2019', 'year=2020&region=36&asOf=2021-06-30', 'year=2020&format=docx', 'year=2020&format=xlsx'],
      // an administrator's or reviewer's notices open the cases of the year they cover, on each side alike
      // (the same rows in the same order; the moments they were made at appear in no answer compared
      // after them, and the writes test at the end checks the ids that follow)
      '/api/notices': ['year=2019', 'year=2020&region=36&grade=不合格', 'year=2019&due=2099-03-01'].map(encodeURI),
      '/api/rectifications': ['', 'year=2019', 'status=pending', 'asOf=2099-04-01', 'format=xlsx'],
      '/api/audit-log': ['', 'action=finding', 'page=2&pageSize=3', encodeURI(`actor=${ADMIN.username}`), 'from=2000-01-01&to=2099-01-01'],
    };
    const reports = ids.reports;
    const one: Record<string, string[]> = {
      // import jobs live in the memory of the process that runs them, not in the store: a fresh app on
      // either engine has none, so both answer 404 (and /api/imports an empty list)
      ':id': route.startsWith('/api/agencies') ? ids.agencies.map(String) : route.startsWith('/api/imports') ? ['0123456789abcdef'] : reports.map(String),
      ':page': ['1', '2'],
    };
    let paths = [route];
    for (const [param, values] of Object.entries(one)) {
      if (!route.includes(param)) continue;
      // page images are drawn from image originals (photos, scans) only: the scan's (a page, then none),
      // and a PDF's and a text's, which have none to show (422)
      const chosen = route.endsWith('/pages/:page') && param === ':id' ? [ids.scanReport, ids.pdfReport, reports[0]].map(String) : values;
      paths = paths.flatMap((p) => chosen.map((v) => p.replace(param, v)));
    }
    // an administrator asking for a report's notice opens its case (a write, with its own moment and id on
    // each side): asked of the report whose case was opened before the copy, it only reads
    if (route.endsWith('/notice')) return [`/api/reports/${ids.caseReport}/notice?format=json`, `/api/reports/${ids.caseReport}/notice`];
    // the API docs' static files: the same package on both sides, one asked for
    if (route === '/api/docs/*') return ['/api/docs/static/swagger-ui.css'];
    return paths.flatMap((p) => (variants[route] ?? ['']).map((q) => (q ? `${p}?${q}` : p)));
  };

  it('serves the copy from PostgreSQL: the reports, accounts and audit log made on SQLite', async () => {
    const get = async <T>(url: string) => (await onPg.inject({ url, headers: { cookie } })).json() as T;
    expect(onPg.store.path).toMatch(/^postgres:\/\/nianbao@127\.0\.0\.1:\d+\/nianbao_migrate_api_/);
    // 208 reports: the seeds, the corpus (淮安's two versions count once), the scan and the demo province's 200
    expect(ids.reports).toHaveLength(208);
    expect(await get('/api/health')).toEqual({ status: 'ok', reports: 207, agencies: 38, demoReports: 200, rubricVersion: '2025.1' });
    const page = await onPg.inject({ url: `/api/reports/${ids.scanReport}/pages/1`, headers: { cookie } });
    expect([page.statusCode, page.headers['content-type'], page.rawPayload.equals(PAGE_PNG)]).toEqual([200, 'image/png', true]);
    expect((await get<{ items: { username: string }[] }>('/api/users')).items.map((u) => u.username)).toEqual(['江西审核员', ADMIN.username]);
    const log = await get<{ total: number; items: { action: string }[] }>('/api/audit-log?pageSize=100');
    expect(log.items.map((e) => e.action).reverse()).toEqual([
      'user.create',
      'session.login',
      'user.create',
      'session.login',
      'report.import',
      'report.import',
      'agency.alias',
      'roster.add',
      'roster.filing',
      'deadline.set',
      'office.settings',
      'finding.review',
      'cell.correct',
      'rectification.open',
    ]);
  });

  it.each([
    ['an administrator', () => cookie],
    ['a reviewer of 江西省', () => reviewerCookie],
  ])('answers every GET route, for %s, with the same status, headers and body on both engines', async (_who, session) => {
    const routes = getRoutes(onSqlite);
    expect(getRoutes(onPg)).toEqual(routes);
    const statuses = new Map<number, number>();
    for (const route of routes) {
      for (const url of urlsOf(route)) {
        const [a, b] = await Promise.all([onSqlite, onPg].map((app) => app.inject({ url, headers: { cookie: session() } })));
        expect(answer(b!), url).toEqual(answer(a!));
        statuses.set(a!.statusCode, (statuses.get(a!.statusCode) ?? 0) + 1);
      }
    }
    // most answers are real ones: a session the copy lost would make every route 401 alike
    expect(statuses.get(200)).toBeGreaterThan(900);
    expect(statuses.get(401)).toBeUndefined();
  }, 600_000);

  /** The answer without the moments each server wrote things at, for what both did after the copy. */
  const timeless = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (/At$|^at$/.test(k) ? '…' : x))) as unknown;

  // last: the writes below are made at other moments on each side, which the comparisons above would see
  it('goes on alike after the copy: the same writes through the API make the same ids and answers on both', async () => {
    const both = async (options: InjectOptions) => {
      const [a, b] = await Promise.all([onSqlite, onPg].map((app) => app.inject({ ...options, headers: { ...options.headers, cookie } })));
      const label = `${options.method ?? 'GET'} ${String(options.url)}`;
      expect(a!.statusCode, `${label}: ${a!.body}`).toBeLessThan(300);
      expect({ status: b!.statusCode, body: timeless(b!.json()) }, label).toEqual({ status: a!.statusCode, body: timeless(a!.json()) });
      return a!.json() as Record<string, unknown>;
    };
    // a corrected 南开 report: a new version of a migrated report, with new rows in every report table
    const nankai = files.find((f) => f.name.startsWith('000_'))!;
    const corrected = { name: '000_更正.txt', bytes: Buffer.concat([nankai.bytes, Buffer.from('\n（更正版）\n')]) };
    const upload = (await both({ method: 'POST', url: '/api/reports', ...form([corrected]) })) as unknown as IngestResponse;
    expect(upload.summary).toEqual({ ingested: 0, newVersions: 1, unchanged: 0, failed: 0 });
    const reportId = upload.results[0]!.reportId!;
    expect(reportId).toBe(ids.reports.at(-1)! + 1);

    const user = await both({ method: 'POST', url: '/api/users', payload: { username: '查看员', password: 'a long enough viewer passphrase', role: 'viewer' } });
    expect(user).toMatchObject({ id: 3, username: '查看员' });
    const detail = (await both({ url: `/api/reports/${reportId}` })) as { findings: { fingerprint: string | null }[] };
    const fingerprint = detail.findings.find((f) => f.fingerprint)!.fingerprint!;
    await both({ method: 'POST', url: `/api/reports/${reportId}/reviews`, payload: { fingerprint, decision: 'confirm', reason: '确有遗漏' } });
    await both({ method: 'PUT', url: `/api/reports/${reportId}/cells/t3.newReceived.total`, payload: { value: 2, reason: '原件为2' } });
    await both({ method: 'POST', url: `/api/agencies/${ids.agencies[0]}/aliases`, payload: { alias: '南开区文旅局' } });
    await both({ method: 'POST', url: '/api/roster/units', payload: { name: '新余市数据局', regionCode: '3605', kindLabel: '部门', parentName: '新余市人民政府' } });
    // a case opened after the copy (no notice of 2024 was asked for above): the next id of rectification_cases on both
    const opened = await both({ url: `/api/reports/${ids.report2024}/notice?format=json&due=2099-04-01` });
    expect(opened.caseId).toEqual(expect.any(Number));

    for (const url of ['/api/health', '/api/users', '/api/audit-log?pageSize=100', `/api/reports/${reportId}`, `/api/agencies/${ids.agencies[0]}`, '/api/findings?review=confirm', '/api/rectifications', '/api/roster?year=2019&region=36', '/api/rankings?year=2019']) {
      await both({ url });
    }
    const log = (await both({ url: '/api/audit-log?pageSize=6' })) as { items: { id: number; action: string }[] };
    // the entries of the writes above, numbered on from the copied ones alike on both (the GETs above add some)
    const last = log.items[0]!.id;
    expect(log.items.map((e) => [e.id, e.action])).toEqual(
      ['rectification.open', 'roster.add', 'agency.alias', 'cell.correct', 'finding.review', 'user.create'].map((action, i) => [last - i, action]),
    );
  });
});
