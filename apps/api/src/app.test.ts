/**
 * The real app over a real SQLite file: the seeds and the corpus go in through POST /api/reports,
 * then rankings, exports, re-ingest and a corrected version are checked through the HTTP routes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '@nianbao/audit';
import { ROOT } from '@nianbao/db';
import type { AgencyDetail, IngestResponse, OverviewResponse, RankingsResponse, ReportDetail, TrendsResponse } from '@nianbao/contract';
import { writeZip } from '@nianbao/extract/testing/zip-writer';
import { corpusFiles, form, seedFiles, testApp, testDatabase } from './testing';

const seeds = seedFiles();
const corpus = corpusFiles();
const NANKAI = seeds.find((s) => s.name.startsWith('000_'))!.bytes;

let dir: string;
let database: string;
let app: FastifyInstance;
const get = async <T>(url: string): Promise<T> => {
  const r = await app.inject(url);
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const upload = async (files: { name: string; bytes: Uint8Array }[], fields?: Record<string, string>) => {
  const r = await app.inject({ method: 'POST', url: '/api/reports', ...form(files, fields) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as IngestResponse;
};
/** Every current score, by report id: what a change may and may not touch. */
const allScores = async () => {
  const out = new Map<number, number | null>();
  for (const { year } of (await get<{ items: { year: number }[] }>('/api/years')).items) {
    for (const i of (await get<RankingsResponse>(`/api/rankings?year=${year}&pageSize=1000`)).items) out.set(i.reportId, i.score);
  }
  return out;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-api-'));
  database = await testDatabase(dir);
  app = await testApp(database, { webRoot: null });
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ingest and rank the seeds and the corpus', () => {
  let first: IngestResponse;
  // the corpus PDF takes seconds to read on a loaded machine: a hook timeout, not an assertion
  beforeAll(async () => {
    first = await upload([...seeds, ...corpus]);
  }, 180_000);

  it('answers a result per file', () => {
    const byFile = Object.fromEntries(first.results.map((r) => [r.file, r]));
    expect(byFile['000_91e0e63c20f568b3.txt']).toMatchObject({ status: 'ingested', year: 2019, agency: { name: '南开区文化和旅游局' }, grade: '不合格' });
    expect(byFile['004_52ba3b16510502cd.txt']).toMatchObject({ status: 'ingested', year: 2019, agency: { name: '新余市文广新旅局' } });
    expect(byFile['suqian-shuyangxian-fazhangaigeju_2023.html']).toMatchObject({ status: 'ingested', year: 2023, agency: { name: '沭阳县发展和改革局' } });
    expect(byFile['shanghai-shi-renminzhengfu-bangongting_2025.md']).toMatchObject({ status: 'ingested', year: 2025 });
    expect(byFile['shanghai-shi-kexue-jishu-weiyuanhui_2024.md']).toMatchObject({ status: 'ingested', year: 2024 });
    expect(byFile['huaian-shi-renminzhengfu_2024.layout.txt']).toMatchObject({ status: 'ingested', year: 2024, agency: { name: '淮安市人民政府' } });
    // the PDF is the same report as the layout text: a second version once PDFs are read, a reasoned failure until then
    const pdf = byFile['huaian-shi-renminzhengfu_2024.pdf']!;
    if (pdf.status === 'failed') expect(pdf.error!.message).toMatch(/huaian-shi-renminzhengfu_2024\.pdf：/);
    else expect(pdf).toMatchObject({ status: 'new-version', version: 2 });
    expect(first.summary.failed).toBe(first.results.filter((r) => r.status === 'failed').length);
  });

  it('ranks 新余市文广新旅局 above 南开区文化和旅游局 in 2019 with the audit’s scores', async () => {
    const ranking = await get<RankingsResponse>('/api/rankings?year=2019');
    expect(ranking.total).toBe(2);
    const [top, bottom] = ranking.items;
    expect(top).toMatchObject({ rank: 1, year: 2019, agency: { name: '新余市文广新旅局', region: { code: '360500', name: '江西省新余市' }, kind: 'department' } });
    expect(bottom).toMatchObject({ rank: 2, agency: { name: '南开区文化和旅游局', region: { code: '120104' } }, grade: '不合格' });
    expect(top).toMatchObject({ score: 100, grade: '优秀', errors: 0, change: null, demo: false });
    expect(bottom).toMatchObject({ score: 53.9, grade: '不合格', byCategory: { completeness: 4.9, accuracy: 25, conformity: 14, timeliness: 10 } });
    // exactly what the audit computes for each file on its own
    for (const [item, file] of [
      [top, '004_52ba3b16510502cd.txt'],
      [bottom, '000_91e0e63c20f568b3.txt'],
    ] as const) {
      const seed = seeds.find((s) => s.name === file)!;
      const r = await analyze(seed.bytes, seed.name);
      if ('error' in r) throw new Error(r.error.message);
      expect(item!.score).toBe(r.report.score!.total);
      expect(item!.errors).toBe(r.report.findings.filter((f) => f.severity === 'error').length);
    }
  });

  it('filters rankings by region subtree, kind, grade and name', async () => {
    const names = async (q: string) => (await get<RankingsResponse>(`/api/rankings?${q}`)).items.map((i) => i.agency.name);
    expect(await names('year=2019&region=36')).toEqual(['新余市文广新旅局']);
    expect(await names('year=2019&region=360500')).toEqual(['新余市文广新旅局']);
    expect(await names('year=2019&region=12')).toEqual(['南开区文化和旅游局']);
    expect(await names('year=2019&grade=不合格')).toEqual(['南开区文化和旅游局']);
    expect(await names(`year=2019&q=${encodeURIComponent('南开')}`)).toEqual(['南开区文化和旅游局']);
    expect(await names('year=2024&kind=government')).toEqual(['淮安市人民政府']);
    expect(await names('year=2019&sort=-rank')).toEqual(['南开区文化和旅游局', '新余市文广新旅局']);
    // rank is within the region and kind, not the grade or name filter
    const bad = await get<RankingsResponse>('/api/rankings?year=2019&grade=不合格');
    expect(bad.items[0]!.rank).toBe(2);
  });

  it('exports the ranking as CSV with a BOM and Chinese headers', async () => {
    const r = await app.inject('/api/rankings/export?format=csv&year=2019&region=36');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    const disposition = String(r.headers['content-disposition']);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('年度报告排名_2019年_江西省.csv');
    expect(disposition).toContain('filename="rankings_2019_36.csv"');
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 8)).toEqual(['排名', '机关名称', '所属地区', '地区代码', '机关类型', '年度', '得分', '等次']);
    // names, not database ids: the report is named by its agency and year
    expect(lines[0]!.split(',').slice(8)).toEqual(['内容完整性', '数据准确性', '格式规范性', '发布及时性', '错误数', '警告数', '较上年变化', '发布日期', '备注']);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split(',').slice(0, 6)).toEqual(['1', '新余市文广新旅局', '江西省新余市', '360500', '部门', '2019']);
  });

  it('exports the ranking as XLSX that reads back with the Chinese intact', async () => {
    const r = await app.inject('/api/rankings/export?format=xlsx&year=2019');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('年度报告排名_2019年.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('2019年度排名')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1).slice(0, 8)).toEqual(['排名', '机关名称', '所属地区', '地区代码', '机关类型', '年度', '得分', '等次']);
    const ranking = await get<RankingsResponse>('/api/rankings?year=2019');
    expect(row(2).slice(0, 8)).toEqual([1, '新余市文广新旅局', '江西省新余市', '360500', '部门', 2019, ranking.items[0]!.score, ranking.items[0]!.grade]);
    expect(row(3).slice(0, 2)).toEqual([2, '南开区文化和旅游局']);
    expect(sheet.rowCount).toBe(3);
  });

  it('re-ingesting everything changes nothing', async () => {
    const before = { scores: await allScores(), health: await get('/api/health'), agencies: await get('/api/agencies?pageSize=1000') };
    const again = await upload([...seeds, ...corpus]);
    for (const r of again.results) {
      const was = first.results.find((f) => f.file === r.file)!;
      if (was.status === 'failed') expect(r.status).toBe('failed');
      else expect(r).toMatchObject({ status: 'unchanged', reportId: was.reportId, version: was.version, score: was.score });
    }
    expect(again.summary).toMatchObject({ ingested: 0, newVersions: 0 });
    expect(await allScores()).toEqual(before.scores);
    expect(await get('/api/health')).toEqual(before.health);
    expect(await get('/api/agencies?pageSize=1000')).toEqual(before.agencies);
  });

  it('a corrected version changes only that report’s score and its neighbours’ ranks', async () => {
    const before = await allScores();
    const ranking2019 = await get<RankingsResponse>('/api/rankings?year=2019');
    const nankaiBefore = ranking2019.items.find((i) => i.agency.name === '南开区文化和旅游局')!;
    // the corrected report now has its 落款 and date
    const corrected = Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');
    const res = await upload([{ name: '南开区文化和旅游局2019年政府信息公开工作年度报告（更正）.txt', bytes: corrected }]);
    const [r] = res.results;
    expect(r).toMatchObject({ status: 'new-version', version: 2, year: 2019, agency: { id: nankaiBefore.agency.id } });
    expect(r!.score).not.toBe(nankaiBefore.score);

    const after = await allScores();
    expect(after.has(nankaiBefore.reportId)).toBe(false); // the old version no longer counts
    expect(after.get(r!.reportId!)).toBe(r!.score);
    const others = (m: Map<number, number | null>) => [...m].filter(([id]) => id !== nankaiBefore.reportId && id !== r!.reportId);
    expect(others(after)).toEqual(others(before));

    // the earlier version stays viewable, and lists both
    const old = await get<ReportDetail>(`/api/reports/${nankaiBefore.reportId}`);
    expect(old).toMatchObject({ current: false, version: 1, score: { total: nankaiBefore.score } });
    const now = await get<ReportDetail>(`/api/reports/${r!.reportId}`);
    expect(now).toMatchObject({ current: true, version: 2, publishedOn: '2020-01-10', agencyId: nankaiBefore.agency.id });
    expect(now.versions.map((v) => [v.id, v.version, v.current])).toEqual([
      [nankaiBefore.reportId, 1, false],
      [r!.reportId, 2, true],
    ]);
  });
});

describe('reports, agencies and statistics', () => {
  it('serves a report in the canonical model with its source text and original file', async () => {
    const [item] = (await get<RankingsResponse>('/api/rankings?year=2019')).items;
    const report = await get<ReportDetail>(`/api/reports/${item!.reportId}`);
    expect(report).toMatchObject({ id: item!.reportId, agencyId: item!.agency.id, year: 2019, template: '2019', registeredAgency: { name: '新余市文广新旅局' } });
    expect(Object.keys(report.sections)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
    expect(report.cells['t2.procurement.amount']).toMatchObject({ state: 'value', value: 9.885, unit: '元' });
    const source = await get<{ text: string }>(`/api/reports/${item!.reportId}/source`);
    const f = report.findings.find((x) => x.span)!;
    expect(source.text.slice(f.span![0], f.span![1]).length).toBeGreaterThan(0);
    const file = await app.inject(`/api/reports/${item!.reportId}/file`);
    expect(Buffer.compare(file.rawPayload, seeds.find((s) => s.name.startsWith('004_'))!.bytes)).toBe(0);
  });

  it('lists agencies and one agency’s years', async () => {
    const list = await get<{ total: number; items: { id: number; name: string }[] }>(`/api/agencies?q=${encodeURIComponent('新余')}`);
    expect(list.items.map((a) => a.name)).toEqual(['新余市文广新旅局']);
    const agency = await get<AgencyDetail>(`/api/agencies/${list.items[0]!.id}`);
    expect(agency).toMatchObject({ name: '新余市文广新旅局', level: 'city', kind: 'department', aliases: ['新余市文广新旅局'] });
    expect(agency.reports).toHaveLength(1);
    expect(agency.reports[0]).toMatchObject({ year: 2019, rank: 1, versions: 1, byCategory: { completeness: expect.any(Number) } });
  });

  it('answers overview, trends, years and the region tree', async () => {
    const overview = await get<OverviewResponse>('/api/overview?year=2019');
    expect(overview).toMatchObject({ year: 2019, reports: 2, failShare: 0.5 });
    expect(overview.histogram).toHaveLength(10);
    expect(overview.histogram.reduce((s, b) => s + b.count, 0)).toBe(2);
    // 淮安's first report is for 2024: without a roster saying otherwise it owed nothing for 2019 (issue 13)
    expect(overview.missing.items.map((m) => m.name)).not.toContain('淮安市人民政府');
    const trends = await get<TrendsResponse>('/api/trends?from=2019&to=2024');
    expect(trends.items.map((t) => t.year)).toEqual([2019, 2023, 2024]);
    expect(trends.items[0]!.grades.不合格).toBe(0.5);
    expect(trends.items[0]!.topFindings[0]).toMatchObject({ rule: expect.any(String), reports: expect.any(Number) });
    const years = await get<{ items: { year: number }[] }>('/api/years');
    expect(years.items.map((y) => y.year)).toEqual([2025, 2024, 2023, 2019]);
    const regions = await get<{ items: { code: string; name: string; children: { code: string }[] }[] }>('/api/regions');
    const jiangxi = regions.items.find((r) => r.code === '360000')!;
    expect(jiangxi.name).toBe('江西省');
    expect(jiangxi.children.map((c) => c.code)).toEqual(['360500']);
  });

  it('lists the rules reference from the audit', async () => {
    const rules = await get<{ id: string; category: string }[]>('/api/rules');
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['balance.t3-flow', 'history.carry-over', 'time.late']));
  });

  it('expands a zip archive and reports each file inside', async () => {
    const zip = writeZip([
      { name: '报告/004.txt', data: seeds.find((s) => s.name.startsWith('004_'))!.bytes },
      { name: '报告/说明.bin', data: new Uint8Array([1, 2, 3]) },
    ]);
    const res = await upload([{ name: 'batch.zip', bytes: zip }]);
    expect(res.results.map((r) => [r.file, r.status])).toEqual([
      ['batch.zip/报告/004.txt', 'unchanged'],
      ['batch.zip/报告/说明.bin', 'failed'],
    ]);
  });

  it('applies the form fields to the uploaded files', async () => {
    const res = await upload([{ name: 'x.txt', bytes: Buffer.from(NANKAI.toString('utf8') + '\n') }], { agency: '南开区文旅局', year: '2020', published: '2021-01-20' });
    expect(res.results[0]).toMatchObject({ status: 'ingested', year: 2020, agency: { name: '南开区文旅局' } });
    const report = await get<ReportDetail>(`/api/reports/${res.results[0]!.reportId}`);
    expect(report).toMatchObject({ publishedOn: '2021-01-20', agency: { name: '南开区文旅局', source: 'metadata' } });
  });
});

describe('errors and documentation', () => {
  it('answers errors as JSON with a Chinese message', async () => {
    const cases: [string, number, string][] = [
      ['/api/reports/99999', 404, 'not-found'],
      ['/api/agencies/99999', 404, 'not-found'],
      ['/api/nothing-here', 404, 'not-found'],
      ['/api/rankings?year=abc', 400, 'invalid-request'],
      ['/api/rankings?sort=best', 400, 'invalid-request'],
      ['/api/rankings?region=3605001', 400, 'invalid-request'],
      ['/api/rankings/export?format=pdf', 400, 'invalid-request'],
    ];
    for (const [url, status, code] of cases) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(status);
      expect(r.json().error.code, url).toBe(code);
      expect(r.json().error.message, url).toMatch(/[\u4e00-\u9fff]/);
    }
    const noFiles = await app.inject({ method: 'POST', url: '/api/reports', ...form([], { year: '2019' }) });
    expect(noFiles.statusCode).toBe(400);
    expect(noFiles.json()).toEqual({ error: { code: 'no-files', message: '请至少上传一个文件' } });
    const badYear = await app.inject({ method: 'POST', url: '/api/reports', ...form(seeds, { year: '19' }) });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.message).toMatch(/year/);
  });

  it('publishes the OpenAPI document and its docs page', async () => {
    const doc = await get<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/api/openapi.json');
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/reports', '/api/reports/{id}', '/api/reports/{id}/source', '/api/agencies', '/api/agencies/{id}', '/api/rankings', '/api/rankings/export', '/api/trends', '/api/rules', '/api/overview', '/api/years', '/api/regions']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/api/rankings']!.get!.responses['200'])).toContain('"change"');
    const page = await app.inject('/api/docs');
    expect([200, 302]).toContain(page.statusCode);
  });
});

describe('the dashboard build', () => {
  it('serves apps/web/dist with a fallback to index.html outside /api', async () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(web, 'assets/app.js'), 'console.log(1)');
    const site = await testApp(database, { webRoot: web });
    try {
      expect((await site.inject('/')).body).toContain('id="root"');
      expect((await site.inject('/assets/app.js')).body).toBe('console.log(1)');
      const deep = await site.inject('/rankings/2019');
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toContain('id="root"');
      const api = await site.inject('/api/missing');
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not-found');
    } finally {
      await site.close();
    }
  });
});

describe('every format through the store', () => {
  it('stores a docx and a pdf of a seed with the cells of its text version', async () => {
    const fixtures = join(ROOT, 'packages/extract/fixtures');
    const site = await testApp(await testDatabase(dir, 'formats'), { webRoot: null });
    try {
      const files = [
        { name: '000_91e0e63c20f568b3.txt', bytes: NANKAI },
        ...['docx', 'pdf'].map((ext) => ({ name: `000_91e0e63c20f568b3.${ext}`, bytes: readFileSync(join(fixtures, `000_91e0e63c20f568b3.${ext}`)) })),
      ];
      const r = await site.inject({ method: 'POST', url: '/api/reports', ...form(files) });
      expect(r.statusCode, r.body).toBe(200);
      const { results } = r.json() as IngestResponse;
      // one agency and year: the docx and the pdf are further versions of the same report, scored alike
      expect(results.map((x) => [x.status, x.version, x.score, x.error])).toEqual([
        ['ingested', 1, 53.9, null],
        ['new-version', 2, 53.9, null],
        ['new-version', 3, 53.9, null],
      ]);
      const stored = await Promise.all(results.map(async (x) => (await site.inject(`/api/reports/${x.reportId}`)).json() as ReportDetail));
      const cells = (d: ReportDetail) =>
        Object.fromEntries(Object.entries(d.cells).map(([k, c]) => [k, { state: c.state, value: c.value, raw: c.raw.trim(), unit: c.unit ?? null }]));
      expect(Object.keys(stored[0]!.cells)).toHaveLength(198);
      expect(cells(stored[1]!)).toEqual(cells(stored[0]!));
      expect(cells(stored[2]!)).toEqual(cells(stored[0]!));
      // each keeps its own text: spans point into the extracted text of that file
      for (const d of stored.slice(1)) {
        const source = (await site.inject(`/api/reports/${d.id}/source`)).json() as { text: string };
        const c = d.cells['t3.carriedOver.total']!;
        expect(source.text.slice(c.span![0], c.span![1]).trim()).toBe(c.raw.trim());
      }
    } finally {
      await site.close();
    }
  }, 120_000);
});
