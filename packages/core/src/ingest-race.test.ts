/**
 * Two processes (two API servers behind a load balancer, or a CLI import beside one) receive files
 * at the same moment, on one PostgreSQL database: the same file is stored once (the other process finds
 * it stored), two files of one new agency land under one agency; no
 * duplicate report or source row, and no error for either.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import { pgAvailable, pgQuery, startPgTestServer, type PgTestServer } from '@nianbao/db/pg/test-server';
import type { IngestResult } from './store';

const SEED = join(ROOT, 'data/samples/004_52ba3b16510502cd.txt');
const CHILD = join(import.meta.dirname, 'ingest-race.child.ts');

/** A child process ingesting `file` into `url` once told to go: its `ready`, then its result. */
function ingester(url: string, file: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the ingesting process ended early: ${stderr}`);
    return line.value;
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    ready: next,
    go: () => child.stdin.write('go\n'),
    result: async () => JSON.parse(await next()) as IngestResult,
    exited: async () => ({ code: await exited, stderr }),
  };
}

describe.skipIf(!pgAvailable())('two processes ingesting into one PostgreSQL database at the same moment', () => {
  let server: PgTestServer;
  beforeAll(async () => {
    server = await startPgTestServer('nianbao_race');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('store the same file once: one report, one source row, and no error for either', async () => {
    const both = [ingester(server.url, SEED), ingester(server.url, SEED)];
    expect(await Promise.all(both.map((p) => p.ready()))).toEqual(['ready', 'ready']);
    both.forEach((p) => p.go());
    const results = await Promise.all(both.map((p) => p.result()));
    expect(await Promise.all(both.map((p) => p.exited()))).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['ingested', 'unchanged']);
    expect(results.map((r) => r.error)).toEqual([null, null]);
    expect(results[0]!.reportId).toBe(results[1]!.reportId);
    expect(results[0]!.agency).toEqual(results[1]!.agency);
    const counts = await pgQuery<{ reports: string; sources: string; agencies: string }>(
      server.url,
      'select (select count(*) from reports) as reports, (select count(*) from sources) as sources, (select count(*) from agencies) as agencies',
    );
    expect(counts).toEqual([{ reports: '1', sources: '1', agencies: '1' }]);
  }, 120_000);

  it('put two years of one new agency, received at once by two processes, under one agency', async () => {
    // 新余's report made into its 2020 report (the same agency, another file)
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-race-'));
    const next = join(dir, 'xinyu-2020.txt');
    writeFileSync(next, readFileSync(SEED, 'utf8').replace(/2020/g, '2021').replace(/2019/g, '2020'));
    try {
      const url = await server.createDatabase('nianbao_race');
      const both = [ingester(url, SEED), ingester(url, next)];
      await Promise.all(both.map((p) => p.ready()));
      both.forEach((p) => p.go());
      const results = await Promise.all(both.map((p) => p.result()));
      expect((await Promise.all(both.map((p) => p.exited()))).map((e) => e.code)).toEqual([0, 0]);
      expect(results.map((r) => [r.status, r.year, r.version, r.error])).toEqual([
        ['ingested', 2019, 1, null],
        ['ingested', 2020, 1, null],
      ]);
      expect(results[0]!.agency).toEqual(results[1]!.agency);
      const rows = await pgQuery<{ agencies: string; aliases: string; reports: string }>(
        url,
        'select (select count(*) from agencies) as agencies, (select count(*) from agency_aliases) as aliases, (select count(*) from reports) as reports',
      );
      expect(rows).toEqual([{ agencies: '1', aliases: '1', reports: '2' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
