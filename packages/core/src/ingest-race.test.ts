/**
 * Two processes (two API servers behind a load balancer, or a CLI import beside one) receive the same
 * file at the same moment, on one PostgreSQL database: one stores it, the other finds it stored; no
 * duplicate report or source row, and no error for either.
 */
import { spawn } from 'node:child_process';
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

describe.skipIf(!pgAvailable())('two processes ingesting the same file into one PostgreSQL database', () => {
  let server: PgTestServer;
  beforeAll(async () => {
    server = await startPgTestServer('nianbao_race');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  it('store it once: one report, one source row, and no error for either', async () => {
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
});
