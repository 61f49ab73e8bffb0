/**
 * The benchmark's store on PostgreSQL (issue 18): the ingested province copied on the server until
 * `--stored` reports are stored, as `replicate` in bench.ts copies SQLite's, and the facts the API's
 * load test needs (the latest year, its ranked reports, a sample of report ids) read the same way.
 *
 * The copies are `insert … select` statements run by the server itself, one transaction per copy:
 * no row crosses the socket. Tables are copied parents first (`copiedTables()`, the order migrate-to
 * uses), so the foreign keys hold without switching them off (which needs a superuser on a server
 * someone else runs).
 */
import { copyOf } from './bench-copy';

/** What `replicate` (SQLite) and `replicatePg` report of the store they built. */
export interface StoredFigures {
  reports: number;
  agencies: number;
  cells: number | null;
  seconds: number;
  databaseMb: number;
  /** Tables neither keyed by report nor by agency, left as they are (regions, settings, accounts …). */
  skippedTables: string[];
}

/** The latest year of the store, its current reports, and 200 current report ids spread over the store. */
export interface StoredFacts {
  year: number;
  inYear: number;
  ids: number[];
}

/** node-postgres' pool, as @nianbao/db hands it (the root has no `pg` of its own). */
type Pool = import('@nianbao/db/pg').PgDb['$client'];

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const mb = (bytes: number) => round(bytes / 2 ** 20);

async function pool(url: string): Promise<Pool> {
  const { openPg } = await import('@nianbao/db/pg');
  return (await openPg(url, { max: 1 })).$client;
}

/**
 * Copies the reports of the PostgreSQL database at `url` until `target` are stored, with the same
 * rules as SQLite's `replicate`: every table keyed by report or by agency copied with ids shifted by
 * k × the largest id; agencies and aliases named `（副本k）`; the copies' sources without their bytes
 * and text; a table's own identity ids (findings, decisions) drawn from its sequence. Then the
 * identity sequences continue after the copied ids, the change version moves (the figures a server
 * keeps are stale), and `vacuum analyze` gives the planner the statistics and visibility map that
 * autovacuum would have given a store that grew over years.
 */
export async function replicatePg(url: string, target: number, say: (s: string) => void): Promise<StoredFigures> {
  const { copiedTables, CHANGE_VERSION_KEY } = await import('@nianbao/db/pg');
  const db = await pool(url);
  const client = await db.connect();
  try {
    const one = async (q: string) => Number((await client.query<{ n: string | number | null }>(q)).rows[0]?.n ?? 0);
    const base = await one('select count(*) as n from reports');
    const maxR = await one('select max(id) as n from reports');
    const maxA = await one('select max(id) as n from agencies');
    const present = new Set((await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = current_schema()")).rows.map((r) => r.name));
    const tables = copiedTables().filter((t) => present.has(t.name));
    const started = Date.now();
    const skipped: string[] = [];
    let stored = base;
    for (let k = 1; stored < target && base > 0; k++) {
      const take = Math.min(base, target - stored);
      const lastId = await one(`select id as n from reports order by id limit 1 offset ${take - 1}`);
      const offR = k * maxR;
      const offA = k * maxA;
      const statements: string[] = [];
      for (const t of tables) {
        const names = t.columns.map((c) => c.name);
        const copy = copyOf(t.name, names, { k, offR, offA, maxA, lastId, emptyBytes: `''::bytea` });
        if (!copy) {
          if (k === 1) skipped.push(t.name);
          continue;
        }
        const { subst, where } = copy;
        // an identity id not shifted above is left out: the sequence gives it, as SQLite's rowid
        const copied = names.filter((n) => !(t.identity && n === 'id' && !(n in subst)));
        const list = copied.map((n) => `"${n}"`).join(', ');
        const select = copied.map((n) => subst[n] ?? `"${n}"`).join(', ');
        statements.push(`insert into "${t.name}" (${list}) select ${select} from "${t.name}" where ${where}`);
      }
      await client.query('begin');
      try {
        for (const s of statements) await client.query(s);
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
      stored += take;
      say(`  stored ${stored} reports on PostgreSQL (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    for (const t of tables.filter((x) => x.identity)) {
      await client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from "${t.name}"), 0) + 1, false)`, [`"${t.name}"`]);
    }
    await client.query(`update settings set value = (value::bigint + 1)::text where key = $1`, [CHANGE_VERSION_KEY]);
    await client.query('vacuum analyze');
    const agencies = await one('select count(*) as n from agencies');
    const cells = present.has('cells') ? await one('select count(*) as n from cells') : null;
    const bytes = await one('select pg_database_size(current_database()) as n');
    return { reports: stored, agencies, cells, seconds: round((Date.now() - started) / 1000), databaseMb: mb(bytes), skippedTables: skipped };
  } finally {
    client.release();
    await db.end();
  }
}

/** The year, its ranked reports and a sample of report ids, on PostgreSQL (as bench.ts reads them on SQLite). */
export async function storedFactsPg(url: string): Promise<StoredFacts> {
  const db = await pool(url);
  try {
    const year = Number((await db.query<{ y: number }>('select max(year) as y from reports')).rows[0]!.y);
    const inYear = Number((await db.query<{ n: string }>('select count(*) as n from reports where current and year = $1', [year])).rows[0]!.n);
    // the same spread as SQLite's sample (bigint: the product passes 2^31 from a million reports on)
    const ids = (await db.query<{ id: number }>('select id from reports where current order by (id::bigint * 7919) % 100003 limit 200')).rows.map((r) => r.id);
    return { year, inYear, ids };
  } finally {
    await db.end();
  }
}

/** The SQLite store's facts, read the same way. */
export async function storedFactsSqlite(path: string): Promise<StoredFacts> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true });
  try {
    const year = (db.prepare('SELECT max(year) AS y FROM reports').get() as { y: number }).y;
    const inYear = (db.prepare('SELECT count(*) AS n FROM reports WHERE current = 1 AND year = ?').get(year) as { n: number }).n;
    const ids = (db.prepare('SELECT id FROM reports WHERE current = 1 ORDER BY (id * 7919) % 100003 LIMIT 200').all() as { id: number }[]).map((r) => r.id);
    return { year, inYear, ids };
  } finally {
    db.close();
  }
}
