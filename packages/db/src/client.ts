/**
 * Opening the database: better-sqlite3 in WAL mode with the committed drizzle migrations applied.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { moveCellsSqlite, type MoveCellsOptions } from './migrate-cells';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Repository root (packages/db/src → ../../..), so defaults do not depend on the working directory. */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_DATABASE_PATH = join(ROOT, 'data/nianbao.db');
const MIGRATIONS = resolve(import.meta.dirname, '../drizzle');

/** `cellMove`: how the data step of migration 0011 runs (a test interrupts it). */
export function openDatabase(path = process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH, cellMove?: MoveCellsOptions): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL: readers (the API) never wait for the writer (an ingest); NORMAL is durable at each checkpoint.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  // the data step of migration 0011, which SQL cannot do: cell rows packed per report
  moveCellsSqlite(sqlite, cellMove);
  return db;
}
