/**
 * The API's reads on PostgreSQL (issue 18): `ReadQueries` as SQLite's `Queries` answers them, the same
 * JSON for the same store. Drizzle's pg builder over the mirrored schema where it can say the query;
 * the raw statements (rankings' window functions and CTEs, trends and overview figures by grade), the
 * ranking algorithm and the row mappers are SQLite's own (../read-model.ts). Text is ordered by bytes
 * and nulls first, as SQLite orders them (`textAsc`); counts come back as text and go through `num`.
 *
 * The figures of a whole scope (counts, the ranks of a scope, trends, the overview's figures) are kept
 * until the storage's change version moves (a settings row bumped by every write of any process), as
 * SQLite keeps them until its own change counters do: one small read instead of a scan of the year.
 */
import { and, asc, avg, count, desc, eq, inArray, isNull, max, sql, sum, type SQL } from 'drizzle-orm';
import { alias, PgDialect } from 'drizzle-orm/pg-core';
import type { Cell } from '@nianbao/model';
import { cellKeysOf } from '../json';
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
  missingUnitsOf,
  missingUnitsStatement,
  overviewOf,
  overviewStatements,
  rankingsOn,
  regionTree,
  reportView,
  round,
  scopeConditions,
  trendStatements,
  trendsOf,
  where,
  type AgencyRefRow,
  type CountRow,
  type MissingUnit,
  type MissingUnitRow,
  type MissingUnitsFilter,
  type Overview,
  type FindingListItem,
  type FindingsFilter,
  type Grade,
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
} from '../read-model';
import type { ReadQueries } from '../queries';
import { DEMO_ALIAS_PREFIX, findingFromRow, reportModelOf } from '../rows';
import type { DecisionRow, ReportRow } from '../sqlite-storage';
import * as schema from './schema';
import { textAsc, type PgConn } from './sql';

const { agencies, agencyAliases, cellCorrections, findings, regions, reports, reviewDecisions, sources } = schema;

const R = alias(reports, 'r');
const A = alias(agencies, 'a');
const G = alias(regions, 'g');
/** A report's previous year, current version. */
const P = alias(reports, 'p');
const previousOf = (r: typeof R) => and(eq(P.agencyId, r.agencyId), eq(P.year, sql`${r.year} - 1`), eq(P.current, true));
/** An agency with its region's name. */
const AGENCY_REF = { id: A.id, name: A.name, kind: A.kind, regionCode: A.regionCode, level: A.level, demo: A.demo, regionName: G.name };

/** PostgreSQL's raw SQL: `ilike` ignores case as SQLite's `like` does; text ordered by bytes as on SQLite. */
const POSTGRES: ReadDialect = { like: sql`ilike`, text: (expr) => sql`${expr} collate "C"` };

/** What the reads ask of the storage: the rows it already reads for the core. */
export interface PgReadStorage {
  reportById(id: number): Promise<ReportRow | undefined>;
  currentReportId(agencyId: number, year: number): Promise<number | undefined>;
  decisionsOf(agencyId: number, year: number): Promise<DecisionRow[]>;
  canonicalAgency(id: number): Promise<number | undefined>;
  /** A report's cells as read (before any correction). */
  cellsOf(reportId: number): Promise<Record<string, Cell>>;
}

const dialect = new PgDialect();

/** Values by key (a statement's text and parameters, a read's filter), kept while the change version stays. */
class KeptValues<V> {
  private kept: { at: string; values: Map<string, V> } | undefined;

  constructor(private readonly version: (() => Promise<string>) | null) {}

  async get(key: string, make: () => Promise<V>): Promise<V> {
    if (!this.version) return make();
    const at = await this.version();
    if (this.kept?.at !== at) this.kept = { at, values: new Map() };
    const values = this.kept.values;
    if (values.size >= 500) values.clear();
    let value = values.get(key);
    if (value === undefined) {
      value = await make();
      values.set(key, value);
    }
    return value;
  }
}

/** Rows of a raw statement's runs (by SQL text and parameters), kept while the change version stays. */
class KeptRows<T> {
  private readonly runs: KeptValues<T[]>;

  constructor(
    version: (() => Promise<string>) | null,
    /** Runs the statement (its rows typed by what its SQL selects). */
    readonly run: (query: SQL) => Promise<T[]>,
  ) {
    this.runs = new KeptValues(version);
  }

  async get(query: SQL): Promise<T[]> {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return this.runs.get(`${text} ${JSON.stringify(params)}`, () => this.run(query));
  }
}

export class PgQueries implements ReadQueries {
  // the raw statements whose rows are kept, each with the row its SQL selects
  private readonly counted: KeptRows<CountRow>;
  private readonly rankedRows: KeptRows<RankedRow>;
  private readonly trendYears: KeptRows<TrendYearRow>;
  private readonly trendRules: KeptRows<TrendRuleRow>;
  private readonly overviewFigures: KeptRows<OverviewRow>;
  private readonly ruleCounts: KeptRows<RuleCountRow>;
  private readonly missing: KeptValues<{ count: number; items: MissingUnit[] }>;
  private readonly overviews: KeptValues<Overview>;

  /** `version`: the storage's change version, or null where nothing may be kept (inside a transaction). */
  constructor(
    private readonly db: PgConn,
    private readonly storage: PgReadStorage,
    version: (() => Promise<string>) | null = null,
  ) {
    this.counted = new KeptRows(version, (q) => this.raw<CountRow>(q));
    this.rankedRows = new KeptRows(version, (q) => this.raw<RankedRow>(q));
    this.trendYears = new KeptRows(version, (q) => this.raw<TrendYearRow>(q));
    this.trendRules = new KeptRows(version, (q) => this.raw<TrendRuleRow>(q));
    this.overviewFigures = new KeptRows(version, (q) => this.raw<OverviewRow>(q));
    this.ruleCounts = new KeptRows(version, (q) => this.raw<RuleCountRow>(q));
    this.missing = new KeptValues(version);
    this.overviews = new KeptValues(version);
  }

  /** The rows of a raw statement, typed by what its SQL selects. */
  private async raw<T extends Record<string, unknown>>(query: SQL) {
    return (await this.db.execute<T>(query)).rows;
  }

  /** The latest year with current reports (of the demo province too, with `demo`). */
  async latestYear(demo = false): Promise<number | null> {
    const [r] = await this.db
      .select({ year: max(reports.year) })
      .from(reports)
      .where(demo ? eq(reports.current, true) : and(eq(reports.current, true), eq(reports.demo, false)));
    return r?.year ?? null;
  }

  /** Current reports (and of them the demo province's) and (unmerged) agencies, of `region`'s subtree when given. */
  async counts(region: string | null = null): Promise<{ reports: number; agencies: number; demoReports: number }> {
    let current = this.db
      .select({ n: count(), demo: sum(sql`case when ${R.demo} then 1 else 0 end`) })
      .from(R)
      .$dynamic();
    if (region) current = current.innerJoin(A, eq(A.id, R.agencyId));
    const [[r], [a]] = await Promise.all([
      current.where(where(scopeConditions({ region: region ?? undefined, demo: true }))),
      this.db
        .select({ n: count() })
        .from(A)
        .where(and(isNull(A.mergedInto), region ? inRegion(region) : undefined)),
    ]);
    return { reports: num(r?.n), agencies: num(a?.n), demoReports: num(r?.demo) };
  }

  // ───────────────────────── rankings ─────────────────────────

  /** Rankings of one year (see `rankingsOn`), the same statements as on SQLite. */
  async rankings(filter: RankingsFilter, page = 1, pageSize: number | null = 50): Promise<Rankings> {
    return rankingsOn(this.runner, filter, page, pageSize);
  }

  private readonly runner: RankingRunner = {
    dialect: POSTGRES,
    latestYear: (demo) => this.latestYear(demo),
    pageRows: (query) => this.raw<RankingRow>(query),
    rankedIds: (query, keep) => (keep ? this.rankedRows.get(query) : this.rankedRows.run(query)),
    count: async (query, keep) => num((await (keep ? this.counted.get(query) : this.counted.run(query)))[0]?.n),
    scoreCounts: (query) => this.raw<ScoreCountRow>(query),
    regionNames: async () => new Map((await this.db.select({ code: regions.code, name: regions.name }).from(regions)).map((r) => [r.code, r.name])),
  };

  // ───────────────────────── trends and overview ─────────────────────────

  async trends(filter: Scope & { from?: number; to?: number }) {
    const statements = trendStatements(filter);
    const [years, rules] = await Promise.all([this.trendYears.get(statements.years), this.trendRules.get(statements.rules)]);
    return trendsOf(years, rules);
  }

  /** A year's overview, kept whole while the change version stays: one version read for the route's figures. */
  async overview(filter: Scope): Promise<Overview> {
    return this.overviews.get(JSON.stringify(filter), () => this.overviewOf(filter));
  }

  private async overviewOf(filter: Scope): Promise<Overview> {
    const year = filter.year ?? (await this.latestYear(filter.demo));
    const agencyCount = await this.agencyCount(filter);
    if (year === null) return emptyOverview(agencyCount);
    const scope = { ...filter, year };
    const statements = overviewStatements(scope);
    const [[agg], rules, worst, improved] = await Promise.all([
      this.overviewFigures.get(statements.figures),
      this.ruleCounts.get(statements.rules),
      this.rankings({ ...scope, sort: '-rank' }, 1, 5),
      this.rankings({ ...scope, sort: '-change' }, 1, 5),
    ]);
    return overviewOf(year, agencyCount, agg!, rules, worst.items, improved.items);
  }

  /** The first `limit` 未报送 units of a year and how many there are, kept while the change version stays (see Queries.missingUnits). */
  async missingUnits(filter: MissingUnitsFilter, limit: number): Promise<{ count: number; items: MissingUnit[] }> {
    return this.missing.get(JSON.stringify([filter, limit]), async () => missingUnitsOf(await this.raw<MissingUnitRow>(missingUnitsStatement(filter, limit, textAsc))));
  }

  /** Kept while the change version stays: it counts every agency of the scope. */
  private async agencyCount(scope: Scope): Promise<number> {
    return num((await this.counted.get(agencyCountStatement(scope)))[0]?.n);
  }

  /** Years with current reports; `region` keeps to a subtree (a region-scoped user's view); `demo` counts the demo province too. */
  async years(region?: string | null, demo = false) {
    let query = this.db.select({ year: R.year, reports: count(), average: avg(R.score) }).from(R).$dynamic();
    if (region) query = query.innerJoin(A, eq(A.id, R.agencyId));
    const rows = await query
      .where(where(scopeConditions({ region: region ?? undefined, demo })))
      .groupBy(R.year)
      .orderBy(desc(R.year));
    return { items: rows.map((r) => ({ year: r.year, reports: r.reports, averageScore: round(numOrNull(r.average)) })) };
  }

  /** Name of a region filter (2, 4 or 6 digits), for labels and file names. */
  async regionName(filter: string | undefined): Promise<string | null> {
    if (!filter) return null;
    const [r] = await this.db.select({ name: regions.name }).from(regions).where(eq(regions.code, filter.padEnd(6, '0')));
    return r?.name ?? null;
  }

  /** What people call the objects of audit-log entries (see `Queries.targetLabels`). */
  async targetLabels(targets: (string | null)[]): Promise<Map<string, string>> {
    const ids = (kind: string) => [
      ...new Set(targets.filter((t): t is string => !!t?.startsWith(`${kind}:`)).map((t) => Number(t.slice(kind.length + 1)))),
    ].filter(Number.isSafeInteger);
    const out = new Map<string, string>();
    const reportIds = ids('report');
    if (reportIds.length)
      for (const r of await this.db
        .select({ id: reports.id, year: reports.year, name: agencies.name })
        .from(reports)
        .innerJoin(agencies, eq(agencies.id, reports.agencyId))
        .where(inArray(reports.id, reportIds)))
        out.set(`report:${r.id}`, `${r.name} ${r.year}年度报告`);
    const agencyIds = ids('agency');
    if (agencyIds.length)
      for (const a of await this.db.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, agencyIds)))
        out.set(`agency:${a.id}`, a.name);
    return out;
  }

  /** The region tree with the agencies of each subtree (see `Queries.regions`). */
  async regions(demo = false): Promise<{ items: RegionNode[] }> {
    const countsOf = async (demoOnly: boolean) =>
      new Map(
        (
          await this.db
            .select({ code: agencies.regionCode, n: count() })
            .from(agencies)
            .where(and(isNull(agencies.mergedInto), demoOnly ? eq(agencies.demo, true) : demo ? undefined : eq(agencies.demo, false)))
            .groupBy(agencies.regionCode)
        ).map((c) => [c.code, num(c.n)]),
      );
    const [all, counts, demoCounts] = await Promise.all([
      this.db.select().from(regions).orderBy(textAsc(regions.code)),
      countsOf(false),
      demo ? new Map<string | null, number>() : countsOf(true),
    ]);
    return regionTree(all, counts, demoCounts);
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Follows merges: the id an agency is known by now. */
  async canonicalAgencyId(id: number): Promise<number | null> {
    return (await this.storage.canonicalAgency(id)) ?? null;
  }

  async agencies(filter: Omit<Scope, 'year'> & { q?: string }, page = 1, pageSize = 50) {
    const conds = agencyConditions(filter);
    if (filter.q) conds.push(nameMatches(filter.q, POSTGRES));
    const rows = await this.db
      .select({
        ...AGENCY_REF,
        reports: sql<number>`(select count(*) from reports r where r.agency_id = a.id and r.current = true)`,
        total: sql<number>`count(*) over ()`,
      })
      .from(A)
      .leftJoin(G, eq(G.code, A.regionCode))
      .where(where(conds))
      .orderBy(textAsc(A.regionCode), textAsc(A.name), A.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const ids = rows.map((r) => r.id);
    const latest = new Map<number, { year: number; reportId: number; score: number | null; grade: Grade | null }>();
    const [aliases, latestRows] = await Promise.all([
      this.aliasesOf(ids),
      ids.length
        ? this.db
            .select({ agencyId: reports.agencyId, year: reports.year, id: reports.id, score: reports.score, grade: reports.grade })
            .from(reports)
            .where(and(inArray(reports.agencyId, ids), eq(reports.current, true)))
            .orderBy(asc(reports.year))
        : [],
    ]);
    for (const r of latestRows) latest.set(r.agencyId, { year: r.year, reportId: r.id, score: r.score, grade: r.grade });
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

  private async aliasesOf(ids: number[]): Promise<Map<number, string[]>> {
    if (!ids.length) return new Map();
    return aliasesByAgency(
      await this.db.select().from(agencyAliases).where(inArray(agencyAliases.agencyId, ids)).orderBy(textAsc(agencyAliases.alias)),
      DEMO_ALIAS_PREFIX,
    );
  }

  /**
   * An agency with its reports; each year's rank is among the current reports of `region`'s subtree
   * (a region-scoped user's), or of every agency without one.
   */
  async agency(requestedId: number, region: string | null = null) {
    const id = await this.canonicalAgencyId(requestedId);
    if (id === null) return null;
    const row = await this.agencyRefRow(id);
    if (!row) return null;
    const rank = sql<number>`(select count(*) + 1 from reports o ${region ? sql`join agencies oa on oa.id = o.agency_id` : sql``}
      where ${where(scopeConditions({ region: region ?? undefined, demo: row.demo }, sql.raw('o'), sql.raw('oa')))}
        and o.year = r.year and o.score > r.score)`;
    const [years, aliases, merged] = await Promise.all([
      this.db
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
        .orderBy(R.year),
      this.aliasesOf([id]),
      this.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.mergedInto, id)).orderBy(agencies.id),
    ]);
    return {
      ...agencyRef(row),
      aliases: aliases.get(id) ?? [],
      mergedIds: merged.map((m) => m.id),
      reports: years.map(agencyYear),
    };
  }

  // ───────────────────────── reports ─────────────────────────

  async report(id: number) {
    const row = await this.storage.reportById(id);
    if (!row) return null;
    const [agency, versions, read, corrections, decisions, previousReportId] = await Promise.all([
      this.agencyRefRow(row.agencyId),
      this.db
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
        .orderBy(asc(reports.version)),
      this.readModel(row),
      this.db.select().from(cellCorrections).where(eq(cellCorrections.reportId, row.id)).orderBy(textAsc(cellCorrections.cell)),
      this.storage.decisionsOf(row.agencyId, row.year),
      this.storage.currentReportId(row.agencyId, row.year - 1),
    ]);
    return reportView(row, read, corrections, decisions, {
      registeredAgency: agencyRef(agency!),
      previousReportId: previousReportId ?? null,
      versions,
    });
  }

  /** A stored report as read from its file (its cells before any correction) with its findings. */
  private async readModel(row: ReportRow) {
    const [cellMap, findingRows] = await Promise.all([
      this.storage.cellsOf(row.id),
      this.db.select().from(findings).where(eq(findings.reportId, row.id)).orderBy(findings.ordinal),
    ]);
    return reportModelOf(row, cellMap, findingRows.map(findingFromRow), false);
  }

  /** An agency with its region's name. */
  private async agencyRefRow(id: number): Promise<AgencyRefRow | undefined> {
    return (await this.db.select(AGENCY_REF).from(A).leftJoin(G, eq(G.code, A.regionCode)).where(eq(A.id, id)))[0];
  }

  async source(id: number): Promise<{ reportId: number; fileName: string; text: string } | null> {
    const [r] = await this.db
      .select({ fileName: reports.fileName, text: sources.text })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id));
    return r ? { reportId: id, ...r } : null;
  }

  /** The source file exactly as ingested. */
  async file(id: number): Promise<{ fileName: string; bytes: Buffer } | null> {
    const [r] = await this.db
      .select({ fileName: reports.fileName, bytes: sources.bytes })
      .from(reports)
      .innerJoin(sources, eq(sources.sha256, reports.sha256))
      .where(eq(reports.id, id));
    return r ?? null;
  }

  /**
   * Findings across the current reports of a scope (the work queues), in report order: worst score
   * first, then the report's own order.
   */
  async findings(filter: FindingsFilter, page = 1, pageSize = 50): Promise<{ total: number; items: FindingListItem[] }> {
    const conds = findingConditions(filter, POSTGRES);
    const F = alias(findings, 'f');
    const D = alias(reviewDecisions, 'd');
    const [[total], rows] = await Promise.all([
      this.counted.get(findingCount(conds)),
      this.db
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
        .offset((page - 1) * pageSize),
    ]);
    return { total: num(total?.n), items: rows.map((r) => findingItem({ ...r, cells: cellKeysOf(r.cells) })) };
  }
}
