import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@nianbao/core';
import { ROOT } from '@nianbao/db';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import { run } from './migrate-to';
import { cliOutput } from './_testing';

describe.skipIf(!pgAvailable())('cli migrate-to', () => {
  let server: PgTestServer;
  let dir: string;
  let path: string;
  const { out, err, console: capture } = cliOutput();

  beforeAll(async () => {
    server = await startPgTestServer('nianbao_cli');
    dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-migrate-'));
    path = join(dir, 'store.db');
    const store = new Store({ path });
    const seeds = ['000_91e0e63c20f568b3.txt', '004_52ba3b16510502cd.txt'].map((f) => ({ name: f, bytes: readFileSync(join(ROOT, 'data/samples', f)) }));
    await store.ingest(seeds);
    store.close();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('copies the store, prints each table with equal counts and a Chinese summary, and exits 0', async () => {
    const url = await server.createDatabase('cli_ok');
    capture();
    expect(await run(['--db', path, '--database-url', url, '--batch', '25'])).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^reports\s+2\s+2\s+一致 [0-9a-f]{12}$/m);
    expect(text).toMatch(/^sources\s+2\s+2\s+一致 [0-9a-f]{12}$/m);
    expect(out.at(-1)).toMatch(/^\n迁移完成：22 张表共 \d+ 行，本次复制 \d+ 行，行数与校验和全部一致。$/);
    expect(err).toEqual([]);
  });

  it('exits 1 and names the table when PostgreSQL holds different rows', async () => {
    const url = await server.createDatabase('cli_mismatch');
    capture();
    expect(await run(['--db', path, '--database-url', url])).toBe(0);
    await pgQuery(url, 'delete from report_bands where ctid = (select min(ctid) from report_bands)');
    expect(await run(['--db', path, '--database-url', url])).toBe(1);
    expect(out).toContain('此前已迁移完成，只重新核对');
    expect(out.join('\n')).toMatch(/^report_bands\s+\d+\s+\d+\s+行数不一致$/m);
    expect(err.join('\n')).toContain('校验不一致：report_bands。');
  });

  it('exits 2 with the usage without a PostgreSQL URL', async () => {
    capture();
    expect(await run(['--db', path])).toBe(2);
    expect(await run(['--db', path, '--database-url', 'mysql://x/y'])).toBe(2);
    expect(err[0]).toMatch(/^用法: migrate-to --database-url/);
  });
});
