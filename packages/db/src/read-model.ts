/**
 * What the API's reads share on both engines (queries.ts on SQLite, pg/queries.ts on PostgreSQL): the
 * filters and result types, the raw SQL of the rankings, trends and overview (window functions, CTEs,
 * counts by grade: text both engines run), the ranking algorithm over an engine's runner, and the
 * mappers from rows to the API's shapes. Pure: no connection here.
 */
import { sql, type SQL } from 'drizzle-orm';
import { GRADES, recordOf, type AgencyKindId, type Category, type Finding, type ParsedReport, type Score, type TemplateId } from '@nianbao/model';
import type { RankingItem, RegionNode } from '@nianbao/contract';
import { correctionViews, withCorrections, type CorrectionRow } from './corrections';
import { regionLevel, subtreeRange } from './regions';
import { byCategoryOf } from './rows';
import type { DecisionRow, ReportRow } from './statements';

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

/**
 * Where the two engines' SQL differs in the shared raw statements: SQLite's `like` ignores the case
 * of ASCII letters (PostgreSQL's `ilike` does), and SQLite orders text by bytes (PostgreSQL by its
 * locale unless told `collate "C"`).
 */
export interface ReadDialect {
  like: SQL;
  /** A text expression ordered by bytes. */
  text(expr: SQL): SQL;
}

/** The score by category as raw SQL rows name it. */
export type CategoryCols = {
  score_completeness: number | null;
  score_accuracy: number | null;
  score_conformity: number | null;
  score_timeliness: number | null;
};
/** An agency with its region's name. */
export type AgencyRefRow = {
  id: number;
  name: string;
  kind: AgencyKind;
  regionCode: string | null;
  level: 'province' | 'city' | 'county' | null;
  demo: boolean;
  regionName: string | null;
};
/** A report row of a ranking page with its agency and the change against the previous year. */
export type RankingRow = CategoryCols & {
  id: number;
  agency_id: number;
  year: number;
  score: number | null;
  grade: Grade | null;
  errors: number;
  warnings: number;
  published_on: string | null;
  /** 1 / 0 on SQLite, a boolean on PostgreSQL. */
  demo: number | boolean;
  name: string;
  kind: AgencyKind;
  region_code: string | null;
  change: number | null;
};
/** Counts per grade (`sum(case when r.grade = …)` columns). */
type GradeCounts = Record<Grade, number | null>;
/** A year's figures in the trends. */
export type TrendYearRow = GradeCounts & {
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
export type OverviewRow = GradeCounts & Record<`h${number}`, number | null> & { reports: number; scored: number; average: number | null; late: number | null };
export type RankedRow = { id: number; score: number | null };
export type ScoreCountRow = { score: number; n: number };
export type RuleCountRow = { rule: string; n: number };
export type TrendRuleRow = { year: number; rule: string; n: number };
export type CountRow = { n: number };

export const perGrade = (f: (g: Grade) => number) => recordOf(GRADES, f);

export const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
/** A count or sum as a number: PostgreSQL hands bigints and numerics over as text. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
/** The pattern of a name search: spaces (ASCII or ideographic) do not count. */
export const namePattern = (q: string) => like(q.replace(/[\s\u3000]+/g, ''));

/** Agencies `a` of a region's subtree. */
export function inRegion(region: string, a = sql.raw('a')): SQL {
  const [lo, hi] = subtreeRange(region);
  return sql`${a}.region_code >= ${lo} and ${a}.region_code < ${hi}`;
}

export function scopeConditions(scope: Scope, r = sql.raw('r'), a = sql.raw('a')): SQL[] {
  const out: SQL[] = [sql`${r}.current = true`];
  if (scope.year !== undefined) out.push(sql`${r}.year = ${scope.year}`);
  if (scope.region) out.push(inRegion(scope.region, a));
  if (scope.kind) out.push(sql`${a}.kind = ${scope.kind}`);
  if (!scope.demo) out.push(sql`${r}.demo = false`);
  return out;
}

/** The (unmerged) agencies `a` of a scope's region, kind and demo choice. */
export function agencyConditions(scope: Scope, a = sql.raw('a')): SQL[] {
  const out: SQL[] = [sql`${a}.merged_into is null`];
  if (scope.region) out.push(inRegion(scope.region, a));
  if (scope.kind) out.push(sql`${a}.kind = ${scope.kind}`);
  if (!scope.demo) out.push(sql`${a}.demo = false`);
  return out;
}
export const where = (conds: SQL[]) => sql.join(conds, sql` and `);

/** Agencies `a` named like `q`, by their name or one of their aliases. */
export function nameMatches(q: string, d: ReadDialect): SQL {
  const pattern = namePattern(q);
  return sql`(a.name ${d.like} ${pattern} escape '\\' or exists (select 1 from agency_aliases aa where aa.agency_id = a.id and aa.alias ${d.like} ${pattern} escape '\\'))`;
}

/** Reports `r`, joined to their agencies `a` only when a filter or order needs them. */
export const reportsFrom = (joinAgencies: boolean) => (joinAgencies ? sql`reports r join agencies a on a.id = r.agency_id` : sql`reports r`);

export function gradeCounts(): SQL {
  return sql.join(
    GRADES.map((g) => sql`sum(case when r.grade = ${g} then 1 else 0 end) as ${sql.identifier(g)}`),
    sql`, `,
  );
}

export function topRules(rows: { rule: string; n: number }[], reportsN: number, limit = 8) {
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

export function agencyRef(r: AgencyRefRow) {
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

export function toRankingItem(r: RankingRow, rank: number, regionNames: Map<string, string>): RankingItem {
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

// ───────────────────────── rankings ─────────────────────────

/**
 * How an engine runs the rankings' raw statements. `keep`: the rows may be kept until the database
 * changes (figures of a whole scope); the page's wide rows are read afresh each time.
 */
export interface RankingRunner {
  readonly dialect: ReadDialect;
  latestYear(demo?: boolean): Promise<number | null>;
  pageRows(query: SQL): Promise<RankingRow[]>;
  rankedIds(query: SQL, keep: boolean): Promise<RankedRow[]>;
  count(query: SQL, keep: boolean): Promise<number>;
  scoreCounts(query: SQL): Promise<ScoreCountRow[]>;
  regionNames(): Promise<Map<string, string>>;
}

export type Rankings = { year: number | null; total: number; items: RankingItem[] };

/**
 * Rankings of one year: rank by score within the scope (year, region subtree, kind); grade and q
 * narrow the list without changing ranks. `limit` null returns every row (exports).
 *
 * Nothing is read for rows off the page but index entries. In ranking order (the default, and
 * `-score`) the page is read straight off `reports_year_cover_idx` (score descending, then id, with
 * every column a page shows), its agencies and previous-year scores joined for its rows only; a rank
 * is its position, or for the page's first row and under grade and q 1 + the reports of the scope
 * scoring higher, counted over the index; the total is a count over the index (kept until the next
 * write). Lowest first (`-rank`) the page is read off `reports_ranking_idx` (current, year, score; ties
 * by rowid), each rank counted as under grade and q. The other orders (change, name, errors, score
 * ascending) read the page's ids in their order, ties in ranking order (that page kept until the next
 * write), count their ranks so, then read the page's rows by id: no window function over the scope.
 */
export async function rankingsOn(run: RankingRunner, filter: RankingsFilter, page: number, pageSize: number | null): Promise<Rankings> {
  const year = filter.year ?? (await run.latestYear(filter.demo));
  if (year === null) return { year: null, total: 0, items: [] };
  const d = run.dialect;
  const sort = filter.sort ?? 'rank';
  const key = sort.replace(/^-/, '');
  // agencies are joined only when the scope, the display filter or the order need them
  const from = reportsFrom(Boolean(filter.region || filter.kind || filter.q || key === 'name'));
  const scope = scopeConditions({ ...filter, year });
  const display: SQL[] = [];
  if (filter.grade) display.push(sql`r.grade = ${filter.grade}`);
  if (filter.q) display.push(nameMatches(filter.q, d));
  const paging = pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`;
  const countOf = (conds: SQL[], keep: boolean) => run.count(sql`select count(*) as n from ${from} where ${where(conds)}`, keep);

  let ranked: { id: number; rank: number }[];
  let total: number | undefined;
  if (sort === 'rank' || sort === '-score' || sort === '-rank') {
    // the page off the covering index (lowest first, the overview's worst five, off (current, year,
    // score), whose ties are in id order), then its agencies, regions and previous scores
    const lowestFirst = sort === '-rank';
    const pageOrder = (t: SQL) => (lowestFirst ? sql`${t}.score asc nulls first, ${t}.id` : sql`${t}.score desc nulls last, ${t}.id`);
    const rows = await run.pageRows(sql`
      select pg.*, a.name, a.kind, a.region_code, pg.score - p.score as change
      from (
        select r.id, r.agency_id, r.year, r.score, r.grade, r.errors, r.warnings, r.published_on, r.demo,
               r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness
        from ${from} where ${where([...scope, ...display])}
        order by ${pageOrder(sql.raw('r'))}
        ${paging}
      ) pg
      join agencies a on a.id = pg.agency_id
      left join reports p on p.agency_id = pg.agency_id and p.year = pg.year - 1 and p.current = true
      order by ${pageOrder(sql.raw('pg'))}`);
    const offset = pageSize === null ? 0 : (page - 1) * pageSize;
    if (pageSize === null || (page === 1 && rows.length < pageSize)) total = rows.length;
    if (display.length || lowestFirst) {
      total ??= await countOf([...scope, ...display], !display.length);
      ranked = await ranksOf(run, rows, from, scope);
    } else {
      // the whole scope in order: a row scoring lower than the one before it is ranked by its
      // position, the page's first row by a count of the rows above it (a range of the index)
      total ??= await countOf(scope, true);
      const top = numOrNull(rows[0]?.score);
      const first = offset > 0 && rows.length ? 1 + (await countOf([...scope, top === null ? sql`r.score is not null` : sql`r.score > ${top}`], true)) : 1;
      ranked = [];
      for (const [i, r] of rows.entries()) {
        const tied = i > 0 && numOrNull(r.score) === numOrNull(rows[i - 1]!.score);
        ranked.push({ id: num(r.id), rank: i === 0 ? first : tied ? ranked[i - 1]!.rank : offset + i + 1 });
      }
    }
    const regionNames = await run.regionNames();
    return { year, total, items: rows.map((r, i) => toRankingItem(r, ranked[i]!.rank, regionNames)) };
  }
  const dir = sql.raw(sort.startsWith('-') ? 'desc' : 'asc');
  const change = key === 'change';
  // ranking order (score descending, nulls last, then id) breaks the ties of the other keys, so no
  // window function ranks the whole scope: the page's ids in order, then their ranks counted
  const inRankOrder = sql`r.score desc nulls last, r.id`;
  const order: SQL =
    key === 'score'
      ? sql`r.score ${dir} nulls last, r.id`
      : change
        ? sql`change ${dir} nulls last, ${inRankOrder}`
        : key === 'name'
          ? sql`${d.text(sql`a.name`)} ${dir}, r.id`
          : sql`r.errors ${dir}, ${inRankOrder}`;
  const rows = await run.rankedIds(
    sql`
    select r.id, r.score ${change ? sql`, r.score - p.score as change` : sql``}
    from ${from} ${change ? sql`left join reports p on p.agency_id = r.agency_id and p.year = r.year - 1 and p.current = true` : sql``}
    where ${where([...scope, ...display])}
    order by ${order}
    ${paging}`,
    pageSize !== null,
  );
  total = pageSize === null || (page === 1 && rows.length < pageSize) ? rows.length : await countOf([...scope, ...display], !display.length);
  ranked = await ranksOf(run, rows, from, scope);
  return { year, total, items: await rankingItems(run, ranked, pageSize === null ? scope : null) };
}

/**
 * Ranks of rows (score descending, nulls last, ranks 1 + the reports of the scope scoring higher),
 * counted per score over the index from the top down to the lowest score on the page.
 */
async function ranksOf(run: RankingRunner, rows: { id: number; score: number | null }[], from: SQL, scope: SQL[]): Promise<{ id: number; rank: number }[]> {
  if (!rows.length) return [];
  // in either order: the lowest score on the page, null (every score counted) if a row has none
  const scores = rows.map((r) => numOrNull(r.score));
  const lowest = scores.includes(null) ? null : Math.min(...(scores as number[]));
  const counts = await run.scoreCounts(sql`
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
async function rankingItems(run: RankingRunner, ranked: { id: number; rank: number }[], scope: SQL[] | null): Promise<RankingItem[]> {
  if (!ranked.length) return [];
  const byId = new Map<number, RankingRow>();
  for (const row of await run.pageRows(sql`
    select r.id, r.agency_id, r.year, r.score, r.grade, r.errors, r.warnings, r.published_on, r.demo,
           r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness,
           a.name, a.kind, a.region_code, r.score - p.score as change
    from reports r
    join agencies a on a.id = r.agency_id
    left join reports p on p.agency_id = r.agency_id and p.year = r.year - 1 and p.current = true
    where ${scope ? where(scope) : sql`r.id in ${ranked.map((r) => r.id)}`}`)) {
    byId.set(num(row.id), row);
  }
  const regionNames = await run.regionNames();
  return ranked.map((r) => toRankingItem(byId.get(r.id)!, r.rank, regionNames));
}

// ───────────────────────── trends and overview ─────────────────────────

/** The statements of the trends: each year's figures, and the rules broken per year. */
export function trendStatements(filter: Scope & { from?: number; to?: number }): { years: SQL; rules: SQL } {
  const conds = scopeConditions({ region: filter.region, kind: filter.kind, demo: filter.demo });
  if (filter.from !== undefined) conds.push(sql`r.year >= ${filter.from}`);
  if (filter.to !== undefined) conds.push(sql`r.year <= ${filter.to}`);
  // every report has its agency (a foreign key): joined only to filter on region or kind, so that
  // the figures come off reports_year_cover_idx alone
  const from = reportsFrom(Boolean(filter.region || filter.kind));
  return {
    years: sql`
      select r.year, count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             ${gradeCounts()},
             avg(r.score_completeness) as c_completeness, avg(r.score_accuracy) as c_accuracy,
             avg(r.score_conformity) as c_conformity, avg(r.score_timeliness) as c_timeliness
      from ${from}
      where ${where(conds)}
      group by r.year order by r.year`,
    rules: sql`
      select r.year, rr.rule, count(*) as n
      from ${from} join report_rules rr on rr.report_id = r.id
      where ${where(conds)}
      group by r.year, rr.rule`,
  };
}

export function trendsOf(years: TrendYearRow[], rules: TrendRuleRow[]) {
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

const emptyHistogram = () => Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: 0 }));

/** The statements of a year's overview: its figures (grades, histogram, late reports) and the rules broken. */
export function overviewStatements(scope: Scope & { year: number }): { figures: SQL; rules: SQL } {
  // agencies joined only to filter on region or kind (every report has its agency): the figures of a
  // year then come off reports_year_cover_idx alone
  const from = reportsFrom(Boolean(scope.region || scope.kind));
  const buckets = sql.join(
    emptyHistogram().map((b, i) =>
      i === 9
        ? sql`sum(case when r.score >= ${b.from} then 1 else 0 end) as h${sql.raw(String(i))}`
        : sql`sum(case when r.score >= ${b.from} and r.score < ${b.to} then 1 else 0 end) as h${sql.raw(String(i))}`,
    ),
    sql`, `,
  );
  return {
    figures: sql`
      select count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             sum(case when r.late then 1 else 0 end) as late, ${gradeCounts()}, ${buckets}
      from ${from}
      where ${where(scopeConditions(scope))}`,
    rules: sql`
      select rr.rule, count(*) as n
      from ${from} join report_rules rr on rr.report_id = r.id
      where ${where(scopeConditions(scope))}
      group by rr.rule`,
  };
}

/**
 * Whether a unit's deadline of the year has passed: for its kind in a region subtree ('' everywhere),
 * in the order the deadline rules apply, the first entry matching a unit deciding (see the core's
 * `overdueOf`).
 */
export interface Overdue {
  kind: AgencyKindId;
  regionCode: string;
  overdue: boolean;
}

/** What picks the 未报送 units of a year as of a cut-off date (see `missingUnitsStatement`). */
export interface MissingUnitsFilter {
  year: number;
  asOf: string;
  /** The roster's units; else the agencies with a current report of some year. */
  roster: boolean;
  region?: string;
  kind?: AgencyKindId;
  demo?: boolean;
  overdue: Overdue[];
}
/** A 未报送 unit's row: its agency (`demo` 0 or 1 on SQLite), the last year it reported, and how many units there are. */
export type MissingUnitRow = Omit<AgencyRefRow, 'demo'> & { demo: boolean | number; lastYear: number | null; total: number };
/** A 未报送 unit as the overview lists it. */
export type MissingUnit = ReturnType<typeof agencyRef> & { lastYear: number | null };

/**
 * The first `limit` 未报送 units of a year, in the order of the roster page (region, name), with the
 * last year each reported and the count of them all: the units (not merged away, of the scope)
 * without a report published by the cut-off that owe one (from the roster's 自何年起应报, else their
 * first report, until their 撤并年份), are not 免报 and are past their deadline. What the core's
 * `unitStatus` calls `missing`, found in SQL instead of from every unit's status; one raw text for
 * both engines (`text` orders text by bytes).
 */
export function missingUnitsStatement(f: MissingUnitsFilter, limit: number, text: (expr: SQL) => SQL): SQL {
  const reported = (x: SQL) => sql`(select ${x} from reports x where x.agency_id = a.id and x.current = true)`;
  // without a report of the year, a unit owes one from its first year (the roster's, else its first report's) until its 撤并年份
  const noReport = sql`not exists (select 1 from reports x where x.agency_id = a.id and x.year = ${f.year} and x.current = true)`;
  const owed = sql`coalesce(u.from_year, ${reported(sql`min(x.year)`)}, ${f.year}) <= ${f.year} and (u.withdrawn_from is null or u.withdrawn_from > ${f.year})`;
  // the year's reports published after the cut-off, off the year's covering index once (not each unit's row)
  const publishedLater = sql`a.id in (select x.agency_id from reports x where x.current = true and x.year = ${f.year} and x.published_on > ${f.asOf})`;
  const overdue = sql.join(
    f.overdue.map((o) => sql`when a.kind = ${o.kind}${o.regionCode ? sql` and ${inRegion(o.regionCode)}` : sql``} then ${sql.raw(o.overdue ? '1' : '0')}`),
    sql` `,
  );
  return sql`
    select a.id, a.name, a.kind, a.region_code as "regionCode", a.level, a.demo, g.name as "regionName",
           ${reported(sql`max(x.year)`)} as "lastYear", count(*) over () as total
    from agencies a
    left join roster_units u on u.agency_id = a.id
    left join regions g on g.code = a.region_code
    where ${where(agencyConditions(f))}
      and ${f.roster ? sql`u.agency_id is not null` : sql`exists ${reported(sql`1`)}`}
      and ((${noReport} and ${owed}) or ${publishedLater})
      and (u.exempt_from is null or u.exempt_from > ${f.year})
      and (case ${overdue} else 0 end) = 1
    order by ${text(sql`a.region_code`)}, ${text(sql`a.name`)}, a.id
    limit ${limit}`;
}

/** The 未报送 units as the overview lists them, and how many there are (a bigint on PostgreSQL). */
export function missingUnitsOf(rows: MissingUnitRow[]): { count: number; items: MissingUnit[] } {
  return { count: num(rows[0]?.total), items: rows.map((r) => ({ ...agencyRef({ ...r, demo: Boolean(r.demo) }), lastYear: numOrNull(r.lastYear) })) };
}

/** The agencies (not merged away) of a scope: the overview's count, of every agency of the province. */
export const agencyCountStatement = (scope: Scope): SQL => sql`select count(*) as n from agencies a where ${where(agencyConditions(scope))}`;

/** A year's overview, or a scope's without reports (`year` null). */
export type Overview = ReturnType<typeof overviewOf> | ReturnType<typeof emptyOverview>;

/** A scope without reports: the overview's empty figures. */
export function emptyOverview(agencies: number) {
  return {
    year: null,
    reports: 0,
    agencies,
    averageScore: null as number | null,
    failShare: null as number | null,
    grades: recordOf(GRADES, () => 0),
    lateCount: 0,
    histogram: emptyHistogram(),
    worst: [] as RankingItem[],
    mostImproved: [] as RankingItem[],
    topFindings: [] as ReturnType<typeof topRules>,
  };
}

/**
 * A year's overview from its figures: `worst` the ranking's last five (by `-rank`), `improved` the
 * top five by `-change`. (Its 未报送 units are the office's: the roster's, as of a cut-off date.)
 */
export function overviewOf(
  year: number,
  agencies: number,
  agg: OverviewRow,
  rules: RuleCountRow[],
  worst: RankingItem[],
  improved: RankingItem[],
) {
  const reportsN = num(agg.reports);
  const scored = num(agg.scored);
  return {
    year,
    reports: reportsN,
    agencies,
    averageScore: round(numOrNull(agg.average)),
    failShare: scored ? round(num(agg['不合格']) / scored, 4) : null,
    grades: perGrade((g) => num(agg[g])),
    lateCount: num(agg.late),
    histogram: emptyHistogram().map((b, i) => ({ ...b, count: num(agg[`h${i}`]) })),
    worst: worst.filter((i) => i.score !== null),
    mostImproved: improved.filter((i) => (i.change ?? 0) > 0),
    topFindings: topRules(rules, reportsN),
  };
}

// ───────────────────────── regions, agencies, findings ─────────────────────────

/**
 * The region tree with the agencies of each subtree (`counts`, by region code); without `demo`, the
 * regions only the demo province's agencies (`demoCounts`) are in are left out.
 */
export function regionTree(
  all: { code: string; name: string; level: RegionNode['level']; parentCode: string | null }[],
  counts: Map<string | null, number>,
  demoCounts: Map<string | null, number>,
): { items: RegionNode[] } {
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
  const prune = (list: RegionNode[]): RegionNode[] => list.filter((n) => !demoOnly.has(n)).map((n) => ({ ...n, children: prune(n.children) }));
  return { items: prune(roots) };
}

/** The conditions of a findings list over `f` (findings), `r`, `a` and `d` (the review decision, if any). */
export function findingConditions(filter: FindingsFilter, d: ReadDialect): SQL[] {
  const conds = scopeConditions(filter);
  if (filter.rule) conds.push(sql`f.rule = ${filter.rule}`);
  if (filter.severity) conds.push(sql`f.severity = ${filter.severity}`);
  if (filter.review === 'pending') conds.push(sql`d.id is null and f.fingerprint is not null`);
  else if (filter.review === 'confirm' || filter.review === 'dismiss') conds.push(sql`d.decision = ${filter.review}`);
  if (filter.q) conds.push(sql`a.name ${d.like} ${namePattern(filter.q)} escape '\\'`);
  return conds;
}

/** The count of a findings list. */
export const findingCount = (conds: SQL[]) => sql`select count(*) as n from findings f
  join reports r on r.id = f.report_id
  join agencies a on a.id = r.agency_id
  left join review_decisions d on d.agency_id = r.agency_id and d.year = r.year and d.fingerprint = f.fingerprint
  where ${where(conds)}`;

/** A row of a findings list as the API lists it. */
export function findingItem(r: {
  reportId: number;
  rule: string;
  severity: Finding['severity'];
  category: Category;
  message: string;
  fingerprint: string | null;
  cells: string[];
  year: number;
  score: number | null;
  grade: Grade | null;
  demo: boolean;
  agencyId: number;
  agencyName: string;
  regionCode: string | null;
  regionName: string | null;
  decision: DecisionRow['decision'] | null;
  reason: string | null;
  userName: string | null;
  decidedAt: string | null;
  decidedOn: number | null;
}): FindingListItem {
  return {
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
    cells: r.cells,
    review: r.decision ? { decision: r.decision, reason: r.reason!, user: r.userName!, at: r.decidedAt!, reportId: r.decidedOn! } : null,
  };
}

/** Aliases by agency: a demo agency's names are kept under a prefix (see DEMO_ALIAS_PREFIX), shown without it. */
export function aliasesByAgency(rows: { agencyId: number; alias: string }[], prefix: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.agencyId, [...(out.get(r.agencyId) ?? []), r.alias.replace(prefix, '')]);
  return out;
}

/** A year of an agency's page: its current report's figures, rank and change. */
export function agencyYear(y: {
  id: number;
  year: number;
  template: TemplateId;
  publishedOn: string | null;
  score: number | null;
  grade: Grade | null;
  errors: number;
  warnings: number;
  scoreCompleteness: number | null;
  scoreAccuracy: number | null;
  scoreConformity: number | null;
  scoreTimeliness: number | null;
  versions: unknown;
  rank: unknown;
  change: unknown;
}) {
  return {
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
  };
}

/**
 * A report's page: the report as read with reviewers' corrections laid over its cells (`read`: as
 * parsed), each finding with the decision on it, and what the page shows beside (its registered
 * agency, the previous year's report, every version of the year).
 */
export function reportView<A, V>(
  row: ReportRow,
  read: ParsedReport,
  corrections: CorrectionRow[],
  decisionRows: DecisionRow[],
  beside: { registeredAgency: A; previousReportId: number | null; versions: V[] },
) {
  const report = withCorrections(read, corrections);
  const decisions = new Map(decisionRows.map((d) => [d.fingerprint, d]));
  return {
    ...report,
    findings: report.findings.map((f) => withReview(f, decisions)),
    id: row.id,
    agencyId: row.agencyId,
    registeredAgency: beside.registeredAgency,
    version: row.version,
    current: row.current,
    ingestedAt: row.ingestedAt,
    errors: row.errors,
    warnings: row.warnings,
    previousReportId: beside.previousReportId,
    versions: beside.versions,
    demo: row.demo,
    corrections: correctionViews(read.cells, corrections),
  };
}
