/**
 * The API's reads (`store.queries`) on both engines: the same files ingested through `Store` on SQLite
 * and on PostgreSQL answer every read with the same JSON (timestamps of the run aside), and a few
 * answers are checked to the figure. Needs a PostgreSQL server (under CI it must be there).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankingSort, RankingsFilter, ReadQueries } from '@nianbao/db';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import { Store } from './store';
import { rankingAuditor, rankingFiles } from './test-ranking-auditor';

const ROOT = join(import.meta.dirname, '../../..');
const NANKAI = readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'));
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));
const MISMATCH = 'narrative.table-mismatch:newReceived';
const nankaiFixed = () => Buffer.from(NANKAI.toString('utf8').trimEnd() + '\n南开区文化和旅游局\n2020年1月10日\n');

/** 新余's report made into its 2020 report: the same narrative, and 上年结转 1 where 2019 carried 0 forward. */
function xinyu2020(): Buffer {
  const lines = XINYU.toString('utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('二、上年结转政府信息公开申请数量'));
  lines[i + 1] = '\t\u00a01';
  lines[i + 7] = '\t\u00a01';
  return Buffer.from(lines.join('\n').replace(/2020/g, '2021').replace(/2019/g, '2020'));
}

/** The moments of this run (when a file was ingested, a decision or correction taken) differ between the two stores. */
const MOMENTS = new Set(['ingestedAt', 'at']);
const stable = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (MOMENTS.has(key) ? '…' : v instanceof Map ? [...v] : v)));

const engines = storageEngines();

describe.skipIf(engines.length < 2)('the API reads on SQLite and PostgreSQL', () => {
  /** Per engine: many made-up reports (rankings), and the seed reports with a review and a correction. */
  const ranking: Store[] = [];
  const seeds: Store[] = [];
  const seedIds: number[] = [];

  beforeAll(async () => {
    for (const engine of engines) {
      const r = new Store({ storage: await engine.open(), auditor: await rankingAuditor() });
      await r.ingest(rankingFiles());
      ranking.push(r);
      const s = new Store({ storage: await engine.open() });
      const results = await s.ingest([
        { name: 'nankai.txt', bytes: NANKAI },
        { name: 'xinyu.txt', bytes: XINYU },
        { name: 'xinyu-2020.txt', bytes: xinyu2020() },
        { name: 'nankai-fixed.txt', bytes: nankaiFixed(), overrides: { agency: '南开区文旅局' } },
        // a report of the demo province: left out of every figure unless asked for
        { name: 'demo.txt', bytes: Buffer.concat([XINYU, Buffer.from('\n')]), demo: true },
      ]);
      const ids = results.map((x) => x.reportId!);
      expect(await s.review(ids[0]!, MISMATCH, { decision: 'dismiss', reason: '误报', userId: null, userName: '审核员甲' })).toEqual({ ok: true });
      expect(await s.correctCell(ids[1]!, 't3.carriedOver.total', { value: 2, reason: '核对原件', userId: null, userName: '审核员甲' })).toEqual({ ok: true });
      seeds.push(s);
      if (!seedIds.length) seedIds.push(...ids);
      else expect(ids).toEqual(seedIds);
    }
  }, 240_000);
  afterAll(async () => {
    for (const s of [...ranking, ...seeds]) await s.storage.close();
    for (const engine of engines) await engine.stop();
  }, 60_000);

  /** The same read on both engines: the same JSON; returns SQLite's answer. */
  async function same<T>(stores: Store[], read: (q: ReadQueries) => Promise<T>, label: string): Promise<T> {
    const [sqlite, postgres] = await Promise.all(stores.map((s) => read(s.queries)));
    expect(stable(postgres), label).toEqual(stable(sqlite));
    return sqlite!;
  }

  it('answers the dashboard’s first pages alike: counts, years, regions, trends, overview', async () => {
    const counts = await same(ranking, (q) => q.counts(), 'counts');
    expect(counts).toEqual({ reports: 108, agencies: 60, demoReports: 0 });
    await same(ranking, (q) => q.counts('3605'), 'counts 3605');
    await same(ranking, (q) => q.latestYear(), 'latestYear');
    const years = await same(ranking, (q) => q.years(), 'years');
    expect(years.items).toEqual([
      { year: 2024, reports: 54, averageScore: 75 },
      { year: 2023, reports: 54, averageScore: 73.75 },
    ]);
    await same(ranking, (q) => q.years('360501'), 'years 360501');
    await same(ranking, (q) => q.regions(), 'regions');
    await same(ranking, (q) => q.regions(true), 'regions demo');
    await same(ranking, (q) => q.regionName('3605'), 'regionName');
    await same(ranking, (q) => q.trends({}), 'trends');
    await same(ranking, (q) => q.trends({ region: '3601', from: 2024 }), 'trends 3601');
    await same(ranking, (q) => q.overview({}), 'overview');
    await same(ranking, (q) => q.overview({ year: 2023, kind: 'government' }), 'overview 2023 government');
    await same(ranking, (q) => q.overview({ year: 2030 }), 'overview of a year without reports');
    await same(seeds, (q) => q.overview({ year: 2019 }), 'overview of the seeds');
    await same(seeds, (q) => q.trends({}), 'trends of the seeds');
    const seedCounts = await same(seeds, (q) => q.counts(), 'counts of the seeds');
    expect(seedCounts).toEqual({ reports: 5, agencies: 4, demoReports: 1 });
    await same(seeds, (q) => q.regions(), 'regions without the demo province');
    await same(seeds, (q) => q.regions(true), 'regions with the demo province');
    await same(seeds, (q) => q.years(null, true), 'years with the demo province');
    await same(seeds, (q) => q.overview({ demo: true }), 'overview with the demo province');
    await same(seeds, (q) => q.rankings({ demo: true, year: 2019 }, 1, null), 'rankings with the demo province');
    const demoAgencies = await same(seeds, (q) => q.agencies({ demo: true }), 'agencies with the demo province');
    expect(demoAgencies.items.filter((a) => a.demo).map((a) => [a.name, a.aliases])).toEqual([['新余市文广新旅局', ['新余市文广新旅局']]]);
  });

  it('ranks alike under every sort, filter and page', async () => {
    const sorts: RankingSort[] = ['rank', '-rank', 'score', '-score', 'change', '-change', 'name', '-name', 'errors', '-errors'];
    const filters: RankingsFilter[] = [{}, { region: '3605' }, { region: '360102' }, { kind: 'government' }, { grade: '合格' }, { q: '局' }, { region: '36', kind: 'department', grade: '不合格' }];
    for (const filter of filters)
      for (const sort of sorts)
        for (const [page, pageSize] of [[1, 50], [2, 7], [30, 7], [1, null]] as const)
          await same(ranking, (q) => q.rankings({ ...filter, sort }, page, pageSize), JSON.stringify([filter, sort, page, pageSize]));
    // the second page of 2024 crosses a tie: the next rank skips the eight reports above it
    const page = await same(ranking, (q) => q.rankings({ year: 2024 }, 2, 7), '2024, page 2');
    expect(page.items.map((i) => [i.rank, i.score, i.agency.name, i.change])).toEqual([
      [1, 100, '第53局', 30],
      [1, 100, '第59局', 30],
      [10, 90, '第4县政府', 30],
      [10, 90, '第16县政府', 30],
      [10, 90, '第34局', null],
      [10, 90, '第40县政府', 30],
      [10, 90, '第52县政府', 30],
    ]);
  });

  it('lists agencies, findings and audit-log labels alike', async () => {
    await same(ranking, (q) => q.agencies({}, 1, 50), 'agencies');
    await same(ranking, (q) => q.agencies({ q: '县政府', region: '3605' }, 2, 3), 'agencies q');
    await same(ranking, (q) => q.findings({}, 1, 50), 'findings');
    await same(ranking, (q) => q.findings({ severity: 'error', year: 2023 }, 2, 10), 'findings errors');
    const dismissed = await same(seeds, (q) => q.findings({ year: 2019, review: 'dismiss' }), 'findings dismissed');
    expect(dismissed.items.map((f) => [f.reportId, f.agency.name, f.fingerprint, f.review?.decision, f.review?.user])).toEqual([
      [seedIds[0], '南开区文化和旅游局', MISMATCH, 'dismiss', '审核员甲'],
    ]);
    await same(seeds, (q) => q.findings({ q: '新余', review: 'pending' }), 'findings pending');
    const labels = await same(seeds, (q) => q.targetLabels(['report:1', 'agency:2', 'report:999', null]), 'targetLabels');
    expect([...labels]).toEqual([
      ['report:1', '南开区文化和旅游局 2019年度报告'],
      ['agency:2', '新余市文广新旅局'],
    ]);
    const agencies = await same(seeds, (q) => q.agencies({}), 'agencies of the seeds');
    expect(agencies.items.map((a) => [a.name, a.region?.name, a.reports, a.latest?.year])).toEqual([
      ['南开区文化和旅游局', '天津市南开区', 1, 2019],
      ['南开区文旅局', '天津市南开区', 1, 2019],
      ['新余市文广新旅局', '江西省新余市', 2, 2020],
    ]);
  });

  it('shows a report, its agency, its text and its file alike', async () => {
    for (const id of seedIds) {
      await same(seeds, (q) => q.report(id), `report ${id}`);
      await same(seeds, (q) => q.source(id), `source ${id}`);
      await same(seeds, (q) => q.file(id), `file ${id}`);
    }
    const nankai = (await same(seeds, (q) => q.report(seedIds[0]!), 'nankai'))!;
    expect(nankai.score?.total).toBe(52.9);
    expect(nankai.findings.find((f) => f.fingerprint === MISMATCH)?.review).toMatchObject({ decision: 'dismiss', reason: '误报', user: '审核员甲' });
    const xinyu = (await same(seeds, (q) => q.report(seedIds[1]!), 'xinyu'))!;
    expect(xinyu.cells['t3.carriedOver.total']).toMatchObject({ state: 'value', value: 2 });
    expect(xinyu.corrections['t3.carriedOver.total']).toMatchObject({ original: { state: 'value', value: 0 }, value: 2, reason: '核对原件' });
    for (const id of [1, 2, 3, 999]) await same(seeds, (q) => q.agency(id), `agency ${id}`);
    await same(seeds, (q) => q.agency(xinyu.agencyId, '3605'), 'agency in a region');
    await same(seeds, (q) => q.report(999), 'no such report');
  });

  it('keeps figures until a write, on both engines alike', async () => {
    const before = await same(ranking, (q) => q.trends({}), 'trends before');
    const page = await same(ranking, (q) => q.rankings({ year: 2024, sort: 'name' }, 2, 5), 'a page by name before');
    // a new agency's 2024 report through the store: the kept figures of 2024 follow
    for (const store of ranking) await store.ingest([{ name: '60-2024.txt', bytes: Buffer.from('60-2024') }]);
    const after = await same(ranking, (q) => q.trends({}), 'trends after');
    expect(after.items.map((y) => y.reports)).toEqual(before.items.map((y) => y.reports + (y.year === 2024 ? 1 : 0)));
    expect((await same(ranking, (q) => q.rankings({ year: 2024, sort: 'name' }, 2, 5), 'a page by name after')).total).toBe(page.total + 1);
    // the overview's agencies without a report of the year follow too (SQLite keeps them): 第0县政府 files its 2024 report
    const missing = (await same(ranking, (q) => q.overview({ year: 2024 }), 'overview before')).missing;
    expect(missing.items.map((m) => m.name)).toEqual(['第0县政府', '第22局', '第44县政府', '第33局', '第55局', '第11局']);
    for (const store of ranking) await store.ingest([{ name: '0-2024.txt', bytes: Buffer.from('0-2024') }]);
    const still = (await same(ranking, (q) => q.overview({ year: 2024 }), 'overview after')).missing;
    expect(still.count).toBe(missing.count - 1);
    expect(still.items.map((m) => m.name)).toEqual(['第22局', '第44县政府', '第33局', '第55局', '第11局']);
  });
});
