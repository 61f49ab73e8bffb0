/**
 * The office's loop through the real app over a real SQLite file, with the seeds and the corpus:
 * the roster import (CSV and XLSX), each unit's status per year as of a cut-off date, the 整改通知书
 * (read back from the DOCX, and rendered by LibreOffice when it is installed), the rectification
 * case closing items when a corrected report is ingested, the 通报 and the rankings by region.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefaultRubric, validateRubric } from '@nianbao/audit';
import { ROOT } from '@nianbao/db';
import { defaultAuditor } from '@nianbao/core';
import type { IngestResponse, OverviewResponse, RankingsResponse } from '@nianbao/contract';
import type { BulletinResponse, LoopTrendsResponse, NoticeResponse, RectificationsResponse, RegionRankingsResponse, RosterImportResponse, RosterResponse } from '@nianbao/contract';
import { form, testApp, testDatabase, testSql } from './testing';

const CORPUS = join(ROOT, '../shared/corpus');
const NANKAI = readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'));
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
/** 南开 corrected: headings numbered 一、 and 五、, and a 落款 with its date. */
const CORRECTED = Buffer.from(
  NANKAI.toString('utf8')
    .replace(' 1、   总体情况', ' 一、总体情况')
    .replace('5、 存在的主要问题及改进情况', '五、存在的主要问题及改进情况')
    .trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n',
);
const CORPUS_FILES = [
  'suqian-shuyangxian-fazhangaigeju_2023.html', // 沭阳县发展和改革局 2023
  'shanghai-shi-kexue-jishu-weiyuanhui_2024.md', // 上海市科委 2024
  'shanghai-shi-renminzhengfu-bangongting_2025.md', // 上海市人民政府办公厅 2025
  'huaian-shi-renminzhengfu_2024.layout.txt', // 淮安市人民政府 2024
];
const PASSWORD = 'correct horse 1';
/** 南开 corrected, under the default rubric: two faults fewer. */
const CORRECTED_SCORE = 58.9;

/** The roster: the seeds' and corpus' agencies, three units that never reported, and faulty rows. */
const ROSTER_CSV = [
  '机关名称,地区代码,类型,上级机关,自何年起应报,撤并年份,年报栏目网址',
  '南开区文化和旅游局,120104,部门,天津市南开区人民政府,,,',
  '新余市文广新旅局,360500,部门,新余市人民政府,,,http://www.xinyu.gov.cn/col/nb',
  '沭阳县发展和改革局,321322,部门,沭阳县人民政府,,,',
  '上海市科委,310000,部门,上海市人民政府,2019,,',
  '上海市人民政府办公厅,310000,部门,上海市人民政府,,,',
  '淮安市人民政府,320800,人民政府,江苏省人民政府,,,',
  '南开区教育局,120104,部门,天津市南开区人民政府,,,',
  '新余市财政局,360500,部门,新余市人民政府,,2022,',
  '新余市渝水区人民政府,360502,人民政府,新余市人民政府,,,',
  '新余市文广新旅,360500,部门,新余市人民政府,,,',
  ',360500,部门,,,,',
  '南开区文化和旅游局,120104,部门,,,,',
  '新余市统计局,360500,部门,,二〇一九,,',
].join('\r\n');

let dir: string;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const as = (who: string | null) => (who ? { cookie: cookies[who]! } : {});
const get = async <T>(url: string, who: string | null = null): Promise<T> => {
  const r = await app.inject({ url, headers: as(who) });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json() as T;
};
const upload = async (files: { name: string; bytes: Uint8Array }[]) => {
  const r = await app.inject({ method: 'POST', url: '/api/reports', ...form(files) });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as IngestResponse).results;
};
/** A multipart body with one file in the field `file`. */
function rosterForm(name: string, bytes: Uint8Array) {
  const boundary = '----roster' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const importRoster = (name: string, bytes: Uint8Array, who: string | null = null) => {
  const f = rosterForm(name, bytes);
  return app.inject({ method: 'POST', url: '/api/roster', payload: f.payload, headers: { ...f.headers, ...as(who) } });
};
const statusOf = (r: RosterResponse) => Object.fromEntries(r.items.map((i) => [i.agency.name, i.status]));
/**
 * The overview's 未报送 units (found in SQL, kept until a write): the roster page's `missing` as of
 * today, in its order and counted alike. Their names.
 */
async function overviewMissing(year: number, filter: { region?: string; kind?: 'government' | 'department' } = {}) {
  const query = `year=${year}${filter.region ? `&region=${filter.region}` : ''}`;
  const { missing } = await get<OverviewResponse>(`/api/overview?${query}${filter.kind ? `&kind=${filter.kind}` : ''}`);
  const roster = (await get<RosterResponse>(`/api/roster?${query}&status=missing`)).items.filter((i) => !filter.kind || i.agency.kind === filter.kind);
  expect(missing.items.map((i) => [i.id, i.name, i.region, i.kind])).toEqual(roster.map((i) => [i.agency.id, i.agency.name, i.agency.region, i.agency.kind]));
  expect(missing.count).toBe(roster.length);
  return missing.items.map((i) => i.name);
}

/** The text of each paragraph and each table row of a DOCX (its word/document.xml). */
function readDocx(bytes: Buffer): { text: string; rows: string[][] } {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  const textOf = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => textOf(tc[0])));
  const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0])).join('\n');
  return { text, rows };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-office-'));
  app = await testApp(await testDatabase(dir), { webRoot: null });
  const results = await upload([
    { name: '000_91e0e63c20f568b3.txt', bytes: NANKAI },
    { name: '004_52ba3b16510502cd.txt', bytes: XINYU },
    ...CORPUS_FILES.map((f) => ({ name: f, bytes: readFileSync(join(CORPUS, f)) })),
  ]);
  expect(results.map((r) => [r.agency?.name, r.year, r.status])).toEqual([
    ['南开区文化和旅游局', 2019, 'ingested'],
    ['新余市文广新旅局', 2019, 'ingested'],
    ['沭阳县发展和改革局', 2023, 'ingested'],
    ['上海市科委', 2024, 'ingested'],
    ['上海市人民政府办公厅', 2025, 'ingested'],
    ['淮安市人民政府', 2024, 'ingested'],
  ]);
  for (const r of results) ids[r.agency!.name] = r.agency!.id;
  ids.nankaiReport = results[0]!.reportId!;
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('without a roster', () => {
  it('takes the units that reported in some year, and does not count a later first report as missing', async () => {
    const y2019 = await get<RosterResponse>('/api/roster?year=2019&asOf=2020-06-30');
    expect(y2019.source).toBe('reports');
    expect(statusOf(y2019)).toEqual({ 南开区文化和旅游局: 'on-time', 新余市文广新旅局: 'on-time' });
    expect(y2019.items.find((i) => i.agency.name === '新余市文广新旅局')).toMatchObject({
      deadline: '2020-01-31',
      publishedOn: '2020-01-15',
      daysLate: 0,
      reportId: expect.any(Number),
    });
    const y2024 = await get<RosterResponse>('/api/roster?year=2024&asOf=2025-06-30');
    expect(statusOf(y2024)).toEqual({
      南开区文化和旅游局: 'missing',
      上海市科委: 'on-time',
      淮安市人民政府: 'on-time',
      沭阳县发展和改革局: 'missing',
      新余市文广新旅局: 'missing',
    });
    // 淮安市人民政府 is a government: 31 March
    expect(y2024.items.find((i) => i.agency.name === '淮安市人民政府')!.deadline).toBe('2025-03-31');
    expect(await overviewMissing(2024)).toEqual(['南开区文化和旅游局', '沭阳县发展和改革局', '新余市文广新旅局']);
    const { missing } = await get<OverviewResponse>('/api/overview?year=2024');
    expect(missing.items.map((i) => [i.level, i.demo, i.lastYear])).toEqual([
      ['county', false, 2019],
      ['county', false, 2023],
      ['city', false, 2019],
    ]);
    expect(await overviewMissing(2023)).toEqual(['南开区文化和旅游局', '新余市文广新旅局']);
  });
});

describe('POST /api/roster', () => {
  it('imports a CSV roster: matches names through aliases, adds units that never reported, reports faulty rows back', async () => {
    const r = await importRoster('应报送名单.csv', Buffer.from('\uFEFF' + ROSTER_CSV));
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as RosterImportResponse;
    expect(body.results.map((x) => [x.row, x.status, x.agency?.name ?? null])).toEqual([
      [2, 'updated', '南开区文化和旅游局'],
      [3, 'updated', '新余市文广新旅局'],
      [4, 'updated', '沭阳县发展和改革局'],
      [5, 'updated', '上海市科委'],
      [6, 'updated', '上海市人民政府办公厅'],
      [7, 'updated', '淮安市人民政府'],
      [8, 'added', '南开区教育局'],
      [9, 'added', '新余市财政局'],
      [10, 'added', '新余市渝水区人民政府'],
      [11, 'error', null],
      [12, 'error', null],
      [13, 'error', null],
      [14, 'error', null],
    ]);
    const messages = body.results.filter((x) => x.status === 'error').map((x) => x.message);
    expect(messages).toEqual([
      '第11行：“新余市文广新旅”与已登记的机关“新余市文广新旅局”相近，无法确定是否为同一机关；如为同一机关，请使用已登记名称或先在机关页面添加别名，如不是，请在名称中写明全称',
      '第12行：机关名称为空',
      '第13行：“南开区文化和旅游局”与第2行是同一机关（“南开区文化和旅游局”），重复列出',
      '第14行：自何年起应报“二〇一九”应为四位年份',
    ]);
    expect(body.summary).toEqual({ added: 3, updated: 6, unchanged: 0, error: 4 });
    for (const x of body.results) if (x.agency) ids[x.agency.name] = x.agency.id;

    // the same file again: nothing changes
    const again = (await importRoster('应报送名单.csv', Buffer.from(ROSTER_CSV))).json() as RosterImportResponse;
    expect(again.summary).toEqual({ added: 0, updated: 0, unchanged: 9, error: 4 });
  });

  it('gives each unit its status per year as of a cut-off date', async () => {
    const at = (year: number, asOf: string) => get<RosterResponse>(`/api/roster?year=${year}&asOf=${asOf}`);
    const y2019 = await at(2019, '2020-02-15');
    expect(y2019.source).toBe('roster');
    expect(statusOf(y2019)).toEqual({
      南开区文化和旅游局: 'on-time',
      南开区教育局: 'missing', // on the roster, never reported
      上海市科委: 'missing', // first report for 2024, but the roster says from 2019
      新余市文广新旅局: 'on-time',
      新余市财政局: 'missing',
      新余市渝水区人民政府: 'not-due', // a government: due 31 March
    });
    expect(await overviewMissing(2019)).toEqual(['南开区教育局', '上海市科委', '新余市财政局', '新余市渝水区人民政府']);
    expect(await overviewMissing(2019, { kind: 'government' })).toEqual(['新余市渝水区人民政府']);
    expect(await overviewMissing(2019, { region: '3605', kind: 'department' })).toEqual(['新余市财政局']);
    // 上海市人民政府办公厅 (first report 2025), 沭阳 (2023) and 淮安 (2024) owe nothing for 2019
    expect(statusOf(await at(2019, '2020-04-01'))['新余市渝水区人民政府']).toBe('missing');

    const y2022 = await at(2022, '2023-06-30');
    expect(statusOf(y2022)).toEqual({
      南开区文化和旅游局: 'missing',
      南开区教育局: 'missing',
      上海市科委: 'missing',
      新余市文广新旅局: 'missing',
      新余市渝水区人民政府: 'missing',
      // 新余市财政局 was merged away from 2022 on
    });
    const y2025 = await at(2025, '2026-02-15');
    expect(statusOf(y2025)).toMatchObject({ 上海市人民政府办公厅: 'on-time', 淮安市人民政府: 'not-due', 沭阳县发展和改革局: 'missing' });
  });

  it('lists the units that had not published by the cut-off (未发布), and exports the list', async () => {
    const missing = await get<RosterResponse>('/api/roster?year=2019&asOf=2020-04-01&status=missing');
    expect(missing.items.map((i) => [i.agency.name, i.agency.region?.code, i.deadline])).toEqual([
      ['南开区教育局', '120104', '2020-01-31'],
      ['上海市科委', '310000', '2020-01-31'],
      ['新余市财政局', '360500', '2020-01-31'],
      ['新余市渝水区人民政府', '360502', '2020-03-31'],
    ]);
    expect(missing.total).toBe(4);
    const r = await app.inject({ url: '/api/roster?year=2019&asOf=2020-04-01&status=missing&format=xlsx' });
    expect(r.statusCode).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('2019年度未报送名单.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['机关名称', '所属地区', '机关类型', '年度', '发布状态']);
    expect((sheet.getRow(5).values as unknown[]).slice(1, 6)).toEqual(['新余市渝水区人民政府', '江西省新余市渝水区', '人民政府', 2019, '未发布']);
    expect(sheet.rowCount).toBe(5);
  });

  it('applies the deadlines an office sets per region and kind, and records a 报送日期', async () => {
    const set = (payload: object) => app.inject({ method: 'PUT', url: '/api/deadlines', payload });
    expect((await set({ region: '3605', kind: 'department', monthDay: '01-10' })).statusCode).toBe(200);
    const xinyu = (await get<RosterResponse>('/api/roster?year=2019&region=36&asOf=2020-06-30')).items.find((i) => i.agency.name === '新余市文广新旅局')!;
    expect(xinyu).toMatchObject({ status: 'late', deadline: '2020-01-10', daysLate: 5 });
    expect((await set({ region: '3605', kind: 'department', monthDay: null })).statusCode).toBe(200);
    const bad = await set({ region: '3605', kind: 'department', monthDay: '2-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('期限应为 MM-DD 格式');

    const f = await app.inject({ method: 'PUT', url: `/api/agencies/${ids['新余市文广新旅局']}/filing`, payload: { year: 2019, filedOn: '2020-01-16' } });
    expect(f.statusCode, f.body).toBe(200);
    const again = (await get<RosterResponse>('/api/roster?year=2019&region=3605')).items.find((i) => i.agency.name === '新余市文广新旅局')!;
    expect(again).toMatchObject({ status: 'on-time', filedOn: '2020-01-16', deadline: '2020-01-31' });
  });

  it('imports an XLSX roster, and marks a unit exempt from a year on', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['机关名称', '地区代码', '类型', '上级机关', '自何年起应报', '撤并年份', '年报栏目网址']);
    sheet.addRow(['新余市渝水区人民政府', '360502', '人民政府', '新余市人民政府', 2021, null, null]);
    sheet.addRow(['新余市统计局', '360500', '部门', '新余市人民政府', 2019, null, 'ftp://x']);
    const r = await importRoster('名单.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as RosterImportResponse).results).toEqual([
      { row: 2, status: 'updated', agency: { id: ids['新余市渝水区人民政府'], name: '新余市渝水区人民政府' } },
      { row: 3, status: 'error', message: '第3行：年报栏目网址“ftp://x”应以 http:// 或 https:// 开头' },
    ]);
    expect(statusOf(await get<RosterResponse>('/api/roster?year=2019&region=3605&asOf=2020-06-30'))['新余市渝水区人民政府']).toBeUndefined();

    const patch = await app.inject({ method: 'PATCH', url: `/api/agencies/${ids['南开区教育局']}/roster`, payload: { exemptFrom: 2019 } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(statusOf(await get<RosterResponse>('/api/roster?year=2019&region=12&asOf=2020-06-30'))['南开区教育局']).toBe('exempt');
  });

  it('refuses a file that is not a roster with a Chinese message naming it', async () => {
    const noName = await importRoster('名单.csv', Buffer.from('单位,代码\r\n甲,1\r\n'));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.message).toContain('文件“名单.csv”第1行（表头）缺少“机关名称”列');
    const pdf = await importRoster('名单.pdf', Buffer.from('%PDF-1.4'));
    expect(pdf.json().error.message).toBe('文件“名单.pdf”不是 XLSX 或 CSV 格式，请上传 Excel（.xlsx）或 CSV 文件');
    const broken = await importRoster('名单.xlsx', Buffer.from('PK\u0003\u0004broken'));
    expect(broken.json().error.message).toBe('文件“名单.xlsx”无法作为 Excel（.xlsx）文件读取，请检查文件是否损坏');
  });
});

describe('region scope and roles', () => {
  beforeAll(async () => {
    for (const [name, role, region] of [
      ['xinyu', 'viewer', '3605'],
      ['jx-reviewer', 'reviewer', '36'],
    ] as const) {
      expect((await app.accounts.create({ username: name, password: PASSWORD, role, regionCode: region })).ok).toBe(true);
      const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: name, password: PASSWORD } });
      cookies[name] = [res.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
    }
  });
  afterAll(async () => {
    for (const name of ['xinyu', 'jx-reviewer']) await app.accounts.remove((await app.accounts.byName(name))!.id);
  });

  it('keeps a region-scoped user to its subtree on every route of the loop', async () => {
    const own = await get<RosterResponse>('/api/roster?year=2019&asOf=2020-06-30', 'xinyu');
    expect(own.items.map((i) => i.agency.name)).toEqual(['新余市文广新旅局', '新余市财政局']);
    expect((await app.inject({ url: '/api/roster?region=12', headers: as('xinyu') })).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/reports/${ids.nankaiReport}/notice?format=json`, headers: as('xinyu') })).statusCode).toBe(404);
    const b = await get<BulletinResponse>('/api/bulletin?year=2019&asOf=2020-06-30', 'xinyu');
    expect(b.failing).toEqual([]);
    expect(b.excellent.map((u) => u.agency.name)).toEqual(['新余市文广新旅局']);
    const rr = await get<RegionRankingsResponse>('/api/rankings/regions?year=2019', 'xinyu');
    expect(rr.region?.code).toBe('360500');
    expect(rr.items.every((i) => i.region?.code.startsWith('3605'))).toBe(true);
    expect((await get<RectificationsResponse>('/api/rectifications', 'xinyu')).items.every((c) => c.agency.region?.code.startsWith('3605'))).toBe(true);
  });

  it('lets a viewer read but not import; a reviewer imports only units of its region', async () => {
    expect((await importRoster('名单.csv', Buffer.from(ROSTER_CSV), 'xinyu')).statusCode).toBe(403);
    const r = await importRoster('名单.csv', Buffer.from('机关名称,地区代码\r\n南开区文化和旅游局,120104\r\n新余市文广新旅局,360500\r\n'), 'jx-reviewer');
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as RosterImportResponse).results.map((x) => [x.status, x.message ?? ''])).toEqual([
      ['error', '第2行：“南开区文化和旅游局”不在您的地区范围（36）内'],
      ['unchanged', ''],
    ]);
    expect((await app.inject({ method: 'PUT', url: '/api/deadlines', payload: { region: '', kind: 'department', monthDay: '02-28' }, headers: as('jx-reviewer') })).statusCode).toBe(403);
  });
});

describe('整改通知书 and the rectification case', () => {
  let notice: NoticeResponse;
  let docx: Buffer;

  beforeAll(async () => {
    const set = await app.inject({ method: 'PUT', url: '/api/office-settings', payload: { officeName: '天津市南开区人民政府办公室', rectifyDays: 20 } });
    expect(set.statusCode, set.body).toBe(200);
    // a reviewer dismisses one finding and confirms another
    const review = (fp: string, decision: string) =>
      app.inject({ method: 'POST', url: `/api/reports/${ids.nankaiReport}/findings/${encodeURIComponent(fp)}/review`, payload: { decision, reason: '核实' } });
    expect((await review('structure.section-numbering:s5', 'dismiss')).statusCode).toBe(200);
    expect((await review('narrative.table-mismatch:newReceived', 'confirm')).statusCode).toBe(200);
  });

  it('lists 南开 2019 findings that were not dismissed, with the cells they concern, points and what to do', async () => {
    notice = await get<NoticeResponse>(`/api/reports/${ids.nankaiReport}/notice?format=json&due=2020-03-31`);
    expect(notice).toMatchObject({ agency: { name: '南开区文化和旅游局' }, year: 2019, grade: '不合格', officeName: '天津市南开区人民政府办公室', dueOn: '2020-03-31' });
    expect(notice.items.map((i) => [i.fingerprint, i.location])).toEqual([
      ['structure.section-missing:s6', '第六部分“其他需要报告的事项”'],
      ['structure.section-numbering:s1', '原文：“1、 总体情况”'],
      ['table.row-absent:t3.notProcessed.complaint..t3.carriedForward:*', '表三自“1.信访举报投诉类申请”至“四、结转下年度继续办理”共8行56格'],
      ['table.cell-blank:t2.regulations..t2.otherServices:*', '表二自“规章”至“其他对外管理服务事项”共4行12格'],
      ['table.cell-blank:t2.coercion..t2.procurement:*', '表二自“行政强制”至“政府集中采购”共3行7格'],
      ['table.cell-blank:t3.newReceived:*', '表三“一、本年新收政府信息公开申请数量”行7列'],
      ['table.cell-blank:t3.carriedOver:commercial,research,publicInterest,legalService,otherOrg', '表三“二、上年结转政府信息公开申请数量”行5列'],
      ['table.cell-blank:t3.granted..t3.unable.unclear:*', '表三自“（一）予以公开”至“3.补正后申请内容仍不明确”共13行91格'],
      ['table.cell-blank:t4.review..t4.litigationAfterReview:*', '表四自“行政复议”至“复议后起诉”共3行15格'],
      ['meta.date-missing:date', '报告标题或末尾落款'],
      ['narrative.table-mismatch:newReceived', '表三“一、本年新收政府信息公开申请数量”行“总计”列'],
    ]);
    expect(notice.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(notice.items.find((i) => i.rule === 'narrative.table-mismatch')).toMatchObject({ category: '数据准确性', points: 5, requirement: '核实正文与统计表的数据，使二者一致' });
    const confirmed = await get<NoticeResponse>(`/api/reports/${ids.nankaiReport}/notice?format=json&confirmedOnly=true`);
    expect(confirmed.items.map((i) => i.fingerprint)).toEqual(['narrative.table-mismatch:newReceived']);
  });

  it('is a DOCX whose text and table read back, and LibreOffice renders it', async () => {
    const r = await app.inject({ url: `/api/reports/${ids.nankaiReport}/notice?format=docx` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('整改通知书_南开区文化和旅游局_2019年度.docx');
    docx = r.rawPayload;
    const { text, rows } = readDocx(docx);
    expect(text).toContain('关于南开区文化和旅游局2019年度政府信息公开工作年度报告存在问题的整改通知');
    expect(text).toContain('南开区文化和旅游局：');
    expect(text).toContain('请于2020年3月31日前完成整改');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['天津市南开区人民政府办公室', expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)]);
    expect(rows[0]).toEqual(['序号', '问题类别', '问题描述', '位置（表、行、列或原文摘录）', '扣分', '整改要求']);
    expect(rows).toHaveLength(1 + 11);
    expect(rows[11]).toEqual([
      '11',
      '数据准确性',
      '正文“2019收到依法申请公开件1件”所述1件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(空)不一致',
      '表三“一、本年新收政府信息公开申请数量”行“总计”列',
      '5',
      '核实正文与统计表的数据，使二者一致',
    ]);
    expect(rows.map((row) => row[2])).not.toContain(expect.stringContaining('“5、'));
  });

  it.skipIf(!existsSync('/usr/bin/libreoffice'))('converts to PDF with LibreOffice', () => {
    const out = mkdtempSync(join(tmpdir(), 'nianbao-notice-pdf-'));
    try {
      writeFileSync(join(out, 'notice.docx'), docx);
      execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${out}/profile`, '--convert-to', 'pdf', '--outdir', out, join(out, 'notice.docx')], { timeout: 120_000, stdio: 'pipe' });
      const pdf = readFileSync(join(out, 'notice.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      if (process.env.NOTICE_PDF) writeFileSync(process.env.NOTICE_PDF, pdf);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);

  it('opens one case per unit and year; re-ingesting a corrected 南开 closes the items whose findings are gone', async () => {
    const before = await get<RectificationsResponse>('/api/rectifications?year=2019&asOf=2020-03-01');
    expect(before.items.map((c) => [c.agency.name, c.status, c.dueOn, c.items.length])).toEqual([['南开区文化和旅游局', 'pending', '2020-03-31', 11]]);
    const [r] = await upload([{ name: 'nankai-corrected.txt', bytes: CORRECTED }]);
    expect(r).toMatchObject({ status: 'new-version', version: 2 });
    const after = await get<RectificationsResponse>('/api/rectifications?year=2019&asOf=2020-03-01');
    const c = after.items[0]!;
    expect(c.currentReportId).toBe(r!.reportId);
    expect(c.items.filter((i) => i.status === 'fixed').map((i) => [i.fingerprint, i.statusLabel])).toEqual([
      ['structure.section-numbering:s1', '已整改'],
      ['meta.date-missing:date', '已整改'],
    ]);
    expect(c.items.filter((i) => i.status === 'pending')).toHaveLength(9);
    expect(c).toMatchObject({ status: 'pending', statusLabel: '待整改' });
    // past the 整改期限 with items open: 逾期未改
    const late = await get<RectificationsResponse>('/api/rectifications?year=2019&asOf=2020-04-01&status=逾期未改');
    expect(late.items.map((x) => [x.agency.name, x.status])).toEqual([['南开区文化和旅游局', 'overdue']]);
    expect(late.items[0]!.items.filter((i) => i.status === 'overdue')).toHaveLength(9);
    expect((await get<RectificationsResponse>('/api/rectifications?status=fixed')).total).toBe(0);
  });

  it('exports the 整改台账: unit | 问题 | 扣分 | 整改期限 | 整改情况', async () => {
    const r = await app.inject({ url: '/api/rectifications?year=2019&format=xlsx&asOf=2020-03-01' });
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('整改台账')!;
    const row = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(row(1)).toEqual(['单位', '年度', '序号', '问题', '位置', '扣分', '整改要求', '整改期限', '整改情况']);
    expect(sheet.rowCount).toBe(12);
    expect(row(11)).toEqual(['南开区文化和旅游局', 2019, 10, '报告末尾没有落款日期', '报告标题或末尾落款', 3, '补充报告落款（机关名称与日期）', '2020-03-31', expect.stringMatching(/^已整改（\d{4}-\d{2}-\d{2}）$/)]);
    expect(row(12)[8]).toBe('待整改');
  });

  it('makes the notices of all units under a grade in one DOCX', async () => {
    const r = await app.inject({ url: '/api/notices?year=2019&grade=不合格' });
    expect(r.statusCode, r.body).toBe(200);
    const { text } = readDocx(r.rawPayload);
    expect(text).toContain('关于南开区文化和旅游局2019年度政府信息公开工作年度报告存在问题的整改通知');
    expect(text).not.toContain('新余');
    const none = await app.inject({ url: '/api/notices?year=2018' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toBe('2018年度没有符合条件的报告');
  });
});

describe('通报 and rankings by region', () => {
  it('names 新余 among the excellent and 南开 among the failing, with the missing as of the cut-off', async () => {
    const b = await get<BulletinResponse>('/api/bulletin?year=2019&asOf=2020-02-15');
    expect(b.source).toBe('roster');
    expect(b.excellent.map((u) => u.agency.name)).toEqual(['新余市文广新旅局']);
    expect(b.failing.map((u) => u.agency.name)).toEqual(['南开区文化和旅游局']);
    expect(b.missing.map((u) => u.agency.name)).toEqual(['上海市科委', '新余市财政局']);
    expect(b.late.map((u) => u.agency.name)).toEqual([]);
    expect(b.figures).toMatchObject({ units: 4, published: 2, onTime: 2, late: 0, missing: 2, exempt: 1, grades: { 优秀: 1, 良好: 0, 合格: 0, 不合格: 1 } });
    expect(b.problems[0]).toMatchObject({ units: 1 });
    // no report of 2018 was collected: nothing to compare with (though units that never reported "owe" it)
    expect(b.figures).toMatchObject({ onTimeRate: 0.5, previous: null });

    const docx = await app.inject({ url: '/api/bulletin?year=2019&asOf=2020-02-15&format=docx' });
    expect(docx.statusCode).toBe(200);
    const { text } = readDocx(docx.rawPayload);
    expect(text).toContain('关于全部地区2019年度政府信息公开工作年度报告检查情况的通报');
    expect(text).toMatch(/新余市文广新旅局等1个单位的年度报告评为优秀/);
    expect(text).toMatch(/南开区文化和旅游局（\d+(\.\d+)?分）等1个单位的年度报告不合格/);
    expect(text).toContain('截至2020年2月15日，上海市科委、新余市财政局等2个单位未发布年度报告。');
    expect(text).toMatch(/一是.+，涉及1个单位；二是/);
    expect(text).not.toContain('与2018年度相比');

    const xlsx = await app.inject({ url: '/api/bulletin?year=2019&asOf=2020-02-15&format=xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['总体情况', '优秀', '不合格', '未发布', '逾期发布', '主要问题']);
    expect(book.getWorksheet('不合格')!.getRow(2).getCell(1).value).toBe('南开区文化和旅游局');
    expect(book.getWorksheet('未发布')!.getColumn(1).values.slice(2)).toEqual(['上海市科委', '新余市财政局']);
  });

  it('ranks the child regions: provinces without a region, cities under a province, counties under a city', async () => {
    const top = await get<RegionRankingsResponse>('/api/rankings/regions?year=2019&asOf=2020-06-30');
    // 南开's current report is the corrected one
    const nankai = (await get<RankingsResponse>('/api/rankings?year=2019')).items.find((i) => i.agency.name === '南开区文化和旅游局')!;
    expect(top.items.map((i) => [i.region?.name, i.units, i.reports, i.missing, i.averageScore])).toEqual([
      ['江西省', 2, 1, 1, 100],
      ['天津市', 1, 1, 0, nankai.score],
      ['上海市', 1, 0, 1, null],
    ]);
    expect(top.items[0]).toMatchObject({ rank: 1, onTime: 1, onTimeRate: 0.5, grades: { 优秀: 1 } });
    const jiangxi = await get<RegionRankingsResponse>('/api/rankings/regions?year=2019&region=36&asOf=2020-06-30');
    expect(jiangxi.items.map((i) => [i.region?.name, i.units])).toEqual([['江西省新余市', 2]]);
    const xinyu = await get<RegionRankingsResponse>('/api/rankings/regions?year=2021&region=3605&asOf=2022-06-30');
    expect(xinyu.items.map((i) => [i.region?.name, i.region?.own, i.units, i.missing])).toEqual([
      ['江西省新余市', true, 2, 2],
      ['江西省新余市渝水区', false, 1, 1],
    ]);
  });
});

describe('the loop across years', () => {
  it('gives per year the on-time, late and missing shares, the notices and how much was fixed, and the share of units with each kind of fault', async () => {
    const t = await get<LoopTrendsResponse>('/api/trends/loop?asOf=2026-06-30');
    expect(t.source).toBe('roster');
    expect(t.items.map((i) => i.year)).toEqual([2019, 2023, 2024, 2025]);
    const y2019 = t.items[0]!;
    // 南开 (its corrected version is dated 2020-01-10) and 新余 on time; 上海市科委 and 新余市财政局 missing; 南开区教育局 exempt
    expect(y2019).toMatchObject({ units: 4, published: 2, onTime: 2, late: 0, missing: 2, notDue: 0, onTimeRate: 0.5, lateRate: 0, missingRate: 0.5 });
    // one notice (南开): 2 of its 11 items fixed by the corrected version, the rest past the 整改期限 (逾期未改, a 发布及时性 fault)
    expect(y2019).toMatchObject({ cases: 1, casesFixed: 0, casesOverdue: 1, items: 11, itemsFixed: 2, rectificationRate: 0.18 });
    expect(y2019.problems).toEqual([
      { category: 'completeness', units: 1, share: 0.5 },
      { category: 'accuracy', units: 1, share: 0.5 },
      { category: 'conformity', units: 1, share: 0.5 },
      { category: 'timeliness', units: 1, share: 0.5 },
    ]);
    const y2024 = t.items.find((i) => i.year === 2024)!;
    expect(y2024).toMatchObject({ cases: 0, items: 0, rectificationRate: null });
    const mine = await get<LoopTrendsResponse>('/api/trends/loop?region=3605&asOf=2026-06-30');
    expect(mine.items.map((i) => [i.year, i.units, i.onTime, i.missing])).toEqual([[2019, 2, 1, 1]]);
  });
});

describe('editing the roster on the page: add a unit, rename it, mark it 撤并 or 免报', () => {
  const units = (year: number, region = '3605') => get<RosterResponse>(`/api/roster?year=${year}&region=${region}&asOf=${year + 1}-06-30`).then(statusOf);
  const patch = (id: number, payload: object, who: string | null = null) =>
    app.inject({ method: 'PATCH', url: `/api/agencies/${id}/roster`, payload, headers: as(who) });
  const add = (payload: object, who: string | null = null) => app.inject({ method: 'POST', url: '/api/roster/units', payload, headers: as(who) });
  let audit: number;

  it('adds a unit that never reported: it is 未发布 from its first year due', async () => {
    const before = await overviewMissing(2020, { region: '3605' });
    expect(before).toEqual(['新余市文广新旅局', '新余市财政局']);
    const r = await add({ name: '新余市审计局', regionCode: '360500', kindLabel: '部门', parentName: '新余市人民政府', fromYear: 2020 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'added', agency: { name: '新余市审计局' } });
    audit = r.json().agency.id;
    expect((await units(2019))['新余市审计局']).toBeUndefined();
    expect((await units(2020))['新余市审计局']).toBe('missing');
    // the overview's list follows the write
    expect(await overviewMissing(2020, { region: '3605' })).toEqual(['新余市审计局', '新余市文广新旅局', '新余市财政局']);
    const item = (await get<RosterResponse>('/api/roster?year=2020&region=3605')).items.find((i) => i.agency.id === audit)!;
    expect(item.unit).toEqual({ fromYear: 2020, withdrawnFrom: null, exemptFrom: null, url: null, parentName: '新余市人民政府' });
    // the same unit again changes nothing; a name close to it is refused, not guessed
    expect((await add({ name: '新余市审计局', regionCode: '360500' })).json()).toMatchObject({ status: 'unchanged', agency: { id: audit } });
    const close = await add({ name: '新余市审计', regionCode: '360500' });
    expect(close.statusCode).toBe(400);
    expect(close.json().error.message).toBe(
      '“新余市审计”与已登记的机关“新余市审计局”相近，无法确定是否为同一机关；如为同一机关，请使用已登记名称或先在机关页面添加别名，如不是，请在名称中写明全称',
    );
  });

  it('renames a unit, keeping the old name as an alias that a roster file still matches', async () => {
    const r = await patch(audit, { name: '新余市审计服务中心' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await units(2020))['新余市审计服务中心']).toBe('missing');
    const again = (await importRoster('名单.csv', Buffer.from('机关名称,地区代码\r\n新余市审计局,360500\r\n'))).json() as RosterImportResponse;
    expect(again.results).toEqual([{ row: 2, status: 'unchanged', agency: { id: audit, name: '新余市审计服务中心' } }]);
    const taken = await patch(audit, { name: '新余市文广新旅局' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('名称“新余市文广新旅局”已属于另一机关，如为同一机关请合并');
  });

  it('marks a unit 撤并 or 免报 from a year on', async () => {
    expect((await patch(audit, { withdrawnFrom: 2022 })).statusCode).toBe(200);
    expect((await units(2021))['新余市审计服务中心']).toBe('missing');
    expect((await units(2022))['新余市审计服务中心']).toBeUndefined();
    expect((await patch(audit, { exemptFrom: 2021 })).statusCode).toBe(200);
    expect((await units(2020))['新余市审计服务中心']).toBe('missing');
    expect((await units(2021))['新余市审计服务中心']).toBe('exempt');
    expect((await patch(audit, { exemptFrom: null, withdrawnFrom: null })).statusCode).toBe(200);
    expect((await units(2023))['新余市审计服务中心']).toBe('missing');
  });

  it('records every edit in the audit log, under the unit', async () => {
    const log = await get<{ items: { action: string; target: string | null; targetLabel: string | null; detail: Record<string, unknown> }[] }>('/api/audit-log?action=roster');
    const mine = log.items.filter((e) => e.target === `agency:${audit}`).reverse();
    expect(mine.map((e) => e.action)).toEqual(['roster.add', 'roster.add', 'roster.update', 'roster.update', 'roster.update', 'roster.update']);
    expect(new Set(mine.map((e) => e.targetLabel))).toEqual(new Set(['新余市审计服务中心']));
    expect(mine[0]!.detail).toMatchObject({ name: '新余市审计局', regionCode: '360500', fromYear: 2020, status: 'added' });
    expect(mine[2]!.detail).toEqual({ name: '新余市审计服务中心' });
  });

  it('keeps a region-scoped reviewer to its region', async () => {
    expect((await app.accounts.create({ username: 'jx-editor', password: PASSWORD, role: 'reviewer', regionCode: '36' })).ok).toBe(true);
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'jx-editor', password: PASSWORD } });
    cookies['jx-editor'] = [res.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!;
    try {
      const out = await add({ name: '南开区审计局', regionCode: '120104' }, 'jx-editor');
      expect(out.statusCode).toBe(400);
      expect(out.json().error.message).toBe('“南开区审计局”不在您的地区范围（36）内');
      expect((await patch(ids['南开区文化和旅游局']!, { exemptFrom: 2019 }, 'jx-editor')).statusCode).toBe(404);
      expect((await patch(audit, { url: 'http://www.xinyu.gov.cn/sj/nb' }, 'jx-editor')).statusCode).toBe(200);
    } finally {
      await app.accounts.remove((await app.accounts.byName('jx-editor'))!.id);
    }
  });
});

describe('逾期未改: a unit that has not fixed its notice by the 整改期限 loses more points', () => {
  // an office charging 5 points for it (鲤城's scheme); the default rubric charges nothing
  const rubric = validateRubric({ ...getDefaultRubric(), rules: { ...getDefaultRubric().rules, 'rectification.overdue': { points: 5 } } });
  let app2: FastifyInstance;
  let dir2: string;
  let nankai: number;
  const get2 = async <T>(url: string): Promise<T> => {
    const r = await app2.inject({ url });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r.json() as T;
  };
  const ranking = async () => (await get2<RankingsResponse>('/api/rankings?year=2019')).items.map((i) => [i.agency.name, i.score, i.grade, i.rank]);
  const overdue = async (reportId: number) =>
    (await get2<{ findings: { rule: string; message: string; severity: string }[]; score: { deductions: { rule: string; points: number }[] } }>(`/api/reports/${reportId}`));

  beforeAll(async () => {
    dir2 = mkdtempSync(join(tmpdir(), 'nianbao-overdue-'));
    app2 = await testApp(await testDatabase(dir2), { webRoot: null, auditor: defaultAuditor(rubric) });
    const r = await app2.inject({ method: 'POST', url: '/api/reports', ...form([{ name: 'nankai.txt', bytes: NANKAI }, { name: 'xinyu.txt', bytes: XINYU }]) });
    expect(r.statusCode, r.body).toBe(200);
    nankai = (r.json() as IngestResponse).results[0]!.reportId!;
  }, 120_000);
  afterAll(async () => {
    await app2?.close();
    rmSync(dir2, { recursive: true, force: true });
  });

  it('charges nothing before a notice, nor while its 整改期限 is ahead', async () => {
    expect(await ranking()).toEqual([
      ['新余市文广新旅局', 100, '优秀', 1],
      ['南开区文化和旅游局', 53.9, '不合格', 2],
    ]);
    const n = await get2<NoticeResponse>(`/api/reports/${nankai}/notice?format=json&due=2099-12-31`);
    expect(n).toMatchObject({ dueOn: '2099-12-31', score: 53.9, caseId: expect.any(Number) });
    expect(n.items).toHaveLength(12);
    expect((await overdue(nankai)).findings.filter((f) => f.rule === 'rectification.overdue')).toEqual([]);
  });

  it('past the 整改期限 with the items open: 5 points off the score, in plain Chinese, and in the ranking', async () => {
    const n = await get2<NoticeResponse>(`/api/reports/${nankai}/notice?format=json&due=2020-03-31`);
    expect(n).toMatchObject({ dueOn: '2020-03-31', score: 48.9, grade: '不合格' });
    // the notice lists the report's faults: 逾期未改 is about the unit's follow-up, not an item of it
    expect(n.items.map((i) => i.rule)).not.toContain('rectification.overdue');
    const report = await overdue(nankai);
    expect(report.findings.filter((f) => f.rule === 'rectification.overdue')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: `整改通知书（${n.issuedOn}下发）要求于2020-03-31前完成整改，截至${new Date().toISOString().slice(0, 10)}所列12项问题中仍有12项未整改，逾期未改`,
      }),
    ]);
    expect(report.score.deductions).toContainEqual(expect.objectContaining({ rule: 'rectification.overdue', points: 5 }));
    expect(await ranking()).toEqual([
      ['新余市文广新旅局', 100, '优秀', 1],
      ['南开区文化和旅游局', 48.9, '不合格', 2],
    ]);
  });

  it('a corrected version with items still open is charged too; moving the 整改期限 ahead lifts the charge', async () => {
    const r = await app2.inject({ method: 'POST', url: '/api/reports', ...form([{ name: 'nankai-corrected.txt', bytes: CORRECTED }]) });
    const corrected = (r.json() as IngestResponse).results[0]!;
    expect(corrected).toMatchObject({ status: 'new-version', score: CORRECTED_SCORE - 5 });
    const finding = (await overdue(corrected.reportId!)).findings.find((f) => f.rule === 'rectification.overdue')!;
    expect(finding.message).toMatch(/所列12项问题中仍有9项未整改，逾期未改$/);
    expect((await ranking())[1]).toEqual(['南开区文化和旅游局', CORRECTED_SCORE - 5, '不合格', 2]);

    await get2<NoticeResponse>(`/api/reports/${nankai}/notice?format=json&due=2099-12-31`);
    expect((await ranking())[1]).toEqual(['南开区文化和旅游局', CORRECTED_SCORE, '不合格', 2]);
  });

  it('without a roster, adding one unit on the page keeps the units that reported on it', async () => {
    expect((await get2<RosterResponse>('/api/roster?year=2019&asOf=2020-06-30')).source).toBe('reports');
    const r = await app2.inject({ method: 'POST', url: '/api/roster/units', payload: { name: '南开区教育局', regionCode: '120104' } });
    expect(r.statusCode, r.body).toBe(200);
    const after = await get2<RosterResponse>('/api/roster?year=2019&asOf=2020-06-30');
    expect(after.source).toBe('roster');
    expect(statusOf(after)).toEqual({ 南开区文化和旅游局: 'on-time', 南开区教育局: 'missing', 新余市文广新旅局: 'on-time' });
  });

  it('charges a case whose 整改期限 passes with nothing else happening (once a day, before scores are read)', async () => {
    await testSql(app2, 'update rectification_cases set due_on = ?', '2020-06-30');
    expect((await ranking())[1]).toEqual(['南开区文化和旅游局', CORRECTED_SCORE, '不合格', 2]); // already settled today
    expect(await app2.store.settleOverdue(true)).toBe(1);
    expect((await ranking())[1]).toEqual(['南开区文化和旅游局', CORRECTED_SCORE - 5, '不合格', 2]);
    expect(await app2.store.settleOverdue(true)).toBe(0);
  });

  it('the next year’s 通报 says how the notices were followed up', async () => {
    // 2019: 南开 and 新余 on time, 南开区教育局 (added above) missing; 南开 scores 58.9 − 5 (逾期未改)
    const b = await get2<BulletinResponse>('/api/bulletin?year=2020&asOf=2021-06-30');
    expect(b.figures.previous).toEqual({ year: 2019, onTimeRate: 0.67, averageScore: 76.95, cases: 1, items: 12, itemsFixed: 3, casesOverdue: 1 });
    const docx = await app2.inject({ url: '/api/bulletin?year=2020&asOf=2021-06-30&format=docx' });
    expect(readDocx(docx.rawPayload).text).toContain(
      '与2019年度相比，按时发布率由67%变为0%。2019年度下发整改通知1份，所列12项问题已整改3项（25%），1个单位逾期未改。',
    );
  });
});
