/**
 * The store of reports: drizzle schema and migrations, the ingest pipeline (one transaction per
 * report) and the queries behind rankings, trends and drill-downs. The only package with SQL.
 */
export { defaultWorkers } from './pool';
export { Store, failed, normaliseName, type Decision, type InputFile, type PeerOutOfScope, type IngestResult, type IngestStatus, type IngestSummary, type ReviewInput, type StoreOptions, type StoreOutcome } from './store';
export { Queries, type FindingReview, type FindingsFilter, type FindingListItem, type RankingItem, type RankingSort, type RankingsFilter, type RegionNode, type Scope, type Grade, type AgencyKind } from './queries';
export { defaultAuditor, narrative, type Auditor, type Similarity, type Signature, type StoreContext, type Peer } from './auditor';
export { openDatabase, DEFAULT_DATABASE_PATH, ROOT, type Db } from './client';
export { regionLevel, parentCode, subtreeRange, lineage, regionFullName } from './regions';
export { summarise } from './summary';
export * as schema from './schema';
export { Accounts, cliActor, ROLES, SESSION_HOURS, clampRegion, inScope, passwordProblem, regionProblem, normaliseUsername, usernameProblem, hashPassword, verifyPassword, type Role, type User, type SessionInfo, type AuditEntry, type AuditFilter, type NewAuditEntry } from './auth';
export { Office, addDays, kindOfLabel, locationOf, ITEM_STATUS_LABEL, UNIT_STATUS_LABEL, type ItemStatus, type NoticeData, type NoticeItem, type OfficeSettings, type RectificationCase, type RosterResult, type RosterRow, type RosterSummary, type StatusFilter, type UnitStatus, type UnitStatusItem } from './office';
