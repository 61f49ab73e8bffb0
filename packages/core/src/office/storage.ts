/**
 * What the office's loop asks of storage beside the core's `Storage`: the roster, 报送日期, the
 * deadline calendar, rectification cases and the reads its figures are computed from. Filled for
 * SQLite by `OfficeQueries` (@nianbao/db, office.ts), for PostgreSQL by `PgOfficeQueries`
 * (@nianbao/db/pg, pg/office.ts); reached as `storage.office`, and inside a
 * transaction as `tx.office` (on a server, the transaction's own connection).
 */
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
} from '@nianbao/db';
import type { AgencyKindId, GradeName } from '@nianbao/model';

export type { AgencyDetailRow, CaseItemRow, CaseListRow, CaseRow, DeadlineRuleRow, RosterUnitRow, UnitRow };

export interface OfficeStorage {
  // deadlines
  deadlineRules(): Promise<DeadlineRuleRow[]>;
  upsertDeadline(rule: DeadlineRuleRow): Promise<void>;
  deleteDeadline(regionCode: string, kind: AgencyKindId): Promise<void>;

  // roster
  hasRoster(): Promise<boolean>;
  rosterUnit(agencyId: number): Promise<RosterUnitRow | undefined>;
  insertRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void>;
  updateRosterUnit(agencyId: number, fields: RosterUnitFields, updatedAt: string): Promise<void>;
  insertRosterUnits(agencyIds: number[], updatedAt: string): Promise<void>;
  /** Agencies (not merged away) with a current report of some year. */
  reportingAgencies(): Promise<number[]>;
  /** Every name of the real agencies (not merged away); with `region`, of agencies of that region or of none. */
  aliases(region: string | null): Promise<{ id: number; name: string; alias: string }[]>;
  agencyDetail(id: number): Promise<AgencyDetailRow | undefined>;
  updateAgency(id: number, set: AgencyUpdate): Promise<void>;

  // 报送日期
  upsertFiling(agencyId: number, year: number, filedOn: string, updatedAt: string): Promise<void>;
  deleteFiling(agencyId: number, year: number): Promise<void>;

  // units of a year and the figures of the loop
  unitRows(filter: { year: number; region?: string; demo?: boolean; roster: boolean }): Promise<UnitRow[]>;
  reportsFor(filter: { year: number; region?: string; grade?: GradeName }): Promise<number[]>;
  reportYears(region?: string): Promise<number[]>;
  regionNames(): Promise<{ code: string; name: string }[]>;
  /** Per rule or category broken by some of the reports (errors and warnings not dismissed): how many, most first. */
  brokenBy(reportIds: number[], by: 'rule' | 'category'): Promise<{ key: string; reports: number }[]>;

  // rectification cases
  caseOf(agencyId: number, year: number): Promise<CaseRow | undefined>;
  insertCase(values: NewCase, items: NewCaseItem[]): Promise<number>;
  setCaseDue(id: number, dueOn: string): Promise<void>;
  caseRows(filter: { year?: number; region?: string; agencyId?: number }): Promise<CaseListRow[]>;
  caseItems(caseIds: number[]): Promise<CaseItemRow[]>;
  fingerprints(reportId: number): Promise<string[]>;
}
