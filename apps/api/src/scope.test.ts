/**
 * What a region-scoped user must not learn about other regions, beyond the by-id and list routes
 * auth.test.ts covers: the counts in /api/health, the rank on an agency's page (among its own
 * region's agencies, not nationwide), and the name of an agency elsewhere that a report was copied
 * from (an originality finding). Also the rubric route the rules page reads.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefaultRubric } from '@nianbao/audit';
import { ROOT } from '@nianbao/db';
import { OTHER_REGION_AGENCY, redactPeers } from './plugins/peer-redaction';
import type { AgencyDetail, IngestResponse, ReportDetail, ReportOriginal, RubricResponse } from '@nianbao/contract';
import { form, testApp, testDatabase } from './testing';

const CORPUS = join(ROOT, '../shared/corpus');
const SHUYANG = readFileSync(join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html'), 'utf8'); // 321322 宿迁市沭阳县
/**
 * The 沭阳 report copied by an agency of 淮安市淮阴区 (320804) for the same year, with one cell of
 * table 二 left blank, so it scores lower than the original.
 */
const COPY = SHUYANG.replaceAll('沭阳县发展和改革局', '淮安市淮阴区发展和改革局').replaceAll('沭阳县发改局', '淮阴区发改局');
const PASSWORD = 'correct horse 1';
const COPIED = 'originality.copied-across-agencies';

let app: FastifyInstance;
let dir: string;
const cookies: Record<string, string> = {};
const ids = { shuyang: 0, copy: 0, copyAgency: 0 };
const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who]! } : {} });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-scope-'));
  app = await testApp(await testDatabase(dir), { webRoot: null });
  const files = [
    { name: 'suqian-shuyangxian-fazhangaigeju_2023.html', bytes: Buffer.from(SHUYANG) },
    { name: 'huaian-huaiyinqu-fazhangaigeju_2023.html', bytes: Buffer.from(blankOneCell(COPY)) },
  ];
  const r = await app.inject({ method: 'POST', url: '/api/reports', ...form(files) });
  expect(r.statusCode, r.body).toBe(200);
  const [s, c] = (r.json() as IngestResponse).results;
  expect([s!.status, c!.status]).toEqual(['ingested', 'ingested']);
  Object.assign(ids, { shuyang: s!.reportId, copy: c!.reportId, copyAgency: c!.agency!.id });
  for (const [name, region] of [
    ['huaian', '3208'],
    ['jiangsu', '32'],
  ] as const) {
    expect((await app.accounts.create({ username: name, password: PASSWORD, role: 'viewer', regionCode: region })).ok).toBe(true);
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: name, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    cookies[name] = [res.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The first 0 of the 行政许可 row of table 二 made blank. */
function blankOneCell(html: string): string {
  const at = html.indexOf('行政许可');
  expect(at).toBeGreaterThan(0);
  const zero = html.indexOf('>0<', at);
  return html.slice(0, zero) + '><' + html.slice(zero + 3);
}

describe('a region-scoped user', () => {
  it('gets counts of its own region from /api/health, and anonymous callers get none', async () => {
    expect((await get('/api/health')).json()).toEqual({ status: 'ok', rubricVersion: getDefaultRubric().version });
    expect((await get('/api/health', 'huaian')).json()).toMatchObject({ reports: 1, agencies: 1 });
    expect((await get('/api/health', 'jiangsu')).json()).toMatchObject({ reports: 2, agencies: 2 });
  });

  it("sees an agency's rank among its own region's agencies, not nationwide", async () => {
    const year = (who: string) => (get(`/api/agencies/${ids.copyAgency}`, who).then((r) => (r.json() as AgencyDetail).reports[0]));
    const all = await year('jiangsu');
    const own = await year('huaian');
    expect(all).toMatchObject({ year: 2023, rank: 2 });
    expect(own).toMatchObject({ year: 2023, rank: 1 });
  });

  it('is told that a report was copied, but not from which agency outside its region', async () => {
    const copied = async (who: string) =>
      ((await get(`/api/reports/${ids.copy}`, who)).json() as ReportDetail).findings.filter((f) => f.rule === COPIED).map((f) => f.message);
    const [named] = await copied('jiangsu');
    expect(named).toContain('“沭阳县发展和改革局”');
    const [hidden] = await copied('huaian');
    expect(hidden).toBe(named!.replace('沭阳县发展和改革局', OTHER_REGION_AGENCY));
    expect(hidden).not.toContain('沭阳');
  });

  it('gets the finding re-rendered from its message id and data, the name withheld in both', async () => {
    const copied = async (who: string) => ((await get(`/api/reports/${ids.copy}`, who)).json() as ReportDetail).findings.find((f) => f.rule === COPIED)!;
    expect(await copied('jiangsu')).toMatchObject({ messageId: 'copied', data: { agency: '沭阳县发展和改革局' } });
    const hidden = await copied('huaian');
    expect(hidden).toMatchObject({ messageId: 'copied', data: { agency: OTHER_REGION_AGENCY } });
    expect(JSON.stringify(hidden)).not.toContain('沭阳');
  });
});

describe('the findings list of a region-scoped user', () => {
  it('tells of the copy without naming the agency outside its region', async () => {
    const listed = async (who: string) =>
      ((await get(`/api/findings?rule=${COPIED}&review=all`, who)).json() as { items: { message: string; reportId: number }[] }).items;
    const named = (await listed('jiangsu')).find((f) => f.reportId === ids.copy)!;
    expect(named.message).toContain('“沭阳县发展和改革局”');
    const hidden = await listed('huaian');
    expect(hidden.map((f) => f.message)).toEqual([named.message.replace('沭阳县发展和改革局', OTHER_REGION_AGENCY)]);
    expect(JSON.stringify(hidden)).not.toContain('沭阳');
  });

  it("drafts the copy's 整改通知书 without naming the agency outside its region", async () => {
    const notice = async (who: string) => (await get(`/api/reports/${ids.copy}/notice?format=json`, who)).json() as { items: { rule: string; message: string }[] };
    const named = (await notice('jiangsu')).items.find((i) => i.rule === COPIED)!;
    expect(named.message).toContain('“沭阳县发展和改革局”');
    const hidden = await notice('huaian');
    expect(hidden.items.find((i) => i.rule === COPIED)!.message).toBe(named.message.replace('沭阳县发展和改革局', OTHER_REGION_AGENCY));
    expect(JSON.stringify(hidden)).not.toContain('沭阳');
  });
});

describe("a report's original file and text", () => {
  it('are served only to a user whose region holds the report (the copied report elsewhere answers as not found)', async () => {
    for (const path of ['file', 'source', 'original']) {
      // 淮安's user: its own agency's copy, not the 沭阳 report it was copied from
      expect((await get(`/api/reports/${ids.copy}/${path}`, 'huaian')).statusCode).toBe(200);
      const elsewhere = await get(`/api/reports/${ids.shuyang}/${path}`, 'huaian');
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.body).not.toContain('沭阳');
      // the province's user: both
      expect((await get(`/api/reports/${ids.shuyang}/${path}`, 'jiangsu')).statusCode).toBe(200);
    }
    // and the file is the one imported, byte for byte
    const file = await get(`/api/reports/${ids.shuyang}/file`, 'jiangsu');
    expect(file.rawPayload.equals(Buffer.from(SHUYANG))).toBe(true);
    expect((await get(`/api/reports/${ids.shuyang}/file`)).statusCode).toBe(401);
  });

  it("gives a web page's or Word file's tables as the original lays them out, each cell's span into the report's text", async () => {
    const original = (await get(`/api/reports/${ids.shuyang}/original`, 'jiangsu')).json() as ReportOriginal;
    const { text } = (await get(`/api/reports/${ids.shuyang}/source`, 'jiangsu')).json() as { text: string };
    expect(original).toMatchObject({ format: 'html', sameText: true });
    expect(original.tables.length).toBeGreaterThanOrEqual(3);
    const cells = original.tables.flatMap((t) => t.rows.flat());
    for (const c of cells) expect(text.slice(c.span[0], c.span[1])).toBe(c.text);
    // the cell the model reads as 表三 新收 总计 is one of the original's cells
    const report = (await get(`/api/reports/${ids.shuyang}`, 'jiangsu')).json() as ReportDetail;
    const total = report.cells['t3.newReceived.total']!;
    expect(cells.some((c) => c.span[0] <= total.span![0] && total.span![1] <= c.span[1])).toBe(true);
  });
});

describe('redactPeers', () => {
  it('keeps peers the user may see, and other findings, untouched', () => {
    const findings = [
      { rule: COPIED, message: '正文与“甲局”同年度报告高度雷同', fingerprint: `${COPIED}:7` },
      { rule: COPIED, message: '正文与“乙局”同年度报告高度雷同', fingerprint: `${COPIED}:8` },
      { rule: 'table.cell-blank', message: '“甲局”', fingerprint: 'table.cell-blank:t2' },
    ];
    expect(redactPeers(findings, (id) => id === 7).map((f) => f.message)).toEqual([
      '正文与“甲局”同年度报告高度雷同',
      `正文与“${OTHER_REGION_AGENCY}”同年度报告高度雷同`,
      '“甲局”',
    ]);
  });
});

describe('GET /api/rubric', () => {
  it('is the rubric the scores are computed with, and the version stored with them', async () => {
    const body = (await get('/api/rubric', 'huaian')).json() as RubricResponse;
    const rubric = getDefaultRubric();
    expect(body).toMatchObject({ version: rubric.version, weights: rubric.weights, grades: rubric.grades, storedVersion: rubric.version });
    expect((await get('/api/rubric')).statusCode).toBe(401);
  });
});
