/**
 * Read queries for the API, the exports and the dashboard on SQLite: rankings, trends, overview,
 * agencies, reports. Each is one or two indexed queries over stored scores; nothing is re-parsed.
 * The raw SQL, the ranking algorithm and the row mappers are shared with PostgreSQL's `PgQueries`
 * (read-model.ts); here they run on better-sqlite3, with statements prepared once and the figures of
 * a whole scope kept until the database changes.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { and, asc, avg, count, desc, eq, inArray, isNull, sql, sum, type SQL } from 'drizzle-orm';
import { alias, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import { cellKeysOf } from './json';
import { correctionsOf } from './corrections';
import {
  agencyConditions,
  agencyRef,
  agencyYear,
  aliasesByAgency,
  agencyCountStatement,
  emptyOverview,
  findingConditions,
  findingCount,
  findingItem,
  inRegion,
  nameMatches,
  num,
  numOrNull,
  round,
  overviewOf,
  overviewStatements,
  rankingsOn,
  regionTree,
  scopeConditions,
  trendStatements,
  trendsOf,
  where,
  reportView,
  type AgencyRefRow,
  type FindingListItem,
  type FindingsFilter,
  type Grade,
  missingUnitsOf,
  missingUnitsStatement,
  type MissingUnit,
  type MissingUnitRow,
  type MissingUnitsFilter,
  type Overview,
  type OverviewRow,
  type RankedRow,
  type RankingRow,
  type RankingRunner,
  type Rankings,
  type RankingsFilter,
  type ReadDialect,
  type RegionNode,
  type RuleCountRow,
  type Scope,
  type ScoreCountRow,
  type TrendRuleRow,
  type TrendYearRow,
  type CountRow,
} from './read-model';
import { CellKeys, DEMO_ALIAS_PREFIX, toParsedReport } from './rows';
import type { Statements } from './statements';
import { agencies, agencyAliases, findings, regions, reports, reviewDecisions, sources } from './schema';

export type { AgencyKind, FindingListItem, FindingReview, FindingsFilter, Grade, MissingUnit, MissingUnitsFilter, Overdue, RankingItem, RankingSort, RankingsFilter, RegionNode, RegionRef, Scope } from './read-model';

// the tables under the names the raw conditions below use (`r.current = true`, `a.kind = …`)
const R = alias(reports, 'r');
const A = alias(agencies, 'a');
const G = alias(regions, 'g');
/** A report's previous year, current version. */
const P = alias(reports, 'p');
const previousOf = (r: typeof R) => and(eq(P.agencyId, r.agencyId), eq(P.year, sql`${r.year} - 1`), eq(P.current, true));

/** An agency with its region's name. */
const AGENCY_REF = { id: A.id, name: A.name, kind: A.kind, regionCode: A.regionCode, level: A.level, demo: A.demo, regionName: G.name };
/** SQLite's raw SQL: `like` ignores ASCII case, text is ordered by bytes already. */
const SQLITE: ReadDialect = { like: sql`like`, text: (expr) => expr };

/**
 * A raw query's statements, prepared once per SQL text (preparing costs as much as running a ranking
 * page, and the rankings run a handful of shapes), and its rows kept until the database changes.
 * `T` is the row its SQL selects: the one place where raw rows get their type (better-sqlite3's
 * statement type), one instance per query.
 */
class Raw<T> {
  private readonly statements = new Map<string, BetterSqlite3.Statement<unknown[], T>>();
  private readonly rows: KeptValues<T[]>;

  constructor(
    private readonly db: Db,
    version: () => string | null,
  ) {
    this.rows = new KeptValues(version);
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
    const { sql: text, params } = dialect.sqlToQuery(query);
    return this.rows.get(`${text} ${JSON.stringify(params)}`, () => this.all(query));
  }
}

/** Values by key (a query's SQL text and parameters, a read's filter), kept until the database changes (see `Kept`). */
class KeptValues<V> {
  private readonly values: Kept<Map<string, V>>;

  constructor(private readonly version: () => string | null) {
    this.values = new Kept(version);
  }

  get(key: string, make: () => V): V {
    if (this.version() === null) return make();
    const values = this.values.get(() => new Map());
    if (values.size >= 500) values.clear();
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      values.set(key, value);
    }
    return value;
  }

  /** Drops a value (a failed read's). */
  forget(key: string): void {
    this.values.get(() => new Map()).delete(key);
  }
}

/**
 * A value kept until the database changes: a write through this connection (`total_changes()`) or one
 * committed by another connection or process (`data_version`) drops it. Not kept inside a transaction
 * (`version` null), whose writes may still be rolled back. For the figures of a whole year or of every
 * year (counts, trends, overview, the window-function rankings), which only an ingest, a new version, a
 * merge, a rescore or a review changes. (SQLite's own change counters, read by `Statements.changeVersion`;
 * PgQueries keys on PostgreSQL's change-version row.)
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
const dialect = new SQLiteSyncDialect();

/**
 * The API's reads as both engines answer them: the public methods of `Queries` (SQLite), which
 * `PgQueries` (pg/queries.ts) fills on PostgreSQL. The API and the core hold this type.
 */
export type ReadQueries = { [K in keyof Queries]: Queries[K] };

export class Queries {
  /** Whether figures may be kept: not inside a transaction, whose writes may still be rolled back. */
  private readonly version: () => string | null;
  // the raw queries (window functions, CTEs, aggregates by grade), each with the row its SQL selects
  private readonly count: Raw<CountRow>;
  private readonly rankingRows: Raw<RankingRow>;
  private readonly rankedIds: Raw<RankedRow>;
  private readonly scoreCounts: Raw<ScoreCountRow>;
  private readonly trendYears: Raw<TrendYearRow>;
  private readonly trendRules: Raw<TrendRuleRow>;
  private readonly overviewFigures: Raw<OverviewRow>;
  private readonly ruleCounts: Raw<RuleCountRow>;
  private readonly regionNameMap: Kept<Map<string, string>>;
  private readonly missingUnitRows: Raw<MissingUnitRow>;
  private readonly missing: KeptValues<{ count: number; items: MissingUnit[] }>;
  private readonly overviews: KeptValues<Promise<Overview>>;

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
    this.missingUnitRows = new Raw(db, version);
    this.missing = new KeptValues(version);
    this.overviews = new KeptValues(version);
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

  /** Rankings of one year (see `rankingsOn`): its raw statements run here, the scope's figures kept until the next write. */
  async rankings(filter: RankingsFilter, page = 1, pageSize: number | null = 50): Promise<Rankings> {
    return rankingsOn(this.runner, filter, page, pageSize);
  }

  private readonly runner: RankingRunner = {
    dialect: SQLITE,
    latestYear: (demo) => this.latestYear(demo),
    pageRows: async (query) => this.rankingRows.all(query),
    rankedIds: async (query, keep) => (keep ? this.rankedIds.kept(query) : this.rankedIds.all(query)),
    count: async (query, keep) => num((keep ? this.count.kept(query) : this.count.all(query))[0]?.n),
    scoreCounts: async (query) => this.scoreCounts.all(query),
    regionNames: async () => this.regionNames(),
  };

  /** Names of the regions by code (a small table), kept until the next write: rankings show them. */
  private regionNames(): Map<string, string> {
    return this.regionNameMap.get(() => new Map(this.db.select({ code: regions.code, name: regions.name }).from(regions).all().map((r) => [r.code, r.name])));
  }

  // ───────────────────────── trends and overview ─────────────────────────

  async trends(filter: Scope & { from?: number; to?: number }) {
    const statements = trendStatements(filter);
    // figures of every year (≈ 0.2 s at 100,000 reports), kept until the next write
    return trendsOf(this.trendYears.kept(statements.years), this.trendRules.kept(statements.rules));
  }

  /**
   * A year's overview, kept whole until the next write (its figures are, each, too; kept whole, a
   * request builds and keys none of their statements).
   */
  async overview(filter: Scope): Promise<Overview> {
    const key = JSON.stringify(filter);
    const overview = this.overviews.get(key, () => this.overviewOf(filter));
    // a failure is not kept
    return overview.catch((e: unknown) => {
      this.overviews.forget(key);
      throw e;
    });
  }

  private async overviewOf(filter: Scope) {
    const year = filter.year ?? (await this.latestYear(filter.demo));
    const agencyCount = this.agencyCount(filter);
    if (year === null) return emptyOverview(agencyCount);
    const scope = { ...filter, year };
    const statements = overviewStatements(scope);
    // figures of the whole year, kept until the next write
    const agg = this.overviewFigures.kept(statements.figures)[0]!;
    const rules = this.ruleCounts.kept(statements.rules);
    const worst = (await this.rankings({ ...scope, sort: '-rank' }, 1, 5)).items;
    const improved = (await this.rankings({ ...scope, sort: '-change' }, 1, 5)).items;
    return overviewOf(year, agencyCount, agg, rules, worst, improved);
  }

  /**
   * The first `limit` 未报送 units of a year and how many there are (see `missingUnitsStatement`),
   * kept until the next write: the overview lists them on every request.
   */
  async missingUnits(filter: MissingUnitsFilter, limit: number): Promise<{ count: number; items: MissingUnit[] }> {
    return this.missing.get(JSON.stringify([filter, limit]), () => missingUnitsOf(this.missingUnitRows.all(missingUnitsStatement(filter, limit, SQLITE.text))));
  }

  /** Kept until the next write: it counts every agency of the scope. */
  private agencyCount(scope: Scope): number {
    return num(this.count.kept(agencyCountStatement(scope))[0]?.n);
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
    return regionTree(all, counts, demoCounts);
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Follows merges: the id an agency is known by now. */
  async canonicalAgencyId(id: number): Promise<number | null> {
    return this.st.canonicalAgency(id) ?? null;
  }

  async agencies(filter: Omit<Scope, 'year'> & { q?: string }, page = 1, pageSize = 50) {
    const conds = agencyConditions(filter);
    if (filter.q) conds.push(nameMatches(filter.q, SQLITE));
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
    if (!ids.length) return new Map();
    return aliasesByAgency(this.db.select().from(agencyAliases).where(inArray(agencyAliases.agencyId, ids)).orderBy(asc(agencyAliases.alias)).all(), DEMO_ALIAS_PREFIX);
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
      reports: years.map(agencyYear),
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
    return reportView(row, read, corrections, this.st.decisionsOf(row.agencyId, row.year), {
      registeredAgency: agency,
      previousReportId: this.st.currentReportId(row.agencyId, row.year - 1) ?? null,
      versions,
    });
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
    const conds = findingConditions(filter, SQLITE);
    const total = num(this.count.kept(findingCount(conds))[0]?.n);
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
      items: rows.map((r) => findingItem({ ...r, cells: cellKeysOf(r.cells) })),
    };
  }
}

