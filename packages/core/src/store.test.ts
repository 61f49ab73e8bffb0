import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '@nianbao/audit';
import { extract } from '@nianbao/extract';
import type { Auditor } from './auditor';
import { lineage, lineageNames, parentCode, regionFullName, regionLevel, subtreeRange, type RegionNode } from '@nianbao/db';
import { Office } from './office/office';
import { Store } from './store';
import { failingOn, NANKAI, ROOT, xinyu2020, XINYU } from './testing';



let dir: string;
let store: Store;
const open = (auditor?: Auditor) => new Store({ path: join(dir, 'test.db'), auditor });
const count = (table: string) => store.db.$client.prepare<[], { n: number }>(`select count(*) as n from ${table}`).get()!.n;
const tables = ['agencies', 'agency_aliases', 'sources', 'reports', 'report_cells', 'findings', 'report_rules', 'report_bands', 'regions'];
const counts = () => Object.fromEntries(tables.map((t) => [t, count(t)]));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-db-'));
  store = open();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});


describe('ingest', () => {
  it('stores the report, its source byte for byte, every cell and the audit result', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    expect(r).toMatchObject({ status: 'ingested', version: 1, year: 2019, agency: { name: '新余市文广新旅局' }, error: null });
    const file = (await store.queries.file(r!.reportId!))!;
    expect(Buffer.compare(file.bytes, XINYU)).toBe(0);
    const report = (await store.queries.report(r!.reportId!))!;
    expect(Object.keys(report.cells)).toHaveLength(198);
    expect(report.cells['t3.carriedOver.total']).toMatchObject({ state: 'value', value: 0 });
    expect(report.agency.region).toEqual({ code: '360500', name: '江西省新余市' });
    expect(report.score?.total).toBe(r!.score);
    expect(report.findings.map((f) => f.rule)).toContain('structure.section-title');
    // the text every span points into
    const source = (await store.queries.source(r!.reportId!))!;
    const cell = report.cells['t3.carriedOver.total']!;
    expect(source.text.slice(cell.span![0], cell.span![1]).trim()).toBe('0');
  });

  it("keeps where a PDF's cells are on their pages, as parsed", async () => {
    const bytes = readFileSync(join(ROOT, 'packages/extract/fixtures/000_91e0e63c20f568b3.pdf'));
    const [r] = await store.ingest([{ name: 'nankai.pdf', bytes }]);
    const report = (await store.queries.report(r!.reportId!))!;
    expect(report.cells['t3.newReceived.total']!.position).toEqual({ page: 3, box: [522.4, 241.7, 567, 260.8] });
    expect(Object.values(report.cells).filter((c) => c.position).length).toBeGreaterThan(100);
    // a text report's cells have none
    const [t] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    expect(Object.values((await store.queries.report(t!.reportId!))!.cells).filter((c) => c.position)).toEqual([]);
  });

  it('keeps that a report was read by OCR, and its cells boxed on the scan', async () => {
    const bytes = readFileSync(join(ROOT, 'packages/extract/fixtures/scanned/generated.pdf'));
    const [r] = await store.ingest([{ name: 'scanned.pdf', bytes }]);
    const report = (await store.queries.report(r!.reportId!))!;
    expect(report.ocr).toBe(true);
    expect(report.cells['t3.newReceived.total']!.raw).toBe('180');
    expect(report.cells['t3.newReceived.total']!.position?.page).toBe(2);
    // a text report was not
    const [t] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    expect((await store.queries.report(t!.reportId!))!.ocr).toBeUndefined();
  }, 180_000);

  it('treats the same bytes twice as a no-op', async () => {
    await store.ingest([{ name: 'a.txt', bytes: NANKAI }]);
    const before = counts();
    const [again] = await store.ingest([{ name: 'copy-with-another-name.txt', bytes: NANKAI }]);
    expect(again).toMatchObject({ status: 'unchanged', reportId: 1, version: 1 });
    expect(counts()).toEqual(before);
  });

  it('keeps a corrected report as a new version: the latest counts, earlier ones stay viewable', async () => {
    const fixed = Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');
    const [v1, v2] = await store.ingest([
      { name: 'nankai.txt', bytes: NANKAI },
      { name: 'nankai-corrected.txt', bytes: fixed },
    ]);
    expect(v1).toMatchObject({ status: 'ingested', version: 1 });
    expect(v2).toMatchObject({ status: 'new-version', version: 2, agency: { id: v1!.agency!.id } });
    expect(v2!.score).not.toBe(v1!.score);
    const ranking = await store.queries.rankings({ year: 2019 });
    expect(ranking.items.map((i) => i.reportId)).toEqual([v2!.reportId]);
    const old = (await store.queries.report(v1!.reportId!))!;
    expect(old.current).toBe(false);
    expect(old.publishedOn).toBeNull();
    expect(old.versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect((await store.queries.report(v2!.reportId!))!.publishedOn).toBe('2020-01-10');
  });

  it('reports a file that cannot be read and goes on with the batch', async () => {
    const results = await store.ingest([
      { name: 'notes.bin', bytes: Buffer.from([0, 1, 2, 3, 4, 5]) },
      { name: 'empty.txt', bytes: Buffer.alloc(0) },
      { name: 'minutes.txt', bytes: Buffer.from('本次会议研究了本单位下月的工作安排和人员分工情况。\n'.repeat(20)) },
      { name: 'xinyu.txt', bytes: XINYU },
    ]);
    expect(results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['failed', 'unsupported-format'],
      ['failed', 'empty'],
      ['failed', 'not-a-report'],
      ['ingested', null],
    ]);
    expect(results[0]!.error!.message).toBe('notes.bin：收到的是扩展名为 .bin 的文件，不能作为年度报告导入（支持 .txt .md .html .docx .doc .pdf 文件、.png .jpg .tif 页面图片及 .zip 压缩包）');
  });

  it('writes nothing of a report whose transaction fails', async () => {
    store.close();
    store = open(failingOn('boom.txt'));
    await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const before = counts();
    const [boom, after] = await store.ingest([
      { name: 'boom.txt', bytes: NANKAI },
      { name: 'xinyu-2020.txt', bytes: xinyu2020() },
    ]);
    expect(boom).toMatchObject({ status: 'failed', error: { code: 'store-failed' } });
    expect(boom!.error!.message).toMatch(/写入数据库失败/);
    expect(after).toMatchObject({ status: 'ingested', year: 2020 });
    // 南开 left no agency, alias, region, source, cell or finding behind
    const now = counts();
    expect(now.agencies).toBe(before.agencies);
    expect(now.agency_aliases).toBe(before.agency_aliases);
    expect(now.sources).toBe(before.sources! + 1);
    expect(now.reports).toBe(before.reports! + 1);
    expect(now.regions).toBe(before.regions);
    expect(now.report_cells).toBe(before.report_cells! + 1);
    expect((await store.queries.agencies({ q: '南开' })).total).toBe(0);
  });

  it('analyses in worker threads, stores in order, and a failing report in a batch leaves nothing', async () => {
    store.close();
    store = new Store({
      path: join(dir, 'test.db'),
      workers: 2,
      auditor: failingOn('boom.txt'),
    });
    const seen: string[] = [];
    const results = await store.ingest(
      [
        { name: 'xinyu.txt', bytes: XINYU },
        { name: 'boom.txt', bytes: NANKAI },
        { name: 'empty.txt', bytes: Buffer.alloc(0) },
        { name: 'xinyu-2020.txt', bytes: xinyu2020() },
        { name: 'again.txt', bytes: XINYU },
      ],
      (r) => seen.push(r.file),
    );
    expect(results.map((r) => [r.file, r.status])).toEqual([
      ['xinyu.txt', 'ingested'],
      ['boom.txt', 'failed'],
      ['empty.txt', 'failed'],
      ['xinyu-2020.txt', 'ingested'],
      ['again.txt', 'unchanged'],
    ]);
    expect(seen).toEqual(results.map((r) => r.file));
    expect(results[1]!.error!.code).toBe('store-failed');
    expect(count('reports')).toBe(2);
    expect(count('report_cells')).toBe(2);
    expect((await store.queries.agencies({ q: '南开' })).total).toBe(0);
  });

  it('reads a stored file again in a worker thread, as it reads it in its own (the report page’s original)', async () => {
    store.close();
    store = new Store({ path: join(dir, 'test.db'), workers: 1 });
    const inWorker = await store.extract(XINYU, 'xinyu.txt');
    const here = await extract(XINYU, 'xinyu.txt');
    expect(inWorker).toEqual(here);
    expect(inWorker.tables.length).toBe(3);
  });
});

describe('cross-report rules against the store', () => {
  it('re-runs the history checks of a year when the previous year arrives after it', async () => {
    const [y2020] = await store.ingest([{ name: 'xinyu-2020.txt', bytes: xinyu2020() }]);
    const before = (await store.queries.report(y2020!.reportId!))!;
    expect(before.findings.filter((f) => f.rule.startsWith('history.') || f.rule.startsWith('originality.'))).toEqual([]);

    await store.ingest([{ name: 'xinyu-2019.txt', bytes: XINYU }]);
    const after = (await store.queries.report(y2020!.reportId!))!;
    const carry = after.findings.filter((f) => f.rule === 'history.carry-over');
    expect(carry.map((f) => f.cells)).toEqual([['t3.carriedOver.naturalPerson'], ['t3.carriedOver.total']].map((c) => expect.arrayContaining(c)));
    expect(carry[0]!.message).toBe('表三“自然人”列：本年度“上年结转”(1)≠2019年度报告“结转下年度继续办理”(0)');
    expect(after.findings.map((f) => f.rule)).toContain('originality.copied-from-last-year');
    expect(after.score!.total).toBeLessThan(before.score!.total);
    expect(after.previousReportId).toBe(2);
    // the ranking reads the stored re-audited score and the change against 2019
    const [item] = (await store.queries.rankings({ year: 2020 })).items;
    expect(item).toMatchObject({ reportId: y2020!.reportId, score: after.score!.total, change: after.score!.total - 100 });
  });

  it('finds a peer that copied another agency’s narrative the same year (LSH candidates)', async () => {
    const copy = Buffer.from(XINYU.toString('utf8').replace(/新余市文广新旅局/g, '分宜县文化广电新闻出版旅游局').replace(/新余/g, '分宜'));
    await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const [c] = await store.ingest([{ name: 'fenyi.txt', bytes: copy }]);
    const copied = (await store.queries.report(c!.reportId!))!.findings.filter((f) => f.rule === 'originality.copied-across-agencies');
    expect(copied).toHaveLength(1);
    expect(copied[0]!.message).toMatch(/与“新余市文广新旅局”同年度报告高度雷同/);
    // and the original, stored first, is re-audited against its new peer
    const original = (await store.queries.report(1))!.findings.filter((f) => f.rule === 'originality.copied-across-agencies');
    expect(original.map((f) => f.message)).toEqual([expect.stringMatching(/分宜县文化广电新闻出版旅游局/)]);
  });
});

describe('agencies', () => {
  it('takes aliases, and merges two agencies that ingest split', async () => {
    const [a] = await store.ingest([{ name: 'xinyu-2019.txt', bytes: XINYU }]);
    const [b] = await store.ingest([{ name: 'x-2020.txt', bytes: xinyu2020(), overrides: { agency: '新余市文化广电新闻出版旅游局' } }]);
    expect(b!.agency!.id).not.toBe(a!.agency!.id);
    expect((await store.queries.report(b!.reportId!))!.previousReportId).toBeNull();

    expect(await store.mergeAgencies(a!.agency!.id, b!.agency!.id)).toEqual({ ok: true, moved: 1 });
    const agency = (await store.queries.agency(b!.agency!.id))!; // the merged id resolves to the one kept
    expect(agency.id).toBe(a!.agency!.id);
    expect(agency.aliases).toEqual(['新余市文化广电新闻出版旅游局', '新余市文广新旅局']);
    expect(agency.mergedIds).toEqual([b!.agency!.id]);
    expect(agency.reports.map((r) => r.year)).toEqual([2019, 2020]);
    // history rules now see 2019 as 2020's previous year
    const merged = (await store.queries.report(b!.reportId!))!;
    expect(merged.previousReportId).toBe(a!.reportId);
    expect(merged.findings.map((f) => f.rule)).toContain('history.carry-over');

    // a later report under either name lands on the kept agency
    const [c] = await store.ingest([{ name: 'n.txt', bytes: NANKAI, overrides: { agency: '新余市文化广电新闻出版旅游局', year: 2021 } }]);
    expect(c!.agency!.id).toBe(a!.agency!.id);
    expect(await store.addAlias(a!.agency!.id, '新余市文旅局')).toEqual({ ok: true });
    const taken = await store.addAlias(a!.agency!.id, '新余市文旅局');
    expect(taken).toEqual({ ok: true });
  });
});

describe('review decisions', () => {
  const MISMATCH = 'narrative.table-mismatch:newReceived';
  const reviewer = { reason: '误报', userId: null, userName: '审核员甲' };
  const fixed = () => Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');

  it('a dismissed finding costs no points, is not counted, and holds through rescoring', async () => {
    const [r] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }]);
    expect(r!.score).toBe(53.9);
    expect(await store.review(r!.reportId!, MISMATCH, { ...reviewer, decision: 'dismiss' })).toEqual({ ok: true });
    const report = (await store.queries.report(r!.reportId!))!;
    expect(report.score).toMatchObject({ total: 58.9, byCategory: { accuracy: 30 } });
    expect(report.errors).toBe(2);
    expect(report.findings.filter((f) => f.review).map((f) => [f.fingerprint, f.review!.decision, f.review!.user])).toEqual([[MISMATCH, 'dismiss', '审核员甲']]);
    // the most frequent findings leave it out too
    expect((await store.queries.trends({})).items[0]!.topFindings.map((t) => t.rule)).not.toContain('narrative.table-mismatch');
    expect(await store.rescore()).toEqual({ reports: 1, changed: 0 });
    expect((await store.queries.report(r!.reportId!))!.score!.total).toBe(58.9);
    expect(await store.unreview(r!.reportId!, MISMATCH)).toEqual({ ok: true });
    expect((await store.queries.report(r!.reportId!))!.score!.total).toBe(53.9);
    expect(await store.unreview(r!.reportId!, MISMATCH)).toMatchObject({ ok: false, code: 'decision-not-found' });
    expect(await store.review(r!.reportId!, 'no.such:rule', { ...reviewer, decision: 'dismiss' })).toMatchObject({ ok: false, code: 'finding-not-found' });
    expect(await store.review(999, MISMATCH, { ...reviewer, decision: 'dismiss' })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('moves with the agency when two agencies are merged', async () => {
    const [a] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }]);
    const [b] = await store.ingest([{ name: 'fixed.txt', bytes: fixed(), overrides: { agency: '南开区文旅局' } }]);
    expect(b).toMatchObject({ status: 'ingested', version: 1 });
    // two agencies with one narrative: b is flagged as a copy of a, and the dismissal gives back 5 points
    expect((await store.queries.report(b!.reportId!))!.findings.map((f) => f.rule)).toContain('originality.copied-across-agencies');
    await store.review(b!.reportId!, MISMATCH, { ...reviewer, decision: 'dismiss' });
    expect((await store.queries.report(b!.reportId!))!.score!.total).toBe(b!.score! + 5);
    expect(await store.mergeAgencies(a!.agency!.id, b!.agency!.id)).toEqual({ ok: true, moved: 1 });
    // b's report is now the kept agency's second version of 2019 (no longer a copy of another agency):
    // its finding is still dismissed, and the first version's too
    const alone = await analyze(fixed(), 'fixed.txt');
    if ('error' in alone) throw new Error(alone.error.message);
    const v2 = (await store.queries.report(b!.reportId!))!;
    expect(v2).toMatchObject({ version: 2, current: true, agencyId: a!.agency!.id, score: { total: alone.report.score!.total + 5 } });
    expect(v2.findings.find((f) => f.fingerprint === MISMATCH)!.review).toMatchObject({ decision: 'dismiss' });
    expect(v2.findings.map((f) => f.rule)).not.toContain('originality.copied-across-agencies');
    expect((await store.queries.report(a!.reportId!))!.score!.total).toBe(58.9);
  });
});

describe('the demo province', () => {
  it('keeps demo agencies and reports flagged and apart from real ones, even under a real name', async () => {
    const [real] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    expect(await store.hasDemo()).toBe(false);
    // the same narrative under the same name: as a real report it would be a new version, or a copy of a peer
    const copy = Buffer.from(XINYU.toString('utf8').replace('2020年1月15日', '2020年1月16日'));
    const [demo] = await store.ingest([{ name: '示例数据/360500_2019.txt', bytes: copy, demo: true }]);
    expect(demo).toMatchObject({ status: 'ingested', version: 1, agency: { name: '新余市文广新旅局' }, score: 100 });
    expect(demo!.agency!.id).not.toBe(real!.agency!.id);
    expect(await store.hasDemo()).toBe(true);
    expect((await store.queries.rankings({ year: 2019, demo: true })).items.map((i) => [i.reportId, i.score, i.demo])).toEqual([
      [real!.reportId, 100, false],
      [demo!.reportId, 100, true],
    ]);
    // left out unless asked for: the real rankings, figures and lists stay real
    expect((await store.queries.rankings({ year: 2019 })).items.map((i) => i.reportId)).toEqual([real!.reportId]);
    expect(await store.queries.overview({ year: 2019 })).toMatchObject({ reports: 1, agencies: 1 });
    expect(await store.queries.overview({ year: 2019, demo: true })).toMatchObject({ reports: 2, agencies: 2 });
    expect((await store.queries.trends({})).items.map((y) => [y.year, y.reports])).toEqual([[2019, 1]]);
    expect((await store.queries.years()).items.map((y) => y.reports)).toEqual([1]);
    expect((await store.queries.years(null, true)).items.map((y) => y.reports)).toEqual([2]);
    expect((await store.queries.findings({ year: 2019 })).items.every((f) => !f.demo)).toBe(true);
    expect((await store.queries.agencies({ q: '新余' })).items.map((a) => a.demo)).toEqual([false]);
    expect(await store.queries.counts()).toEqual({ reports: 2, agencies: 2, demoReports: 1 });
    expect(await store.queries.report(demo!.reportId!)).toMatchObject({ demo: true, registeredAgency: { demo: true } });
    expect(await store.queries.report(real!.reportId!)).toMatchObject({ demo: false, registeredAgency: { demo: false } });
    const agencies = (await store.queries.agencies({ q: '新余', demo: true })).items;
    expect(agencies.map((a) => [a.name, a.demo, a.aliases])).toEqual([
      ['新余市文广新旅局', false, ['新余市文广新旅局']],
      ['新余市文广新旅局', true, ['新余市文广新旅局']],
    ]);
    // a real report under that name still goes to the real agency
    const [again] = await store.ingest([{ name: 'xinyu-fixed.txt', bytes: Buffer.from(XINYU.toString('utf8') + '\n') }]);
    expect(again).toMatchObject({ status: 'new-version', agency: { id: real!.agency!.id } });
  });

  it('keeps the demo province out of the office units, bulletin and bulk notices', async () => {
    const [real] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const [demo] = await store.ingest([{ name: '示例数据/fenyi.txt', bytes: Buffer.from(XINYU.toString('utf8').replace(/新余市/g, '分宜县')), demo: true }]);
    expect(demo!.status).toBe('ingested');
    const office = new Office(store);
    expect((await office.status({ year: 2019 })).items.map((i) => i.agency.name)).toEqual([real!.agency!.name]);
    expect(await office.reportsFor({ year: 2019 })).toEqual([real!.reportId]);
    // the region tree counts real agencies only, without the regions only the demo province is in
    const flat = (nodes: RegionNode[]): string[] => nodes.flatMap((n) => [`${n.name}:${n.agencies}`, ...flat(n.children)]);
    expect(flat((await store.queries.regions()).items)).toEqual(['江西省:1', '江西省新余市:1']);
    expect(flat((await store.queries.regions(true)).items)).toEqual(['江西省:2', '江西省新余市:2', '江西省新余市分宜县:1']);
  });

  it('removes the demo province and nothing else', async () => {
    await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const before = counts();
    const [demo] = await store.ingest([
      { name: '示例数据/a.txt', bytes: NANKAI, demo: true },
      { name: '示例数据/b.txt', bytes: Buffer.from(XINYU.toString('utf8').replace(/新余/g, '分宜')), demo: true },
    ]);
    await store.review(demo!.reportId!, 'narrative.table-mismatch:newReceived', { decision: 'dismiss', reason: '示例', userId: null, userName: '甲' });
    expect(counts().reports).toBe(before.reports! + 2);
    expect(await store.removeDemo()).toEqual({ reports: 2 });
    expect(counts()).toEqual(before);
    expect(count('review_decisions')).toBe(0);
    expect(await store.hasDemo()).toBe(false);
    expect((await store.queries.regions()).items.map((r) => r.code)).toEqual(['360000']);
    expect((await store.queries.rankings({ year: 2019 })).items.map((i) => [i.agency.name, i.score])).toEqual([['新余市文广新旅局', 100]]);
  });
});

describe('regions', () => {
  it('derives levels, parents and subtree ranges from the code', () => {
    expect([regionLevel('360000'), regionLevel('360500'), regionLevel('360502')]).toEqual(['province', 'city', 'county']);
    expect([parentCode('360502'), parentCode('360500'), parentCode('360000'), parentCode('120104'), parentCode('429004')]).toEqual([
      '360500',
      '360000',
      null,
      '120000',
      '420000',
    ]);
    expect(lineage('360502')).toEqual(['360000', '360500', '360502']);
    expect(subtreeRange('36')).toEqual(['360000', '370000']);
    expect(subtreeRange('360000')).toEqual(['360000', '370000']);
    expect(subtreeRange('3605')).toEqual(['360500', '360600']);
    expect(subtreeRange('360502')).toEqual(['360502', '360503']);
    expect(lineageNames('360502', '江西省新余市渝水区').map((r) => r.name)).toEqual(['江西省', '江西省新余市', '江西省新余市渝水区']);
    expect(lineageNames('120104', '天津市南开区').map((r) => r.name)).toEqual(['天津市', '天津市南开区']);
  });

  it('names every region by its full GB/T 2260 name, whatever the report wrote', () => {
    // the regions of the seeds, the corpus and the demo province, and the two the issue found short
    expect(
      Object.fromEntries(['120104', '360500', '320800', '3213', '321322', '310000', '310115', '360700', '361000', '429004'].map((c) => [c, regionFullName(c)])),
    ).toEqual({
      '120104': '天津市南开区',
      '360500': '江西省新余市',
      '320800': '江苏省淮安市',
      '3213': '江苏省宿迁市',
      '321322': '江苏省宿迁市沭阳县',
      '310000': '上海市',
      '310115': '上海市浦东新区',
      '360700': '江西省赣州市',
      '361000': '江西省抚州市',
      '429004': '湖北省仙桃市',
    });
    expect(lineageNames('360700', '江西省赣州').map((r) => r.name)).toEqual(['江西省', '江西省赣州市']);
    expect(lineageNames('429004', null).map((r) => r.name)).toEqual(['湖北省', '湖北省仙桃市']);
    // every province and prefecture-level city of the country has its name (here: a code of each)
    for (const code of ['110000', '150000', '450000', '540000', '650000', '152900', '232700', '522600', '659001', '469001'])
      expect(regionFullName(code), code).toMatch(/^(北京|内蒙古|广西|西藏|新疆|黑龙江|贵州|海南)/);
    // a code the division list lacks keeps the report's name (its unknown city, the code)
    expect(lineageNames('369999', '江西省某新区').map((r) => r.name)).toEqual(['江西省', '369900', '江西省某新区']);
  });

  it('mends region names stored before they came from the division list', () => {
    store.db.$client.prepare("insert into regions (code, name, parent_code, level) values ('360700', '江西省赣州', '360000', 'city'), ('361000', '361000', '360000', 'city')").run();
    store.close();
    store = open();
    const names = store.db.$client.prepare("select code, name from regions where code in ('360700', '361000') order by code").all();
    expect(names).toEqual([
      { code: '360700', name: '江西省赣州市' },
      { code: '361000', name: '江西省抚州市' },
    ]);
  });
});
