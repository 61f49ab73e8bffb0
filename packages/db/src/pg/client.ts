/**
 * Opening a PostgreSQL database (issue 18): node-postgres under drizzle, with the committed
 * migrations of ../../drizzle-pg applied. Several API processes may start at once on one database,
 * so the migrations run under an advisory lock: the first applies them, the others wait and find
 * nothing left to do.
 */
import { resolve } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { moveCellsPg, type MoveCellsOptions } from '../migrate-cells';
import * as schema from './schema';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS = resolve(import.meta.dirname, '../../drizzle-pg');

/** Any 64-bit number, the same in every process of this product: `nianbao` in ASCII. */
const MIGRATION_LOCK = 0x6e69616e62616fn;

/**
 * Applies the PostgreSQL migrations to the database at `url` (idempotent, safe to run concurrently).
 * `cellMove`: how the data step of migration 0001 runs (a test interrupts it).
 */
export async function migratePg(url: string, cellMove?: MoveCellsOptions): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: PG_MIGRATIONS });
      // the data step of migration 0001, which SQL cannot do: cell rows packed per report
      await moveCellsPg(client, cellMove);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    await client.end();
  }
}

/** A pool on the database at `url` with the migrations applied. Close with `db.$client.end()`. */
export async function openPg(url: string, options: { max?: number } = {}): Promise<PgDb> {
  await migratePg(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  return drizzle(pool, { schema }) as PgDb;
}
