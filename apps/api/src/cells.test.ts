/**
 * Correcting a cell through the real app over a real SQLite file (issue 19 item 4): a reviewer of the
 * report's region corrects a figure with a reason, the report comes back re-audited with the cell as
 * read beside the correction, the audit log has who and why; a viewer, a reviewer of another region and
 * a bad value are refused in Chinese. A photographed page is served for the report page to box cells on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import type { IngestResponse, ReportDetail } from '@nianbao/contract';
import { form, testApp, testDatabase } from './testing';

const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
const PAGE_PNG = readFileSync(join(ROOT, 'packages/extract/fixtures/scanned/generated-p2.png'));
const PASSWORD = 'correct horse 1';
const CELL = 't3.newReceived.naturalPerson';

let dir: string;
let app: FastifyInstance;
const cookie: Record<string, string> = {};
const as = (who: string | null) => (who ? { cookie: cookie[who]! } : {});
const put = (id: number, key: string, body: unknown, who: string | null) =>
  app.inject({ method: 'PUT', url: `/api/reports/${id}/cells/${key}`, payload: body as object, headers: as(who) });
const del = (id: number, key: string, who: string | null) => app.inject({ method: 'DELETE', url: `/api/reports/${id}/cells/${key}`, headers: as(who) });
const get = async <T>(url: string, who: string | null): Promise<T> => {
  const r = await app.inject({ url, headers: as(who) });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const upload = async (files: { name: string; bytes: Uint8Array }[], fields: Record<string, string>, who: string) => {
  const f = form(files, fields);
  const r = await app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: { ...f.headers, ...as(who) } });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as IngestResponse).results;
};

let xinyu: number;
/** The seed's own findings (none of them costs points). */
const OWN = [
  'structure.section-title:s1 第一部分“总体情况”的标题为“政府信息公开工作的基本情况”，与模板“总体情况”不一致',
  'structure.section-title:s5 第五部分“存在的主要问题及改进情况”的标题为“政府信息公开工作存在的主要问题及改进措施”，与模板“存在的主要问题及改进情况”不一致',
  'structure.section-title:s6 第六部分“其他需要报告的事项”的标题为“需要说明的其他事项与附表”，与模板“其他需要报告的事项”不一致',
  'value.unit:t2.procurement.amount 表二“政府集中采购”行“采购总金额”列填写“98850元”，本列模板未印单位，统一按“万元”计，已折算为9.885万元',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-cells-'));
  app = await testApp(await testDatabase(dir), { webRoot: null });
  for (const [username, role, regionCode] of [
    ['wang', 'admin', null],
    ['li', 'reviewer', '36'],
    ['zhao', 'viewer', null],
    ['sun', 'reviewer', '3213'],
  ] as const) {
    expect((await app.accounts.create({ username, password: PASSWORD, role, regionCode })).ok).toBe(true);
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: PASSWORD } });
    expect(r.statusCode, r.body).toBe(200);
    cookie[username] = String([r.headers['set-cookie']].flat()[0]).split(';')[0]!;
  }
  xinyu = (await upload([{ name: '004.txt', bytes: XINYU }], {}, 'wang'))[0]!.reportId!;
}, 120_000);
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('correcting a cell', () => {
  it('re-audits the report with the corrected figure; the report shows the cell as read; the audit log has it', async () => {
    const before = await get<ReportDetail>(`/api/reports/${xinyu}`, 'li');
    expect(before.score!.total).toBe(100);
    expect(before.cells[CELL]).toMatchObject({ raw: '\u00a00', value: 0 });
    expect(before.corrections).toEqual({});
    expect(before.findings.map((f) => `${f.fingerprint} ${f.message}`)).toEqual(OWN);

    const r = await put(xinyu, CELL, { value: 1, reason: '原件此处为1' }, 'li');
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json() as ReportDetail;
    expect(after.cells[CELL]).toMatchObject({ raw: '1', state: 'value', value: 1 });
    expect(after.corrections).toEqual({
      [CELL]: { original: { raw: '\u00a00', state: 'value', value: 0 }, value: 1, reason: '原件此处为1', user: 'li', at: expect.any(String) },
    });
    // the figure breaks table 三's two identities through it: an error each, 8 points of accuracy
    expect(after.findings.map((f) => `${f.fingerprint} ${f.message}`)).toEqual([
      ...OWN.slice(0, 3),
      'balance.t3-flow:naturalPerson 表三“自然人”列：本年新收(1)+上年结转(0)≠办理结果总计(0)+结转下年度(0)',
      'balance.t3-applicants:t3.newReceived 表三“一、本年新收政府信息公开申请数量”行：总计(0)≠自然人(1)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)',
      OWN[3],
    ]);
    expect(after.score).toMatchObject({ total: 92, byCategory: { accuracy: 22 } });
    expect(after.errors).toBe(2);
    expect(await get<ReportDetail>(`/api/reports/${xinyu}`, 'zhao')).toEqual(after);

    const log = await get<{ items: { action: string; actor: string; target: string | null; detail: unknown }[] }>('/api/audit-log?action=cell.correct', 'wang');
    expect(log.items.map((e) => [e.action, e.actor, e.target, e.detail])).toEqual([
      ['cell.correct', 'li', `report:${xinyu}`, { cell: CELL, label: '表三“一、本年新收政府信息公开申请数量” · 自然人', original: '0', value: '1', reason: '原件此处为1', score: [100, 92] }],
    ]);
  });

  it('withdrawn, the figure as read counts again', async () => {
    const r = await del(xinyu, CELL, 'li');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json() as ReportDetail;
    expect(d.cells[CELL]).toMatchObject({ raw: '\u00a00', value: 0 });
    expect(d.corrections).toEqual({});
    expect(d.score!.total).toBe(100);
    expect(d.findings.map((f) => `${f.fingerprint} ${f.message}`)).toEqual(OWN);
    const log = await get<{ items: { action: string; detail: unknown }[] }>('/api/audit-log?action=cell.correct-revoked', 'wang');
    expect(log.items.map((e) => e.detail)).toEqual([
      { cell: CELL, label: '表三“一、本年新收政府信息公开申请数量” · 自然人', original: '0', value: '1', score: [92, 100] },
    ]);
  });

  it('is refused to a viewer (403) and to a reviewer of another region (404, as if there were no such report)', async () => {
    const viewer = await put(xinyu, CELL, { value: 1, reason: '原件此处为1' }, 'zhao');
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe('forbidden');
    const elsewhere = await put(xinyu, CELL, { value: 1, reason: '原件此处为1' }, 'sun');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error).toEqual({ code: 'not-found', message: `未找到编号为 ${xinyu} 的报告` });
    expect((await del(xinyu, CELL, 'sun')).statusCode).toBe(404);
    expect((await get<ReportDetail>(`/api/reports/${xinyu}`, 'wang')).corrections).toEqual({});
  });

  it('answers a bad value, a missing reason, an unknown cell or nothing to withdraw with a Chinese error', async () => {
    const cases: [unknown, string, number, { code: string; message: string }][] = [
      [{ value: 'abc', reason: '原件' }, CELL, 400, { code: 'invalid-request', message: '请求体无效：更正后的数值应为数字（空白请填 null）' }],
      [{ value: -1, reason: '原件' }, CELL, 400, { code: 'invalid-request', message: '请求体无效：更正后的数值不能为负数' }],
      [{ reason: '原件' }, CELL, 400, { code: 'invalid-request', message: '请求体无效：请填写更正后的数值' }],
      [{ value: 6, reason: '  ' }, CELL, 400, { code: 'invalid-request', message: '请求体无效：请填写更正理由' }],
      [{ value: 6, reason: '原件' }, 'cells', 400, { code: 'invalid-request', message: '路径参数无效：单元格标识无效' }],
      [{ value: 6, reason: '原件' }, 't3.newReceived.bogus', 404, { code: 'cell-not-found', message: '该报告所用格式的统计表中没有这个单元格' }],
    ];
    for (const [body, key, status, error] of cases) {
      const r = await put(xinyu, key, body, 'li');
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().error).toEqual(error);
    }
    const none = await del(xinyu, CELL, 'li');
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toEqual({ code: 'correction-not-found', message: '该单元格没有更正，无需撤销' });
  });
});

describe('the page image of a photographed report', () => {
  it('serves the page as uploaded; a text report has none to show', async () => {
    const [page] = await upload([{ name: '第2页.png', bytes: PAGE_PNG }], { agency: '江西省人民政府', year: '2025' }, 'wang');
    expect(page).toMatchObject({ status: 'ingested' });
    const report = await get<ReportDetail>(`/api/reports/${page!.reportId}`, 'zhao');
    expect(report.ocr).toBe(true);
    expect(report.cells['t3.newReceived.total']!.position!.page).toBe(1);
    const r = await app.inject({ url: `/api/reports/${page!.reportId}/pages/1`, headers: as('zhao') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.rawPayload.equals(PAGE_PNG)).toBe(true);
    const missing = await app.inject({ url: `/api/reports/${page!.reportId}/pages/2`, headers: as('zhao') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('原件没有第 2 页');
    const text = await app.inject({ url: `/api/reports/${xinyu}/pages/1`, headers: as('zhao') });
    expect(text.statusCode).toBe(422);
    expect(text.json().error.message).toBe('原件不是可以显示的图片，或已损坏');
  }, 300_000);
});
