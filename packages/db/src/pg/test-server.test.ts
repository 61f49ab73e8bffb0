import { describe, expect, it } from 'vitest';
import { pgAvailable } from './test-server';

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
