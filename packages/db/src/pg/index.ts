/**
 * PostgreSQL (issue 18), imported as `@nianbao/db/pg` so that the SQLite product never loads `pg`:
 * the mirrored schema, its migrations, and `migrateTo` (a SQLite store copied and verified).
 */
export * as pgSchema from './schema';
export { migratePg, openPg, PG_MIGRATIONS, type PgDb } from './client';
export { MIGRATE_TO_LOCK, migrateTo, verifyMigration, type MigrateToOptions, type MigrateToResult, type TableCheck } from './migrate-to';
export { copiedTables, type ColumnKind, type CopiedTable } from './tables';
export { CHANGE_VERSION_KEY, PgStorage, WRITER_LOCK } from './storage';
export { PgOfficeQueries } from './office';
export { PgQueries, type PgReadStorage } from './queries';
export { isPostgresUrl, openStorage } from './open';
export { ACCOUNTS_LOCK, openAccounts, PgAccounts } from './accounts';
