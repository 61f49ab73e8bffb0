/**
 * Which database a command writes to (issue 18). `--database-url`, else DATABASE_URL: a
 * `postgres://` url names a PostgreSQL database, which the commands of POSTGRES_COMMANDS can use; the
 * others refuse rather than silently use the SQLite file.
 */
import { Accounts, type NewAuditEntry, type Store } from '@nianbao/core';

/** Commands that work with DATABASE_URL pointing at PostgreSQL (migrate-to reads SQLite and takes its own url). */
export const POSTGRES_COMMANDS = ['serve', 'ingest', 'rescore', 'users', 'migrate-to', 'audit', 'gen'] as const;

const isPostgresUrl = (url: string | undefined): url is string => Boolean(url && /^postgres(ql)?:\/\//i.test(url));

/** The PostgreSQL url a command is given (its flag first, then DATABASE_URL), or undefined for SQLite. */
export function postgresUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = flag ?? env.DATABASE_URL;
  return isPostgresUrl(url) ? url : undefined;
}

/** Whether `--database-url` was given something other than a PostgreSQL url (a usage error). */
export const notPostgres = (flag: string | undefined) => flag !== undefined && !isPostgresUrl(flag);

/** Why command `name` cannot run with this environment, in Chinese; null when it can. */
export function refusal(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!isPostgresUrl(env.DATABASE_URL) || (POSTGRES_COMMANDS as readonly string[]).includes(name)) return null;
  return (
    `DATABASE_URL 指向 PostgreSQL 数据库，但命令 “${name}” 暂只支持 SQLite 数据库，尚不能在 PostgreSQL 上运行。` +
    `目前可在 PostgreSQL 上使用的命令：serve（启动服务）、ingest（导入报告）、rescore（重新评分）、users（账号管理）、migrate-to（迁移）。如需对 SQLite 数据库运行此命令，请先取消 DATABASE_URL。`
  );
}

/**
 * Writes an entry of the audit log beside the command's store: into PostgreSQL's at `url` (the
 * accounts opened for it and closed again; @nianbao/db/pg, and so `pg`, loaded only then), else into
 * the SQLite store's own database.
 */
export async function recordAudit(url: string | undefined, store: Store, entry: NewAuditEntry): Promise<void> {
  if (!url) return new Accounts(store.db).record(entry);
  const storage = await (await import('@nianbao/db/pg')).openAccounts(url);
  try {
    await new Accounts(storage).record(entry);
  } finally {
    await storage.close();
  }
}
