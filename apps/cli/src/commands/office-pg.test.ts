/**
 * The office's commands on PostgreSQL (issue 18): `export`, `agency` and `notice` with
 * `--database-url` or DATABASE_URL read and write the server's store, and make the same files as on
 * a SQLite store holding the same samples; `backup` there points to pg_dump instead.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import { run as agency } from './agency';
import { run as backup } from './backup';
import { run as exportRankings } from './export';
import { run as ingest } from './ingest';
import { run as notice } from './notice';
import { cliOutput } from './_testing';

const SAMPLES = ['000_91e0e63c20f568b3.txt', '004_52ba3b16510502cd.txt'];

/** A DOCX's parts but docProps/core.xml, which holds the moment it was made. */
const docxParts = (path: string) =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(readFileSync(path)))).filter(([name]) => name !== 'docProps/core.xml').map(([n, b]) => [n, Buffer.from(b).toString('utf8')]));

describe.skipIf(!pgAvailable())('the office’s commands on PostgreSQL', () => {
  let server: PgTestServer;
  let dir: string;
  let sqlite: string;
  const { out, err, ...output } = cliOutput();
  const capture = () => {
    output.streams();
    output.console();
  };
  /** A database of the server with the two samples ingested through the CLI. */
  const seeded = async (name: string) => {
    const url = await server.createDatabase(name);
    capture();
    expect(await ingest(['--database-url', url, '--json', ...SAMPLES])).toBe(0);
    out.length = 0;
    return url;
  };

  beforeAll(async () => {
    server = await startPgTestServer('nianbao_cli_office');
    dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-office-'));
    sqlite = join(dir, 'store.db');
    capture();
    expect(await ingest(['--db', sqlite, '--json', ...SAMPLES])).toBe(0);
    vi.restoreAllMocks();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('exports the rankings from PostgreSQL, with the flag or DATABASE_URL, the same file as from SQLite', async () => {
    const url = await seeded('cli_export');
    const [fromPg, fromEnv, fromSqlite] = ['pg.csv', 'env.csv', 'sqlite.csv'].map((f) => join(dir, f));
    expect(await exportRankings(['--database-url', url, '--year', '2019', '--format', 'csv', '--out', fromPg!])).toBe(0);
    expect(out.at(-1)).toBe(`已导出 2 个机关的 2019 年度排名：${fromPg}`);
    vi.stubEnv('DATABASE_URL', url);
    expect(await exportRankings(['--year', '2019', '--format', 'csv', '--out', fromEnv!])).toBe(0);
    vi.unstubAllEnvs();
    expect(await exportRankings(['--db', sqlite, '--year', '2019', '--format', 'csv', '--out', fromSqlite!])).toBe(0);
    const csv = readFileSync(fromPg!, 'utf8');
    expect(csv.split('\n').filter(Boolean).map((l) => l.split(',').slice(1, 3).join(','))).toEqual(['机关名称,所属地区', '新余市文广新旅局,江西省新余市', '南开区文化和旅游局,天津市南开区']);
    expect(readFileSync(fromEnv!, 'utf8')).toBe(csv);
    expect(readFileSync(fromSqlite!, 'utf8')).toBe(csv);

    // a year without reports: no file, exit 1
    expect(await exportRankings(['--database-url', url, '--year', '2018', '--format', 'csv', '--out', join(dir, 'none.csv')])).toBe(1);
    expect(existsSync(join(dir, 'none.csv'))).toBe(false);
  });

  it('adds an alias and merges agencies in PostgreSQL, each with its entry in that database’s audit log', async () => {
    const url = await seeded('cli_agency');
    const ids = Object.fromEntries((await pgQuery<{ id: number; name: string }>(url, 'select id, name from agencies')).map((a) => [a.name, a.id]));
    const xinyu = ids['新余市文广新旅局']!;
    expect(await agency(['alias', String(xinyu), '新余市文化广电新闻出版旅游局', '--database-url', url])).toBe(0);
    const said = out.at(-1);
    expect(said).toBe(`已为“新余市文广新旅局”（编号 ${xinyu}）添加名称“新余市文化广电新闻出版旅游局”。现有名称：新余市文化广电新闻出版旅游局、新余市文广新旅局`);
    // the names listed in the same order as on a SQLite store (a copy of the one made above)
    const copy = join(dir, 'agency.db');
    expect(await backup([copy, '--db', sqlite])).toBe(0);
    expect(await agency(['alias', String(xinyu), '新余市文化广电新闻出版旅游局', '--db', copy])).toBe(0);
    expect(out.at(-1)).toBe(said);
    expect(await pgQuery(url, 'select alias from agency_aliases where agency_id = $1 order by alias', [xinyu])).toEqual(
      expect.arrayContaining([{ alias: '新余市文化广电新闻出版旅游局' }]),
    );

    vi.stubEnv('DATABASE_URL', url);
    const nankai = ids['南开区文化和旅游局']!;
    expect(await agency(['merge', String(xinyu), String(nankai)])).toBe(0);
    expect(out.at(-1)).toMatch(new RegExp(`^已将机关 ${nankai} 并入“新余市文广新旅局”（编号 ${xinyu}），移入报告 1 份。`));
    expect(await pgQuery(url, 'select count(*)::int as n from reports where agency_id = $1', [xinyu])).toEqual([{ n: 2 }]);
    const log = await pgQuery<{ action: string; target: string; region_code: string; detail: string }>(url, "select action, target, region_code, detail from audit_log where action like 'agency.%' order by id");
    expect(log.map((e) => [e.action, e.target, e.region_code, JSON.parse(e.detail)])).toEqual([
      ['agency.alias', `agency:${xinyu}`, '360500', { alias: '新余市文化广电新闻出版旅游局' }],
      ['agency.merge', `agency:${xinyu}`, '360500', { from: nankai }],
    ]);

    expect(await agency(['alias', '99999', '某某局'])).toBe(1);
    expect(err.at(-1)).toContain('99999');
  });

  it('issues a notice from PostgreSQL, opening the case there, the same letter as from SQLite', async () => {
    const url = await seeded('cli_notice');
    const [{ id }] = (await pgQuery<{ id: number }>(url, "select id from reports where file_name = '000_91e0e63c20f568b3.txt'")) as [{ id: number }];
    const [fromPg, fromSqlite] = [join(dir, 'pg.docx'), join(dir, 'sqlite.docx')];
    expect(await notice([String(id), '--database-url', url, '--due', '2099-03-01', '--out', fromPg])).toBe(0);
    expect(out.at(-1)).toMatch(new RegExp(`^已生成 1 份整改通知书（共 \\d+ 个问题），整改期限 2099-03-01：${fromPg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    const cases = await pgQuery<{ report_id: number; year: number; due_on: string }>(url, 'select report_id, year, due_on from rectification_cases');
    expect(cases).toEqual([{ report_id: id, year: 2019, due_on: '2099-03-01' }]);
    const items = await pgQuery<{ n: number }>(url, 'select count(*)::int as n from rectification_items');
    expect(out.at(-1)).toContain(`（共 ${items[0]!.n} 个问题）`);

    // the SQLite store got the same samples in the same order: report ids and letters alike
    expect(await notice([String(id), '--db', sqlite, '--due', '2099-03-01', '--out', fromSqlite])).toBe(0);
    expect(docxParts(fromPg)).toEqual(docxParts(fromSqlite));

    // by year, through DATABASE_URL: one letter for both units of 2019
    vi.stubEnv('DATABASE_URL', url);
    expect(await notice(['--year', '2019', '--due', '2099-03-01', '--out', join(dir, 'year.docx')])).toBe(0);
    expect(out.at(-1)).toMatch(/^已生成 2 份整改通知书/);
    expect(await pgQuery(url, 'select count(*)::int as n from rectification_cases')).toEqual([{ n: 2 }]);
  });

  it('refuses to back up a PostgreSQL database, pointing to pg_dump, and still backs up a SQLite file named with --db', async () => {
    capture();
    const withPassword = new URL(server.url);
    withPassword.password = 'secret';
    const url = withPassword.toString();
    expect(await backup(['--database-url', url])).toBe(2);
    expect(err.at(-1)).toMatch(/^数据库 postgres:\/\/.*是 PostgreSQL 数据库，backup 命令只备份 SQLite 数据库文件。请用 PostgreSQL 自带的工具备份：pg_dump 做一致的逻辑备份/);
    expect(err.join('\n')).not.toContain('secret');
    vi.stubEnv('DATABASE_URL', server.url);
    expect(await backup([join(dir, 'none.db')])).toBe(2);
    expect(err.at(-1)).toContain('pg_dump');
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    expect(await backup([join(dir, 'copy.db'), '--db', sqlite])).toBe(0);
    expect(out.at(-1)).toMatch(/报告 2 份，完整性校验通过）$/);
    expect(await backup(['--database-url', 'mysql://u@h/db'])).toBe(2);
    expect(err.at(-1)).toMatch(/^参数错误：--database-url 应为 postgres:\/\/ 开头的 PostgreSQL 地址/);
  });
});
