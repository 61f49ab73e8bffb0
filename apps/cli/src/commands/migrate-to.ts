/**
 * `migrate-to --database-url postgres://… [--db 路径] [--batch 行数]`: copies the SQLite store into
 * a PostgreSQL database (issue 18), resumable: after an interruption the same command goes on from
 * the last batch written. Ends with the row count and checksum of every table on both sides; exits
 * 1 when any differs. Stop the server first: rows written to SQLite during the copy would differ.
 */
import { resolve } from 'node:path';
import { commandArgs } from './_args';
import { DEFAULT_DATABASE_PATH } from '@nianbao/db';

const USAGE = '用法: migrate-to --database-url postgres://用户:密码@主机:端口/数据库 [--db SQLite 数据库文件] [--batch 每批行数]';

/** The URL without its password, for printing. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(无法解析的地址)';
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({ args: argv, options: { 'database-url': { type: 'string' }, db: { type: 'string' }, batch: { type: 'string' } } }, USAGE);
  if (!args) return 2;
  const url = args.values['database-url'];
  const batchRows = args.values.batch === undefined ? undefined : Number(args.values.batch);
  if (!url || !/^postgres(ql)?:\/\//.test(url) || (batchRows !== undefined && !(Number.isInteger(batchRows) && batchRows > 0))) {
    console.error(USAGE);
    return 2;
  }
  const source = resolve(args.values.db ?? (process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH));
  const { migrateTo } = await import('@nianbao/db/pg');

  console.log(`迁移 ${source} → ${shown(url)}`);
  const interrupted = () => {
    console.error('\n迁移已中断。已写入的批次会保留，重新运行同一命令即可从中断处继续。');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let lastPrint = 0;
  try {
    const result = await migrateTo({
      sqlitePath: source,
      databaseUrl: url,
      batchRows,
      onStart: ({ resumed, complete }) => {
        if (complete) console.log('此前已迁移完成，只重新核对');
        else if (resumed) console.log('继续上次未完成的迁移（已写入的批次不再复制）');
      },
      onProgress: ({ table, copied, total }) => {
        if (copied < total && Date.now() - lastPrint < 2000) return;
        lastPrint = Date.now();
        console.log(`  ${table}：已复制 ${copied} / ${total} 行`);
      },
    });

    const width = Math.max(...result.tables.map((t) => t.table.length));
    console.log(`\n${'表'.padEnd(width - 1)}  SQLite 行数  PostgreSQL 行数  校验`);
    for (const t of result.tables) {
      const check = t.ok ? `一致 ${t.sqliteChecksum.slice(0, 12)}` : t.sqliteRows !== t.pgRows ? '行数不一致' : `校验和不一致 ${t.sqliteChecksum.slice(0, 12)} ≠ ${t.pgChecksum.slice(0, 12)}`;
      console.log(`${t.table.padEnd(width)}  ${String(t.sqliteRows).padStart(11)}  ${String(t.pgRows).padStart(15)}  ${check}`);
    }
    const rows = result.tables.reduce((n, t) => n + t.sqliteRows, 0);
    if (result.unknownTables.length) console.error(`\nSQLite 数据库中有本程序不认识的表，未迁移：${result.unknownTables.join('、')}`);
    const bad = result.tables.filter((t) => !t.ok).map((t) => t.table);
    if (bad.length) {
      console.error(`\n校验不一致：${bad.join('、')}。请确认迁移期间没有写入 SQLite 数据库（先停止服务），再迁移到一个新的空数据库。`);
    }
    if (!result.ok) return 1;
    console.log(`\n迁移完成：${result.tables.length} 张表共 ${rows} 行，本次复制 ${result.copied} 行，行数与校验和全部一致。`);
    return 0;
  } catch (e) {
    console.error(`迁移失败：${(e as Error).message}\n已写入的批次会保留，排除问题后重新运行同一命令即可继续。`);
    return 1;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
