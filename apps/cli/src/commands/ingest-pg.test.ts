import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import { POSTGRES_COMMANDS, postgresUrl, refusal } from './_engine';
import { run } from './ingest';
import { cliOutput } from './_testing';
import { run as rescore } from './rescore';

// named as a user in data/samples would name them (paths are taken from INIT_CWD, stubbed below)
const SAMPLES = ['000_91e0e63c20f568b3.txt', '004_52ba3b16510502cd.txt'];

describe('cli on PostgreSQL: which commands may run', () => {
  const pg = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/nianbao' };

  it('refuses, in Chinese and naming the command, a command not yet ported when DATABASE_URL is PostgreSQL', () => {
    // every command of today runs there (backup answers itself, pointing to pg_dump): a new one is refused until listed
    expect(refusal('import-roster', pg)).toBe(
      'DATABASE_URL 指向 PostgreSQL 数据库，但命令 “import-roster” 暂只支持 SQLite 数据库，尚不能在 PostgreSQL 上运行。' +
        '目前可在 PostgreSQL 上使用的命令：serve、ingest、rescore、users、migrate-to、audit、gen、export、agency、notice。如需对 SQLite 数据库运行此命令，请先取消 DATABASE_URL。',
    );
    for (const name of ['export', 'notice', 'agency', 'backup', 'serve', 'users']) expect(refusal(name, pg)).toBeNull();
  });

  it('lets ingest and the commands without a store run on PostgreSQL, and everything run without DATABASE_URL or with a SQLite one', () => {
    for (const name of POSTGRES_COMMANDS) expect(refusal(name, pg)).toBeNull();
    expect(refusal('export', {})).toBeNull();
    expect(refusal('export', { DATABASE_URL: 'data/nianbao.db' })).toBeNull();
  });

  it('takes the flag before DATABASE_URL, and only a postgres:// url', () => {
    expect(postgresUrl('postgresql://a/b', pg)).toBe('postgresql://a/b');
    expect(postgresUrl(undefined, pg)).toBe(pg.DATABASE_URL);
    expect(postgresUrl(undefined, {})).toBeUndefined();
    expect(postgresUrl(undefined, { DATABASE_URL: 'mysql://a/b' })).toBeUndefined();
  });
});

describe.skipIf(!pgAvailable())('cli ingest into PostgreSQL', () => {
  let server: PgTestServer;
  const { out, err, streams: capture } = cliOutput();

  beforeAll(async () => {
    server = await startPgTestServer('nianbao_cli_ingest');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  const reports = async (url: string) =>
    (await pgQuery<{ file_name: string; current: boolean }>(url, 'select file_name, current from reports order by file_name')).map((r) => `${r.file_name} ${r.current}`);

  it('imports two sample files with --database-url: two reports stored there, one import in the audit log', async () => {
    const url = await server.createDatabase('cli_flag');
    capture();
    expect(await run(['--database-url', url, '--json', ...SAMPLES])).toBe(0);
    const json = JSON.parse(out.join('')) as { summary: { ingested: number; failed: number } };
    expect(json.summary).toMatchObject({ ingested: 2, failed: 0 });
    expect(await reports(url)).toEqual(['000_91e0e63c20f568b3.txt true', '004_52ba3b16510502cd.txt true']);
    const log = await pgQuery<{ action: string; detail: string }>(url, 'select action, detail from audit_log');
    expect(log.map((r) => [r.action, JSON.parse(r.detail).summary.ingested])).toEqual([['report.import', 2]]);
  });

  it('imports into the database DATABASE_URL names, the same files again are unchanged (no third report), and rescore works there', async () => {
    const url = await server.createDatabase('cli_env');
    vi.stubEnv('DATABASE_URL', url);
    capture();
    expect(await run(SAMPLES)).toBe(0);
    expect(out.join('')).toMatch(/新增\s*│?\s*2/);
    expect(out.join('')).toContain(`数据库：${new URL(url).toString()}`);
    out.length = 0;
    expect(await run(SAMPLES)).toBe(0);
    expect(out.join('')).toMatch(/未变化\s*│?\s*2/);
    expect(await reports(url)).toEqual(['000_91e0e63c20f568b3.txt true', '004_52ba3b16510502cd.txt true']);
    expect(await pgQuery(url, 'select count(*)::int as n from audit_log')).toEqual([{ n: 2 }]);

    // rescore on the same database: both reports re-audited, their scores unchanged, logged there
    const scores = await pgQuery(url, 'select file_name, score from reports order by file_name');
    const log: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void log.push(s));
    expect(await rescore([])).toBe(0);
    expect(log.join('\n')).toMatch(/^已重新审查 2 份报告，其中 0 份得分或问题数有变化/);
    expect(await pgQuery(url, 'select file_name, score from reports order by file_name')).toEqual(scores);
    expect((await pgQuery<{ action: string }>(url, 'select action from audit_log order by id')).map((r) => r.action)).toEqual(['report.import', 'report.import', 'report.rescore']);
  });

  it('exits 2 for a url that is not PostgreSQL, or both a SQLite file and a PostgreSQL url', async () => {
    capture();
    expect(await run(['--database-url', 'mysql://x/y', ...SAMPLES])).toBe(2);
    expect(err[0]).toMatch(/^参数错误：--database-url 应为 postgres:\/\/ 开头的 PostgreSQL 地址\n用法: ingest/);
    expect(await run(['--database-url', server.url, '--db', 'x.db', ...SAMPLES])).toBe(2);
    expect(err[1]).toMatch(/^参数错误：--db（SQLite 数据库文件）与 PostgreSQL 地址不能同时指定/);
  });
});
