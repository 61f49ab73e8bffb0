/**
 * Review decisions through the real app over a real SQLite file: a reviewer confirms or dismisses a
 * finding; a dismissed finding stops costing points, and the decision holds through rescoring and a
 * corrected version of the report (it is kept by the finding's fingerprint, for the agency and year).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, getDefaultRubric, score } from '@nianbao/audit';
import { ROOT } from '@nianbao/db';
import type { IngestResponse, RankingsResponse, ReportDetail } from '@nianbao/contract';
import { form, testApp, testDatabase } from './testing';

const NANKAI = readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'));
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
/** 南开's report as corrected: its 落款 and date added (meta.date-missing and time.unknown go). */
const CORRECTED = Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');
const MISMATCH = 'narrative.table-mismatch:newReceived';
const NO_SIX = 'structure.section-missing:s6';
const PASSWORD = 'correct horse 1';

/** What the audit alone gives a file's findings once some fingerprints are left out. */
async function scoreWithout(bytes: Buffer, fingerprints: string[]) {
  const r = await analyze(bytes, 'x.txt');
  if ('error' in r) throw new Error(r.error.message);
  const kept = r.report.findings.filter((f) => !fingerprints.includes(f.fingerprint!));
  return { full: r.report.score!.total, without: score(kept, '2019', getDefaultRubric()).total, errors: kept.filter((f) => f.severity === 'error').length };
}

let dir: string;
let app: FastifyInstance;
let cookie: Record<string, string> = {};
const as = (who: string | null) => (who ? { cookie: cookie[who]! } : {});
const get = async <T>(url: string, who: string | null = null): Promise<T> => {
  const r = await app.inject({ url, headers: as(who) });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const review = (id: number, fingerprint: string, body: unknown, who: string | null = null) =>
  app.inject({ method: 'POST', url: `/api/reports/${id}/findings/${encodeURIComponent(fingerprint)}/review`, payload: body as object, headers: as(who) });
const undo = (id: number, fingerprint: string, who: string | null = null) =>
  app.inject({ method: 'DELETE', url: `/api/reports/${id}/findings/${encodeURIComponent(fingerprint)}/review`, headers: as(who) });
const upload = async (files: { name: string; bytes: Uint8Array }[], who: string | null = null) => {
  const f = form(files);
  const r = await app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: { ...f.headers, ...as(who) } });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as IngestResponse).results;
};
const finding = (d: ReportDetail, fingerprint: string) => d.findings.find((f) => f.fingerprint === fingerprint)!;

let nankai: number;
let expected: Awaited<ReturnType<typeof scoreWithout>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-review-'));
  app = await testApp(await testDatabase(dir), { webRoot: null });
  const [n] = await upload([
    { name: '000.txt', bytes: NANKAI },
    { name: '004.txt', bytes: XINYU },
  ]);
  nankai = n!.reportId!;
  expected = await scoreWithout(NANKAI, [MISMATCH]);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('review decisions (single-user local mode)', () => {
  it('dismissing a finding takes its points off the score and the ranking; the report shows the decision', async () => {
    const before = await get<ReportDetail>(`/api/reports/${nankai}`);
    expect(before.score!.total).toBe(53.9);
    expect(expected).toEqual({ full: 53.9, without: 58.9, errors: 2 });
    expect(finding(before, MISMATCH)).toMatchObject({ severity: 'error', category: 'accuracy', review: null });

    const r = await review(nankai, MISMATCH, { decision: 'dismiss', reason: '正文所述为上年结转的申请，不属本年新收' });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json() as ReportDetail;
    expect(after.score).toMatchObject({ total: 58.9, grade: '不合格', byCategory: { accuracy: 30, completeness: 4.9 } });
    expect(after.errors).toBe(expected.errors);
    // still listed, with its decision; no deduction points at it any more
    const f = finding(after, MISMATCH);
    expect(f.review).toMatchObject({ decision: 'dismiss', reason: '正文所述为上年结转的申请，不属本年新收', user: '本机（单用户模式）', reportId: nankai });
    expect(Date.parse(f.review!.at)).not.toBeNaN();
    const index = after.findings.indexOf(f);
    expect(after.score!.deductions!.flatMap((d) => d.findings)).not.toContain(index);
    for (const d of after.score!.deductions!) for (const i of d.findings) expect(after.findings[i]!.rule).toBe(d.rule);
    expect(await get<ReportDetail>(`/api/reports/${nankai}`)).toEqual(after);

    const ranking = await get<RankingsResponse>('/api/rankings?year=2019');
    expect(ranking.items.map((i) => [i.agency.name, i.score, i.errors])).toEqual([
      ['新余市文广新旅局', 100, 0],
      ['南开区文化和旅游局', 58.9, 2],
    ]);
  });

  it('confirming a finding records the decision and changes no score; deciding again replaces it', async () => {
    const r = await review(nankai, NO_SIX, { decision: 'confirm', reason: '确无第六部分' });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as ReportDetail;
    expect(d.score!.total).toBe(58.9);
    expect(finding(d, NO_SIX).review).toMatchObject({ decision: 'confirm', reason: '确无第六部分' });
    const again = (await review(nankai, NO_SIX, { decision: 'confirm', reason: '复核：确无第六部分' })).json() as ReportDetail;
    expect(finding(again, NO_SIX).review!.reason).toBe('复核：确无第六部分');
    expect(again.findings.filter((f) => f.review).map((f) => f.fingerprint).sort()).toEqual([MISMATCH, NO_SIX].sort());
  });

  it('holds through rescoring and re-ingesting the same file', async () => {
    expect(await app.store.rescore()).toEqual({ reports: 2, changed: 0 });
    const [same] = await upload([{ name: 'again.txt', bytes: NANKAI }]);
    expect(same).toMatchObject({ status: 'unchanged', reportId: nankai, score: 58.9 });
    expect(finding(await get<ReportDetail>(`/api/reports/${nankai}`), MISMATCH).review!.decision).toBe('dismiss');
  });

  it('holds for a corrected version where the finding is the same', async () => {
    const [v2] = await upload([{ name: '南开区2019年报告（更正）.txt', bytes: CORRECTED }]);
    const corrected = await scoreWithout(CORRECTED, [MISMATCH]);
    expect(corrected.without).toBeGreaterThan(corrected.full);
    expect(v2).toMatchObject({ status: 'new-version', version: 2, score: corrected.without });
    const report = await get<ReportDetail>(`/api/reports/${v2!.reportId}`);
    // the decision was taken on version 1 and shows as such
    expect(finding(report, MISMATCH).review).toMatchObject({ decision: 'dismiss', reportId: nankai });
    expect(finding(report, NO_SIX).review).toMatchObject({ decision: 'confirm' });
    expect(report.findings.some((f) => f.fingerprint === 'meta.date-missing:date')).toBe(false);
    const ranking = await get<RankingsResponse>('/api/rankings?year=2019');
    expect(ranking.items.find((i) => i.agency.name === '南开区文化和旅游局')).toMatchObject({ reportId: v2!.reportId, score: corrected.without });
  });

  it('undoing a dismissal brings the points back on every version', async () => {
    const current = (await get<RankingsResponse>('/api/rankings?year=2019&q=南开')).items[0]!;
    const r = await undo(current.reportId, MISMATCH);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as ReportDetail;
    expect(finding(d, MISMATCH).review).toBeNull();
    expect(d.score!.total).toBe((await scoreWithout(CORRECTED, [])).full);
    expect((await get<ReportDetail>(`/api/reports/${nankai}`)).score!.total).toBe(53.9);
    expect(finding(d, NO_SIX).review!.decision).toBe('confirm');
  });

  it('answers a bad decision, an unknown finding or a missing decision with a Chinese error', async () => {
    const cases: [Promise<{ statusCode: number; json: () => { error: { code: string; message: string } } }>, number, string][] = [
      [review(nankai, NO_SIX, { decision: 'ignore', reason: 'x' }), 400, 'invalid-request'],
      [review(nankai, NO_SIX, { decision: 'dismiss', reason: '  ' }), 400, 'invalid-request'],
      [review(nankai, NO_SIX, { decision: 'dismiss' }), 400, 'invalid-request'],
      [review(nankai, 'no.such-rule:x', { decision: 'dismiss', reason: '误报' }), 404, 'finding-not-found'],
      [review(99999, NO_SIX, { decision: 'dismiss', reason: '误报' }), 404, 'not-found'],
      [undo(nankai, MISMATCH), 404, 'decision-not-found'],
    ];
    for (const [pending, status, code] of cases) {
      const r = await pending;
      expect(r.statusCode).toBe(status);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('review decisions with accounts', () => {
  beforeAll(async () => {
    for (const [username, role] of [
      ['wang', 'admin'],
      ['li', 'reviewer'],
      ['zhao', 'viewer'],
    ] as const) {
      await app.accounts.create({ username, password: PASSWORD, role });
      const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
      expect(r.statusCode, r.body).toBe(200);
      cookie[username] = String([r.headers['set-cookie']].flat()[0]).split(';')[0]!;
    }
  });
  afterAll(() => {
    cookie = {};
  });

  it('a reviewer decides, under its own name; a viewer may not; the audit log has it', async () => {
    const xinyu = (await get<RankingsResponse>('/api/rankings?year=2019&q=新余', 'zhao')).items[0]!;
    const report = await get<ReportDetail>(`/api/reports/${xinyu.reportId}`, 'zhao');
    const f = report.findings.find((x) => x.fingerprint)!;
    expect((await review(xinyu.reportId, f.fingerprint!, { decision: 'confirm', reason: '属实' })).statusCode).toBe(401);
    const refused = await review(xinyu.reportId, f.fingerprint!, { decision: 'confirm', reason: '属实' }, 'zhao');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const ok = await review(xinyu.reportId, f.fingerprint!, { decision: 'confirm', reason: '属实' }, 'li');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(finding(ok.json() as ReportDetail, f.fingerprint!).review).toMatchObject({ decision: 'confirm', user: 'li' });
    const log = await get<{ items: { action: string; actor: string; target: string | null }[] }>('/api/audit-log?pageSize=100', 'wang');
    expect(log.items.filter((e) => e.action === 'finding.review').map((e) => [e.actor, e.target])).toContainEqual(['li', `report:${xinyu.reportId}`]);
  });
});
