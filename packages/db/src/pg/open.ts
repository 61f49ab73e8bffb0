/**
 * The storage a deployment asks for: PostgreSQL for a `postgres://` (or `postgresql://`) url, else
 * SQLite (at the path given, or DATABASE_PATH, or data/nianbao.db). Here, under @nianbao/db/pg, so
 * that the SQLite product never loads `pg`.
 */
import { SqliteStorage } from '../sqlite-storage';
import { PgStorage } from './storage';

export const isPostgresUrl = (url: string | undefined): url is string => Boolean(url && /^postgres(ql)?:\/\//i.test(url));

export async function openStorage(url?: string): Promise<SqliteStorage | PgStorage> {
  return isPostgresUrl(url) ? PgStorage.open(url) : new SqliteStorage(url);
}
