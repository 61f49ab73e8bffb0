/**
 * Read queries for the API, the exports and the dashboard: rankings, trends, overview, agencies,
 * reports. Each is one or two indexed queries over stored scores; nothing is re-parsed.
 * SQL kept to what PostgreSQL also runs (window functions, NULLS LAST, CASE, no SQLite built-ins).
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Category, Finding, ParsedReport, Score } from '@nianbao/model';
import type { Db } from './client';
import { regionLevel, subtreeRange, type RegionLevel } from './regions';
import { byCategoryOf, CellKeys, DEMO_ALIAS_PREFIX, toParsedReport } from './rows';
import type { DecisionRow, Statements } from './statements';
import { agencies, agencyAliases, regions, reports, sources } from './schema';

export type Grade = Score['grade'];
export type AgencyKind = 'government' | 'department';
const GRADES: Grade[] = ['优秀', '良好', '合格', '不合格'];

export interface RegionRef {
  code: string;
  name: string;
}

export interface Scope {
  year?: number;
  /** A region code (2, 4 or 6 digits): the filter takes its subtree. */
  region?: string;
  kind?: AgencyKind;
}

export interface RankingsFilter extends Scope {
  grade?: Grade;
  q?: string;
  sort?: RankingSort;
}
export type RankingSort = 'rank' | '-rank' | 'score' | '-score' | 'change' | '-change' | 'name' | '-name' | 'errors' | '-errors';

export interface RankingItem {
  rank: number;
  reportId: number;
  agency: { id: number; name: string; region: RegionRef | null; kind: AgencyKind };
  year: number;
  score: number | null;
  grade: Grade | null;
  byCategory: Record<Category, number> | null;
  errors: number;
  warnings: number;
  change: number | null;
  publishedOn: string | null;
  /** A report of the demo province (示例数据). */
  demo: boolean;
}

/** A reviewer's decision on a finding, as the drill-down shows it. */
export interface FindingReview {
  decision: DecisionRow['decision'];
  reason: string;
  user: string;
  at: string;
  /** The report (version) it was taken on: an earlier version's decision holds for a corrected one. */
  reportId: number;
}

const round = (n: number | null, digits = 2) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

function scopeConditions(scope: Scope, r = sql.raw('r'), a = sql.raw('a')): SQL[] {
  const out: SQL[] = [sql`${r}.current = 1`];
  if (scope.year !== undefined) out.push(sql`${r}.year = ${scope.year}`);
  if (scope.region) {
    const [lo, hi] = subtreeRange(scope.region);
    out.push(sql`${a}.region_code >= ${lo} and ${a}.region_code < ${hi}`);
  }
  if (scope.kind) out.push(sql`${a}.kind = ${scope.kind}`);
  return out;
}
const where = (conds: SQL[]) => sql.join(conds, sql` and `);

export class Queries {
  constructor(
    private readonly db: Db,
    private readonly st: Statements,
    private readonly keys: CellKeys,
  ) {}

  private all<T>(query: SQL): T[] {
    return this.db.all<T>(query);
  }

  latestYear(): number | null {
    const r = this.db
      .select({ year: sql<number | null>`max(${reports.year})` })
      .from(reports)
      .where(eq(reports.current, true))
      .get();
    return r?.year ?? null;
  }

  counts(): { reports: number; agencies: number } {
    const r = this.db.select({ n: sql<number>`count(*)` }).from(reports).where(eq(reports.current, true)).get();
    const a = this.db.select({ n: sql<number>`count(*)` }).from(agencies).where(isNull(agencies.mergedInto)).get();
    return { reports: num(r?.n), agencies: num(a?.n) };
  }

  // ───────────────────────── rankings ─────────────────────────

  /**
   * Rankings of one year: rank by score within the scope (year, region subtree, kind); grade and q
   * narrow the list without changing ranks. `limit` null returns every row (exports).
   */
  rankings(filter: RankingsFilter, page = 1, pageSize: number | null = 50): { year: number | null; total: number; items: RankingItem[] } {
    const year = filter.year ?? this.latestYear();
    if (year === null) return { year: null, total: 0, items: [] };
    const display: SQL[] = [];
    if (filter.grade) display.push(sql`s.grade = ${filter.grade}`);
    if (filter.q) {
      const pattern = like(filter.q.replace(/[\s\u3000]+/g, ''));
      display.push(
        sql`(s.name like ${pattern} escape '\\' or exists (select 1 from agency_aliases aa where aa.agency_id = s.agency_id and aa.alias like ${pattern} escape '\\'))`,
      );
    }
    const sort = filter.sort ?? 'rank';
    const desc_ = sort.startsWith('-');
    const dir = sql.raw(desc_ ? 'desc' : 'asc');
    const key = sort.replace(/^-/, '');
    const order: SQL =
      key === 'rank'
        ? sql`s.rank ${dir}, s.id`
        : key === 'score'
          ? sql`s.score ${dir} nulls last, s.id`
          : key === 'change'
            ? sql`change ${dir} nulls last, s.rank, s.id`
            : key === 'name'
              ? sql`s.name ${dir}, s.id`
              : sql`s.errors ${dir}, s.rank, s.id`;
    const paging = pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`;
    const rows = this.all<Record<string, unknown>>(sql`
      with s as (
        select r.id, r.agency_id, r.year, r.score, r.grade, r.errors, r.warnings, r.published_on, r.demo,
               r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness,
               a.name, a.kind, a.region_code,
               rank() over (order by r.score desc nulls last) as rank
        from reports r join agencies a on a.id = r.agency_id
        where ${where(scopeConditions({ ...filter, year }))}
      )
      select s.*, g.name as region_name, p.score as previous_score, s.score - p.score as change,
             count(*) over () as total
      from s
      left join regions g on g.code = s.region_code
      left join reports p on p.agency_id = s.agency_id and p.year = s.year - 1 and p.current = 1
      ${display.length ? sql`where ${where(display)}` : sql``}
      order by ${order}
      ${paging}`);
    const total = rows.length ? num(rows[0]!.total) : pageSize === null || page === 1 ? 0 : this.rankings(filter, 1, 1).total;
    return { year, total, items: rows.map(toRankingItem) };
  }

  // ───────────────────────── trends and overview ─────────────────────────

  trends(filter: Scope & { from?: number; to?: number }) {
    const conds = scopeConditions({ region: filter.region, kind: filter.kind });
    if (filter.from !== undefined) conds.push(sql`r.year >= ${filter.from}`);
    if (filter.to !== undefined) conds.push(sql`r.year <= ${filter.to}`);
    const years = this.all<Record<string, unknown>>(sql`
      select r.year, count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             ${gradeCounts()},
             avg(r.score_completeness) as c_completeness, avg(r.score_accuracy) as c_accuracy,
             avg(r.score_conformity) as c_conformity, avg(r.score_timeliness) as c_timeliness
      from reports r join agencies a on a.id = r.agency_id
      where ${where(conds)}
      group by r.year order by r.year`);
    const rules = this.all<{ year: number; rule: string; n: number }>(sql`
      select r.year, rr.rule, count(*) as n
      from report_rules rr join reports r on r.id = rr.report_id join agencies a on a.id = r.agency_id
      where ${where(conds)}
      group by r.year, rr.rule`);
    return {
      items: years.map((y) => {
        const reportsN = num(y.reports);
        const scored = num(y.scored);
        const grades = Object.fromEntries(GRADES.map((g) => [g, scored ? round(num(y[g]) / scored, 4)! : 0])) as Record<Grade, number>;
        const averageByCategory =
          y.c_completeness === null && y.c_accuracy === null
            ? null
            : ({
                completeness: round(numOrNull(y.c_completeness)) ?? 0,
                accuracy: round(numOrNull(y.c_accuracy)) ?? 0,
                conformity: round(numOrNull(y.c_conformity)) ?? 0,
                timeliness: round(numOrNull(y.c_timeliness)) ?? 0,
              } as Record<Category, number>);
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

  overview(filter: Scope) {
    const year = filter.year ?? this.latestYear();
    const empty = { 优秀: 0, 良好: 0, 合格: 0, 不合格: 0 };
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
    const buckets = sql.join(
      histogram.map((b, i) =>
        i === 9
          ? sql`sum(case when r.score >= ${b.from} then 1 else 0 end) as h${sql.raw(String(i))}`
          : sql`sum(case when r.score >= ${b.from} and r.score < ${b.to} then 1 else 0 end) as h${sql.raw(String(i))}`,
      ),
      sql`, `,
    );
    const agg = this.all<Record<string, unknown>>(sql`
      select count(*) as reports, count(r.score) as scored, avg(r.score) as average,
             sum(case when r.late = 1 then 1 else 0 end) as late, ${gradeCounts()}, ${buckets}
      from reports r join agencies a on a.id = r.agency_id
      where ${where(scopeConditions(scope))}`)[0]!;
    const reportsN = num(agg.reports);
    const scored = num(agg.scored);
    const missingConds = [sql`a.merged_into is null`, ...scopeConditions({ region: filter.region, kind: filter.kind }).slice(1)];
    const missing = this.all<Record<string, unknown>>(sql`
      select a.id, a.name, a.kind, a.region_code, a.level, a.demo, g.name as region_name, max(r.year) as last_year,
             count(*) over () as total
      from agencies a
      join reports r on r.agency_id = a.id and r.current = 1
      left join regions g on g.code = a.region_code
      where ${where(missingConds)}
        and not exists (select 1 from reports x where x.agency_id = a.id and x.year = ${year} and x.current = 1)
      group by a.id, a.name, a.kind, a.region_code, a.level, a.demo, g.name
      order by a.region_code, a.name
      limit 100`);
    const rules = this.all<{ rule: string; n: number }>(sql`
      select rr.rule, count(*) as n
      from report_rules rr join reports r on r.id = rr.report_id join agencies a on a.id = r.agency_id
      where ${where(scopeConditions(scope))}
      group by rr.rule`);
    const improved = this.rankings({ ...scope, sort: '-change' }, 1, 5).items.filter((i) => (i.change ?? 0) > 0);
    return {
      year,
      reports: reportsN,
      agencies: agencyCount,
      missing: {
        count: missing.length ? num(missing[0]!.total) : 0,
        items: missing.map((m) => ({
          ...agencyRef(m),
          lastYear: numOrNull(m.last_year),
        })),
      },
      averageScore: round(numOrNull(agg.average)),
      failShare: scored ? round(num(agg['不合格']) / scored, 4) : null,
      grades: Object.fromEntries(GRADES.map((g) => [g, num(agg[g])])) as Record<Grade, number>,
      lateCount: num(agg.late),
      histogram: histogram.map((b, i) => ({ ...b, count: num(agg[`h${i}`]) })),
      worst: this.rankings({ ...scope, sort: '-rank' }, 1, 5).items.filter((i) => i.score !== null),
      mostImproved: improved,
      topFindings: topRules(rules, reportsN),
    };
  }

  private agencyCount(scope: Scope): number {
    const conds = [sql`a.merged_into is null`, ...scopeConditions({ region: scope.region, kind: scope.kind }).slice(1)];
    return num(this.all<{ n: number }>(sql`select count(*) as n from agencies a where ${where(conds)}`)[0]?.n);
  }

  /** Years with current reports; `region` keeps to a subtree (a region-scoped user's view). */
  years(region?: string | null) {
    if (region) {
      const rows = this.all<Record<string, unknown>>(sql`
        select r.year, count(*) as reports, avg(r.score) as average
        from reports r join agencies a on a.id = r.agency_id
        where ${where(scopeConditions({ region }))}
        group by r.year order by r.year desc`);
      return { items: rows.map((r) => ({ year: num(r.year), reports: num(r.reports), averageScore: round(numOrNull(r.average)) })) };
    }
    const rows = this.db
      .select({ year: reports.year, reports: sql<number>`count(*)`, average: sql<number | null>`avg(${reports.score})` })
      .from(reports)
      .where(eq(reports.current, true))
      .groupBy(reports.year)
      .orderBy(desc(reports.year))
      .all();
    return { items: rows.map((r) => ({ year: r.year, reports: num(r.reports), averageScore: round(numOrNull(r.average)) })) };
  }

  /** Name of a region filter (2, 4 or 6 digits), for labels and file names. */
  regionName(filter: string | undefined): string | null {
    if (!filter) return null;
    const code = filter.padEnd(6, '0');
    return this.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).get()?.name ?? null;
  }

  regions(): { items: RegionNode[] } {
    const all = this.db.select().from(regions).orderBy(asc(regions.code)).all();
    const counts = new Map(
      this.db
        .select({ code: agencies.regionCode, n: sql<number>`count(*)` })
        .from(agencies)
        .where(isNull(agencies.mergedInto))
        .groupBy(agencies.regionCode)
        .all()
        .map((c) => [c.code, num(c.n)]),
    );
    const nodes = new Map<string, RegionNode>();
    for (const r of all) nodes.set(r.code, { code: r.code, name: r.name, level: r.level, agencies: 0, children: [] });
    const roots: RegionNode[] = [];
    for (const r of all) {
      const node = nodes.get(r.code)!;
      const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    const total = (n: RegionNode): number => (n.agencies = (counts.get(n.code) ?? 0) + n.children.reduce((s, c) => s + total(c), 0));
    roots.forEach(total);
    return { items: roots };
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Follows merges: the id an agency is known by now. */
  canonicalAgencyId(id: number): number | null {
    return this.st.canonicalAgency(id) ?? null;
  }

  agencies(filter: Omit<Scope, 'year'> & { q?: string }, page = 1, pageSize = 50) {
    const conds = [sql`a.merged_into is null`, ...scopeConditions({ region: filter.region, kind: filter.kind }).slice(1)];
    if (filter.q) {
      const pattern = like(filter.q.replace(/[\s\u3000]+/g, ''));
      conds.push(
        sql`(a.name like ${pattern} escape '\\' or exists (select 1 from agency_aliases aa where aa.agency_id = a.id and aa.alias like ${pattern} escape '\\'))`,
      );
    }
    const rows = this.all<Record<string, unknown>>(sql`
      select a.id, a.name, a.kind, a.region_code, a.level, a.demo, g.name as region_name,
             (select count(*) from reports r where r.agency_id = a.id and r.current = 1) as reports,
             count(*) over () as total
      from agencies a left join regions g on g.code = a.region_code
      where ${where(conds)}
      order by a.region_code, a.name, a.id
      limit ${pageSize} offset ${(page - 1) * pageSize}`);
    const ids = rows.map((r) => num(r.id));
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
        aliases: aliases.get(num(r.id)) ?? [],
        reports: num(r.reports),
        latest: latest.get(num(r.id)) ?? null,
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

  agency(requestedId: number) {
    const id = this.canonicalAgencyId(requestedId);
    if (id === null) return null;
    const row = this.all<Record<string, unknown>>(sql`
      select a.id, a.name, a.kind, a.region_code, a.level, a.demo, g.name as region_name
      from agencies a left join regions g on g.code = a.region_code where a.id = ${id}`)[0];
    if (!row) return null;
    const years = this.all<Record<string, unknown>>(sql`
      select r.id, r.year, r.template, r.published_on, r.score, r.grade, r.errors, r.warnings,
             r.score_completeness, r.score_accuracy, r.score_conformity, r.score_timeliness,
             (select count(*) from reports v where v.agency_id = r.agency_id and v.year = r.year) as versions,
             (select count(*) + 1 from reports o where o.year = r.year and o.current = 1 and o.score > r.score) as rank,
             r.score - p.score as change
      from reports r
      left join reports p on p.agency_id = r.agency_id and p.year = r.year - 1 and p.current = 1
      where r.agency_id = ${id} and r.current = 1
      order by r.year`);
    return {
      ...agencyRef(row),
      aliases: this.aliasesOf([id]).get(id) ?? [],
      mergedIds: this.st.mergedInto(id),
      reports: years.map((y) => ({
        year: num(y.year),
        reportId: num(y.id),
        versions: num(y.versions),
        template: y.template as ParsedReport['template'],
        publishedOn: (y.published_on as string | null) ?? null,
        score: numOrNull(y.score),
        grade: (y.grade as Grade | null) ?? null,
        byCategory: byCategoryOf(categoryColumns(y)),
        errors: num(y.errors),
        warnings: num(y.warnings),
        change: round(numOrNull(y.change)),
        rank: y.score === null ? null : num(y.rank),
      })),
    };
  }

  // ───────────────────────── reports ─────────────────────────

  report(id: number) {
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

    const report = toParsedReport(this.st, this.keys, row);
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
    };
  }

  private agencyRefOf(id: number) {
    const row = this.all<Record<string, unknown>>(sql`
      select a.id, a.name, a.kind, a.region_code, a.level, a.demo, g.name as region_name
      from agencies a left join regions g on g.code = a.region_code where a.id = ${id}`)[0]!;
    return agencyRef(row);
  }

  source(id: number): { reportId: number; fileName: string; text: string } | null {
    const r = this.db
      .select({ fileName: reports.fileName, text: sources.text })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id))
      .get();
    return r ? { reportId: id, ...r } : null;
  }

  /** The source file exactly as ingested. */
  file(id: number): { fileName: string; bytes: Buffer } | null {
    const r = this.db
      .select({ fileName: reports.fileName, bytes: sources.bytes })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id))
      .get();
    return r ?? null;
  }

  /** Current reports of a year breaking a rule (drill-down from "most frequent findings"). */
  reportsWithRule(rule: string, scope: Scope, limit = 100) {
    const year = scope.year ?? this.latestYear();
    if (year === null) return [];
    return this.all<Record<string, unknown>>(sql`
      select r.id, r.score, rr.count, a.id as agency_id, a.name
      from report_rules rr join reports r on r.id = rr.report_id join agencies a on a.id = r.agency_id
      where rr.rule = ${rule} and ${where(scopeConditions({ ...scope, year }))}
      order by rr.count desc, r.score limit ${limit}`).map((r) => ({
      reportId: num(r.id),
      agency: { id: num(r.agency_id), name: String(r.name) },
      score: numOrNull(r.score),
      count: num(r.count),
    }));
  }
}

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  agencies: number;
  children: RegionNode[];
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

const categoryColumns = (r: Record<string, unknown>) => ({
  scoreCompleteness: numOrNull(r.score_completeness),
  scoreAccuracy: numOrNull(r.score_accuracy),
  scoreConformity: numOrNull(r.score_conformity),
  scoreTimeliness: numOrNull(r.score_timeliness),
});

function agencyRef(r: Record<string, unknown>) {
  const code = (r.region_code as string | null) ?? null;
  return {
    id: num(r.id),
    name: String(r.name),
    region: code ? { code, name: (r.region_name as string | null) ?? code } : null,
    kind: r.kind as AgencyKind,
    level: code ? ((r.level as RegionLevel | null) ?? regionLevel(code)) : null,
    demo: num(r.demo) === 1,
  };
}

/** A finding with the reviewers' decision on it (null when none was taken). */
function withReview(f: Finding, decisions: Map<string, DecisionRow>): Finding & { review: FindingReview | null } {
  const d = f.fingerprint ? decisions.get(f.fingerprint) : undefined;
  return { ...f, review: d ? { decision: d.decision, reason: d.reason, user: d.userName, at: d.decidedAt, reportId: d.reportId } : null };
}

function toRankingItem(r: Record<string, unknown>): RankingItem {
  const code = (r.region_code as string | null) ?? null;
  return {
    rank: num(r.rank),
    reportId: num(r.id),
    agency: {
      id: num(r.agency_id),
      name: String(r.name),
      region: code ? { code, name: (r.region_name as string | null) ?? code } : null,
      kind: r.kind as AgencyKind,
    },
    year: num(r.year),
    score: numOrNull(r.score),
    grade: (r.grade as Grade | null) ?? null,
    byCategory: byCategoryOf(categoryColumns(r)),
    errors: num(r.errors),
    warnings: num(r.warnings),
    change: round(numOrNull(r.change)),
    publishedOn: (r.published_on as string | null) ?? null,
    demo: num(r.demo) === 1,
  };
}
