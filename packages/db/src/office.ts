/**
 * The office's yearly loop (issue 13) in SQL: the roster, 报送日期, the deadline calendar and the
 * rectification cases, and the reads the loop's figures are computed from. Queries only, each
 * written with drizzle's builder (types inferred): what the loop decides of them (a unit's status,
 * a case's items, the 通报) is the application core's (@nianbao/core's office/).
 *
 * Asynchronous, like the core's `OfficeStorage`: better-sqlite3 answers at once; PostgreSQL's
 * `PgOfficeQueries` (pg/office.ts) fills the same interface. Inside a transaction the core reaches these through its `tx`.
 */
import { and, countDistinct, desc, eq, exists, gte, inArray, isNotNull, isNull, lt, min, ne, notExists, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { AgencyKindId, GradeName } from '@nianbao/model';
import type { Db } from './client';
import { subtreeRange } from './regions';
import { agencies, agencyAliases, findings, regions, reports, reviewDecisions } from './schema';
import { deadlineRules, filings, rectificationCases, rectificationItems, rosterUnits } from './schema-office';

export type RosterUnitRow = typeof rosterUnits.$inferSelect;
/** The roster's own fields of a unit (what an import or an edit on the roster page sets; a field undefined keeps what is stored). */
export type RosterUnitFields = Partial<Omit<RosterUnitRow, 'agencyId' | 'updatedAt'>>;
export type AgencyUpdate = Partial<Pick<typeof agencies.$inferInsert, 'name' | 'regionCode' | 'level' | 'kind'>>;
export type CaseRow = typeof rectificationCases.$inferSelect;
export type NewCase = Omit<typeof rectificationCases.$inferInsert, 'id'>;
export type NewCaseItem = Omit<typeof rectificationItems.$inferInsert, 'id' | 'caseId'>;
export type CaseItemRow = typeof rectificationItems.$inferSelect;
export type DeadlineRuleRow = Omit<typeof deadlineRules.$inferSelect, 'id'>;
export type UnitRow = Awaited<ReturnType<OfficeQueries['unitRows']>>[number];
export type CaseListRow = Awaited<ReturnType<OfficeQueries['caseRows']>>[number];
export type AgencyDetailRow = NonNullable<Awaited<ReturnType<OfficeQueries['agencyDetail']>>>;

/** A column within a region subtree (`36`, `3605`, `360502`): a range of codes, so an index serves it. */
export function inRegion(region: string | undefined, column: SQLWrapper): SQL | undefined {
  if (!region) return undefined;
  const [lo, hi] = subtreeRange(region);
  return and(gte(column, lo), lt(column, hi));
}

/** Lists cut to a size whose bound parameters every engine takes in one statement. */
export function chunks<T>(xs: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Current reports only. */
const current = (r: typeof reports) => eq(r.current, true);

export class OfficeQueries {
  constructor(private readonly db: Db) {}

  // ── deadlines ──
  async deadlineRules(): Promise<DeadlineRuleRow[]> {
    return this.db.select({ regionCode: deadlineRules.regionCode, kind: deadlineRules.kind, monthDay: deadlineRules.monthDay }).from(deadlineRules).all();
  }
  async upsertDeadline(rule: DeadlineRuleRow): Promise<void> {
    this.db.insert(deadlineRules).values(rule).onConflictDoUpdate({ target: [deadlineRules.regionCode, deadlineRules.kind], set: { monthDay: rule.monthDay } }).run();
  }
  async deleteDeadline(regionCode: string, kind: AgencyKindId): Promise<void> {
    this.db.delete(deadlineRules).where(and(eq(deadlineRules.regionCode, regionCode), eq(deadlineRules.kind, kind))).run();
  }

  // ── roster ──
  async hasRoster(): Promise<boolean> {
    return this.db.select({ id: rosterUnits.agencyId }).from(rosterUnits).limit(1).get() !== undefined;
  }
  async rosterUnit(agencyId: number): Promise<RosterUnitRow | undefined> {
    return this.db.select().from(rosterUnits).where(eq(rosterUnits.agencyId, agencyId)).get();
  }
  async insertRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void> {
    this.db.insert(rosterUnits).values({ ...fields, agencyId, updatedAt }).run();
  }
  async updateRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void> {
    this.db.update(rosterUnits).set({ ...fields, updatedAt }).where(eq(rosterUnits.agencyId, agencyId)).run();
  }
  /** Agencies (not merged away) with a current report of some year: the units when there is no roster. */
  async reportingAgencies(): Promise<number[]> {
    return this.db
      .selectDistinct({ id: agencies.id })
      .from(agencies)
      .innerJoin(reports, and(eq(reports.agencyId, agencies.id), current(reports)))
      .where(isNull(agencies.mergedInto))
      .orderBy(agencies.id)
      .all()
      .map((r) => r.id);
  }
  async insertRosterUnits(agencyIds: number[], updatedAt: string): Promise<void> {
    for (const ids of chunks(agencyIds)) this.db.insert(rosterUnits).values(ids.map((agencyId) => ({ agencyId, updatedAt }))).run();
  }

  /** Every name of the real agencies (not merged away), those of `region` or of none when it is given. */
  async aliases(region: string | null): Promise<{ id: number; name: string; alias: string }[]> {
    return this.db
      .select({ id: agencies.id, name: agencies.name, alias: agencyAliases.alias })
      .from(agencyAliases)
      .innerJoin(agencies, eq(agencies.id, agencyAliases.agencyId))
      .where(and(isNull(agencies.mergedInto), eq(agencies.demo, false), region ? or(isNull(agencies.regionCode), eq(agencies.regionCode, region)) : undefined))
      .all();
  }

  async agencyDetail(id: number) {
    return this.db
      .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, level: agencies.level, kind: agencies.kind })
      .from(agencies)
      .where(eq(agencies.id, id))
      .get();
  }
  async updateAgency(id: number, set: AgencyUpdate): Promise<void> {
    this.db.update(agencies).set(set).where(eq(agencies.id, id)).run();
  }

  // ── 报送日期 ──
  async upsertFiling(agencyId: number, year: number, filedOn: string, updatedAt: string): Promise<void> {
    this.db
      .insert(filings)
      .values({ agencyId, year, filedOn, updatedAt })
      .onConflictDoUpdate({ target: [filings.agencyId, filings.year], set: { filedOn, updatedAt } })
      .run();
  }
  async deleteFiling(agencyId: number, year: number): Promise<void> {
    this.db.delete(filings).where(and(eq(filings.agencyId, agencyId), eq(filings.year, year))).run();
  }

  // ── units of a year ──
  /**
   * The units of a year with what decides their status: the roster's (with `roster`), else the
   * agencies with a current report of some year; the year's current report, its 报送日期, the first
   * year the unit reported. The demo province only with `demo`.
   */
  async unitRows(filter: { year: number; region?: string; demo?: boolean; roster: boolean }) {
    // the first year each agency reported: a scalar subquery per agency on the agency index (the
    // builder has no scalar subquery in a select list; a grouped derived table reads every report)
    const x = alias(reports, 'x');
    const ofAgency = and(eq(x.agencyId, agencies.id), eq(x.current, true));
    const firstYear = sql<number | null>`(${this.db.select({ year: min(x.year) }).from(x).where(ofAgency)})`;
    return this.db
      .select({
        id: agencies.id,
        name: agencies.name,
        kind: agencies.kind,
        regionCode: agencies.regionCode,
        regionName: regions.name,
        unitId: rosterUnits.agencyId,
        fromYear: rosterUnits.fromYear,
        withdrawnFrom: rosterUnits.withdrawnFrom,
        exemptFrom: rosterUnits.exemptFrom,
        url: rosterUnits.url,
        parentName: rosterUnits.parentName,
        firstYear,
        reportId: reports.id,
        publishedOn: reports.publishedOn,
        score: reports.score,
        grade: reports.grade,
        // read, though unused, so that the year's covering index does not cover the join: SQLite then
        // looks each agency's report up on the agency index instead of walking the year's for each
        ingestedAt: reports.ingestedAt,
        filedOn: filings.filedOn,
      })
      .from(agencies)
      .leftJoin(rosterUnits, eq(rosterUnits.agencyId, agencies.id))
      .leftJoin(regions, eq(regions.code, agencies.regionCode))
      .leftJoin(reports, and(eq(reports.agencyId, agencies.id), eq(reports.year, filter.year), current(reports)))
      .leftJoin(filings, and(eq(filings.agencyId, agencies.id), eq(filings.year, filter.year)))
      .where(
        and(
          isNull(agencies.mergedInto),
          filter.demo ? undefined : eq(agencies.demo, false),
          inRegion(filter.region, agencies.regionCode),
          filter.roster ? isNotNull(rosterUnits.agencyId) : exists(this.db.select({ id: x.id }).from(x).where(ofAgency)),
        ),
      )
      .orderBy(agencies.regionCode, agencies.name, agencies.id)
      .all();
  }

  /** Current real reports of a year (under a region, of a grade), by region and agency name. */
  async reportsFor(filter: { year: number; region?: string; grade?: GradeName }): Promise<number[]> {
    return this.db
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(
        and(
          current(reports),
          eq(reports.year, filter.year),
          eq(reports.demo, false),
          inRegion(filter.region, agencies.regionCode),
          filter.grade ? eq(reports.grade, filter.grade) : undefined,
        ),
      )
      .orderBy(agencies.regionCode, agencies.name)
      .all()
      .map((r) => r.id);
  }

  /** The years with a current report of an agency (under a region). */
  async reportYears(region?: string): Promise<number[]> {
    return this.db
      .selectDistinct({ year: reports.year })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(current(reports), isNull(agencies.mergedInto), inRegion(region, agencies.regionCode)))
      .orderBy(reports.year)
      .all()
      .map((r) => r.year);
  }

  async regionNames(): Promise<{ code: string; name: string }[]> {
    return this.db.select({ code: regions.code, name: regions.name }).from(regions).all();
  }

  /**
   * For each rule (or category) broken by some of `reportIds` (errors and warnings a reviewer did not
   * dismiss): how many of the reports break it, most first.
   */
  async brokenBy(reportIds: number[], by: 'rule' | 'category'): Promise<{ key: string; reports: number }[]> {
    if (!reportIds.length) return [];
    const key = findings[by];
    const reportCount = countDistinct(findings.reportId);
    const dismissed = this.db
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(reviewDecisions, and(eq(reviewDecisions.agencyId, reports.agencyId), eq(reviewDecisions.year, reports.year)))
      .where(and(eq(reports.id, findings.reportId), eq(reviewDecisions.fingerprint, findings.fingerprint), eq(reviewDecisions.decision, 'dismiss')));
    return this.db
      .select({ key, reports: reportCount })
      .from(findings)
      .where(and(inArray(findings.reportId, reportIds), ne(findings.severity, 'info'), notExists(dismissed)))
      .groupBy(key)
      .orderBy(desc(reportCount), key)
      .all();
  }

  // ── rectification cases ──
  async caseOf(agencyId: number, year: number): Promise<CaseRow | undefined> {
    return this.db
      .select()
      .from(rectificationCases)
      .where(and(eq(rectificationCases.agencyId, agencyId), eq(rectificationCases.year, year)))
      .get();
  }
  async insertCase(values: NewCase, items: NewCaseItem[]): Promise<number> {
    const { id } = this.db.insert(rectificationCases).values(values).returning({ id: rectificationCases.id }).get();
    if (items.length) this.db.insert(rectificationItems).values(items.map((it) => ({ ...it, caseId: id }))).run();
    return id;
  }
  async setCaseDue(id: number, dueOn: string): Promise<void> {
    this.db.update(rectificationCases).set({ dueOn }).where(eq(rectificationCases.id, id)).run();
  }

  /**
   * Cases (of a year, under a region, of an agency) with their agency, the version of the report
   * the notice was issued on and the agency's current report of the year.
   */
  async caseRows(filter: { year?: number; region?: string; agencyId?: number }) {
    const base = alias(reports, 'base');
    const cur = alias(reports, 'cur');
    return this.db
      .select({
        id: rectificationCases.id,
        agencyId: rectificationCases.agencyId,
        year: rectificationCases.year,
        reportId: rectificationCases.reportId,
        issuedOn: rectificationCases.issuedOn,
        dueOn: rectificationCases.dueOn,
        name: agencies.name,
        regionCode: agencies.regionCode,
        regionName: regions.name,
        baseVersion: base.version,
        currentId: cur.id,
        currentVersion: cur.version,
        currentIngestedAt: cur.ingestedAt,
      })
      .from(rectificationCases)
      .innerJoin(agencies, eq(agencies.id, rectificationCases.agencyId))
      .leftJoin(regions, eq(regions.code, agencies.regionCode))
      .innerJoin(base, eq(base.id, rectificationCases.reportId))
      .leftJoin(cur, and(eq(cur.agencyId, rectificationCases.agencyId), eq(cur.year, rectificationCases.year), eq(cur.current, true)))
      .where(
        and(
          filter.year === undefined ? undefined : eq(rectificationCases.year, filter.year),
          inRegion(filter.region, agencies.regionCode),
          filter.agencyId === undefined ? undefined : eq(rectificationCases.agencyId, filter.agencyId),
        ),
      )
      .orderBy(desc(rectificationCases.year), agencies.regionCode, agencies.name)
      .all();
  }

  /** The items of cases, in their order within each case. */
  async caseItems(caseIds: number[]): Promise<CaseItemRow[]> {
    return chunks(caseIds).flatMap((ids) =>
      this.db.select().from(rectificationItems).where(inArray(rectificationItems.caseId, ids)).orderBy(rectificationItems.caseId, rectificationItems.ordinal).all(),
    );
  }

  /** The fingerprints of a report's findings. */
  async fingerprints(reportId: number): Promise<string[]> {
    return this.db
      .select({ fingerprint: findings.fingerprint })
      .from(findings)
      .where(eq(findings.reportId, reportId))
      .all()
      .flatMap((f) => (f.fingerprint === null ? [] : [f.fingerprint]));
  }
}
