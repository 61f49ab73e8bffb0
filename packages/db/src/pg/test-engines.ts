/**
 * The storage engines a test runs on: SQLite always, PostgreSQL where a server can be had
 * (`pgAvailable()`: under CI a missing server fails the suite instead of skipping it). Each `open()`
 * gives a fresh, empty store; on PostgreSQL a database of its own on one throwaway server per test
 * file, started at the first `open()` and stopped by `stop()` (call it in `afterAll`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadQueries } from '../queries';
import { SqliteStorage } from '../sqlite-storage';
import type { PgOfficeQueries } from './office';
import { PgStorage } from './storage';
import { pgAvailable, startPgTestServer, type PgTestServer } from './test-server';

/**
 * What both storages offer, as the core's `Storage` asks it (which @nianbao/db cannot import): the
 * type a test written once for both engines holds.
 */
export type EitherStorage = Omit<PgStorage, 'withTransaction' | 'office' | 'queries'> & {
  withTransaction<T>(fn: (tx: EitherStorage) => Promise<T>): Promise<T>;
  readonly office: Pick<PgOfficeQueries, keyof PgOfficeQueries>;
  readonly queries: ReadQueries;
};

export interface StorageEngine {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store (closed by the test; removed by `stop()`). */
  open(): Promise<EitherStorage>;
  /** The url (a SQLite path, a `postgres://` url) of a fresh, empty store, for a test that opens it itself. */
  url(): Promise<string>;
  stop(): Promise<void>;
}

function sqliteEngine(): StorageEngine {
  const dirs: string[] = [];
  const url = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-engine-'));
    dirs.push(dir);
    return join(dir, 'test.db');
  };
  return {
    name: 'sqlite',
    url,
    open: async () => new SqliteStorage(await url()),
    stop: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresEngine(): StorageEngine {
  let server: Promise<PgTestServer> | null = null;
  const url = async () => (await (server ??= startPgTestServer('nianbao_engine'))).createDatabase('nianbao_engine');
  return {
    name: 'postgres',
    url,
    open: async () => PgStorage.open(await url(), { max: 4 }),
    stop: async () => {
      if (server) await (await server).stop();
      server = null;
    },
  };
}

export function storageEngines(): StorageEngine[] {
  return pgAvailable() ? [sqliteEngine(), postgresEngine()] : [sqliteEngine()];
}
