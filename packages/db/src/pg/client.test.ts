import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratePg, openPg, PG_MIGRATIONS } from './client';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from './test-server';
import * as schema from './schema';
import { PG_TABLES, pgShape } from './tables';

describe.skipIf(!pgAvailable())('PostgreSQL migrations', () => {
  let server: PgTestServer;
  beforeAll(async () => {
    server = await startPgTestServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);


  it('creates every table of the schema, once, even when three processes migrate at the same time', async () => {
    await Promise.all([migratePg(server.url), migratePg(server.url), migratePg(server.url)]);
    await migratePg(server.url);
    const tables = await pgQuery<{ name: string }>(server.url, "select table_name as name from information_schema.tables where table_schema = 'public' order by 1");
    expect(tables.map((t) => t.name)).toEqual([
      'agencies', 'agency_aliases', 'audit_log', 'cell_corrections', 'cell_keys', 'deadline_rules', 'filings', 'findings', 'login_attempts', 'rectification_cases', 'rectification_items',
      'regions', 'report_bands', 'report_cells', 'report_rules', 'reports', 'review_decisions', 'roster_units', 'sessions', 'settings', 'sources', 'users',
    ]);
    const applied = await pgQuery<{ n: string }>(server.url, 'select count(*) as n from drizzle.__drizzle_migrations');
    // one row per committed migration, whoever applied it
    const journal = JSON.parse(readFileSync(join(PG_MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied[0]!.n).toBe(String(journal.entries.length));
    const cover = await pgQuery<{ def: string }>(server.url, "select indexdef as def from pg_indexes where indexname = 'reports_year_cover_idx'");
    expect(cover[0]!.def).toContain('score DESC NULLS LAST');
  });

  it('has, once migrated, the columns and indexes of the PostgreSQL schema (the committed migrations are not stale)', async () => {
    await migratePg(server.url);
    const columns = await pgQuery<{ table: string; name: string; type: string; nullable: string }>(
      server.url,
      "select table_name as table, column_name as name, data_type as type, is_nullable as nullable from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position",
    );
    const indexes = await pgQuery<{ table: string; name: string }>(server.url, "select tablename as table, indexname as name from pg_indexes where schemaname = 'public'");
    for (const table of PG_TABLES) {
      const shape = pgShape(table);
      // the type each column is declared with (an integer column may be a bigint)
      const declared = new Map(Object.values(getTableColumns(table)).map((c) => [c.name, c.getSQLType()]));
      expect(columns.filter((c) => c.table === shape.name).map(({ name, type, nullable }) => [name, type, nullable === 'NO']), shape.name).toEqual(
        shape.columns.map((c) => [c.name, declared.get(c.name), c.notNull || shape.primaryKey.includes(c.name)]),
      );
      const names = indexes.filter((i) => i.table === shape.name).map((i) => i.name);
      for (const index of shape.indexes) expect(names, shape.name).toContain(index.name);
    }
  });

  it('reads and writes through drizzle: identities, booleans, bytes, doubles and the settings default', async () => {
    const db = await openPg(server.url, { max: 2 });
    try {
      const [agency] = await db.insert(schema.agencies).values({ name: '测试局', kind: 'department', createdAt: '2026-01-01T00:00:00Z' }).returning();
      expect(agency).toMatchObject({ id: 1, demo: false, mergedInto: null });
      const bytes = Buffer.from([0, 1, 2, 255]);
      await db.insert(schema.sources).values({ sha256: 'abc', fileName: 'a.txt', size: 4, bytes, text: '正文' });
      const [source] = await db.select().from(schema.sources);
      expect(source!.bytes.equals(bytes)).toBe(true);
      await db.insert(schema.settings).values({ key: 'k', value: 'v' });
      const [setting] = await db.select().from(schema.settings);
      expect(setting!.updatedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      await db.insert(schema.reports).values({
        agencyId: agency!.id, year: 2024, version: 1, current: true, sha256: 'abc', fileName: 'a.txt', ingestedAt: 'x', template: '2021',
        agencyName: '测试局', sections: Buffer.from('{}'), score: 0.1 + 0.2,
      });
      const [report] = await db.select().from(schema.reports);
      expect(report).toMatchObject({ id: 1, current: true, late: false, score: 0.30000000000000004, errors: 0 });
    } finally {
      await db.$client.end();
    }
  });
});
