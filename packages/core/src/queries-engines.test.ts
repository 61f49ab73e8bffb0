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
import { Office } from './office/office';
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
    const overview = await same(ranking, (q) => q.overview({ year: 2024 }), 'overview before');
    // a new agency's 2024 report through the store: the kept figures of 2024 follow
    for (const store of ranking) await store.ingest([{ name: '60-2024.txt', bytes: Buffer.from('60-2024') }]);
    const after = await same(ranking, (q) => q.trends({}), 'trends after');
    expect(after.items.map((y) => y.reports)).toEqual(before.items.map((y) => y.reports + (y.year === 2024 ? 1 : 0)));
    expect((await same(ranking, (q) => q.rankings({ year: 2024, sort: 'name' }, 2, 5), 'a page by name after')).total).toBe(page.total + 1);
    // the overview, kept whole: one report and one agency more
    expect(await same(ranking, (q) => q.overview({ year: 2024 }), 'overview after')).toMatchObject({ reports: overview.reports + 1, agencies: overview.agencies + 1 });
    // the 未报送 units (kept until a write) follow too: 第0县政府 files its 2024 report
    const missingOf = async (label: string) => {
      const [sqlite, postgres] = await Promise.all(ranking.map((store) => new Office(store).missingUnits({ year: 2024 })));
      expect(postgres, label).toEqual(sqlite);
      return sqlite!;
    };
    const missing = await missingOf('missing before');
    expect(missing.items.map((m) => m.name)).toEqual(['第0县政府', '第22局', '第44县政府', '第33局', '第55局', '第11局']);
    for (const store of ranking) await store.ingest([{ name: '0-2024.txt', bytes: Buffer.from('0-2024') }]);
    const still = await missingOf('missing after');
    expect(still.count).toBe(missing.count - 1);
    expect(still.items.map((m) => m.name)).toEqual(['第22局', '第44县政府', '第33局', '第55局', '第11局']);
  });

  it('finds the 未报送 units in SQL as each unit’s status has them: roster, first year, 撤并, 免报, deadlines by region, cut-off, demo', async () => {
    /** On each engine the overview's list is the units `status` calls missing, in its order, counted alike. */
    const agree = async (stores: Store[], filter: { year: number; asOf: string; region?: string; kind?: 'government' | 'department'; demo?: boolean }) => {
      const label = JSON.stringify(filter);
      const lists = await Promise.all(
        stores.map(async (store) => {
          const office = new Office(store);
          const got = await office.missingUnits(filter);
          const missing = (await office.status(filter)).items.filter((i) => i.status === 'missing' && (!filter.kind || i.agency.kind === filter.kind));
          expect(got.items.map((i) => [i.id, i.name, i.region, i.kind]), label).toEqual(missing.map((i) => [i.agency.id, i.agency.name, i.agency.region, i.agency.kind]));
          expect(got.count, label).toBe(missing.length);
          return got;
        }),
      );
      expect(lists[1], label).toEqual(lists[0]);
      return lists[0]!.items.map((i) => i.name);
    };
    const everyCase = async () => {
      const counts: number[] = [];
      for (const year of [2022, 2023, 2024, 2025])
        for (const asOf of [`${year + 1}-01-20`, `${year + 1}-02-20`, `${year + 1}-04-01`])
          for (const scope of [{}, { region: '3605' }, { kind: 'government' as const }, { region: '360102', kind: 'department' as const }])
            counts.push((await agree(ranking, { year, asOf, ...scope })).length);
      return counts;
    };
    const offices = ranking.map((store) => new Office(store));
    // without a roster: the units that reported, none before its first report (2023)
    const before = await everyCase();
    expect(await agree(ranking, { year: 2024, asOf: '2025-04-01' })).toEqual(['第22局', '第44县政府', '第33局', '第55局', '第11局']);
    expect(await agree(ranking, { year: 2024, asOf: '2025-02-20' })).toEqual(['第22局', '第33局', '第55局', '第11局']);
    // deadlines by region and kind: the most specific rule applies
    for (const office of offices) {
      await office.setDeadline('3605', 'department', '03-10');
      await office.setDeadline('360501', 'department', '01-10');
      await office.setDeadline('', 'government', '01-15');
    }
    expect(await agree(ranking, { year: 2024, asOf: '2025-02-20' })).toEqual(['第22局', '第44县政府', '第33局']);
    const withRules = await everyCase();
    expect(withRules).not.toEqual(before);
    // a roster: from a year before the first report, 撤并, 免报, and a unit that never reported
    const [a, b, c] = ['第22局', '第33局', '第55局'];
    for (const office of offices) {
      const { summary } = await office.importRoster([
        { row: 2, name: a, fromYear: 2022 },
        { row: 3, name: b, withdrawnFrom: 2024 },
        { row: 4, name: c },
        { row: 5, name: '第7局' },
        { row: 6, name: '新余市未报局', regionCode: '360502', kindLabel: '部门' },
      ]);
      expect(summary).toEqual({ added: 1, updated: 4, unchanged: 0, error: 0 });
      const [unit] = (await office.status({ year: 2024, asOf: '2025-04-01' })).items.filter((i) => i.agency.name === c);
      expect(await office.updateUnit(unit!.agency.id, { exemptFrom: 2024 })).toEqual({ ok: true });
    }
    expect(await agree(ranking, { year: 2024, asOf: '2025-04-01' })).toEqual(['第22局', '新余市未报局']);
    expect(await agree(ranking, { year: 2022, asOf: '2023-04-01' })).toEqual(['第22局', '新余市未报局']);
    await everyCase();
    // the seeds: a report published after the cut-off is not there yet; the demo province only when asked
    for (const asOf of ['2020-01-10', '2020-01-20', '2020-02-15'])
      for (const demo of [false, true])
        for (const year of [2019, 2020]) await agree(seeds, { year, asOf: year === 2019 ? asOf : asOf.replace('2020', '2021'), demo });
    for (const office of seeds.map((store) => new Office(store))) await office.setDeadline('36', 'department', '01-05');
    expect(await agree(seeds, { year: 2019, asOf: '2020-01-10' })).toEqual(['新余市文广新旅局']);
  });
});
