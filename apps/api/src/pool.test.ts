/**
 * Analysis runs in worker threads: while a big upload is being analysed, the server still answers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import type { Store } from '@nianbao/core';
import { listeningAs, testApp, testDatabase, testStore } from './testing';
import type { IngestResponse } from '@nianbao/contract';

let dir: string;
let store: Store;
let app: FastifyInstance;
let base: string;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-pool-'));
  const database = await testDatabase(dir, 'pool');
  store = await testStore(database, { workers: 2 });
  app = await testApp(database, { store, webRoot: null });
  ({ base, cookie } = await listeningAs(app, 'uploader', 'reviewer'));
});
afterAll(async () => {
  await app?.close();
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('answers /api/health while a big upload is analysed', async () => {
  // a real report with a very long 其他事项 section: valid, and seconds of extract + parse + audit
  const report = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'), 'utf8');
  const filler = '本机关持续加强政府信息公开平台建设，及时更新栏目内容，回应社会关切。\n'.repeat(24_000); // under the 1,000,000-character limit
  const body = new FormData();
  body.append('files', new Blob([Buffer.from(report + '\n' + filler)]), 'big.txt');
  let imported = false;
  const upload = fetch(`${base}/api/reports`, { method: 'POST', body, headers: { cookie } }).then(async (r) => {
    imported = true;
    return { status: r.status, body: (await r.json()) as IngestResponse };
  });
  // health checks one after another until the import returns: several are answered meanwhile
  let answered = 0;
  while (!imported) {
    const h = await fetch(`${base}/api/health`);
    if (!imported && h.status === 200) answered++;
    await new Promise((r) => setTimeout(r, 20));
  }
  const { status, body: res } = await upload;
  expect(status).toBe(200);
  expect(res.results[0]!.status, JSON.stringify(res.results[0]!.error)).toBe('ingested');
  expect(answered).toBeGreaterThan(3);
}, 120_000);
