/**
 * Import jobs through the real app: files declared, uploaded in batches, analysed in the worker pool
 * while the job is polled; a bad file fails alone with its name in the message; a file never
 * uploaded (the page was closed) is given up; the owner alone sees the job; one audit entry.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ImportJobList } from '@nianbao/contract';
import { ROOT } from '@nianbao/db';
import type { Store } from '@nianbao/core';
import { writeZip } from '@nianbao/extract/testing/zip-writer';
import { testApp, testDatabase, testStore } from './testing';

const SAMPLES = join(ROOT, 'data/samples');
const NANKAI = { name: '000_91e0e63c20f568b3.txt', bytes: readFileSync(join(SAMPLES, '000_91e0e63c20f568b3.txt')) };
const XINYU = { name: '004_52ba3b16510502cd.txt', bytes: readFileSync(join(SAMPLES, '004_52ba3b16510502cd.txt')) };

/** A multipart body of a job's batch: each file as the part `file-<index>`. */
function batch(files: { index: number; name: string; bytes: Uint8Array }[]) {
  const boundary = '----nianbao' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file-${f.index}"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-imports-'));
  // two analysis workers: the files are extracted and parsed off the API's thread
  const database = await testDatabase(dir);
  store = await testStore(database, { workers: 2 });
  app = await testApp(database, { store, webRoot: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const create = async (files: { name: string; size: number }[], fields: Record<string, unknown> = {}) => {
  const r = await app.inject({ method: 'POST', url: '/api/imports', payload: { files, ...fields } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as ImportJob;
};
const job = async (id: string) => {
  const r = await app.inject(`/api/imports/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as ImportJob;
};
const until = async (id: string, done: (j: ImportJob) => boolean, timeout = 30_000) => {
  const start = Date.now();
  for (;;) {
    const j = await job(id);
    if (done(j)) return j;
    if (Date.now() - start > timeout) throw new Error(`job ${id} still ${j.state}: ${JSON.stringify(j.files.map((f) => f.state))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('import jobs', () => {
  it('takes declared files in batches, fails a bad one alone with its name, and reports every file to the end', async () => {
    const zip = writeZip([
      { name: 'reports/nankai.txt', data: NANKAI.bytes },
      { name: 'reports/notes.txt', data: Buffer.from('这不是年度报告。') },
    ]);
    const bad = { name: '统计表.xlsx', bytes: Buffer.from('PK\u0003\u0004 not really a workbook') };
    const files = [
      { name: XINYU.name, bytes: XINYU.bytes },
      { name: 'batch.zip', bytes: zip },
      bad,
    ];
    const created = await create(files.map((f) => ({ name: f.name, size: f.bytes.length })));
    expect(created).toMatchObject({ state: 'uploading', total: 3, received: 0, done: 0 });
    expect(created.id).toMatch(/^[0-9a-f]{16}$/);
    expect(created.files.map((f) => f.state)).toEqual(['waiting', 'waiting', 'waiting']);

    const first = await app.inject({ method: 'POST', url: `/api/imports/${created.id}/files`, ...batch([{ index: 0, ...files[0]! }]) });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as ImportJob).received).toBe(1);
    const second = await app.inject({
      method: 'POST',
      url: `/api/imports/${created.id}/files`,
      ...batch([
        { index: 1, ...files[1]! },
        { index: 2, ...files[2]! },
      ]),
    });
    expect(second.statusCode, second.body).toBe(200);

    const done = await until(created.id, (j) => j.state === 'done');
    expect(done).toMatchObject({ total: 3, received: 3, done: 3 });
    expect(done.finishedAt).not.toBeNull();
    expect(done.files.map((f) => f.state)).toEqual(['done', 'done', 'done']);
    const [xinyu, archive, xlsx] = done.files;
    expect(xinyu!.results).toMatchObject([{ file: XINYU.name, status: 'ingested', agency: { name: '新余市文广新旅局' }, year: 2019 }]);
    expect(archive!.results.map((r) => [r.file, r.status])).toEqual([
      ['batch.zip/reports/nankai.txt', 'ingested'],
      ['batch.zip/reports/notes.txt', 'failed'],
    ]);
    expect(xlsx!.results).toHaveLength(1);
    expect(xlsx!.results[0]!.status).toBe('failed');
    expect(xlsx!.results[0]!.error!.message).toMatch(/^统计表\.xlsx：/);
    expect(done.summary).toEqual({ ingested: 2, unchanged: 0, newVersions: 0, failed: 2 });

    // one audit entry for the whole job, none per request
    const log = await app.inject('/api/audit-log');
    const entries = (log.json() as { items: { action: string; detail: { summary: unknown } }[] }).items;
    expect(entries.filter((e) => e.action === 'report.import')).toHaveLength(1);
    expect(entries.filter((e) => e.action === 'report.import')[0]!.detail.summary).toEqual(done.summary);
    expect(entries.filter((e) => /imports/.test(e.action))).toEqual([]);

    const list = (await app.inject('/api/imports')).json() as ImportJobList;
    expect(list.items[0]).toMatchObject({ id: created.id, state: 'done', total: 3 });
  });

  it('gives up files never uploaded (the page was closed) and finishes the job', async () => {
    const created = await create([
      { name: 'sent.txt', size: XINYU.bytes.length },
      { name: '未上传.txt', size: 10 },
    ]);
    const r = await app.inject({ method: 'POST', url: `/api/imports/${created.id}/files`, ...batch([{ index: 0, name: 'sent.txt', bytes: XINYU.bytes }]) });
    expect(r.statusCode, r.body).toBe(200);
    // ten minutes later, nothing more from the page
    app.importJobs.sweep(Date.now() + 11 * 60_000);
    const done = await until(created.id, (j) => j.state === 'done');
    expect(done.files[0]!.results[0]).toMatchObject({ status: 'unchanged' });
    expect(done.files[1]!.results[0]!.error).toMatchObject({ code: 'not-uploaded' });
    expect(done.files[1]!.results[0]!.error!.message).toMatch(/^未上传\.txt：文件没有上传到服务器/);
  });

  it('cancels what is not uploaded yet; refuses a bad index and unknown jobs', async () => {
    const created = await create([{ name: 'a.txt', size: 1 }, { name: 'b.txt', size: 1 }]);
    const wrong = await app.inject({ method: 'POST', url: `/api/imports/${created.id}/files`, ...batch([{ index: 7, name: 'x.txt', bytes: Buffer.from('x') }]) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('导入任务中没有第 8 个文件');
    const cancelled = await app.inject({ method: 'POST', url: `/api/imports/${created.id}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'done', summary: { failed: 2 } });
    expect((cancelled.json() as ImportJob).files[0]!.results[0]!.error!.message).toBe('a.txt：已取消导入，未处理');
    const unknown = await app.inject('/api/imports/0123456789abcdef');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/^未找到该导入任务/);
    const empty = await app.inject({ method: 'POST', url: '/api/imports', payload: { files: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('请至少选择一个文件');
  });
});
