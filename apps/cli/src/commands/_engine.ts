/**
 * Which database a command writes to (issue 18). `--database-url`, else DATABASE_URL: a
 * `postgres://` url names a PostgreSQL database, which the commands of POSTGRES_COMMANDS can use; the
 * others refuse rather than silently use the SQLite file.
 */
// @nianbao/core (and with it the database drivers and the worker pool) is loaded where a store is
// opened, not with this module: main.ts asks `refusal` before every command, `--help` included
import type { Accounts, NewAuditEntry, Store } from '@nianbao/core';

/**
 * Commands that work with DATABASE_URL pointing at PostgreSQL (migrate-to reads SQLite and takes its
 * own url; backup answers there itself, pointing to pg_dump).
 */
export const POSTGRES_COMMANDS = ['serve', 'ingest', 'rescore', 'users', 'migrate-to', 'audit', 'gen', 'export', 'agency', 'notice', 'backup'] as const;

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
    `目前可在 PostgreSQL 上使用的命令：${POSTGRES_COMMANDS.filter((c) => c !== 'backup').join('、')}。如需对 SQLite 数据库运行此命令，请先取消 DATABASE_URL。`
  );
}

/**
 * The PostgreSQL url of a command given `--database-url` and `--db`, or an error in Chinese (a url of
 * another engine, or both a SQLite file and a PostgreSQL url).
 */
export function databaseChoice(values: { db?: string; 'database-url'?: string }): { url: string | undefined } | { error: string } {
  const url = postgresUrl(values['database-url']);
  if (notPostgres(values['database-url']) || (url && values.db)) {
    return { error: '参数错误：--database-url 应为 postgres:// 开头的 PostgreSQL 地址，且不能与 --db 同时指定' };
  }
  return { url };
}

export interface CommandStore {
  store: Store;
  close(): Promise<void>;
}

/**
 * The store a command works on: PostgreSQL's at `url` (@nianbao/db/pg, and so `pg`, loaded only
 * then), else the SQLite file at `path` (default DATABASE_PATH). `close` waits for the server
 * connection to end, so the command's process exits at once.
 */
export async function openStore(url: string | undefined, path: string | undefined): Promise<CommandStore> {
  const { Store } = await import('@nianbao/core');
  const store = url ? new Store({ storage: await (await import('@nianbao/db/pg')).openStorage(url) }) : new Store({ path });
  return { store, close: () => store.close() };
}

/**
 * Writes an entry of the audit log beside the command's store: into PostgreSQL's at `url` (the
 * accounts opened for it and closed again; @nianbao/db/pg, and so `pg`, loaded only then), else into
 * the SQLite store's own database. The entry may be made from the accounts (an agency's region).
 */
export async function recordAudit(
  url: string | undefined,
  store: Store,
  entry: NewAuditEntry | ((accounts: Accounts) => Promise<NewAuditEntry>),
): Promise<void> {
  const { Accounts } = await import('@nianbao/core');
  const write = async (accounts: Accounts) => accounts.record(typeof entry === 'function' ? await entry(accounts) : entry);
  if (!url) return write(new Accounts(store.db));
  const storage = await (await import('@nianbao/db/pg')).openAccounts(url);
  try {
    await write(new Accounts(storage));
  } finally {
    await storage.close();
  }
}
