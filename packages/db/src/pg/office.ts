/**
 * The office's yearly loop on PostgreSQL: the core's `OfficeStorage`, the queries of ../office.ts
 * (OfficeQueries, SQLite) on the mirrored schema, answering the same rows in the same order (text
 * by bytes, nulls first, as SQLite sorts). Each write bumps the storage's change version.
 */
import { and, countDistinct, desc, eq, exists, inArray, isNotNull, isNull, min, ne, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AgencyKindId, GradeName } from '@nianbao/model';
import type {
  AgencyDetailRow,
  AgencyUpdate,
  CaseItemRow,
  CaseListRow,
  CaseRow,
  DeadlineRuleRow,
  NewCase,
  NewCaseItem,
  RosterUnitFields,
  RosterUnitRow,
  UnitRow,
} from '../office';
import { chunks, inRegion } from '../office';
import * as schema from './schema';
import { textAsc, type PgConn } from './sql';

const { agencies, agencyAliases, deadlineRules, filings, findings, rectificationCases, rectificationItems, regions, reports, reviewDecisions, rosterUnits } = schema;

const current = eq(reports.current, true);

export class PgOfficeQueries {
  constructor(
    private readonly db: PgConn,
    /** Bumps the change version (once per transaction). */
    private readonly wrote: () => Promise<void>,
  ) {}

  // ── deadlines ──
  async deadlineRules(): Promise<DeadlineRuleRow[]> {
    return this.db.select({ regionCode: deadlineRules.regionCode, kind: deadlineRules.kind, monthDay: deadlineRules.monthDay }).from(deadlineRules).orderBy(deadlineRules.id);
  }
  async upsertDeadline(rule: DeadlineRuleRow): Promise<void> {
    await this.db
      .insert(deadlineRules)
      .values(rule)
      .onConflictDoUpdate({ target: [deadlineRules.regionCode, deadlineRules.kind], set: { monthDay: rule.monthDay } });
    await this.wrote();
  }
  async deleteDeadline(regionCode: string, kind: AgencyKindId): Promise<void> {
    await this.db.delete(deadlineRules).where(and(eq(deadlineRules.regionCode, regionCode), eq(deadlineRules.kind, kind)));
    await this.wrote();
  }

  // ── roster ──
  async hasRoster(): Promise<boolean> {
    return (await this.db.select({ id: rosterUnits.agencyId }).from(rosterUnits).limit(1)).length > 0;
  }
  async rosterUnit(agencyId: number): Promise<RosterUnitRow | undefined> {
    return (await this.db.select().from(rosterUnits).where(eq(rosterUnits.agencyId, agencyId)))[0];
  }
  async insertRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void> {
    await this.db.insert(rosterUnits).values({ ...fields, agencyId, updatedAt });
    await this.wrote();
  }
  async updateRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void> {
    await this.db
      .update(rosterUnits)
      .set({ ...fields, updatedAt })
      .where(eq(rosterUnits.agencyId, agencyId));
    await this.wrote();
  }
  async insertRosterUnits(agencyIds: number[], updatedAt: string): Promise<void> {
    if (!agencyIds.length) return;
    for (const ids of chunks(agencyIds)) await this.db.insert(rosterUnits).values(ids.map((agencyId) => ({ agencyId, updatedAt })));
    await this.wrote();
  }
  /** Agencies (not merged away) with a current report of some year. */
  async reportingAgencies(): Promise<number[]> {
    const rows = await this.db
      .selectDistinct({ id: agencies.id })
      .from(agencies)
      .innerJoin(reports, and(eq(reports.agencyId, agencies.id), current))
      .where(isNull(agencies.mergedInto))
      .orderBy(agencies.id);
    return rows.map((r) => r.id);
  }
  /** Every name of the real agencies (not merged away); with `region`, of agencies of that region or of none. */
  async aliases(region: string | null): Promise<{ id: number; name: string; alias: string }[]> {
    return this.db
      .select({ id: agencies.id, name: agencies.name, alias: agencyAliases.alias })
      .from(agencyAliases)
      .innerJoin(agencies, eq(agencies.id, agencyAliases.agencyId))
      .where(and(isNull(agencies.mergedInto), eq(agencies.demo, false), region ? or(isNull(agencies.regionCode), eq(agencies.regionCode, region)) : undefined));
  }
  async agencyDetail(id: number): Promise<AgencyDetailRow | undefined> {
    const rows = await this.db
      .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, level: agencies.level, kind: agencies.kind })
      .from(agencies)
      .where(eq(agencies.id, id));
    return rows[0];
  }
  async updateAgency(id: number, set: AgencyUpdate): Promise<void> {
    await this.db.update(agencies).set(set).where(eq(agencies.id, id));
    await this.wrote();
  }

  // ── 报送日期 ──
  async upsertFiling(agencyId: number, year: number, filedOn: string, updatedAt: string): Promise<void> {
    await this.db
      .insert(filings)
      .values({ agencyId, year, filedOn, updatedAt })
      .onConflictDoUpdate({ target: [filings.agencyId, filings.year], set: { filedOn, updatedAt } });
    await this.wrote();
  }
  async deleteFiling(agencyId: number, year: number): Promise<void> {
    await this.db.delete(filings).where(and(eq(filings.agencyId, agencyId), eq(filings.year, year)));
    await this.wrote();
  }

  // ── units of a year ──
  /** The units of a year with what decides their status (see OfficeQueries.unitRows). */
  async unitRows(filter: { year: number; region?: string; demo?: boolean; roster: boolean }): Promise<UnitRow[]> {
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
        ingestedAt: reports.ingestedAt,
        filedOn: filings.filedOn,
      })
      .from(agencies)
      .leftJoin(rosterUnits, eq(rosterUnits.agencyId, agencies.id))
      .leftJoin(regions, eq(regions.code, agencies.regionCode))
      .leftJoin(reports, and(eq(reports.agencyId, agencies.id), eq(reports.year, filter.year), current))
      .leftJoin(filings, and(eq(filings.agencyId, agencies.id), eq(filings.year, filter.year)))
      .where(
        and(
          isNull(agencies.mergedInto),
          filter.demo ? undefined : eq(agencies.demo, false),
          inRegion(filter.region, agencies.regionCode),
          filter.roster ? isNotNull(rosterUnits.agencyId) : exists(this.db.select({ id: x.id }).from(x).where(ofAgency)),
        ),
      )
      .orderBy(textAsc(agencies.regionCode), textAsc(agencies.name), agencies.id);
  }

  /** Current real reports of a year (under a region, of a grade), by region and agency name. */
  async reportsFor(filter: { year: number; region?: string; grade?: GradeName }): Promise<number[]> {
    const rows = await this.db
      .select({ id: reports.id })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(
        and(
          current,
          eq(reports.year, filter.year),
          eq(reports.demo, false),
          inRegion(filter.region, agencies.regionCode),
          filter.grade ? eq(reports.grade, filter.grade) : undefined,
        ),
      )
      .orderBy(textAsc(agencies.regionCode), textAsc(agencies.name), reports.id);
    return rows.map((r) => r.id);
  }

  /** The years with a current report of an agency (under a region). */
  async reportYears(region?: string): Promise<number[]> {
    const rows = await this.db
      .selectDistinct({ year: reports.year })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(and(current, isNull(agencies.mergedInto), inRegion(region, agencies.regionCode)))
      .orderBy(reports.year);
    return rows.map((r) => r.year);
  }

  async regionNames(): Promise<{ code: string; name: string }[]> {
    return this.db.select({ code: regions.code, name: regions.name }).from(regions).orderBy(textAsc(regions.code));
  }

  /** Per rule or category broken by some of the reports (errors and warnings not dismissed): how many, most first. */
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
      .orderBy(desc(reportCount), textAsc(key));
  }

  // ── rectification cases ──
  async caseOf(agencyId: number, year: number): Promise<CaseRow | undefined> {
    const rows = await this.db
      .select()
      .from(rectificationCases)
      .where(and(eq(rectificationCases.agencyId, agencyId), eq(rectificationCases.year, year)));
    return rows[0];
  }
  async insertCase(values: NewCase, items: NewCaseItem[]): Promise<number> {
    const [row] = await this.db.insert(rectificationCases).values(values).returning({ id: rectificationCases.id });
    const id = row!.id;
    for (const part of chunks(items, 500)) await this.db.insert(rectificationItems).values(part.map((it) => ({ ...it, caseId: id })));
    await this.wrote();
    return id;
  }
  async setCaseDue(id: number, dueOn: string): Promise<void> {
    await this.db.update(rectificationCases).set({ dueOn }).where(eq(rectificationCases.id, id));
    await this.wrote();
  }

  /** Cases (of a year, under a region, of an agency) with their agency, base version and current report. */
  async caseRows(filter: { year?: number; region?: string; agencyId?: number }): Promise<CaseListRow[]> {
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
      .orderBy(desc(rectificationCases.year), textAsc(agencies.regionCode), textAsc(agencies.name), rectificationCases.id);
  }

  /** The items of cases, in their order within each case. */
  async caseItems(caseIds: number[]): Promise<CaseItemRow[]> {
    const out: CaseItemRow[] = [];
    for (const ids of chunks(caseIds)) {
      out.push(...(await this.db.select().from(rectificationItems).where(inArray(rectificationItems.caseId, ids)).orderBy(rectificationItems.caseId, rectificationItems.ordinal)));
    }
    return out;
  }

  /** The fingerprints of a report's findings. */
  async fingerprints(reportId: number): Promise<string[]> {
    const rows = await this.db.select({ fingerprint: findings.fingerprint }).from(findings).where(eq(findings.reportId, reportId)).orderBy(findings.ordinal);
    return rows.flatMap((f) => (f.fingerprint === null ? [] : [f.fingerprint]));
  }
}
