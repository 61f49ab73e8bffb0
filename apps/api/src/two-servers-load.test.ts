/**
 * Two API servers on one PostgreSQL database under load (issue 18, Done-when 2): each `testApp` has
 * its own pools, as two processes behind a load balancer would. For a bounded time (15 s of
 * requests), uploaders on both servers send the same files at the same moment and different files
 * meanwhile, while a reviewer on each server decides findings of one report. Then nothing is
 * duplicated (one report per file, one agency per unit, each file `ingested` exactly once), no
 * review is lost, and the score is the one those reviews give. Without the writer's advisory lock
 * (packages/db/src/pg/storage.ts) both servers store the same file: this test fails.
 *
 * PostgreSQL only: the guard under test is PostgreSQL's lock between processes (two servers on one
 * SQLite file: ./two-servers.test.ts, on both engines).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, getDefaultRubric, score } from '@nianbao/audit';
import { ROOT } from '@nianbao/db';
import type { HealthResponse, IngestResponse, IngestResult, ReportDetail } from '@nianbao/contract';
import { listeningAs, onSqlite, testApp, testDatabase, testGet } from './testing';

const NANKAI = { name: '000.txt', bytes: readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt')) };
const XINYU_TEXT = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const cn = (i: number) => [...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
/** The 新余 sample and copies of it under other agencies of the city: each a report of its own. */
const FILES = [
  { name: '004.txt', bytes: Buffer.from(XINYU_TEXT) },
  ...Array.from({ length: 9 }, (_, i) => ({
    name: `两台-${i}.txt`,
    bytes: Buffer.from(XINYU_TEXT.replaceAll('新余市文广新旅局', `新余市并发${cn(i + 1)}局`)),
  })),
  NANKAI,
];
const LOAD_MS = 15_000;

describe.skipIf(onSqlite)('two API servers on one PostgreSQL database under load', () => {
  let dir: string;
  let database: string;
  let a: FastifyInstance;
  let b: FastifyInstance;
  const server: Record<'a' | 'b', { base: string; cookie: string }> = { a: { base: '', cookie: '' }, b: { base: '', cookie: '' } };
  let nankai: number;

  const upload = async (on: 'a' | 'b', file: { name: string; bytes: Uint8Array }): Promise<IngestResult> => {
    const body = new FormData();
    body.append('files', new Blob([file.bytes]), file.name);
    const r = await fetch(`${server[on].base}/api/reports`, { method: 'POST', body, headers: { cookie: server[on].cookie } });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`upload ${file.name} on ${on}: ${r.status} ${text}`);
    return (JSON.parse(text) as IngestResponse).results[0]!;
  };
  const decide = async (on: 'a' | 'b', fingerprint: string, decision: 'dismiss' | 'confirm', reason: string) => {
    const r = await fetch(`${server[on].base}/api/reports/${nankai}/findings/${encodeURIComponent(fingerprint)}/review`, {
      method: 'POST',
      headers: { cookie: server[on].cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ decision, reason }),
    });
    if (r.status !== 200) throw new Error(`review ${fingerprint} on ${on}: ${r.status} ${await r.text()}`);
  };
  const get = async <T>(on: 'a' | 'b', url: string): Promise<T> => {
    const r = await fetch(server[on].base + url, { headers: { cookie: server[on].cookie } });
    expect(r.status, url).toBe(200);
    return (await r.json()) as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-two-load-'));
    database = await testDatabase(dir);
    a = await testApp(database, { webRoot: null });
    b = await testApp(database, { webRoot: null });
    server.a = await listeningAs(a, 'reviewer-a', 'reviewer');
    server.b = await listeningAs(b, 'reviewer-b', 'reviewer');
    // the report the reviewers decide on, there before the load
    const first = await upload('a', NANKAI);
    expect(first.status).toBe('ingested');
    nankai = first.reportId!;
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores each file once, each unit once, and keeps every review', async () => {
    const findings = (await get<ReportDetail>('a', `/api/reports/${nankai}`)).findings.map((f) => f.fingerprint!);
    expect(findings.length).toBeGreaterThan(6);
    // A's reviewer dismisses every other finding, B's confirms the rest, both while files arrive
    const plan = findings.map((fingerprint, i) => ({
      fingerprint,
      on: i % 2 ? ('b' as const) : ('a' as const),
      decision: i % 2 ? ('confirm' as const) : ('dismiss' as const),
      reason: `并发复核第${i + 1}条`,
    }));

    const started = Date.now();
    const deadline = started + LOAD_MS;
    const results = new Map<string, IngestResult[]>();
    // a1 and b1 send the same file at the same moment; a2 and b2 the same files in the opposite order
    const uploader = async (on: 'a' | 'b', order: typeof FILES) => {
      for (const file of order) {
        if (Date.now() > deadline) return;
        const r = await upload(on, file);
        results.set(file.name, [...(results.get(file.name) ?? []), r]);
      }
    };
    const reviewer = async (on: 'a' | 'b') => {
      for (const p of plan.filter((x) => x.on === on)) await decide(on, p.fingerprint, p.decision, p.reason);
    };
    const reversed = [...FILES].reverse();
    await Promise.all([uploader('a', FILES), uploader('b', FILES), uploader('a', reversed), uploader('b', reversed), reviewer('a'), reviewer('b')]);
    expect(Date.now() - started).toBeLessThan(LOAD_MS + 20_000);

    // each file uploaded: `ingested` once (南开 before the load), `unchanged` every other time, never failed
    const uploaded = [...results.keys()];
    expect(uploaded.length).toBeGreaterThanOrEqual(6);
    for (const [name, rs] of results) {
      expect(rs.filter((r) => r.status === 'failed').map((r) => r.error), name).toEqual([]);
      expect(rs.filter((r) => r.status === 'ingested').length, name).toBe(name === NANKAI.name ? 0 : 1);
      expect(new Set(rs.map((r) => r.reportId)).size, name).toBe(1);
    }
    const distinct = new Set([...uploaded, NANKAI.name]).size;
    for (const on of ['a', 'b'] as const) expect(await get<HealthResponse>(on, '/api/health')).toMatchObject({ reports: distinct, agencies: distinct });
    const dup = (statement: string) => testGet(a, `select count(*)::int as n from (${statement}) d`);
    expect(await dup('select sha256 from reports group by sha256 having count(*) > 1')).toEqual({ n: 0 });
    expect(await dup('select name from agencies group by name having count(*) > 1')).toEqual({ n: 0 });
    expect(await dup('select agency_id, year from reports where current group by agency_id, year having count(*) > 1')).toEqual({ n: 0 });

    // every decision kept, once, as made; the score is the audit's without the dismissed findings
    expect(await testGet(a, 'select count(*)::int as n from review_decisions')).toEqual({ n: plan.length });
    const detail = await get<ReportDetail>('b', `/api/reports/${nankai}`);
    for (const p of plan) {
      expect(detail.findings.find((f) => f.fingerprint === p.fingerprint)!.review, p.fingerprint).toMatchObject({ decision: p.decision, reason: p.reason });
    }
    const analysed = await analyze(NANKAI.bytes, NANKAI.name);
    if ('error' in analysed) throw new Error(analysed.error.message);
    const dismissed = new Set(plan.filter((p) => p.decision === 'dismiss').map((p) => p.fingerprint));
    const expected = score(analysed.report.findings.filter((f) => !dismissed.has(f.fingerprint!)), '2019', getDefaultRubric()).total;
    expect(expected).toBeGreaterThan(53.9);
    expect(detail.score!.total).toBe(expected);
  }, 90_000);
});
