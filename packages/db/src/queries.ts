/**
 * Read queries for the API, the exports and the dashboard: rankings, trends, overview, agencies,
 * reports. Each is one or two indexed queries over stored scores; nothing is re-parsed.
 * SQL kept to what PostgreSQL also runs (window functions, NULLS LAST, CASE, booleans as true/false,
 * no SQLite built-ins); the one SQLite-only statement is the change counter read by `Statements.changeVersion`.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { and, asc, avg, count, desc, eq, inArray, isNull, max, sql, sum, type SQL } from 'drizzle-orm';
import { alias, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { GRADES, recordOf, type AgencyKindId, type Category, type Finding, type Score } from '@nianbao/model';
import type { RankingItem, RegionNode } from '@nianbao/contract';
import type { Db } from './client';
import { regionLevel, subtreeRange } from './regions';
import { cellKeysOf } from './json';
import { correctionsOf, correctionViews, withCorrections } from './corrections';
import { byCategoryOf, CellKeys, DEMO_ALIAS_PREFIX, toParsedReport } from './rows';
import type { DecisionRow, Statements } from './statements';
import { agencies, agencyAliases, findings, regions, reports, reviewDecisions, sources } from './schema';

export type Grade = Score['grade'];
export type AgencyKind = AgencyKindId;
export type { RankingItem, RegionNode };

export interface RegionRef {
  code: string;
  name: string;
}

export interface Scope {
  year?: number;
  /** A region code (2, 4 or 6 digits): the filter takes its subtree. */
  region?: string;
  kind?: AgencyKind;
  /** Include the demo province (示例数据): left out unless asked for, so real figures stay real. */
  demo?: boolean;
}

export interface RankingsFilter extends Scope {
  grade?: Grade;
  q?: string;
  sort?: RankingSort;
}
export type RankingSort = 'rank' | '-rank' | 'score' | '-score' | 'change' | '-change' | 'name' | '-name' | 'errors' | '-errors';


/** A reviewer's decision on a finding, as the drill-down shows it. */
export interface FindingReview {
  decision: DecisionRow['decision'];
  reason: string;
  user: string;
  at: string;
  /** The report (version) it was taken on: an earlier version's decision holds for a corrected one. */
  reportId: number;
}

type ReportCols = typeof reports.$inferSelect;
type AgencyCols = typeof agencies.$inferSelect;
/** The score by category as raw SQL rows name it. */
interface CategoryCols {
  score_completeness: number | null;
  score_accuracy: number | null;
  score_conformity: number | null;
  score_timeliness: number | null;
}
// the tables under the names the raw conditions below use (`r.current = true`, `a.kind = …`)
const R = alias(reports, 'r');
const A = alias(agencies, 'a');
const G = alias(regions, 'g');
/** A report's previous year, current version. */
const P = alias(reports, 'p');
const previousOf = (r: typeof R) => and(eq(P.agencyId, r.agencyId), eq(P.year, sql`${r.year} - 1`), eq(P.current, true));

/** An agency with its region's name. */
const AGENCY_REF = { id: A.id, name: A.name, kind: A.kind, regionCode: A.regionCode, level: A.level, demo: A.demo, regionName: G.name };
type AgencyRefRow = Pick<AgencyCols, 'id' | 'name' | 'kind' | 'regionCode' | 'level' | 'demo'> & { regionName: string | null };
type MissingRow = AgencyRefRow & { lastYear: number | null; total: number };
/** A report row of a ranking page with its agency and the change against the previous year. */
interface RankingRow extends CategoryCols {
  id: number;
  agency_id: number;
  year: number;
  score: number | null;
  grade: ReportCols['grade'];
  errors: number;
  warnings: number;
  published_on: string | null;
  demo: number;
  name: string;
  kind: AgencyCols['kind'];
  region_code: string | null;
  change: number | null;
}
/** Counts per grade (`sum(case when r.grade = …)` columns). */
type GradeCounts = Record<Grade, number | null>;
/** A year's figures in the trends. */
type TrendYearRow = GradeCounts & {
  year: number;
  reports: number;
  scored: number;
  average: number | null;
  c_completeness: number | null;
  c_accuracy: number | null;
  c_conformity: number | null;
  c_timeliness: number | null;
};
/** A year's figures in the overview, with the histogram's buckets h0 … h9. */
type OverviewRow = GradeCounts & Record<`h${number}`, number | null> & { reports: number; scored: number; average: number | null; late: number | null };

/**
 * A raw query's statements, prepared once per SQL text (preparing costs as much as running a ranking
 * page, and the rankings run a handful of shapes), and its rows kept until the database changes.
 * `T` is the row its SQL selects: the one place where raw rows get their type (better-sqlite3's
 * statement type), one instance per query.
 */
class Raw<T> {
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[], T>>();
  private readonly rows: KeptRows<T>;

  constructor(
    private readonly db: Db,
    version: () => string | null,
  ) {
    this.rows = new KeptRows(version);
  }

  all(query: SQL): T[] {
    const { sql: text, params } = dialect.sqlToQuery(query);
    let statement = this.statements.get(text);
    if (!statement) {
      if (this.statements.size >= 100) this.statements.clear();
      statement = this.db.$client.prepare<unknown[], T>(text);
      this.statements.set(text, statement);
    }
    return statement.all(...params);
  }

  /** `all`, kept until the database changes (see `Kept`): the rows are shared, only read. */
  kept(query: SQL): T[] {
    return this.rows.get(dialect.sqlToQuery(query), () => this.all(query));
  }
}

/** Rows of a query's runs (by SQL text and parameters), kept until the database changes (see `Kept`). */
class KeptRows<T> {
  private readonly runs: Kept<Map<string, T[]>>;

  constructor(private readonly version: () => string | null) {
    this.runs = new Kept(version);
  }

  get(query: { sql: string; params: unknown[] }, run: () => T[]): T[] {
    if (this.version() === null) return run();
    const runs = this.runs.get(() => new Map());
    if (runs.size >= 500) runs.clear();
    const key = `${query.sql} ${JSON.stringify(query.params)}`;
    let rows = runs.get(key);
    if (!rows) {
      rows = run();
      runs.set(key, rows);
    }
    return rows;
  }
}

/**
 * A value kept until the database changes: a write through this connection (`total_changes()`) or one
 * committed by another connection or process (`data_version`) drops it. Not kept inside a transaction
 * (`version` null), whose writes may still be rolled back. For the figures of a whole year or of every
 * year (counts, trends, overview, the window-function rankings), which only an ingest, a new version, a
 * merge, a rescore or a review changes. (SQLite's own change counters, read by `Statements.changeVersion`;
 * a PostgreSQL port would key on a counter of its own.)
 */
class Kept<T> {
  private value: { at: string; value: T } | undefined;

  constructor(private readonly version: () => string | null) {}

  get(make: () => T): T {
    const at = this.version();
    if (at === null) return make();
    if (this.value?.at !== at) this.value = { at, value: make() };
    return this.value.value;
  }
}
const perGrade = (f: (g: Grade) => number) => recordOf(GRADES, f);

const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/** Agencies `a` of a region's subtree. */
function inRegion(region: string, a = sql.raw('a')): SQL {
  const [lo, hi] = subtreeRange(region);
  return sql`${a}.region_code >= ${lo} and ${a}.region_code < ${hi}`;
}

function scopeConditions(scope: Scope, r = sql.raw('r'), a = sql.raw('a')): SQL[] {
  const out: SQL[] = [sql`${r}.current = true`];
  if (scope.year !== undefined) out.push(sql`${r}.year = ${scope.year}`);
  if (scope.region) out.push(inRegion(scope.region, a));
  if (scope.kind) out.push(sql`${a}.kind = ${scope.kind}`);
  if (!scope.demo) out.push(sql`${r}.demo = false`);
  return out;
}

/** The (unmerged) agencies `a` of a scope's region, kind and demo choice. */
function agencyConditions(scope: Scope, a = sql.raw('a')): SQL[] {
  const out: SQL[] = [sql`${a}.merged_into is null`];
  if (scope.region) out.push(inRegion(scope.region, a));
  if (scope.kind) out.push(sql`${a}.kind = ${scope.kind}`);
  if (!scope.demo) out.push(sql`${a}.demo = false`);
  return out;
}
const where = (conds: SQL[]) => sql.join(conds, sql` and `);
const dialect = new SQLiteSyncDialect();

export class Queries {
  /** Whether figures may be kept: not inside a transaction, whose writes may still be rolled back. */
  private readonly version: () => string | null;
  // the raw queries (window functions, CTEs, aggregates by grade), each with the row its SQL selects
  private readonly count: Raw<{ n: number }>;
  private readonly rankingRows: Raw<RankingRow>;
  private readonly rankedIds: Raw<{ id: number; rank: number; total: number }>;
  private readonly scoreCounts: Raw<{ score: number; n: number }>;
  private readonly trendYears: Raw<TrendYearRow>;
  private readonly trendRules: Raw<{ year: number; rule: string; n: number }>;
  private readonly overviewFigures: Raw<OverviewRow>;
  private readonly ruleCounts: Raw<{ rule: string; n: number }>;
  private readonly regionNameMap: Kept<Map<string, string>>;
  private readonly missingRows: KeptRows<MissingRow>;

  constructor(
    private readonly db: Db,
    private readonly st: Statements,
    private readonly keys: CellKeys,
  ) {
    const version = (this.version = () => (db.$client.inTransaction ? null : st.changeVersion()));
    this.count = new Raw(db, version);
    this.rankingRows = new Raw(db, version);
    this.rankedIds = new Raw(db, version);
    this.scoreCounts = new Raw(db, version);
    this.trendYears = new Raw(db, version);
    this.trendRules = new Raw(db, version);
    this.overviewFigures = new Raw(db, version);
    this.ruleCounts = new Raw(db, version);
    this.regionNameMap = new Kept(version);
    this.missingRows = new KeptRows(version);
  }

  /** count(*) of a query, kept until the next write (see `Raw.kept`). */
  private countOf(query: SQL): number {
    return num(this.count.kept(query)[0]?.n);
  }

  /** The latest year with current reports (of the demo province too, with `demo`). */
  async latestYear(demo = false): Promise<number | null> {
    const r = this.db
      .select({ year: sql<number | null>`max(${reports.year})` })
      .from(reports)
      .where(demo ? eq(reports.current, true) : and(eq(reports.current, true), eq(reports.demo, false)))
      .get();
    return r?.year ?? null;
  }

  /** Current reports (and of them the demo province's) and (unmerged) agencies, of `region`'s subtree when given. */
  async counts(region: string | null = null): Promise<{ reports: number; agencies: number; demoReports: number }> {
    let current = this.db
      .select({ n: count(), demo: sum(sql`case when ${R.demo} then 1 else 0 end`) })
      .from(R)
      .$dynamic();
    if (region) current = current.innerJoin(A, eq(A.id, R.agencyId));
    const r = current.where(where(scopeConditions({ region: region ?? undefined, demo: true }))).get();
    const a = this.db
      .select({ n: count() })
      .from(A)
      .where(and(isNull(A.mergedInto), region ? inRegion(region) : undefined))
      .get();
    return { reports: num(r?.n), agencies: num(a?.n), demoReports: num(r?.demo) };
  }

  // ───────────────────────── rankings ─────────────────────────

  /**
   * Rankings of one year: rank by score within the scope (year, region subtree, kind); grade and q
   * narrow the list without changing ranks. `limit` null returns every row (exports).
   *
   * Nothing is read for rows off the page but index entries. In ranking order (the default, and
   * `-score`) the page is read straight off `reports_year_cover_idx` (score descending, then id, with
   * every column a page shows), its agencies and previous-year scores joined for its rows only; a rank
   * is its position, or for the page's first row and under grade and q 1 + the reports of the scope
   * scoring higher, counted over the index; the total is a count over the index (kept until the next
   * write). The other orders rank the scope with a window function over the index's narrow entries
   * (that page of ids and ranks kept until the next write), then read the page's rows by id.
   */
  async rankings(filter: RankingsFilter, page = 1, pageSize: number | null = 50): Promise<{ year: number | null; total: number; items: RankingItem[] }> {
    const year = filter.year ?? await this.latestYear(filter.demo);
    if (year === null) return { year: null, total: 0, items: [] };
    const sort = filter.sort ?? 'rank';
    const key = sort.replace(/^-/, '');
    // agencies are joined only when the scope, the display filter or the order need them
    const joinAgencies = Boolean(filter.region || filter.kind || filter.q || key === 'name');
    const from = joinAgencies ? sql`reports r join agencies a on a.id = r.agency_id` : sql`reports r`;
    const scope = scopeConditions({ ...filter, year });
    const display: SQL[] = [];
    if (filter.grade) display.push(sql`r.grade = ${filter.grade}`);
    if (filter.q) {
      const pattern = like(filter.q.replace(/[\s\u3000]+/g, ''));
      display.push(
        sql`(a.name like ${pattern} escape '\\' or exists (select 1 from agency_aliases aa where aa.agency_id = a.id and aa.alias like ${pattern} escape '\\'))`,
      );
    }
    const paging = pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`;

    let ranked: { id: number; rank: number }[];
    let total: number | undefined;
    if (sort === 'rank' || sort === '-score') {
      const conds = where([...scope, ...display]);
      // the page off the covering index, then its agencies, regions and previous scores
      const rows = this.rankingRows.all(sql`
        select pg.*, a.name, a.kind, a.region_code, pg.score - p.score as change
        from (
          select r.id, r.agency_id, r.year, r.score, r.grade, r.errors, r.warnings, r.published_on, r.demo,
                 r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness
          from ${from} where ${conds}
          order by r.score desc nulls last, r.id
          ${paging}
        ) pg
        join agencies a on a.id = pg.agency_id
        left join reports p on p.agency_id = pg.agency_id and p.year = pg.year - 1 and p.current = true
        order by pg.score desc nulls last, pg.id`);
      const offset = pageSize === null ? 0 : (page - 1) * pageSize;
      if (pageSize === null || (page === 1 && rows.length < pageSize)) total = rows.length;
      if (display.length) {
        total ??= num(this.count.all(sql`select count(*) as n from ${from} where ${conds}`)[0]?.n);
        ranked = this.ranksOf(rows, from, scope);
      } else {
        // the whole scope in order: a row scoring lower than the one before it is ranked by its
        // position, the page's first row by a count of the rows above it (a range of the index)
        const count = (conds: SQL[]) => this.countOf(sql`select count(*) as n from ${from} where ${where(conds)}`);
        total ??= count(scope);
        const top = rows[0]?.score ?? null;
        const first = offset > 0 && rows.length ? 1 + count([...scope, top === null ? sql`r.score is not null` : sql`r.score > ${top}`]) : 1;
        ranked = [];
        for (const [i, r] of rows.entries()) {
          const tied = i > 0 && numOrNull(r.score) === numOrNull(rows[i - 1]!.score);
          ranked.push({ id: num(r.id), rank: i === 0 ? first : tied ? ranked[i - 1]!.rank : offset + i + 1 });
        }
      }
      const regionNames = this.regionNames();
      return { year, total, items: rows.map((r, i) => toRankingItem(r, ranked[i]!.rank, regionNames)) };
    } else {
      const desc_ = sort.startsWith('-');
      const dir = sql.raw(desc_ ? 'desc' : 'asc');
      const change = key === 'change';
      const order: SQL =
        key === 'rank'
          ? sql`f.rank ${dir}, f.id`
          : key === 'score'
            ? sql`f.score ${dir} nulls last, f.id`
            : change
              ? sql`f.change ${dir} nulls last, f.rank, f.id`
              : key === 'name'
                ? sql`f.name ${dir}, f.id`
                : sql`f.errors ${dir}, f.rank, f.id`;
      // the ranks of the whole scope (≈ 20–30 ms for a year of 14,000 reports) for one page of ids,
      // kept until the next write; an export's every row is not kept
      const query = sql`
        with s as (
          select r.id, r.agency_id, r.year, r.score, r.errors ${key === 'name' ? sql`, a.name` : sql``},
                 rank() over (order by r.score desc nulls last) as rank
          from ${from}
          where ${where(scope)}
        ), f as (
          select s.* ${change ? sql`, s.score - p.score as change` : sql``}
          from s ${change ? sql`left join reports p on p.agency_id = s.agency_id and p.year = s.year - 1 and p.current = true` : sql``}
          ${display.length ? sql`where s.id in (select r.id from ${from} where ${where([...scope, ...display])})` : sql``}
        )
        select f.id, f.rank, count(*) over () as total
        from f
        order by ${order}
        ${paging}`;
      const rows = pageSize === null ? this.rankedIds.all(query) : this.rankedIds.kept(query);
      ranked = rows.map((r) => ({ id: num(r.id), rank: num(r.rank) }));
      total = rows.length ? num(rows[0]!.total) : pageSize === null || page === 1 ? 0 : (await this.rankings(filter, 1, 1)).total;
    }
    return { year, total, items: this.rankingItems(ranked, pageSize === null ? scope : null) };
  }

  /**
   * Ranks of rows in ranking order (score descending, nulls last): 1 + the reports of the scope scoring
   * higher, counted per score over the index from the top down to the lowest score on the page.
   */
  private ranksOf(rows: { id: number; score: number | null }[], from: SQL, scope: SQL[]): { id: number; rank: number }[] {
    if (!rows.length) return [];
    const lowest = rows.at(-1)!.score;
    const counts = this.scoreCounts.all(sql`
      select r.score, count(*) as n from ${from}
      where ${where([...scope, lowest === null ? sql`r.score is not null` : sql`r.score >= ${lowest}`])}
      group by r.score`);
    const higher = (score: number | null) => 1 + counts.reduce((n, c) => (score === null || Number(c.score) > score ? n + num(c.n) : n), 0);
    const rankOf = new Map<number | null, number>();
    return rows.map((r) => {
      const score = numOrNull(r.score);
      if (!rankOf.has(score)) rankOf.set(score, higher(score));
      return { id: num(r.id), rank: rankOf.get(score)! };
    });
  }

  /**
   * The rows of a ranking page, in its order: the wide report rows, agencies, regions and changes,
   * read by id; for an export (every row), those of the whole `scope`.
   */
  private rankingItems(ranked: { id: number; rank: number }[], scope: SQL[] | null): RankingItem[] {
    if (!ranked.length) return [];
    const byId = new Map<number, RankingRow>();
    for (const row of this.rankingRows.all(sql`
      select r.id, r.agency_id, r.year, r.score, r.grade, r.errors, r.warnings, r.published_on, r.demo,
             r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness,
             a.name, a.kind, a.region_code, r.score - p.score as change
      from reports r
      join agencies a on a.id = r.agency_id
      left join reports p on p.agency_id = r.agency_id and p.year = r.year - 1 and p.current = true
      where ${scope ? where(scope) : sql`r.id in ${ranked.map((r) => r.id)}`}`)) {
      byId.set(num(row.id), row);
    }
    const regionNames = this.regionNames();
    return ranked.map((r) => toRankingItem(byId.get(r.id)!, r.rank, regionNames));
  }

  /** Names of the regions by code (a small table), kept until the next write: rankings show them. */
  private regionNames(): Map<string, string> {
    return this.regionNameMap.get(() => new Map(this.db.select({ code: regions.code, name: regions.name }).from(regions).all().map((r) => [r.code, r.name])));
  }

  // ───────────────────────── trends and overview ─────────────────────────

  async trends(filter: Scope & { from?: number; to?: number }) {
    const conds = scopeConditions({ region: filter.region, kind: filter.kind, demo: filter.demo });
    if (filter.from !== undefined) conds.push(sql`r.year >= ${filter.from}`);
    if (filter.to !== undefined) conds.push(sql`r.year <= ${filter.to}`);
    // every report has its agency (a foreign key): joined only to filter on region or kind, so that
    // the figures come off reports_year_cover_idx alone
    const from = filter.region || filter.kind ? sql`reports r join agencies a on a.id = r.agency_id` : sql`reports r`;
    // figures of every year (≈ 0.2 s at 100,000 reports), kept until the next write
    const years = this.trendYears.kept(sql`
      select r.year, count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             ${gradeCounts()},
             avg(r.score_completeness) as c_completeness, avg(r.score_accuracy) as c_accuracy,
             avg(r.score_conformity) as c_conformity, avg(r.score_timeliness) as c_timeliness
      from ${from}
      where ${where(conds)}
      group by r.year order by r.year`);
    const rules = this.trendRules.kept(sql`
      select r.year, rr.rule, count(*) as n
      from ${from} join report_rules rr on rr.report_id = r.id
      where ${where(conds)}
      group by r.year, rr.rule`);
    return {
      items: years.map((y) => {
        const reportsN = num(y.reports);
        const scored = num(y.scored);
        const grades = perGrade((g) => (scored ? round(num(y[g]) / scored, 4)! : 0));
        const averageByCategory =
          y.c_completeness === null && y.c_accuracy === null
            ? null
            : {
                completeness: round(numOrNull(y.c_completeness)) ?? 0,
                accuracy: round(numOrNull(y.c_accuracy)) ?? 0,
                conformity: round(numOrNull(y.c_conformity)) ?? 0,
                timeliness: round(numOrNull(y.c_timeliness)) ?? 0,
              } satisfies Record<Category, number>;
        return {
          year: num(y.year),
          reports: reportsN,
          averageScore: round(numOrNull(y.average)),
          grades,
          averageByCategory,
          topFindings: topRules(
            rules.filter((r) => num(r.year) === num(y.year)),
            reportsN,
          ),
        };
      }),
    };
  }

  async overview(filter: Scope) {
    const year = filter.year ?? await this.latestYear(filter.demo);
    const empty = recordOf(GRADES, () => 0);
    const histogram = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));
    const agencyCount = this.agencyCount(filter);
    if (year === null) {
      return {
        year: null,
        reports: 0,
        agencies: agencyCount,
        missing: { count: 0, items: [] },
        averageScore: null,
        failShare: null,
        grades: empty,
        lateCount: 0,
        histogram,
        worst: [],
        mostImproved: [],
        topFindings: [],
      };
    }
    const scope = { ...filter, year };
    // agencies joined only to filter on region or kind (every report has its agency): the figures of a
    // year then come off reports_year_cover_idx alone
    const from = filter.region || filter.kind ? sql`reports r join agencies a on a.id = r.agency_id` : sql`reports r`;
    const buckets = sql.join(
      histogram.map((b, i) =>
        i === 9
          ? sql`sum(case when r.score >= ${b.from} then 1 else 0 end) as h${sql.raw(String(i))}`
          : sql`sum(case when r.score >= ${b.from} and r.score < ${b.to} then 1 else 0 end) as h${sql.raw(String(i))}`,
      ),
      sql`, `,
    );
    // figures of the whole year, kept until the next write
    const agg = this.overviewFigures.kept(sql`
      select count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             sum(case when r.late then 1 else 0 end) as late, ${gradeCounts()}, ${buckets}
      from ${from}
      where ${where(scopeConditions(scope))}`)[0]!;
    const reportsN = num(agg.reports);
    const scored = num(agg.scored);
    const missingConds = agencyConditions(filter);
    const missingQuery = this.db
      .select({ ...AGENCY_REF, lastYear: max(R.year), total: sql<number>`count(*) over ()` })
      .from(A)
      .innerJoin(R, and(eq(R.agencyId, A.id), eq(R.current, true)))
      .leftJoin(G, eq(G.code, A.regionCode))
      .where(
        and(
          where(missingConds),
          sql`not exists (select 1 from reports x where x.agency_id = a.id and x.year = ${year} and x.current = true)`,
        ),
      )
      .groupBy(A.id, A.name, A.kind, A.regionCode, A.level, A.demo, G.name)
      .orderBy(A.regionCode, A.name)
      .limit(100);
    const missing = this.missingRows.get(missingQuery.toSQL(), () => missingQuery.all());
    const rules = this.ruleCounts.kept(sql`
      select rr.rule, count(*) as n
      from ${from} join report_rules rr on rr.report_id = r.id
      where ${where(scopeConditions(scope))}
      group by rr.rule`);
    const improved = (await this.rankings({ ...scope, sort: '-change' }, 1, 5)).items.filter((i) => (i.change ?? 0) > 0);
    return {
      year,
      reports: reportsN,
      agencies: agencyCount,
      missing: {
        count: missing.length ? num(missing[0]!.total) : 0,
        items: missing.map((m) => ({
          ...agencyRef(m),
          lastYear: m.lastYear,
        })),
      },
      averageScore: round(numOrNull(agg.average)),
      failShare: scored ? round(num(agg['不合格']) / scored, 4) : null,
      grades: perGrade((g) => num(agg[g])),
      lateCount: num(agg.late),
      histogram: histogram.map((b, i) => ({ ...b, count: num(agg[`h${i}`]) })),
      worst: (await this.rankings({ ...scope, sort: '-rank' }, 1, 5)).items.filter((i) => i.score !== null),
      mostImproved: improved,
      topFindings: topRules(rules, reportsN),
    };
  }

  private agencyCount(scope: Scope): number {
    return num(this.db.select({ n: count() }).from(A).where(where(agencyConditions(scope))).get()?.n);
  }

  /** Years with current reports; `region` keeps to a subtree (a region-scoped user's view); `demo` counts the demo province too. */
  async years(region?: string | null, demo = false) {
    let query = this.db.select({ year: R.year, reports: count(), average: avg(R.score) }).from(R).$dynamic();
    if (region) query = query.innerJoin(A, eq(A.id, R.agencyId));
    const rows = query
      .where(where(scopeConditions({ region: region ?? undefined, demo })))
      .groupBy(R.year)
      .orderBy(desc(R.year))
      .all();
    return { items: rows.map((r) => ({ year: r.year, reports: r.reports, averageScore: round(numOrNull(r.average)) })) };
  }

  /** Name of a region filter (2, 4 or 6 digits), for labels and file names. */
  async regionName(filter: string | undefined): Promise<string | null> {
    if (!filter) return null;
    const code = filter.padEnd(6, '0');
    return this.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).get()?.name ?? null;
  }

  /**
   * What people call the objects of audit-log entries: `report:12` → 「南开区文化和旅游局 2019年度报告」,
   * `agency:3` → the agency's name; targets that no longer exist are left out.
   */
  async targetLabels(targets: (string | null)[]): Promise<Map<string, string>> {
    const ids = (kind: string) => [
      ...new Set(targets.filter((t): t is string => !!t?.startsWith(`${kind}:`)).map((t) => Number(t.slice(kind.length + 1)))),
    ].filter(Number.isSafeInteger);
    const out = new Map<string, string>();
    const reportIds = ids('report');
    if (reportIds.length)
      for (const r of this.db
        .select({ id: reports.id, year: reports.year, name: agencies.name })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(inArray(reports.id, reportIds))
        .all())
        out.set(`report:${r.id}`, `${r.name} ${r.year}年度报告`);
    const agencyIds = ids('agency');
    if (agencyIds.length)
      for (const a of this.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds)).all())
        out.set(`agency:${a.id}`, a.name);
    return out;
  }

  /**
   * The region tree with the agencies of each subtree; without `demo`, the demo province's agencies
   * are not counted and the regions only they are in are left out.
   */
  async regions(demo = false): Promise<{ items: RegionNode[] }> {
    const all = this.db.select().from(regions).orderBy(asc(regions.code)).all();
    const countsOf = (demoOnly: boolean) =>
      new Map(
        this.db
          .select({ code: agencies.regionCode, n: sql<number>`count(*)` })
          .from(agencies)
          .where(and(isNull(agencies.mergedInto), demoOnly ? eq(agencies.demo, true) : demo ? undefined : eq(agencies.demo, false)))
          .groupBy(agencies.regionCode)
          .all()
          .map((c) => [c.code, num(c.n)]),
      );
    const counts = countsOf(false);
    const demoCounts = demo ? new Map<string | null, number>() : countsOf(true);
    const nodes = new Map<string, RegionNode>();
    for (const r of all) nodes.set(r.code, { code: r.code, name: r.name, level: r.level, agencies: 0, children: [] });
    const roots: RegionNode[] = [];
    for (const r of all) {
      const node = nodes.get(r.code)!;
      const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    const demoOnly = new Set<RegionNode>();
    const total = (n: RegionNode): [number, number] => {
      const below = n.children.map(total);
      n.agencies = (counts.get(n.code) ?? 0) + below.reduce((s, [a]) => s + a, 0);
      const demoN = (demoCounts.get(n.code) ?? 0) + below.reduce((s, [, d]) => s + d, 0);
      if (!n.agencies && demoN) demoOnly.add(n);
      return [n.agencies, demoN];
    };
    roots.forEach(total);
    const prune = (list: RegionNode[]): RegionNode[] =>
      list.filter((n) => !demoOnly.has(n)).map((n) => ({ ...n, children: prune(n.children) }));
    return { items: prune(roots) };
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Follows merges: the id an agency is known by now. */
  async canonicalAgencyId(id: number): Promise<number | null> {
    return this.st.canonicalAgency(id) ?? null;
  }

  async agencies(filter: Omit<Scope, 'year'> & { q?: string }, page = 1, pageSize = 50) {
    const conds = agencyConditions(filter);
    if (filter.q) {
      const pattern = like(filter.q.replace(/[\s\u3000]+/g, ''));
      conds.push(
        sql`(a.name like ${pattern} escape '\\' or exists (select 1 from agency_aliases aa where aa.agency_id = a.id and aa.alias like ${pattern} escape '\\'))`,
      );
    }
    const rows = this.db
      .select({
        ...AGENCY_REF,
        reports: sql<number>`(select count(*) from reports r where r.agency_id = a.id and r.current = true)`,
        total: sql<number>`count(*) over ()`,
      })
      .from(A)
      .leftJoin(G, eq(G.code, A.regionCode))
      .where(where(conds))
      .orderBy(A.regionCode, A.name, A.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .all();
    const ids = rows.map((r) => r.id);
    const aliases = this.aliasesOf(ids);
    const latest = new Map<number, { year: number; reportId: number; score: number | null; grade: Grade | null }>();
    if (ids.length) {
      for (const r of this.db
        .select({ agencyId: reports.agencyId, year: reports.year, id: reports.id, score: reports.score, grade: reports.grade })
        .from(reports)
        .where(and(inArray(reports.agencyId, ids), eq(reports.current, true)))
        .orderBy(asc(reports.year))
        .all()) {
        latest.set(r.agencyId, { year: r.year, reportId: r.id, score: r.score, grade: r.grade });
      }
    }
    return {
      total: rows.length ? num(rows[0]!.total) : 0,
      items: rows.map((r) => ({
        ...agencyRef(r),
        aliases: aliases.get(r.id) ?? [],
        reports: num(r.reports),
        latest: latest.get(r.id) ?? null,
      })),
    };
  }

  private aliasesOf(ids: number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (!ids.length) return out;
    const rows = this.db.select().from(agencyAliases).where(inArray(agencyAliases.agencyId, ids)).orderBy(asc(agencyAliases.alias)).all();
    // a demo agency's names are kept under a prefix (see DEMO_ALIAS_PREFIX): shown without it
    for (const r of rows) out.set(r.agencyId, [...(out.get(r.agencyId) ?? []), r.alias.replace(DEMO_ALIAS_PREFIX, '')]);
    return out;
  }

  /**
   * An agency with its reports; each year's rank is among the current reports of `region`'s subtree
   * (a region-scoped user's), or of every agency without one.
   */
  async agency(requestedId: number, region: string | null = null) {
    const id = await this.canonicalAgencyId(requestedId);
    if (id === null) return null;
    const row = this.agencyRefRow(id);
    if (!row) return null;
    const rank = sql<number>`(select count(*) + 1 from reports o ${region ? sql`join agencies oa on oa.id = o.agency_id` : sql``}
      where ${where(scopeConditions({ region: region ?? undefined, demo: row.demo }, sql.raw('o'), sql.raw('oa')))}
        and o.year = r.year and o.score > r.score)`;
    const years = this.db
      .select({
        id: R.id,
        year: R.year,
        template: R.template,
        publishedOn: R.publishedOn,
        score: R.score,
        grade: R.grade,
        errors: R.errors,
        warnings: R.warnings,
        scoreCompleteness: R.scoreCompleteness,
        scoreAccuracy: R.scoreAccuracy,
        scoreConformity: R.scoreConformity,
        scoreTimeliness: R.scoreTimeliness,
        versions: sql<number>`(select count(*) from reports v where v.agency_id = r.agency_id and v.year = r.year)`,
        rank,
        change: sql<number | null>`${R.score} - ${P.score}`,
      })
      .from(R)
      .leftJoin(P, previousOf(R))
      .where(and(eq(R.agencyId, id), eq(R.current, true)))
      .orderBy(R.year)
      .all();
    return {
      ...agencyRef(row),
      aliases: this.aliasesOf([id]).get(id) ?? [],
      mergedIds: this.st.mergedInto(id),
      reports: years.map((y) => ({
        year: y.year,
        reportId: y.id,
        versions: num(y.versions),
        template: y.template,
        publishedOn: y.publishedOn,
        score: y.score,
        grade: y.grade,
        byCategory: byCategoryOf(y),
        errors: y.errors,
        warnings: y.warnings,
        change: round(numOrNull(y.change)),
        rank: y.score === null ? null : num(y.rank),
      })),
    };
  }

  // ───────────────────────── reports ─────────────────────────

  async report(id: number) {
    const row = this.st.reportById(id);
    if (!row) return null;
    const agency = this.agencyRefOf(row.agencyId);
    const versions = this.db
      .select({
        id: reports.id,
        version: reports.version,
        current: reports.current,
        fileName: reports.fileName,
        sha256: reports.sha256,
        size: sources.size,
        publishedOn: reports.publishedOn,
        ingestedAt: reports.ingestedAt,
        score: reports.score,
        grade: reports.grade,
      })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(and(eq(reports.agencyId, row.agencyId), eq(reports.year, row.year)))
      .orderBy(asc(reports.version))
      .all();

    const read = toParsedReport(this.st, this.keys, row);
    const corrections = correctionsOf(this.db).of(row.id);
    const report = withCorrections(read, corrections);
    const decisions = new Map(this.st.decisionsOf(row.agencyId, row.year).map((d) => [d.fingerprint, d]));
    return {
      ...report,
      findings: report.findings.map((f) => withReview(f, decisions)),
      id: row.id,
      agencyId: row.agencyId,
      registeredAgency: agency,
      version: row.version,
      current: row.current,
      ingestedAt: row.ingestedAt,
      errors: row.errors,
      warnings: row.warnings,
      previousReportId: this.st.currentReportId(row.agencyId, row.year - 1) ?? null,
      versions,
      demo: row.demo,
      corrections: correctionViews(read.cells, corrections),
    };
  }

  private agencyRefOf(id: number) {
    return agencyRef(this.agencyRefRow(id)!);
  }

  /** An agency with its region's name. */
  private agencyRefRow(id: number): AgencyRefRow | undefined {
    return this.db.select(AGENCY_REF).from(A).leftJoin(G, eq(G.code, A.regionCode)).where(eq(A.id, id)).get();
  }

  async source(id: number): Promise<{ reportId: number; fileName: string; text: string } | null> {
    const r = this.db
      .select({ fileName: reports.fileName, text: sources.text })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id))
      .get();
    return r ? { reportId: id, ...r } : null;
  }

  /** The source file exactly as ingested. */
  async file(id: number): Promise<{ fileName: string; bytes: Buffer } | null> {
    const r = this.db
      .select({ fileName: reports.fileName, bytes: sources.bytes })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id))
      .get();
    return r ?? null;
  }

  /**
   * Findings across the current reports of a scope (the work queues: "who has this problem",
   * "what is left to review"), in report order: worst score first, then the report's own order.
   */
  async findings(filter: FindingsFilter, page = 1, pageSize = 50): Promise<{ total: number; items: FindingListItem[] }> {
    const conds = scopeConditions(filter);
    if (filter.rule) conds.push(sql`f.rule = ${filter.rule}`);
    if (filter.severity) conds.push(sql`f.severity = ${filter.severity}`);
    if (filter.review === 'pending') conds.push(sql`d.id is null and f.fingerprint is not null`);
    else if (filter.review === 'confirm' || filter.review === 'dismiss') conds.push(sql`d.decision = ${filter.review}`);
    if (filter.q) {
      const pattern = like(filter.q.replace(/[\s\u3000]+/g, ''));
      conds.push(sql`a.name like ${pattern} escape '\\'`);
    }
    const from = sql`findings f
      join reports r on r.id = f.report_id
      join agencies a on a.id = r.agency_id
      left join review_decisions d on d.agency_id = r.agency_id and d.year = r.year and d.fingerprint = f.fingerprint`;
    const total = this.countOf(sql`select count(*) as n from ${from} where ${where(conds)}`);
    const F = alias(findings, 'f');
    const D = alias(reviewDecisions, 'd');
    const rows = this.db
      .select({
        reportId: F.reportId,
        rule: F.rule,
        severity: F.severity,
        category: F.category,
        message: F.message,
        fingerprint: F.fingerprint,
        cells: F.cells,
        year: R.year,
        score: R.score,
        grade: R.grade,
        demo: R.demo,
        agencyId: A.id,
        agencyName: A.name,
        regionCode: A.regionCode,
        regionName: G.name,
        decision: D.decision,
        reason: D.reason,
        userName: D.userName,
        decidedAt: D.decidedAt,
        decidedOn: D.reportId,
      })
      .from(F)
      .innerJoin(R, eq(R.id, F.reportId))
      .innerJoin(A, eq(A.id, R.agencyId))
      .leftJoin(D, and(eq(D.agencyId, R.agencyId), eq(D.year, R.year), eq(D.fingerprint, F.fingerprint)))
      .leftJoin(G, eq(G.code, A.regionCode))
      .where(where(conds))
      .orderBy(sql`${R.score} asc nulls first`, R.id, F.ordinal)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .all();
    return {
      total,
      items: rows.map((r) => ({
        reportId: r.reportId,
        year: r.year,
        agency: { id: r.agencyId, name: r.agencyName, region: r.regionCode ? { code: r.regionCode, name: r.regionName ?? r.regionCode } : null },
        score: r.score,
        grade: r.grade,
        demo: r.demo,
        rule: r.rule,
        severity: r.severity,
        category: r.category,
        message: r.message,
        fingerprint: r.fingerprint,
        cells: cellKeysOf(r.cells),
        review: r.decision ? { decision: r.decision, reason: r.reason!, user: r.userName!, at: r.decidedAt!, reportId: r.decidedOn! } : null,
      })),
    };
  }
}

export interface FindingsFilter extends Scope {
  rule?: string;
  severity?: Finding['severity'];
  /** pending: no decision yet; confirm / dismiss: decided so; all (or none): any. */
  review?: 'pending' | 'confirm' | 'dismiss' | 'all';
  q?: string;
}

export interface FindingListItem {
  reportId: number;
  year: number;
  agency: { id: number; name: string; region: RegionRef | null };
  score: number | null;
  grade: Grade | null;
  demo: boolean;
  rule: string;
  severity: Finding['severity'];
  category: Category;
  message: string;
  fingerprint: string | null;
  cells: string[];
  review: FindingReview | null;
}



function gradeCounts(): SQL {
  return sql.join(
    GRADES.map((g) => sql`sum(case when r.grade = ${g} then 1 else 0 end) as ${sql.identifier(g)}`),
    sql`, `,
  );
}

function topRules(rows: { rule: string; n: number }[], reportsN: number, limit = 8) {
  return rows
    .map((r) => ({ rule: r.rule, reports: num(r.n), share: reportsN ? round(num(r.n) / reportsN, 4)! : 0 }))
    .sort((a, b) => b.reports - a.reports || a.rule.localeCompare(b.rule))
    .slice(0, limit);
}

const categoryColumns = (r: CategoryCols) => ({
  scoreCompleteness: numOrNull(r.score_completeness),
  scoreAccuracy: numOrNull(r.score_accuracy),
  scoreConformity: numOrNull(r.score_conformity),
  scoreTimeliness: numOrNull(r.score_timeliness),
});

function agencyRef(r: AgencyRefRow) {
  const code = r.regionCode;
  return {
    id: r.id,
    name: r.name,
    region: code ? { code, name: r.regionName ?? code } : null,
    kind: r.kind,
    level: code ? (r.level ?? regionLevel(code)) : null,
    demo: r.demo,
  };
}

/** A finding with the reviewers' decision on it (null when none was taken). */
function withReview(f: Finding, decisions: Map<string, DecisionRow>): Finding & { review: FindingReview | null } {
  const d = f.fingerprint ? decisions.get(f.fingerprint) : undefined;
  return { ...f, review: d ? { decision: d.decision, reason: d.reason, user: d.userName, at: d.decidedAt, reportId: d.reportId } : null };
}

function toRankingItem(r: RankingRow, rank: number, regionNames: Map<string, string>): RankingItem {
  const code = r.region_code ?? null;
  return {
    rank,
    reportId: num(r.id),
    agency: {
      id: num(r.agency_id),
      name: String(r.name),
      region: code ? { code, name: regionNames.get(code) ?? code } : null,
      kind: r.kind,
    },
    year: num(r.year),
    score: numOrNull(r.score),
    grade: r.grade ?? null,
    byCategory: byCategoryOf(categoryColumns(r)),
    errors: num(r.errors),
    warnings: num(r.warnings),
    change: round(numOrNull(r.change)),
    publishedOn: r.published_on ?? null,
    demo: num(r.demo) === 1,
  };
}
