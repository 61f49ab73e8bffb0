/**
 * Which database a command writes to (issue 18). `--database-url`, else DATABASE_URL: a
 * `postgres://` url names a PostgreSQL database, which only the commands that write reports through
 * the store's storage can use today; the others read through the API's queries and the accounts,
 * which have only a SQLite implementation, and refuse rather than silently use the SQLite file.
 */

/** Commands that work with DATABASE_URL pointing at PostgreSQL (migrate-to reads SQLite and takes its own url). */
export const POSTGRES_COMMANDS = ['ingest', 'rescore', 'migrate-to', 'audit', 'gen'] as const;

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
    `DATABASE_URL 指向 PostgreSQL 数据库，但命令 “${name}” 需要的查询与账号功能暂只支持 SQLite 数据库，尚不能在 PostgreSQL 上运行。` +
    `目前可在 PostgreSQL 上使用的命令：ingest（导入报告）、rescore（重新评分）、migrate-to（迁移）。如需对 SQLite 数据库运行此命令，请先取消 DATABASE_URL。`
  );
}

/**
 * A row of the audit log on PostgreSQL, where the accounts (which write it on SQLite) have no
 * implementation yet: the columns `Accounts.record` writes. @nianbao/db/pg (and so `pg`) is loaded
 * only here, for PostgreSQL.
 */
export async function recordOnPostgres(url: string, entry: { actor: string; action: string; detail: unknown }): Promise<void> {
  const { openPg, pgSchema } = await import('@nianbao/db/pg');
  const db = await openPg(url, { max: 1 });
  try {
    await db.insert(pgSchema.auditLog).values({ at: new Date().toISOString(), actor: entry.actor, action: entry.action, detail: JSON.stringify(entry.detail) });
  } finally {
    await db.$client.end();
  }
}
