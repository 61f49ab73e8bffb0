import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingAuditor, rankingFiles } from './test-ranking-auditor';
import type { RankingSort, RankingsFilter } from '@nianbao/db';
import { Store } from './store';

/** The rankings as one window-function query over the whole scope (what rankings() computed before). */
function reference(db: Database.Database, f: RankingsFilter & { year: number }, page: number, pageSize: number | null) {
  const conds = ['r.current = 1', 'r.year = @year'];
  if (f.region) conds.push("a.region_code >= @lo and a.region_code < @hi");
  if (f.kind) conds.push('a.kind = @kind');
  const display: string[] = [];
  if (f.grade) display.push('s.grade = @grade');
  if (f.q) display.push("(s.name like @q or exists (select 1 from agency_aliases aa where aa.agency_id = s.agency_id and aa.alias like @q))");
  const sort = f.sort ?? 'rank';
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  const key = sort.replace(/^-/, '');
  const order = { rank: `s.rank ${dir}, s.id`, score: `s.score ${dir} nulls last, s.id`, change: `change ${dir} nulls last, s.rank, s.id`, name: `s.name ${dir}, s.id`, errors: `s.errors ${dir}, s.rank, s.id` }[key]!;
  const hi = f.region ? f.region.slice(0, -1) + String.fromCharCode(f.region.charCodeAt(f.region.length - 1) + 1) : '';
  const rows = db
    .prepare<Record<string, string | number>, { id: number; rank: number; total: number }>(
      `with s as (
         select r.id, r.agency_id, r.score, r.grade, r.errors, a.name, r.year,
                rank() over (order by r.score desc nulls last) as rank
         from reports r join agencies a on a.id = r.agency_id where ${conds.join(' and ')})
       select s.id, s.rank, s.score - p.score as change, count(*) over () as total
       from s left join reports p on p.agency_id = s.agency_id and p.year = s.year - 1 and p.current = 1
       ${display.length ? `where ${display.join(' and ')}` : ''}
       order by ${order} ${pageSize === null ? '' : `limit ${pageSize} offset ${(page - 1) * pageSize}`}`,
    )
    .all({ year: f.year, lo: f.region ?? '', hi, kind: f.kind ?? '', grade: f.grade ?? '', q: `%${f.q ?? ''}%` });
  return rows.map((r) => [r.id, r.rank]);
}

let dir: string;
let store: Store;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-queries-'));
  store = new Store({ path: join(dir, 'test.db'), auditor: await rankingAuditor() });
  await store.ingest(rankingFiles());
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rankings', () => {
  const sorts: RankingSort[] = ['rank', '-rank', 'score', '-score', 'change', '-change', 'name', '-name', 'errors', '-errors'];
  const filters: RankingsFilter[] = [{}, { region: '3605' }, { region: '360102' }, { kind: 'government' }, { grade: '合格' }, { q: '局' }, { region: '36', kind: 'department', grade: '不合格' }];

  it('ranks as rank() over the scope: ties share a rank, unscored reports come last, filters keep ranks', async () => {
    const db = store.db.$client;
    const scores = db.prepare<[], { n: number; scored: number; distinct_: number }>('select count(*) as n, count(score) as scored, count(distinct score) as distinct_ from reports where current = 1 and year = 2024').get()!;
    expect(scores.n - scores.scored).toBeGreaterThan(0);
    expect(scores.distinct_).toBeLessThan(scores.scored / 5);
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const [page, pageSize] of [[1, 50], [1, 7], [2, 7], [4, 7], [30, 7], [1, null]] as const) {
          const f = { ...filter, year: 2024, sort };
          const got = await store.queries.rankings(f, page, pageSize);
          const want = reference(db, f, page, pageSize);
          expect(got.items.map((i) => [i.reportId, i.rank]), JSON.stringify([f, page, pageSize])).toEqual(want);
          if (want.length) expect(got.total).toBe((await store.queries.rankings(f, 1, null)).items.length);
        }
      }
    }
  });

  it('reads the page off the covering index, not the wide rows', () => {
    const plan = store.db.$client
      .prepare<[], { detail: string }>("explain query plan select r.id, r.score from reports r where r.current = 1 and r.year = 2024 order by r.score desc nulls last, r.id limit 50")
      .all();
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH r USING COVERING INDEX reports_year_cover_idx (current=? AND year=?)']);
  });

  it('reads the lowest first (the overview\'s worst five) in the order of an index, the year not sorted', () => {
    const plan = store.db.$client
      .prepare<[], { detail: string }>(
        'explain query plan select r.id, r.agency_id, r.score, r.grade, r.errors, r.published_on, r.score_timeliness from reports r where r.current = 1 and r.year = 2024 order by r.score asc nulls first, r.id limit 5',
      )
      .all();
    // (current, year, score) and the rowid: score ascending, nulls first, ties by id
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH r USING INDEX reports_ranking_idx (current=? AND year=?)']);
  });
});

describe('figures kept between writes', () => {
  it('follows a write through the store and one committed by another connection', async () => {
    const before = await store.queries.rankings({ year: 2024 }, 2, 5);
    const trends = await store.queries.trends({});
    expect(await store.queries.trends({})).toEqual(trends);
    // a new agency's report through the store (this connection)
    await store.ingest([{ name: '60-2024.txt', bytes: Buffer.from('60-2024') }]);
    const after = await store.queries.rankings({ year: 2024 }, 2, 5);
    expect(after.total).toBe(before.total + 1);
    expect((await store.queries.trends({})).items.find((y) => y.year === 2024)!.reports).toBe(trends.items.find((y) => y.year === 2024)!.reports + 1);
    // a write committed by another connection (another process: the CLI, an ingest)
    const other = new Database(join(dir, 'test.db'));
    const id = other.prepare<[], { id: number }>('select id from reports where current = 1 and year = 2024 and score is not null order by id limit 1').get()!.id;
    other.prepare('update reports set current = 0 where id = ?').run(id);
    other.close();
    expect((await store.queries.rankings({ year: 2024 }, 2, 5)).total).toBe(after.total - 1);
    expect((await store.queries.trends({})).items.find((y) => y.year === 2024)!.reports).toBe(trends.items.find((y) => y.year === 2024)!.reports);
  });
});
