/**
 * The store's ingest, cross-report rules, review, rescore and merges on each storage engine: SQLite,
 * and PostgreSQL where a server can be had (under CI it must be). Read back through the `Storage`
 * interface only (the API's reads are SQLite's yet), and the same files give the same rows on both.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import type { ParsedReport } from '@nianbao/model';
import type { Storage } from './storage';
import { Store } from './store';
import { failingOn, NANKAI, xinyu2020, XINYU } from './testing';

const MISMATCH = 'narrative.table-mismatch:newReceived';
const reviewer = { reason: '误报', userId: null, userName: '审核员甲' };

const nankaiFixed = () => Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');

/** A stored report as the core reads it back: its row's figures and its model. */
async function stored(storage: Storage, id: number): Promise<ParsedReport & { row: Record<string, unknown> }> {
  const row = (await storage.reportById(id))!;
  const { ingestedAt: _at, signature, ...rest } = row;
  return { ...(await storage.reportModel(row)), row: { ...rest, signature: signature ? signature.toString('hex') : null } };
}

const engines = storageEngines();

describe.each(engines)('the store on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = new Store({ storage: await engine.open() });
  }, 60_000);
  afterEach(async () => {
    await store.storage.close();
  });
  afterAll(() => engine.stop(), 60_000);

  it('ingests a seed report: every cell, the audit result, and the same bytes again as a no-op', async () => {
    const [r] = await store.ingest([{ name: 'seeds/004.txt', bytes: XINYU }]);
    expect(r).toMatchObject({ status: 'ingested', version: 1, year: 2019, agency: { name: '新余市文广新旅局' }, error: null });
    const report = await stored(store.storage, r!.reportId!);
    expect(Object.keys(report.cells)).toHaveLength(198);
    expect(report.cells['t3.carriedOver.total']).toMatchObject({ state: 'value', value: 0 });
    expect(report.agency.region).toEqual({ code: '360500', name: '江西省新余市' });
    expect(report.score?.total).toBe(r!.score);
    expect(report.findings.map((f) => f.rule)).toContain('structure.section-title');
    expect(await store.storage.sourceText(report.sha256)).toContain('新余市文广新旅局');

    const [again] = await store.ingest([{ name: 'copy-with-another-name.txt', bytes: XINYU }]);
    expect(again).toMatchObject({ status: 'unchanged', reportId: r!.reportId, version: 1 });
    expect(await store.storage.allReportIds()).toEqual([r!.reportId]);
  });

  it('analyses in a worker, stores a batch in one transaction, and a failing report in it leaves nothing', async () => {
    await store.storage.close();
    store = new Store({ storage: await engine.open(), workers: 1, auditor: failingOn('boom.txt') });
    try {
      const results = await store.ingest([
        { name: 'xinyu.txt', bytes: XINYU },
        { name: 'boom.txt', bytes: NANKAI },
        { name: 'xinyu-2020.txt', bytes: xinyu2020() },
        { name: 'again.txt', bytes: XINYU },
      ]);
      expect(results.map((r) => [r.file, r.status, r.error?.code ?? null])).toEqual([
        ['xinyu.txt', 'ingested', null],
        ['boom.txt', 'failed', 'store-failed'],
        ['xinyu-2020.txt', 'ingested', null],
        ['again.txt', 'unchanged', null],
      ]);
      // 南开 left no agency, name or report behind; the others are whole
      expect(await store.storage.agencyOfAlias('南开区文化和旅游局')).toBeUndefined();
      expect(await store.storage.allReportIds()).toEqual([results[0]!.reportId, results[2]!.reportId]);
      expect(Object.keys((await stored(store.storage, results[2]!.reportId!)).cells)).toHaveLength(198);
    } finally {
      store.close();
    }
  }, 120_000);

  it("gives the API's reads on either engine, and SQLite's own handle only on SQLite", async () => {
    expect(await store.queries.counts()).toEqual({ reports: 0, agencies: 0, demoReports: 0 });
    if (engine.name === 'sqlite') {
      expect(store.path).toMatch(/test\.db$/);
    } else {
      expect(() => store.db).toThrow('当前数据库为 PostgreSQL：此项查询暂只支持 SQLite 数据库');
      expect(store.path).toMatch(/^postgres:\/\/nianbao@127\.0\.0\.1:\d+\/nianbao_engine_/);
    }
  });

  it('keeps a corrected report as a new version, the latest current', async () => {
    const [v1, v2] = await store.ingest([
      { name: 'nankai.txt', bytes: NANKAI },
      { name: 'nankai-corrected.txt', bytes: nankaiFixed() },
    ]);
    expect(v1).toMatchObject({ status: 'ingested', version: 1 });
    expect(v2).toMatchObject({ status: 'new-version', version: 2, agency: { id: v1!.agency!.id } });
    expect(await store.storage.versionIds(v1!.agency!.id, 2019)).toEqual([v1!.reportId, v2!.reportId]);
    expect(await store.storage.currentReportId(v1!.agency!.id, 2019)).toBe(v2!.reportId);
    expect((await store.storage.reportById(v1!.reportId!))!.current).toBe(false);
  });

  it('re-runs the history checks of a year when the previous year arrives after it', async () => {
    const [y2020] = await store.ingest([{ name: 'xinyu-2020.txt', bytes: xinyu2020() }]);
    const before = await stored(store.storage, y2020!.reportId!);
    expect(before.findings.filter((f) => f.rule.startsWith('history.'))).toEqual([]);
    await store.ingest([{ name: 'xinyu-2019.txt', bytes: XINYU }]);
    const after = await stored(store.storage, y2020!.reportId!);
    const carry = after.findings.filter((f) => f.rule === 'history.carry-over');
    expect(carry[0]!.message).toBe('表三“自然人”列：本年度“上年结转”(1)≠2019年度报告“结转下年度继续办理”(0)');
    expect(after.findings.map((f) => f.rule)).toContain('originality.copied-from-last-year');
    expect(after.score!.total).toBeLessThan(before.score!.total);
  });

  it('finds a peer that copied another agency’s narrative the same year, and re-audits the original', async () => {
    const copy = Buffer.from(XINYU.toString('utf8').replace(/新余市文广新旅局/g, '分宜县文化广电新闻出版旅游局').replace(/新余/g, '分宜'));
    const [o] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const [c] = await store.ingest([{ name: 'fenyi.txt', bytes: copy }]);
    const copied = (await stored(store.storage, c!.reportId!)).findings.filter((f) => f.rule === 'originality.copied-across-agencies');
    expect(copied.map((f) => f.message)).toEqual([expect.stringMatching(/与“新余市文广新旅局”同年度报告高度雷同/)]);
    const original = (await stored(store.storage, o!.reportId!)).findings.filter((f) => f.rule === 'originality.copied-across-agencies');
    expect(original.map((f) => f.message)).toEqual([expect.stringMatching(/分宜县文化广电新闻出版旅游局/)]);
  });

  it('merges two agencies that ingest split: names, reports and history follow', async () => {
    const [a] = await store.ingest([{ name: 'xinyu-2019.txt', bytes: XINYU }]);
    const [b] = await store.ingest([{ name: 'x-2020.txt', bytes: xinyu2020(), overrides: { agency: '新余市文化广电新闻出版旅游局' } }]);
    expect(b!.agency!.id).not.toBe(a!.agency!.id);
    expect(await store.mergeAgencies(a!.agency!.id, b!.agency!.id)).toEqual({ ok: true, moved: 1 });
    expect(await store.storage.canonicalAgency(b!.agency!.id)).toBe(a!.agency!.id);
    expect(await store.storage.agencyReportCount(a!.agency!.id)).toBe(2);
    const merged = await stored(store.storage, b!.reportId!);
    expect(merged.row).toMatchObject({ agencyId: a!.agency!.id, version: 1, current: true });
    expect(merged.findings.map((f) => f.rule)).toContain('history.carry-over');
    // a later report under either name lands on the kept agency
    const [c] = await store.ingest([{ name: 'n.txt', bytes: NANKAI, overrides: { agency: '新余市文化广电新闻出版旅游局', year: 2021 } }]);
    expect(c!.agency!.id).toBe(a!.agency!.id);
  });

  it('a dismissed finding costs no points and holds through rescoring; withdrawn, it counts again', async () => {
    const [r] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }]);
    expect(r!.score).toBe(53.9);
    expect(await store.review(r!.reportId!, MISMATCH, { ...reviewer, decision: 'dismiss' })).toEqual({ ok: true });
    expect((await stored(store.storage, r!.reportId!)).row).toMatchObject({ score: 58.9, scoreAccuracy: 30, errors: 2 });
    expect(await store.rescore()).toEqual({ reports: 1, changed: 0 });
    expect((await store.storage.reportById(r!.reportId!))!.score).toBe(58.9);
    expect(await store.unreview(r!.reportId!, MISMATCH)).toEqual({ ok: true });
    expect((await store.storage.reportById(r!.reportId!))!.score).toBe(53.9);
    expect(await store.unreview(r!.reportId!, MISMATCH)).toMatchObject({ ok: false, code: 'decision-not-found' });
  });

  it('lays a reviewer’s correction of a cell over the reading, re-audits, and withdrawn reads the file again', async () => {
    const [r] = await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    const before = await stored(store.storage, r!.reportId!);
    const who = { reason: '核对原件', userId: null, userName: '审核员甲' };
    expect(await store.correctCell(r!.reportId!, 't3.carriedOver.total', { value: 5, ...who })).toEqual({ ok: true });
    const corrected = await stored(store.storage, r!.reportId!);
    expect(corrected.cells['t3.carriedOver.total']).toMatchObject({ raw: '5', state: 'value', value: 5 });
    // 总计 5 against its row's columns and its column's flow: the table no longer adds up
    expect(corrected.findings.filter((f) => !before.findings.some((b) => b.fingerprint === f.fingerprint)).map((f) => [f.fingerprint, f.message])).toEqual([
      ['balance.t3-flow:total', '表三“总计”列：本年新收(0)+上年结转(5)≠办理结果总计(0)+结转下年度(0)'],
      ['balance.t3-applicants:t3.carriedOver', '表三“二、上年结转政府信息公开申请数量”行：总计(5)≠自然人(0)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)'],
    ]);
    expect(corrected.row.score).toBeLessThan(before.row.score as number);
    expect(await store.correctCell(r!.reportId!, 't3.carriedOver.total', null)).toEqual({ ok: true });
    const withdrawn = await stored(store.storage, r!.reportId!);
    expect(withdrawn.cells['t3.carriedOver.total']).toEqual(before.cells['t3.carriedOver.total']);
    expect(withdrawn.row.score).toBe(before.row.score);
    expect(await store.correctCell(r!.reportId!, 't3.carriedOver.total', null)).toMatchObject({ ok: false, code: 'correction-not-found' });
  });

  it('moves review decisions with the agency when two agencies are merged', async () => {
    const [a] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }]);
    const [b] = await store.ingest([{ name: 'fixed.txt', bytes: nankaiFixed(), overrides: { agency: '南开区文旅局' } }]);
    await store.review(b!.reportId!, MISMATCH, { ...reviewer, decision: 'dismiss' });
    expect((await store.storage.reportById(b!.reportId!))!.score).toBe(b!.score! + 5);
    expect(await store.mergeAgencies(a!.agency!.id, b!.agency!.id)).toEqual({ ok: true, moved: 1 });
    const v2 = await stored(store.storage, b!.reportId!);
    expect(v2.row).toMatchObject({ version: 2, current: true, agencyId: a!.agency!.id });
    expect((await store.storage.decisionsOf(a!.agency!.id, 2019)).map((d) => [d.fingerprint, d.decision])).toEqual([[MISMATCH, 'dismiss']]);
    expect(v2.findings.map((f) => f.rule)).not.toContain('originality.copied-across-agencies');
    expect((await store.storage.reportById(a!.reportId!))!.score).toBe(58.9);
  });

  it('removes the demo province and nothing else', async () => {
    await store.ingest([{ name: 'xinyu.txt', bytes: XINYU }]);
    await store.ingest([{ name: 'demo.txt', bytes: NANKAI, demo: true }]);
    expect(await store.hasDemo()).toBe(true);
    expect(await store.removeDemo()).toEqual({ reports: 1 });
    expect(await store.hasDemo()).toBe(false);
    expect((await store.storage.allReportIds()).length).toBe(1);
    expect((await store.storage.regionCodes()).sort()).toEqual(['360000', '360500']);
  });
});

describe.skipIf(engines.length < 2)('the same files on both engines', () => {
  afterAll(async () => {
    for (const engine of engines) await engine.stop();
  }, 60_000);

  it('give the same report rows, cells, findings and scores', async () => {
    const snapshots = [];
    for (const engine of engines) {
      const store = new Store({ storage: await engine.open() });
      try {
        const results = await store.ingest([
          { name: 'xinyu-2020.txt', bytes: xinyu2020() },
          { name: 'nankai.txt', bytes: NANKAI },
          { name: 'xinyu-2019.txt', bytes: XINYU },
          { name: 'nankai-corrected.txt', bytes: nankaiFixed() },
        ]);
        await store.review(results[3]!.reportId!, MISMATCH, { ...reviewer, decision: 'dismiss' });
        await store.correctCell(results[2]!.reportId!, 't3.carriedOver.naturalPerson', { value: 2, ...reviewer });
        const ids = await store.storage.allReportIds();
        snapshots.push({ results, reports: await Promise.all(ids.map((id) => stored(store.storage, id))) });
      } finally {
        await store.storage.close();
      }
    }
    const [sqlite, postgres] = snapshots;
    expect(sqlite!.results.map((r) => [r.status, r.version, r.score])).toEqual([
      ['ingested', 1, expect.any(Number)],
      ['ingested', 1, 53.9],
      ['ingested', 1, 100],
      ['new-version', 2, expect.any(Number)],
    ]);
    expect(sqlite!.reports).toHaveLength(4);
    expect(postgres).toEqual(sqlite);
  }, 120_000);
});
