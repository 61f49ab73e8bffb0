/**
 * What the PostgreSQL queries share: the connection type (the database or one of its transactions)
 * and ordering text as SQLite does.
 */
import { getTableColumns, sql, type ExtractTablesWithRelations, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTable } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

/** The database or one of its transactions: what every query runs on. */
export type PgConn = PgDatabase<NodePgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

/**
 * Text ordered as SQLite orders it: by bytes (`collate "C"`, whatever the database's locale), nulls
 * first (PostgreSQL puts them last when ascending), so that both engines list rows alike.
 */
export const textAsc = (column: SQLWrapper): SQL => sql`${column} collate "C" asc nulls first`;

/**
 * A multi-row insert as one statement of one array parameter per column (`insert … select * from
 * unnest($1::integer[], …)`), whatever the number of rows: drizzle's multi-row insert builds and binds
 * a parameter per value — 2,500 for a report's 250 cells, ≈ 50 ms a report, half of PostgreSQL's
 * ingest time (200 generated reports, 2026-12-04). The columns are those of the first row; values go
 * as they are (no column mapping), so for tables of integers, reals and text only.
 */
export function unnestInsert(table: PgTable, rows: Record<string, unknown>[]): SQL {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const arrays = sql.join(
    columns.map(([key, c]) => sql`${sql.param(rows.map((r) => r[key] ?? null))}::${sql.raw(c.getSQLType())}[]`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select * from unnest(${arrays})`;
}
