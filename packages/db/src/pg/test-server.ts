/**
 * A PostgreSQL server for the tests. With `DATABASE_URL_TEST` (a server someone runs, reached as a
 * role that may create databases) each suite gets a database of its own there, dropped at the end.
 * Otherwise a throwaway server: `initdb` in a temporary directory, `postgres` listening on 127.0.0.1
 * on a free port (and on a socket in that directory), run as an unprivileged user when we are root
 * (PostgreSQL refuses root), removed at the end. `.ci/run` installs Debian's `postgresql` for it.
 *
 * A suite that needs PostgreSQL calls `pgAvailable()` when it is collected: without a server it is
 * skipped on a developer's machine, and fails under CI (CI set), so that no run passes by skipping.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgTestServer {
  /** `postgres://…` of a fresh, empty database of this server. */
  url: string;
  /** Another fresh database on the same server (for a test that needs two). */
  createDatabase(name: string): Promise<string>;
  /** Drops the databases made here and stops the server if it was started here. */
  stop(): Promise<void>;
}

/** The directory holding `initdb` and `postgres`: PG_BIN, else `pg_config --bindir`, else Debian's newest. */
export function pgBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, v, 'bin'));
  }
  return candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'postgres'))) ?? null;
}

/**
 * Whether the PostgreSQL tests can run. Under CI a missing server throws (the suite fails); elsewhere
 * it returns false and the suite is skipped.
 */
export function pgAvailable(env: NodeJS.ProcessEnv = process.env, binDir: () => string | null = pgBinDir): boolean {
  if (env.DATABASE_URL_TEST || binDir()) return true;
  if (env.CI) {
    throw new Error('PostgreSQL 测试需要数据库服务：未设置 DATABASE_URL_TEST，也未找到 initdb（请安装 postgresql）');
  }
  return false;
}

const uidOf = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());

/** The unprivileged account to run the server as when we are root: `postgres` if it exists, else `nobody`. */
function serverAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ['postgres', 'nobody']) {
    try {
      return { uid: uidOf(user), gid: gidOf(user) };
    } catch {
      // no such user
    }
  }
  throw new Error('以 root 运行时需要一个非特权用户（postgres 或 nobody）来启动 PostgreSQL');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Directories of servers whose test process was killed (the server itself stopped with it). */
function removeStaleDirectories() {
  for (const f of readdirSync(tmpdir())) {
    const pid = /^nianbao-pg-(\d+)-/.exec(f)?.[1];
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(join(tmpdir(), f), { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL 启动失败：\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL 60 秒内未就绪：${(e as Error).message}\n${log()}`);
      await sleep(200);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates and drops databases through a connection to `adminUrl`. */
function databases(adminUrl: string) {
  const made: string[] = [];
  const withAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    async create(name: string): Promise<string> {
      await withAdmin(`create database ${quoteIdent(name)}`);
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll() {
      for (const name of made.splice(0)) await withAdmin(`drop database if exists ${quoteIdent(name)} with (force)`);
    },
  };
}

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;

/** Starts (or connects to) a PostgreSQL server and makes a fresh database on it (see the file's comment). */
export async function startPgTestServer(prefix = 'nianbao_test'): Promise<PgTestServer> {
  const external = process.env.DATABASE_URL_TEST;
  if (external) {
    const dbs = databases(external);
    return { url: await dbs.create(uniqueName(prefix)), createDatabase: (n) => dbs.create(uniqueName(n)), stop: () => dbs.dropAll() };
  }
  const bin = pgBinDir();
  if (!bin) throw new Error('未找到 PostgreSQL（initdb）：请安装 postgresql，或设置 DATABASE_URL_TEST');
  const account = serverAccount();
  removeStaleDirectories();
  const dir = mkdtempSync(join(tmpdir(), `nianbao-pg-${process.pid}-`));
  if (account) chownSync(dir, account.uid, account.gid);
  const asServer = account ? { uid: account.uid, gid: account.gid } : {};
  const data = join(dir, 'data');
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'nianbao', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...asServer,
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb 失败：${(e as { stderr?: Buffer }).stderr?.toString() ?? (e as Error).message}`);
  }

  let server: ChildProcess | undefined;
  let url = '';
  let stderr = '';
  for (let attempt = 0; attempt < 5 && !server; attempt++) {
    const port = await freePort();
    const args = [
      '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
      // a throwaway server: durability off, small memory, quiet
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
      '-c', 'shared_buffers=32MB', '-c', 'logging_collector=off',
      // the API's PostgreSQL run shares one server: two apps of 20 connections each (storage and
      // accounts pools) in one test while another test file runs beside it
      '-c', 'max_connections=200',
    ];
    // The shell in between stops the server when our end of its stdin closes: on stop(), and also
    // when this process dies without stopping it, so no server outlives the test run.
    // (stdin is kept on fd 3: an asynchronous list's own stdin is /dev/null)
    const script = `exec 3<&0; "$0" "$@" </dev/null & pid=$!; (cat <&3 >/dev/null; kill -INT $pid 2>/dev/null) & wait $pid`;
    const child = spawn('/bin/sh', ['-c', script, join(bin, 'postgres'), ...args], { ...asServer, cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    url = `postgres://nianbao@127.0.0.1:${port}/postgres`;
    try {
      await waitUntilReady(url, child, () => stderr);
      server = child;
    } catch (e) {
      child.stdin!.end();
      if (!/already in use|could not bind/i.test(stderr) || attempt === 4) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const dbs = databases(url);
  const stop = async () => {
    await dbs.dropAll().catch(() => {});
    if (server!.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server!.stdin!.end();
      // a timer that does not keep the process alive once the server has exited (a global setup
      // stops it in vitest's main process, which would otherwise wait out the 30 s)
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: await dbs.create(uniqueName(prefix)), createDatabase: (n) => dbs.create(uniqueName(n)), stop };
}

/** Runs one statement on the database at `url` (a test's look at what a migration wrote). */
export async function pgQuery<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
