/**
 * A bounded load test on a real server listening on 127.0.0.1: logged-in clients upload distinct
 * reports (and the same report at once) while others read rankings, overviews, agencies and reports.
 * No request may fail and no uploaded report may be lost. Counts are modest: a few seconds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '@nianbao/db';
import { buildApp } from './app';
import { listeningAs } from './testing';
import type { IngestResponse, IngestResult, RankingsResponse } from '@nianbao/contract';

const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const cn = (i: number) => [...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
const variant = (i: number) => ({
  name: `负载测试-${i}.txt`,
  bytes: Buffer.from(XINYU.replaceAll('新余市文广新旅局', `新余市负载${cn(i)}局`)),
});

const UPLOADERS = 4;
const FILES_PER_UPLOADER = 6;
const READERS = 4;
let dir: string;
let app: FastifyInstance;
let base: string;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-load-'));
  app = await buildApp({ databasePath: join(dir, 'load.db'), webRoot: null });
  ({ base, cookie } = await listeningAs(app, 'loader', 'reviewer'));
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(files: { name: string; bytes: Buffer }[]): Promise<IngestResult[]> {
  const body = new FormData();
  for (const f of files) body.append('files', new Blob([f.bytes]), f.name);
  const r = await fetch(`${base}/api/reports`, { method: 'POST', body, headers: { cookie } });
  if (r.status !== 200) throw new Error(`upload ${files.map((f) => f.name)}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as IngestResponse).results;
}

it('concurrent uploads and reads: no error, no lost report', async () => {
  const started = Date.now();
  const errors: string[] = [];
  const stored = new Map<string, number>();
  let uploading = true;
  let reads = 0;

  const uploaders = Array.from({ length: UPLOADERS }, async (_, u) => {
    for (let k = 0; k < FILES_PER_UPLOADER; k++) {
      const f = variant(u * FILES_PER_UPLOADER + k);
      try {
        const [res] = await upload([f]);
        if (res?.status !== 'ingested' || !res.reportId) errors.push(`${f.name}: ${JSON.stringify(res)}`);
        else stored.set(f.name, res.reportId);
      } catch (e) {
        errors.push(String(e));
      }
    }
  });
  // the same new file from three clients at once: one report, the others see it unchanged
  const same = variant(999);
  const racers = Array.from({ length: 3 }, () => upload([same]).catch((e) => errors.push(String(e)) && []));

  const readers = Array.from({ length: READERS }, async (_, i) => {
    const urls = [
      '/api/rankings?year=2019',
      '/api/overview',
      '/api/agencies?pageSize=100',
      '/api/trends',
      '/api/session',
    ];
    while (uploading) {
      const ids = [...stored.values()];
      const url =
        ids.length && reads % 3 === 0
          ? `/api/reports/${ids[reads % ids.length]}`
          : urls[(reads + i) % urls.length]!;
      reads++;
      try {
        const r = await fetch(base + url, { headers: { cookie } });
        if (r.status !== 200) errors.push(`GET ${url}: ${r.status} ${(await r.text()).slice(0, 200)}`);
        else await r.arrayBuffer();
      } catch (e) {
        errors.push(`GET ${url}: ${String(e)}`);
      }
    }
  });

  await Promise.all(uploaders);
  const raced = (await Promise.all(racers)).flat() as IngestResult[];
  uploading = false;
  await Promise.all(readers);

  expect(errors).toEqual([]);
  expect(reads).toBeGreaterThan(10);
  expect(stored.size).toBe(UPLOADERS * FILES_PER_UPLOADER);
  expect(new Set(stored.values()).size).toBe(stored.size);
  expect(raced.map((r) => r.status).sort()).toEqual(['ingested', 'unchanged', 'unchanged']);
  expect(new Set(raced.map((r) => r.reportId)).size).toBe(1);

  // every uploaded report is there, once
  const ranking = (await (
    await fetch(`${base}/api/rankings?year=2019&pageSize=1000`, { headers: { cookie } })
  ).json()) as RankingsResponse;
  const ranked = new Set(ranking.items.map((i) => i.reportId));
  for (const id of [...stored.values(), raced[0]!.reportId!])
    expect(ranked.has(id), `report ${id}`).toBe(true);
  expect(ranking.total).toBe(stored.size + 1);
  expect(Date.now() - started).toBeLessThan(60_000);
}, 90_000);
