/**
 * The work queues through the real app: every report with a given problem, the findings still
 * waiting for a decision, and one decision for many findings (the 待复核 queue shrinks).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import type { BulkReviewResponse, FindingsResponse, IngestResponse, ReportDetail } from '@nianbao/contract';
import { form, testApp, testDatabase } from './testing';

const CORPUS = join(ROOT, '../shared/corpus');
const FILES = [
  {
    name: '000_91e0e63c20f568b3.txt',
    bytes: readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt')),
  },
  {
    name: '004_52ba3b16510502cd.txt',
    bytes: readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt')),
  },
  {
    name: 'suqian-shuyangxian-fazhangaigeju_2023.html',
    bytes: readFileSync(join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html')),
  },
];
const MISMATCH = 'narrative.table-mismatch:newReceived';
const NO_SIX = 'structure.section-missing:s6';
const PASSWORD = 'correct horse 1';

let dir: string;
let app: FastifyInstance;
let nankai = 0;
let shuyang = 0;
const get = async <T>(url: string, cookie?: string): Promise<T> => {
  const r = await app.inject({ url, headers: cookie ? { cookie } : {} });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const bulk = (payload: object, cookie?: string) =>
  app.inject({ method: 'POST', url: '/api/reviews', payload, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-findings-'));
  app = await testApp(await testDatabase(dir), { webRoot: null });
  const f = form(FILES);
  const r = await app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: f.headers });
  expect(r.statusCode, r.body).toBe(200);
  const [n, , s] = (r.json() as IngestResponse).results;
  nankai = n!.reportId!;
  shuyang = s!.reportId!;
}, 120_000);
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('findings across reports', () => {
  it('lists the reports that have a problem: 表三 truncated is 南开 2019 alone', async () => {
    const r = await get<FindingsResponse>('/api/findings?rule=table.row-absent');
    expect(r.total).toBe(1);
    expect(
      r.items.map((i) => [i.agency.name, i.year, i.severity, i.message, i.cells.length, i.review]),
    ).toEqual([
      [
        '南开区文化和旅游局',
        2019,
        'error',
        '表三自“（五）1.信访举报投诉类申请”至“四、结转下年度继续办理”共8行缺失（表格不完整）',
        56,
        null,
      ],
    ]);
    expect(r.items[0]!.reportId).toBe(nankai);
    expect((await get<FindingsResponse>('/api/findings?rule=table.row-absent&year=2023')).total).toBe(0);
  });

  it('queues the error findings not yet reviewed, worst report first, and one decision shrinks it', async () => {
    const queue = await get<FindingsResponse>('/api/findings?review=pending&severity=error&pageSize=100');
    expect(queue.items.every((i) => i.severity === 'error' && i.review === null)).toBe(true);
    expect(queue.items[0]!.agency.name).toBe('南开区文化和旅游局');
    expect(queue.items.filter((i) => i.reportId === nankai).map((i) => i.fingerprint)).toEqual(
      expect.arrayContaining([
        MISMATCH,
        NO_SIX,
        'table.row-absent:t3.notProcessed.complaint..t3.carriedForward:*',
      ]),
    );

    const r = await bulk({
      decision: 'dismiss',
      reason: '正文所述为上年结转的申请；第六部分在附件中',
      items: [
        { reportId: nankai, fingerprint: MISMATCH },
        { reportId: nankai, fingerprint: NO_SIX },
        { reportId: nankai, fingerprint: 'no.such:rule' },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as BulkReviewResponse;
    expect(body.summary).toEqual({ done: 2, failed: 1 });
    expect(body.results[2]).toMatchObject({ ok: false, fingerprint: 'no.such:rule' });

    const after = await get<FindingsResponse>('/api/findings?review=pending&severity=error&pageSize=100');
    expect(after.total).toBe(queue.total - 2);
    const dismissed = await get<FindingsResponse>('/api/findings?review=dismiss');
    expect(dismissed.items.map((i) => [i.fingerprint, i.review!.decision, i.review!.reason])).toEqual([
      [NO_SIX, 'dismiss', '正文所述为上年结转的申请；第六部分在附件中'],
      [MISMATCH, 'dismiss', '正文所述为上年结转的申请；第六部分在附件中'],
    ]);
    // the audit log names the agency, year and region, not database ids or codes
    const log = await get<{
      items: { action: string; targetLabel: string | null; regionName: string | null; detail: unknown }[];
    }>('/api/audit-log?action=finding.review');
    expect(
      log.items.map((e) => [e.targetLabel, e.regionName, (e.detail as { fingerprint: string }).fingerprint]),
    ).toEqual([
      ['南开区文化和旅游局 2019年度报告', '天津市南开区', NO_SIX],
      ['南开区文化和旅游局 2019年度报告', '天津市南开区', MISMATCH],
    ]);
    // the report is rescored: 5 (narrative.table-mismatch) and 4 (section 六) points come back
    expect((await get<ReportDetail>(`/api/reports/${nankai}`)).score!.total).toBe(62.9);
  });

  it('a decision needs a reason, said in Chinese', async () => {
    const r = await bulk({
      decision: 'confirm',
      reason: ' ',
      items: [{ reportId: nankai, fingerprint: NO_SIX }],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid-request' } });
    expect(r.json().error.message).toBe('请求体无效：请填写审核理由');
  });

  it('a region-scoped reviewer lists and decides only inside the region', async () => {
    expect(
      (
        await app.accounts.create({
          username: 'suqian',
          password: PASSWORD,
          role: 'reviewer',
          regionCode: '3213',
        })
      ).ok,
    ).toBe(true);
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'suqian', password: PASSWORD },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = [login.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;

    const mine = await get<FindingsResponse>('/api/findings?pageSize=200', cookie);
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((i) => i.agency.name))).toEqual(new Set(['沭阳县发展和改革局']));
    expect((await app.inject({ url: '/api/findings?region=12', headers: { cookie } })).statusCode).toBe(403);

    const r = await bulk(
      {
        decision: 'confirm',
        reason: '核实无误',
        items: [
          {
            reportId: nankai,
            fingerprint: 'table.row-absent:t3.notProcessed.complaint..t3.carriedForward:*',
          },
          { reportId: shuyang, fingerprint: mine.items[0]!.fingerprint! },
        ],
      },
      cookie,
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(
      (r.json() as BulkReviewResponse).results.map((x) => [x.reportId, x.ok, x.message ?? null]),
    ).toEqual([
      [nankai, false, '未找到该报告'],
      [shuyang, true, null],
    ]);
  });
});
