import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authSchema, officeSchema, schema } from '@nianbao/db';
import { copiedTables, MIGRATE_TO_LOCK, migrateTo } from '@nianbao/db/pg';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import { Store } from './store';

const ROOT = join(import.meta.dirname, '../../..');
const SEEDS = ['000_91e0e63c20f568b3.txt', '004_52ba3b16510502cd.txt'].map((f) => ({ name: `seeds/${f}`, bytes: readFileSync(join(ROOT, 'data/samples', f)) }));

/**
 * A store with the seeds ingested and one reviewed finding (the store API), and a row or more in
 * every other table: an account, its session, audit entries, the roster, a filing, a deadline rule
 * and a rectification case with its items.
 */
export async function seededStore(path: string): Promise<void> {
  const store = new Store({ path });
  try {
    const results = await store.ingest(SEEDS);
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested']);
    const reportId = results[1]!.reportId!;
    const finding = store.db.select().from(schema.findings).all().find((f) => f.reportId === reportId && f.fingerprint)!;
    expect(await store.review(reportId, finding.fingerprint!, { decision: 'dismiss', reason: '误报：表格跨页', userId: 1, userName: '审核员' })).toEqual({ ok: true });
    expect(await store.correctCell(reportId, 't3.newReceived.total', { value: 1, reason: '原件为1', userId: 1, userName: '审核员' })).toEqual({ ok: true });
    const report = store.db.select().from(schema.reports).all().find((r) => r.id === reportId)!;
    const at = '2026-02-01T08:00:00.000Z';
    store.db.insert(authSchema.users).values({ id: 1, username: '审核员', passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', role: 'reviewer', regionCode: '36', createdAt: at, updatedAt: at }).run();
    store.db.insert(authSchema.sessions).values({ tokenHash: 'f'.repeat(64), userId: 1, createdAt: at, expiresAt: '2026-02-02T08:00:00.000Z', lastSeenAt: at, ip: '127.0.0.1', userAgent: null }).run();
    store.db.insert(authSchema.loginAttempts).values({ login: '审核员', ip: '127.0.0.1', at }).run();
    store.db.insert(authSchema.auditLog).values([
      { at, userId: 1, actor: '审核员', action: 'session.login', target: null, regionCode: null, detail: null, ip: '127.0.0.1' },
      { at, userId: 1, actor: '审核员', action: 'finding.review', target: `report:${reportId}`, regionCode: '3605', detail: JSON.stringify({ decision: 'dismiss' }), ip: '127.0.0.1' },
    ]).run();
    store.db.insert(officeSchema.rosterUnits).values({ agencyId: report.agencyId, kindLabel: '部门', parentName: '新余市人民政府', fromYear: 2019, url: 'http://example.invalid/', updatedAt: at }).run();
    store.db.insert(officeSchema.filings).values({ agencyId: report.agencyId, year: report.year, filedOn: '2020-01-20', updatedAt: at }).run();
    store.db.insert(officeSchema.deadlineRules).values({ regionCode: '36', kind: 'department', monthDay: '01-31' }).run();
    const [kase] = store.db.insert(officeSchema.rectificationCases).values({ agencyId: report.agencyId, year: report.year, reportId, issuedOn: '2026-02-01', dueOn: '2026-03-01', createdAt: at }).returning().all();
    store.db.insert(officeSchema.rectificationItems).values([1, 2].map((ordinal) => ({ caseId: kase!.id, ordinal, fingerprint: `rule:${ordinal}`, rule: 'balance.t3-flow', category: 'accuracy', message: '结转数与上年不符', location: '表三', points: 1.5, requirement: '请核对后更正' }))).run();
  } finally {
    store.close();
  }
}

describe.skipIf(!pgAvailable())('migrate-to', () => {
  let server: PgTestServer;
  let dir: string;
  let path: string;
  let expected: Record<string, number>;

  const pgCounts = async (url: string) =>
    Object.fromEntries(await Promise.all(copiedTables().map(async (t) => [t.name, Number((await pgQuery<{ n: string }>(url, `select count(*) as n from "${t.name}"`))[0]!.n)] as const)));

  beforeAll(async () => {
    server = await startPgTestServer();
    dir = mkdtempSync(join(tmpdir(), 'nianbao-migrate-'));
    path = join(dir, 'store.db');
    await seededStore(path);
    const sqlite = new Database(path, { readonly: true });
    expected = Object.fromEntries(copiedTables().map((t) => [t.name, (sqlite.prepare(`select count(*) as n from "${t.name}"`).get() as { n: number }).n]));
    sqlite.close();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('has rows in every table of the schema to copy', () => {
    expect(Object.keys(expected)).toHaveLength(22);
    expect(Object.entries(expected).filter(([, n]) => n === 0)).toEqual([]);
    expect(expected).toMatchObject({ reports: 2, sources: 2, review_decisions: 1, cell_corrections: 1, users: 1, sessions: 1, audit_log: 2, rectification_items: 2 });
  });

  it('copies every table in batches and verifies equal counts and checksums', async () => {
    const url = await server.createDatabase('migrate_full');
    const result = await migrateTo({ sqlitePath: path, databaseUrl: url, batchRows: 50 });
    expect(result.unknownTables).toEqual([]);
    expect(result.tables.filter((t) => !t.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, resumed: false, copied: Object.values(expected).reduce((a, b) => a + b, 0) });
    expect(Object.fromEntries(result.tables.map((t) => [t.table, t.pgRows]))).toEqual(expected);
    expect(await pgCounts(url)).toEqual(expected);
    for (const t of result.tables) expect(t.pgChecksum).toBe(t.sqliteChecksum);

    // the values themselves, read back: a file byte for byte, booleans, a double
    const [source] = await pgQuery<{ bytes: Buffer }>(url, 'select bytes from sources where file_name = $1', [SEEDS[1]!.name]);
    expect(source!.bytes.equals(SEEDS[1]!.bytes)).toBe(true);
    const sqlite = new Database(path, { readonly: true });
    const local = sqlite.prepare('select id, current, score, signature from reports order by id').all() as { id: number; current: number; score: number; signature: Buffer }[];
    sqlite.close();
    const remote = await pgQuery<{ id: number; current: boolean; score: number; signature: Buffer }>(url, 'select id, current, score, signature from reports order by id');
    expect(remote.map((r) => [r.id, r.current, r.score])).toEqual(local.map((r) => [r.id, r.current === 1, r.score]));
    expect(remote[0]!.signature.equals(local[0]!.signature)).toBe(true);

    // identities go on after the copied ids
    const [agency] = await pgQuery<{ id: number }>(url, "insert into agencies (name, kind, created_at) values ('新机关', 'department', 'x') returning id");
    expect(agency!.id).toBe(expected.agencies! + 1);
  });

  it('resumes an interrupted migration where it stopped, without duplicates', async () => {
    const url = await server.createDatabase('migrate_resume');
    // the third batch of band keys fails after writing its rows, before its transaction commits
    const interrupt = (table: string, batch: number) => {
      if (table === 'report_bands' && batch === 3) throw new Error('connection lost');
    };
    await expect(migrateTo({ sqlitePath: path, databaseUrl: url, batchRows: 10, onBatch: interrupt })).rejects.toThrow('connection lost');
    const partial = await pgCounts(url);
    expect(partial.report_bands).toBe(20);
    expect(partial.reports).toBe(expected.reports);
    const [progress] = await pgQuery<{ rows: string; done: boolean }>(url, "select rows, done from nianbao_migrate_progress where table_name = 'report_bands'");
    expect(progress).toEqual({ rows: '20', done: false });

    const copiedBefore = Object.values(partial).reduce((a, b) => a + b, 0);
    const starts: unknown[] = [];
    const result = await migrateTo({ sqlitePath: path, databaseUrl: url, batchRows: 10, onStart: (info) => starts.push(info) });
    expect(starts).toEqual([{ resumed: true, complete: false }]);
    expect(result).toMatchObject({ ok: true, resumed: true, copied: Object.values(expected).reduce((a, b) => a + b, 0) - copiedBefore });
    expect(await pgCounts(url)).toEqual(expected);

    // a third run finds everything copied: nothing to do but verify
    expect(await migrateTo({ sqlitePath: path, databaseUrl: url, onStart: (info) => starts.push(info) })).toMatchObject({ ok: true, resumed: true, copied: 0 });
    expect(starts).toEqual([{ resumed: true, complete: false }, { resumed: true, complete: true }]);
  });

  it('reports the table whose rows differ', async () => {
    const url = await server.createDatabase('migrate_mismatch');
    expect((await migrateTo({ sqlitePath: path, databaseUrl: url })).ok).toBe(true);
    await pgQuery(url, "update findings set message = message || '！' where id = (select min(id) from findings)");
    const result = await migrateTo({ sqlitePath: path, databaseUrl: url });
    expect(result.ok).toBe(false);
    expect(result.tables.filter((t) => !t.ok).map((t) => [t.table, t.sqliteRows === t.pgRows])).toEqual([['findings', true]]);
  });

  it('stops at a text with a NUL character, which PostgreSQL cannot store, naming the row', async () => {
    const url = await server.createDatabase('migrate_nul');
    const copy = join(dir, 'nul.db');
    copyFileSync(path, copy);
    const sqlite = new Database(copy);
    sqlite.prepare("update findings set message = message || char(0) where id = 3").run();
    sqlite.close();
    await expect(migrateTo({ sqlitePath: copy, databaseUrl: url })).rejects.toThrow('表 findings（主键 3）的列 message 含有 NUL 字符（\\u0000），PostgreSQL 的文本列不能保存');
    expect((await pgQuery<{ n: string }>(url, 'select count(*) as n from findings'))[0]!.n).toBe('0');
  });

  it('refuses to run while another migration runs into the same database', async () => {
    const url = await server.createDatabase('migrate_twice');
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock($1)', [MIGRATE_TO_LOCK]);
      await expect(migrateTo({ sqlitePath: path, databaseUrl: url })).rejects.toThrow('另一个 migrate-to 正在向这个数据库迁移');
    } finally {
      await other.end();
    }
    expect((await migrateTo({ sqlitePath: path, databaseUrl: url })).ok).toBe(true);
  });

  it('refuses a target database that has data of its own', async () => {
    const url = await server.createDatabase('migrate_taken');
    expect((await migrateTo({ sqlitePath: path, databaseUrl: url })).ok).toBe(true);
    await pgQuery(url, 'drop table nianbao_migrate_progress');
    await expect(migrateTo({ sqlitePath: path, databaseUrl: url })).rejects.toThrow('目标数据库的表 regions 已有数据');
  });
});
