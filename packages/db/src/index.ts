/**
 * The store of reports: drizzle schema and migrations, the SQLite implementation of the core's
 * storage interface, and the queries behind rankings, trends and drill-downs. The only package with SQL.
 */
export {
  SqliteStorage,
  type AgencyRow,
  type DecisionRow,
  type NewAgency,
  type NewCorrection,
  type NewDecision,
  type NewRegion,
  type NewReport,
  type NewSource,
  type PeerRow,
  type RectificationCaseRow,
  type ReportRow,
  type ReportScoreColumns,
} from './sqlite-storage';
export { Queries, type ReadQueries, type FindingReview, type FindingsFilter, type FindingListItem, type RankingItem, type RankingSort, type RankingsFilter, type RegionNode, type Scope, type Grade, type AgencyKind, type MissingUnit, type MissingUnitsFilter, type Overdue } from './queries';
export { DEMO_ALIAS_PREFIX, normaliseName, scoreColumns } from './rows';
export { messageOf } from './json';
export { correctionsOf, correctionViews, withCorrections, type CellCorrectionView, type CorrectionRow } from './corrections';
export { openDatabase, DEFAULT_DATABASE_PATH, ROOT, type Db } from './client';
export { CELL_MOVE_BATCH, type MoveCellsOptions } from './migrate-cells';
export { packCells, unpackCells, PACKED_CELLS_VERSION } from './packed-cells';
export { decodeSections, encodeSections } from './sections-codec';
export { type RegionLevel, regionLevel, parentCode, subtreeRange, lineage, lineageNames, regionFullName } from './regions';
export * as schema from './schema';
export * as authSchema from './schema-auth';
export * as officeSchema from './schema-office';
export { AccountQueries, losesAdmin, ROLES, type AttemptBudget, type AttemptScope, type Reservation, type AuditFilter, type AuditRow, type NewAuditRow, type NewSession, type NewUser, type Role, type UserChange, type UserRow } from './auth';
export { SqliteAccounts } from './sqlite-accounts';
export { clampRegion, inScope } from './region-scope';
export {
  OfficeQueries,
  type AgencyDetailRow,
  type AgencyUpdate,
  type CaseItemRow,
  type CaseListRow,
  type CaseRow,
  type DeadlineRuleRow,
  type NewCase,
  type NewCaseItem,
  type RosterUnitFields,
  type RosterUnitRow,
  type UnitRow,
} from './office';
