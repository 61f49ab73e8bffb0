import { describe, expect, it } from 'vitest';
import { pgAvailable, pgBinDir, pgQuery, startPgTestServer, type PgTestServer } from './test-server';

describe('pgAvailable', () => {
  const none = () => null;
  it('fails under CI when there is neither DATABASE_URL_TEST nor initdb, so no PostgreSQL test passes by skipping', () => {
    expect(() => pgAvailable({ CI: 'true' }, none)).toThrow('PostgreSQL 测试需要数据库服务：未设置 DATABASE_URL_TEST，也未找到 initdb（请安装 postgresql）');
  });
  it('skips on a developer machine without a server', () => {
    expect(pgAvailable({}, none)).toBe(false);
  });
  it('runs with a server given by DATABASE_URL_TEST or with initdb installed', () => {
    expect(pgAvailable({ CI: 'true', DATABASE_URL_TEST: 'postgres://nianbao@127.0.0.1:5432/postgres' }, none)).toBe(true);
    expect(pgAvailable({ CI: 'true' }, () => '/usr/lib/postgresql/15/bin')).toBe(true);
  });
});

// a server of its own: needs initdb (pgAvailable, above, fails CI without one)
describe.skipIf(!pgAvailable() || !pgBinDir())('startPgTestServer', () => {
  it('starts a throwaway server, and with DATABASE_URL_TEST makes a database of its own on that server, dropped at the end', async () => {
    const saved = process.env.DATABASE_URL_TEST;
    delete process.env.DATABASE_URL_TEST;
    let local: PgTestServer | undefined;
    try {
      local = await startPgTestServer('nianbao_local');
      const localUrl = local.url;
      expect(localUrl).toMatch(/^postgres:\/\/nianbao@127\.0\.0\.1:\d+\/nianbao_local_\d+_/);
      expect(await pgQuery<{ user: string; server: string }>(localUrl, 'select current_user as user, inet_server_addr()::text as server')).toEqual([{ user: 'nianbao', server: '127.0.0.1/32' }]);
      process.env.DATABASE_URL_TEST = localUrl;
      const external = await startPgTestServer('nianbao_external');
      const name = new URL(external.url).pathname.slice(1);
      expect(name).toMatch(/^nianbao_external_\d+_/);
      expect(await pgQuery(external.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      const listed = async () => (await pgQuery<{ name: string }>(localUrl, 'select datname as name from pg_database')).map((d) => d.name);
      expect(await listed()).toContain(name);
      await external.stop();
      expect(await listed()).not.toContain(name);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL_TEST;
      else process.env.DATABASE_URL_TEST = saved;
      await local?.stop();
    }
  }, 120_000);
});
