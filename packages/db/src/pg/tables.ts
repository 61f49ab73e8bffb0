/**
 * The store's tables on both engines, side by side, described the same way: what schema.test.ts
 * compares (the PostgreSQL schema must mirror the SQLite one) and what migrate-to copies.
 */
import { getTableColumns, is, SQL, type Column } from 'drizzle-orm';
import { getTableConfig as pgConfig, IndexedColumn, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as reportTables from '../schema';
import * as authTables from '../schema-auth';
import * as officeTables from '../schema-office';
import * as pgTables from './schema';

/** How a value is stored, the same on both engines (a boolean is 0/1 in SQLite, `boolean` in pg). */
export type ColumnKind = 'integer' | 'boolean' | 'real' | 'text' | 'blob';

const KINDS: Record<string, ColumnKind> = {
  SQLiteInteger: 'integer',
  SQLiteBoolean: 'boolean',
  SQLiteReal: 'real',
  SQLiteText: 'text',
  SQLiteBlobBuffer: 'blob',
  PgInteger: 'integer',
  // a SQLite integer is 64-bit: pg's bigint holds those beyond 32 bits (report_bands.band)
  PgBigInt53: 'integer',
  PgBoolean: 'boolean',
  PgDoublePrecision: 'real',
  PgText: 'text',
};

export function columnKind(column: Column): ColumnKind {
  const kind = column.columnType === 'PgCustomColumn' && column.getSQLType() === 'bytea' ? 'blob' : KINDS[column.columnType];
  if (!kind) throw new Error(`column ${column.name}: ${column.columnType} has no counterpart on the other engine`);
  return kind;
}

export interface ColumnShape {
  name: string;
  kind: ColumnKind;
  notNull: boolean;
  unique: boolean;
  /** A constant default as JSON, `sql` for an expression (CURRENT_TIMESTAMP and its pg spelling). */
  default: string | null;
  enum: readonly string[] | null;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  primaryKey: string[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[]; onDelete: string }[];
}

const columnShape = (c: Column): ColumnShape => ({
  name: c.name,
  kind: columnKind(c),
  notNull: c.notNull,
  unique: c.isUnique,
  default: c.default === undefined ? null : is(c.default, SQL) ? 'sql' : JSON.stringify(c.default),
  enum: c.enumValues ?? null,
});

/** An index column: its name, and ` desc` when descending (SQLite's is written as sql`${col} desc`). */
function indexColumn(c: unknown): string {
  if (is(c, IndexedColumn)) return `${c.name}${c.indexConfig?.order === 'desc' ? ' desc' : ''}`;
  if (is(c, SQL)) {
    const parts = c.queryChunks.map((k) => (k && typeof k === 'object' && 'name' in k ? String(k.name) : String((k as { value?: string[] }).value?.join('') ?? '')));
    return parts.join('').trim();
  }
  return (c as Column).name;
}

const sortByName = <T extends { name: string }>(xs: T[]) => xs.sort((a, b) => a.name.localeCompare(b.name));

export function sqliteShape(table: SQLiteTable): TableShape {
  const c = sqliteConfig(table);
  return {
    name: c.name,
    columns: c.columns.map(columnShape),
    primaryKey: c.primaryKeys[0]?.columns.map((k) => k.name) ?? c.columns.filter((k) => k.primary).map((k) => k.name),
    indexes: sortByName(c.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, columns: i.config.columns.map(indexColumn) }))),
    foreignKeys: c.foreignKeys
      .map((f) => {
        const r = f.reference();
        return { columns: r.columns.map((k) => k.name), table: sqliteConfig(r.foreignTable).name, foreignColumns: r.foreignColumns.map((k) => k.name), onDelete: f.onDelete ?? 'no action' };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

export function pgShape(table: PgTable): TableShape {
  const c = pgConfig(table);
  return {
    name: c.name,
    columns: c.columns.map(columnShape),
    primaryKey: c.primaryKeys[0]?.columns.map((k) => k.name) ?? c.columns.filter((k) => k.primary).map((k) => k.name),
    indexes: sortByName(c.indexes.map((i) => ({ name: i.config.name!, unique: i.config.unique, columns: i.config.columns.map(indexColumn) }))),
    foreignKeys: c.foreignKeys
      .map((f) => {
        const r = f.reference();
        return { columns: r.columns.map((k) => k.name), table: pgConfig(r.foreignTable).name, foreignColumns: r.foreignColumns.map((k) => k.name), onDelete: f.onDelete ?? 'no action' };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

export const SQLITE_TABLES: SQLiteTable[] = [reportTables, authTables, officeTables].flatMap((m) => (Object.values(m) as unknown[]).filter((t): t is SQLiteTable => is(t, SQLiteTable)));
export const PG_TABLES: PgTable[] = (Object.values(pgTables) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

export interface CopiedTable {
  name: string;
  /** Columns in declaration order, with how each is stored. */
  columns: { name: string; kind: ColumnKind }[];
  primaryKey: string[];
  /** The pg column `id` is an identity whose sequence must continue after the copied ids. */
  identity: boolean;
}

/**
 * The tables to copy, parents before children (foreign keys), each with its primary key (the order
 * rows are copied, resumed and checksummed in).
 */
export function copiedTables(): CopiedTable[] {
  const shapes = new Map(SQLITE_TABLES.map((t) => [sqliteConfig(t).name, sqliteShape(t)]));
  const pgIdentity = new Set(PG_TABLES.filter((t) => Object.values(getTableColumns(t)).some((c) => c.generatedIdentity)).map((t) => pgConfig(t).name));
  const ordered: CopiedTable[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.some((t) => t.name === name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    const shape = shapes.get(name)!;
    for (const fk of shape.foreignKeys) if (fk.table !== name) visit(fk.table, [...path, name]);
    ordered.push({ name, columns: shape.columns.map(({ name, kind }) => ({ name, kind })), primaryKey: shape.primaryKey, identity: pgIdentity.has(name) });
  };
  for (const name of shapes.keys()) visit(name, []);
  return ordered;
}
