/**
 * `backup [目标文件] [--db 路径] [--force]`: a consistent copy of the live database, taken while the
 * server and ingests keep running. `VACUUM INTO` reads the database in one read transaction (a
 * snapshot: writers go on in the WAL, and never make it start over, as the page-by-page backup API
 * does whenever another connection writes). The copy is written beside the target and renamed into
 * place only once complete and checked (`pragma integrity_check`); a failed or interrupted backup
 * (Ctrl-C, SIGTERM) removes its partial file, and one left by a killed backup is removed next time.
 * Without a target: data/backups/nianbao-YYYYMMDD-HHMMSS.db.
 *
 * On PostgreSQL (`--database-url`, or DATABASE_URL without `--db`) it refuses and points to pg_dump:
 * there the data lives on a server the command may not reach as a file, and a copy made row by row
 * through the API's queries would be neither consistent with concurrent writers nor restorable by
 * the database's own tools; pg_dump takes one snapshot, and pg_basebackup with WAL archiving gives
 * the point-in-time recovery an office chooses PostgreSQL for.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { commandArgs } from './_args';
import { notPostgres, postgresUrl } from './_engine';
import Database from 'better-sqlite3';
import { DEFAULT_DATABASE_PATH, ROOT } from '@nianbao/db';

const USAGE = '用法: backup [目标文件] [--db 数据库文件] [--force]';

/** Why backup does not copy a PostgreSQL database, and what does (the url shown without its password). */
export function postgresBackupAdvice(url: string): string {
  let shown = '(无法解析的地址)';
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    shown = u.toString();
  } catch {
    // shown as unparsable
  }
  return (
    `数据库 ${shown} 是 PostgreSQL 数据库，backup 命令只备份 SQLite 数据库文件。` +
    '请用 PostgreSQL 自带的工具备份：pg_dump 做一致的逻辑备份（例如 pg_dump -Fc -f nianbao.dump "postgres://用户:密码@主机:端口/数据库"，用 pg_restore 恢复），' +
    '或由数据库管理员以 pg_basebackup 加 WAL 归档做物理备份，可按时间点恢复。'
  );
}

export interface BackupResult {
  path: string;
  bytes: number;
  reports: number;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A partial copy and the files SQLite may have put beside it. */
const removePartial = (partial: string) => {
  for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
};

/** Partial copies of `target` left by backups that were killed (their process is gone). */
function removeStalePartials(target: string) {
  const dir = dirname(resolve(target));
  const prefix = `${basename(target)}.partial-`;
  for (const f of readdirSync(dir)) {
    const pid = f.startsWith(prefix) ? Number(f.slice(prefix.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) rmSync(join(dir, f), { force: true });
  }
}

/** Copies the database at `source` to `target` (which must not exist) with `VACUUM INTO`. */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`数据库文件不存在：${source}`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  removeStalePartials(target);
  const partial = `${target}.partial-${process.pid}`;
  removePartial(partial);
  const interrupted = (signal: NodeJS.Signals) => {
    removePartial(partial);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('vacuum into ?').run(partial);
    } finally {
      db.close();
    }
    // signals that arrived during the copy are handled here, before the copy is checked or renamed
    await new Promise((r) => setImmediate(r));
    const copy = new Database(partial);
    let reports = 0;
    try {
      // one self-contained file: no -wal beside it
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份校验失败：${String(check)}`);
      const hasReports = copy
        .prepare("select 1 from sqlite_master where type = 'table' and name = 'reports'")
        .get();
      reports = hasReports ? (copy.prepare('select count(*) as n from reports').get() as { n: number }).n : 0;
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, reports };
  } catch (e) {
    removePartial(partial);
    throw e;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, force: { type: 'boolean', default: false }, 'database-url': { type: 'string' } },
    }, USAGE);
  if (!args) return 2;
  // --db names a SQLite file even when DATABASE_URL names PostgreSQL
  const url = args.values.db === undefined || args.values['database-url'] !== undefined ? postgresUrl(args.values['database-url']) : undefined;
  if (notPostgres(args.values['database-url'])) {
    console.error(`参数错误：--database-url 应为 postgres:// 开头的 PostgreSQL 地址\n${USAGE}`);
    return 2;
  }
  if (url) {
    console.error(postgresBackupAdvice(url));
    return 2;
  }
  if (args.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const source = resolve(args.values.db ?? (process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH));
  const target = resolve(args.positionals[0] ?? join(ROOT, 'data/backups', `nianbao-${stamp()}.db`));
  if (target === source) {
    console.error('目标文件不能是数据库本身');
    return 2;
  }
  if (existsSync(target)) {
    if (!args.values.force) {
      console.error(`目标文件已存在：${target}（如需覆盖请加 --force）`);
      return 1;
    }
  }
  try {
    const tmp = existsSync(target) ? `${target}.new` : target;
    const r = await backupDatabase(source, tmp);
    if (tmp !== target) renameSync(tmp, target);
    console.log(
      `已备份数据库 ${source} → ${target}（${(r.bytes / 2 ** 20).toFixed(1)} MB，报告 ${r.reports} 份，完整性校验通过）`,
    );
    return 0;
  } catch (e) {
    console.error(`备份失败：${(e as Error).message}`);
    return 1;
  }
}
