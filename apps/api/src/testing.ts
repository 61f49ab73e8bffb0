/**
 * Helpers for the API's tests only.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { ROOT, type Role } from '@nianbao/db';
import { Store, type StoreOptions } from '@nianbao/core';
import { deflateSync } from 'fflate';
import { writeZip } from '@nianbao/extract/testing/zip-writer';
import { crc32 } from '@nianbao/extract/zip';
import { buildApp, type AppOptions } from './app';

/** Every file of a folder but its README, as an upload would send it. */
const filesOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f !== 'README.md')
    .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
/** The seed reports (data/samples) and the real reports of ../shared/corpus, in every format they come in. */
export const seedFiles = () => filesOf(join(ROOT, 'data/samples'));
export const corpusFiles = () => filesOf(join(ROOT, '../shared/corpus'));

/**
 * The engine this run of the API's tests stores things in: PostgreSQL in vitest's `api-postgres`
 * project (NIANBAO_TEST_ENGINE=postgres, one server for the run: ./pg-setup.ts), SQLite otherwise.
 * A test about SQLite itself (its file, a raw SQLite statement) runs only on SQLite: `skipIf(!onSqlite)`.
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.NIANBAO_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const onSqlite = TEST_ENGINE === 'sqlite';

let copies = 0;
/** The PostgreSQL database of each app `testApp` built there, for `testSql`. */
const databases = new WeakMap<FastifyInstance, string>();

/**
 * A fresh, empty database on this run's engine: `<dir>/<name>.db` on SQLite (`dir` made if not given,
 * removed by the caller), a new database copied from the run's migrated template on PostgreSQL.
 */
export async function testDatabase(dir?: string, name = 'nianbao'): Promise<string> {
  if (onSqlite) return join(dir ?? mkdtempSync(join(tmpdir(), 'nianbao-test-')), `${name}.db`);
  const { pgQuery } = await import('@nianbao/db/pg/test-server');
  const url = new URL(inject('pgTemplateUrl'));
  const template = decodeURIComponent(url.pathname.slice(1));
  const copy = `${template}_${process.pid}_${++copies}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await pgQuery(inject('pgAdminUrl'), `create database "${copy}" template "${template}"`);
      break;
    } catch (e) {
      // two workers copying the template at the same moment: one waits for the other's copy
      if (attempt > 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  url.pathname = `/${copy}`;
  return url.toString();
}

/** A store over the database at `url` (from `testDatabase`), on this run's engine. Closed by the caller. */
export async function testStore(url: string, options: Omit<StoreOptions, 'path' | 'storage'> = {}): Promise<Store> {
  if (onSqlite) return new Store({ ...options, path: url });
  const { openStorage } = await import('@nianbao/db/pg');
  return new Store({ ...options, storage: await openStorage(url) });
}

/**
 * `buildApp` over the database at `url` (from `testDatabase`), as a deployment on this run's engine
 * has it: on SQLite the store at that path (accounts in the same file); on PostgreSQL the store and
 * the accounts on that database (`openStorage` + `openAccounts`, as server.ts opens them), closed
 * with the app. `store` (from `testStore`) instead of opening one: then closed by the caller.
 */
export async function testApp(url: string, options: Omit<AppOptions, 'databasePath' | 'accounts'> = {}): Promise<FastifyInstance> {
  if (onSqlite) return buildApp(options.store ? options : { ...options, databasePath: url });
  const { openAccounts } = await import('@nianbao/db/pg');
  const store = options.store ?? (await testStore(url, { auditor: options.auditor }));
  const accounts = await openAccounts(url);
  const app = await buildApp({ ...options, store, accounts });
  databases.set(app, url);
  app.addHook('onClose', async () => {
    await accounts.close();
    if (!options.store) await store.close();
  });
  return app;
}

/** A multipart/form-data body as a browser sends it: the form fields, then each file as `files`. */
export function form(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}) {
  const boundary = '----nianbao' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A built app listening on 127.0.0.1 (a free port), with an account of `role` logged in: its base
 * URL and session cookie, for tests that go through a real socket.
 */
export async function listeningAs(app: FastifyInstance, username: string, role: Role): Promise<{ base: string; cookie: string }> {
  const password = `${username} test passphrase`;
  await app.accounts.create({ username, password, role });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  return { base, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

/** A zip of `n` entries of `size` bytes each, compressible about 100:1 (under the ratio rule), built fast. */
export function compressibleZip(n: number, size: number, ext = '.txt'): Uint8Array {
  const data = new Uint8Array(size);
  let x = 7;
  for (let i = 0; i < size; i += 65536)
    for (let k = 0; k < 500; k++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      data[i + k] = x >>> 16;
    }
  const deflated = { body: deflateSync(data), crc: crc32(data), size };
  return writeZip(Array.from({ length: n }, (_, i) => ({ name: `report-${i}${ext}`, deflated })));
}


/** The first row a query answers, read straight from the app's database (as `testSql` writes). */
export async function testGet(app: FastifyInstance, statement: string, ...params: unknown[]): Promise<unknown> {
  if (onSqlite) return app.store.db.$client.prepare(statement).get(...params);
  const url = databases.get(app);
  if (!url) throw new Error('testGet: the app was not built by testApp on PostgreSQL');
  const { pgQuery } = await import('@nianbao/db/pg/test-server');
  let n = 0;
  return (await pgQuery(url, statement.replace(/\?/g, () => `$${++n}`), params))[0];
}

/**
 * A statement written straight to the app's database, for a test setting up what no route does (a
 * session expired, a deadline moved into the past): on SQLite through the app's own connection, on
 * PostgreSQL through a connection of its own (`?` placeholders become `$1`, `$2` …).
 */
export async function testSql(app: FastifyInstance, statement: string, ...params: unknown[]): Promise<void> {
  if (onSqlite) {
    app.store.db.$client.prepare(statement).run(...params);
    return;
  }
  const url = databases.get(app);
  if (!url) throw new Error('testSql: the app was not built by testApp on PostgreSQL');
  const { pgQuery } = await import('@nianbao/db/pg/test-server');
  let n = 0;
  await pgQuery(url, statement.replace(/\?/g, () => `$${++n}`), params);
}
