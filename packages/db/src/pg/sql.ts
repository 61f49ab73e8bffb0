/**
 * What the PostgreSQL queries share: the connection type (the database or one of its transactions)
 * and ordering text as SQLite does.
 */
import { sql, type ExtractTablesWithRelations, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** The database or one of its transactions: what every query runs on. */
export type PgConn = PgDatabase<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/**
 * Text ordered as SQLite orders it: by bytes (`collate "C"`, whatever the database's locale), nulls
 * first (PostgreSQL puts them last when ascending), so that both engines list rows alike.
 */
export const textAsc = (column: SQLWrapper): SQL => sql`${column} collate "C" asc nulls first`;
