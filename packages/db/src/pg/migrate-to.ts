/**
 * `cli migrate-to`: copies a SQLite store into a PostgreSQL database, then verifies it.
 *
 * Every table of the schema (tables.ts: parents before children) is copied in primary-key order, in
 * batches. Each batch is written in one PostgreSQL transaction together with the table's progress
 * row (the last primary key copied), so an interrupted run (Ctrl-C, a crash, a lost connection) is
 * resumed by running it again: it starts after the last committed batch, and no row is copied twice.
 *
 * At the end each table is read back on both sides in primary-key order (text keys in byte order:
 * SQLite's BINARY, pg's COLLATE "C") and its rows counted and hashed with one function over values
 * normalised by the column's kind (a boolean is 0/1 in SQLite, true/false in pg), so equal counts
 * and checksums mean the same rows with the same values.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../client';
import { migratePg } from './client';
import { copiedTables, type ColumnKind, type CopiedTable } from './tables';

/** The progress of a migration, in the target database (kept afterwards: a rerun only verifies). */
const PROGRESS = 'nianbao_migrate_progress';

export interface MigrateToOptions {
  /** The SQLite store to copy (it is brought to the latest migration first). */
  sqlitePath: string;
  /** `postgres://…` of the target database (created tables if empty; resumed if a migration started there). */
  databaseUrl: string;
  /** Rows per batch (fewer when their values are large). */
  batchRows?: number;
  /** Bytes of values per batch, roughly (the sources table holds whole files). */
  batchBytes?: number;
  /** Called once the target is ready, before copying: whether an earlier run is continued, and whether it had finished. */
  onStart?: (info: { resumed: boolean; complete: boolean }) => void;
  onProgress?: (progress: { table: string; copied: number; total: number }) => void;
  /** Called inside each batch's transaction once its rows are written: a throw rolls the batch back (tests interrupt here). */
  onBatch?: (table: string, batch: number) => void | Promise<void>;
}

export interface TableCheck {
  table: string;
  sqliteRows: number;
  pgRows: number;
  sqliteChecksum: string;
  pgChecksum: string;
  ok: boolean;
}

export interface MigrateToResult {
  /** Whether an earlier, interrupted run was continued. */
  resumed: boolean;
  /** Rows copied by this run. */
  copied: number;
  tables: TableCheck[];
  /** Tables of the SQLite store that the schema does not know (not copied). */
  unknownTables: string[];
  ok: boolean;
}

/** Held by a running migration (released with its connection): a second one on the same database stops at once. */
export const MIGRATE_TO_LOCK = '7236105402727010162'; // any fixed 64-bit number other than migratePg's

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The checksum of a table's rows, fed the same way from either engine. */
class RowHasher {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  constructor(private readonly kinds: ColumnKind[]) {}

  add(row: unknown[]) {
    this.rows++;
    for (let i = 0; i < this.kinds.length; i++) this.value(row[i], this.kinds[i]!);
    this.hash.update('\n');
  }

  private value(v: unknown, kind: ColumnKind) {
    if (v === null || v === undefined) return void this.hash.update('N;');
    if (kind === 'blob') {
      const bytes = blobOf(v);
      this.hash.update(`X${bytes.length}:`);
      return void this.hash.update(bytes);
    }
    const text = kind === 'boolean' ? (v === true || v === 1 ? '1' : '0') : String(v);
    const tag = { integer: 'I', boolean: 'B', real: 'R', text: 'T' }[kind];
    this.hash.update(`${tag}${Buffer.byteLength(text)}:${text}`);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** A blob value: text in a blob column (`reports.sections` written before it was deflated) is its UTF-8 bytes. */
const blobOf = (v: unknown): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : (v as Buffer));

// integers travel as int8 (SQLite's are 64-bit); an int4 column takes them by assignment
const PG_TYPES: Record<ColumnKind, string> = { integer: 'int8', boolean: 'bool', real: 'float8', text: 'text', blob: 'bytea' };

/** A SQLite value as the pg column takes it. */
const toPg = (v: unknown, kind: ColumnKind) => (kind === 'boolean' && v !== null ? v !== 0 : kind === 'blob' && v !== null ? blobOf(v) : v);

const sizeOf = (v: unknown) => (Buffer.isBuffer(v) ? v.length : typeof v === 'string' ? v.length * 3 : 8);

async function transaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  }
}

interface Progress {
  lastKey: unknown[] | null;
  rows: number;
  done: boolean;
}

async function readProgress(client: pg.ClientBase): Promise<Map<string, Progress> | null> {
  const exists = await client.query(`select to_regclass($1) is not null as exists`, [PROGRESS]);
  if (!exists.rows[0].exists) return null;
  const rows = await client.query<{ table_name: string; last_key: string | null; rows: string; done: boolean }>(`select * from ${PROGRESS}`);
  return new Map(rows.rows.map((r) => [r.table_name, { lastKey: r.last_key === null ? null : (JSON.parse(r.last_key) as unknown[]), rows: Number(r.rows), done: r.done }]));
}

function orderBy(table: CopiedTable, pgSide: boolean) {
  return table.primaryKey
    .map((k) => {
      const kind = table.columns.find((c) => c.name === k)!.kind;
      return pgSide && kind === 'text' ? `${q(k)} collate "C"` : q(k);
    })
    .join(', ');
}

async function copyTable(
  sqlite: Database.Database,
  client: pg.ClientBase,
  table: CopiedTable,
  progress: Progress | undefined,
  options: MigrateToOptions,
): Promise<number> {
  if (progress?.done) return 0;
  const names = table.columns.map((c) => c.name);
  const kinds = table.columns.map((c) => c.kind);
  const pkIndexes = table.primaryKey.map((k) => names.indexOf(k));
  const total = sqlite.prepare<[], { n: number }>(`select count(*) as n from ${q(table.name)}`).get()!.n;
  const limit = Math.max(1, options.batchRows ?? 1000);
  const budget = options.batchBytes ?? 16 * 1024 * 1024;
  const select = (after: boolean) =>
    sqlite
      .prepare<unknown[], unknown[]>(
        `select ${names.map(q).join(', ')} from ${q(table.name)}` +
          (after ? ` where (${table.primaryKey.map(q).join(', ')}) > (${table.primaryKey.map(() => '?').join(', ')})` : '') +
          ` order by ${orderBy(table, false)} limit ${limit}`,
      )
      .raw(true);
  const first = select(false);
  const next = select(true);
  let lastKey = progress?.lastKey ?? null;
  let copied = progress?.rows ?? 0;
  let copiedNow = 0;
  for (let batch = 1; ; batch++) {
    const rows: unknown[][] = [];
    let bytes = 0;
    for (const row of lastKey ? next.iterate(...lastKey) : first.iterate()) {
      rows.push(row);
      bytes += row.reduce<number>((n, v) => n + sizeOf(v), 0);
      if (bytes >= budget) break;
    }
    if (rows.length === 0) break;
    for (const row of rows) {
      const nul = row.findIndex((v, i) => kinds[i] === 'text' && typeof v === 'string' && v.includes('\u0000'));
      if (nul >= 0) {
        const at = pkIndexes.map((i) => String(row[i])).join(', ');
        throw new Error(`表 ${table.name}（主键 ${at}）的列 ${names[nul]} 含有 NUL 字符（\\u0000），PostgreSQL 的文本列不能保存`);
      }
    }
    const key = pkIndexes.map((i) => rows[rows.length - 1]![i]);
    await transaction(client, async () => {
      // one array per column, unnested into rows: one short statement whatever the batch's size
      const columns = kinds.map((kind, i) => rows.map((row) => toPg(row[i], kind)));
      const arrays = kinds.map((kind, i) => `$${i + 1}::${PG_TYPES[kind]}[]`).join(', ');
      await client.query(`insert into ${q(table.name)} (${names.map(q).join(', ')}) select * from unnest(${arrays})`, columns);
      await client.query(
        `insert into ${PROGRESS} (table_name, last_key, rows, done) values ($1, $2, $3, false)
         on conflict (table_name) do update set last_key = excluded.last_key, rows = excluded.rows`,
        [table.name, JSON.stringify(key), copied + rows.length],
      );
      await options.onBatch?.(table.name, batch);
    });
    lastKey = key;
    copied += rows.length;
    copiedNow += rows.length;
    options.onProgress?.({ table: table.name, copied, total });
  }
  await client.query(
    `insert into ${PROGRESS} (table_name, last_key, rows, done) values ($1, $2, $3, true)
     on conflict (table_name) do update set done = true`,
    [table.name, lastKey === null ? null : JSON.stringify(lastKey), copied],
  );
  return copiedNow;
}

function sqliteChecksum(sqlite: Database.Database, table: CopiedTable) {
  const hasher = new RowHasher(table.columns.map((c) => c.kind));
  const stmt = sqlite.prepare<[], unknown[]>(`select ${table.columns.map((c) => q(c.name)).join(', ')} from ${q(table.name)} order by ${orderBy(table, false)}`).raw(true);
  for (const row of stmt.iterate()) hasher.add(row);
  return { rows: hasher.rows, checksum: hasher.digest() };
}

/** Reads the table through a cursor (in the caller's transaction), so a large table is never held whole. */
async function pgChecksum(client: pg.ClientBase, table: CopiedTable) {
  const hasher = new RowHasher(table.columns.map((c) => c.kind));
  await client.query(`declare rows_cursor no scroll cursor for select ${table.columns.map((c) => q(c.name)).join(', ')} from ${q(table.name)} order by ${orderBy(table, true)}`);
  for (;;) {
    const { rows } = await client.query<unknown[]>({ text: 'fetch 2000 from rows_cursor', rowMode: 'array' });
    if (rows.length === 0) break;
    for (const row of rows) hasher.add(row);
  }
  await client.query('close rows_cursor');
  return { rows: hasher.rows, checksum: hasher.digest() };
}

/** Counts and checksums every table on both sides. */
export async function verifyMigration(sqlite: Database.Database, client: pg.ClientBase, tables = copiedTables()): Promise<TableCheck[]> {
  return transaction(client, async () => {
    await client.query('set transaction isolation level repeatable read, read only');
    const checks: TableCheck[] = [];
    for (const table of tables) {
      const s = sqliteChecksum(sqlite, table);
      const p = await pgChecksum(client, table);
      checks.push({ table: table.name, sqliteRows: s.rows, pgRows: p.rows, sqliteChecksum: s.checksum, pgChecksum: p.checksum, ok: s.rows === p.rows && s.checksum === p.checksum });
    }
    return checks;
  });
}

export async function migrateTo(options: MigrateToOptions): Promise<MigrateToResult> {
  const path = resolve(options.sqlitePath);
  if (!existsSync(path)) throw new Error(`数据库文件不存在：${path}`);
  // bring the store to the latest schema, as `serve` would, so that its columns are the schema's
  openDatabase(path).$client.close();
  await migratePg(options.databaseUrl);

  const tables = copiedTables();
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows: locked } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [MIGRATE_TO_LOCK]);
    if (!locked[0]!.ok) throw new Error('另一个 migrate-to 正在向这个数据库迁移：请等它结束（或中断它）后再运行');
    // one read transaction: the copy and its verification see one snapshot of the store
    sqlite.exec('begin');
    const known = new Set(tables.map((t) => t.name));
    const unknownTables = sqlite.prepare<[], string>("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name <> '__drizzle_migrations' order by name").pluck().all().filter((n) => !known.has(n));

    let progress = await readProgress(client);
    const resumed = progress !== null && progress.size > 0;
    if (progress === null) {
      for (const t of tables) {
        const { rows } = await client.query(`select exists (select 1 from ${q(t.name)}) as nonempty`);
        if (rows[0].nonempty) throw new Error(`目标数据库的表 ${t.name} 已有数据，且不是一次未完成的迁移：请迁移到一个空数据库`);
      }
      await client.query(`create table ${PROGRESS} (table_name text primary key, last_key text, rows bigint not null, done boolean not null)`);
      progress = new Map();
    }

    options.onStart?.({ resumed, complete: resumed && tables.every((t) => progress.get(t.name)?.done) });
    let copied = 0;
    for (const table of tables) copied += await copyTable(sqlite, client, table, progress.get(table.name), options);
    // identities continue after the copied ids
    for (const table of tables.filter((t) => t.identity)) {
      await client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from ${q(table.name)}), 0) + 1, false)`, [q(table.name)]);
    }

    const checks = await verifyMigration(sqlite, client, tables);
    sqlite.exec('commit');
    return { resumed, copied, tables: checks, unknownTables, ok: unknownTables.length === 0 && checks.every((c) => c.ok) };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    sqlite.close();
    await client.end();
  }
}
