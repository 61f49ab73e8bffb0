/**
 * The product on PostgreSQL (issue 18): `startServer` with DATABASE_URL keeps reports, reads and
 * accounts on the server, and answers the dashboard's routes with the same JSON as on SQLite for the
 * same sample reports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import { startServer } from './server';

const quiet = { host: '127.0.0.1', port: 0, webRoot: null, samplesDir: join(ROOT, 'data/samples'), log: () => undefined };

describe.skipIf(!pgAvailable())('the server on PostgreSQL beside the server on SQLite', () => {
  let pg: PgTestServer;
  let dir: string;
  let onPg: FastifyInstance;
  let onSqlite: FastifyInstance;
  beforeAll(async () => {
    pg = await startPgTestServer('nianbao_serve');
    dir = mkdtempSync(join(tmpdir(), 'nianbao-serve-'));
    onPg = await startServer({ ...quiet, databaseUrl: pg.url });
    onSqlite = await startServer({ ...quiet, databasePath: join(dir, 'test.db') });
  }, 180_000);
  afterAll(async () => {
    await onPg?.close();
    await onSqlite?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const json = async (app: FastifyInstance, url: string) => {
    const r = await app.inject({ url });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r.json() as unknown;
  };
  /** The answer without the moments each server stored things at (`ingestedAt`, `createdAt` …). */
  const timeless = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x: unknown) => (/At$/.test(k) ? '…' : x))) as unknown;

  it('stores the samples on the server, not in a file', async () => {
    const [row] = await pgQuery<{ reports: string }>(pg.url, 'select count(*) as reports from reports');
    expect(Number(row!.reports)).toBeGreaterThan(0);
    expect(await json(onPg, '/api/health')).toMatchObject({ reports: Number(row!.reports) });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL’s, saying so', async () => {
    await expect(startServer({ ...quiet, databaseUrl: 'mysql://u:secret@db/x' })).rejects.toThrow('DATABASE_URL 应以 postgres:// 开头，收到 “mysql://…@db/x”');
  });

  it.each([
    '/api/years',
    '/api/regions',
    '/api/overview?year=2019',
    '/api/rankings?year=2019',
    '/api/rankings?year=2019&sort=-score&page=1&pageSize=2',
    '/api/agencies',
    '/api/findings?year=2019',
    '/api/reports/1',
    '/api/reports/2/source',
    '/api/agencies/1',
  ])('answers %s with the same JSON on both engines', async (url) => {
    const [a, b] = await Promise.all([json(onPg, url), json(onSqlite, url)]);
    expect(JSON.stringify(a).length).toBeGreaterThan(20);
    expect(timeless(a)).toEqual(timeless(b));
  });
});
