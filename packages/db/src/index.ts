/**
 * The store of reports: drizzle schema and migrations, the ingest pipeline (one transaction per
 * report) and the queries behind rankings, trends and drill-downs. The only package with SQL.
 */
export { Store, normaliseName, type InputFile, type IngestResult, type IngestStatus, type IngestSummary, type StoreOptions } from './store';
export { Queries, type RankingItem, type RankingSort, type RankingsFilter, type RegionNode, type Scope, type Grade, type AgencyKind } from './queries';
export { defaultAuditor, narrative, type Auditor, type Similarity, type Signature, type StoreContext, type Peer } from './auditor';
export { openDatabase, DEFAULT_DATABASE_PATH, ROOT, type Db } from './client';
export { regionLevel, parentCode, subtreeRange, lineage } from './regions';
export { summarise } from './summary';
export * as schema from './schema';
