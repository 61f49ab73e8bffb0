/**
 * `startServer` as `npm start` runs it, on a real port of 127.0.0.1 and a real SQLite file (or PostgreSQL database: testing.ts): the
 * migrations are applied, an empty database gets data/samples, the demo province comes once and
 * flagged (and goes on request), the address is printed, and a port already taken is refused with a
 * clear message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './server';
import { onSqlite, testDatabase } from './testing';
import type { AgenciesResponse, HealthResponse, RankingsResponse, ReportDetail, YearsResponse } from '@nianbao/contract';

let dir: string;
/** The database option of `startServer` on this run's engine: a SQLite file, or DATABASE_URL's PostgreSQL. */
let where: { databasePath: string } | { databaseUrl: string };
let app: FastifyInstance;
let base: string;
const logs: string[] = [];
const json = async <T>(path: string): Promise<T> => {
  const r = await fetch(base + path);
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-server-'));
  const database = await testDatabase(dir);
  where = onSqlite ? { databasePath: database } : { databaseUrl: database };
  app = await startServer({
    host: '127.0.0.1',
    port: 0,
    ...where,
    webRoot: null,
    demo: { agencies: 3, years: 2 },
    log: (line) => logs.push(line),
  });
  base = logs.join('\n').match(/http:\/\/127\.0\.0\.1:\d+/)![0];
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('ingests the samples and the demo province into an empty database, then prints its address', async () => {
    expect(logs[0]).toBe('数据库为空，已导入示例报告：新增 2 份，失败 0 份');
    expect(logs[1]).toMatch(/示例数据/);
    expect(logs[2]).toMatch(/^已导入示例省份江西省 2024–2025 年的报告：新增 6 份，失败 0 份/);
    expect(logs[3]).toMatch(/^年度报告审查平台已启动：http:\/\/127\.0\.0\.1:\d+\/ /);
    expect(await json<HealthResponse>('/api/health')).toMatchObject({ status: 'ok', reports: 8, agencies: 5, demoReports: 6 });
  });

  it('flags the demo agencies, rankings and reports, and leaves the real ones as they are', async () => {
    const y2019 = await json<RankingsResponse>('/api/rankings?year=2019');
    expect(y2019.items.map((i) => [i.agency.name, i.score, i.demo])).toEqual([
      ['新余市文广新旅局', 100, false],
      ['南开区文化和旅游局', 53.9, false],
    ]);
    // the demo province is left out unless asked for (the dashboard's 显示示例数据 switch)
    expect((await json<RankingsResponse>('/api/rankings?year=2025')).total).toBe(0);
    expect((await json<YearsResponse>('/api/years')).items.map((y) => y.year)).toEqual([2019]);
    expect((await json<YearsResponse>('/api/years?demo=true')).items.map((y) => y.year)).toEqual([2025, 2024, 2019]);
    const y2025 = await json<RankingsResponse>('/api/rankings?year=2025&demo=true');
    expect(y2025.total).toBe(3);
    expect(y2025.items.every((i) => i.demo)).toBe(true);
    const report = await json<ReportDetail>(`/api/reports/${y2025.items[0]!.reportId}`);
    expect(report).toMatchObject({ demo: true, registeredAgency: { demo: true }, file: expect.stringMatching(/^示例数据\//) });
    expect((await json<AgenciesResponse>('/api/agencies?pageSize=100')).items.some((a) => a.demo)).toBe(false);
    const agencies = await json<AgenciesResponse>('/api/agencies?pageSize=100&demo=true');
    expect(agencies.items.filter((a) => a.demo)).toHaveLength(3);
    expect(agencies.items.filter((a) => !a.demo).map((a) => a.name).sort()).toEqual(['南开区文化和旅游局', '新余市文广新旅局'].sort());
  });

  it('refuses a port already taken with a Chinese message, leaving the running server alone', async () => {
    const port = Number(base.split(':').pop());
    await expect(startServer({ host: '127.0.0.1', port, ...where, webRoot: null, log: () => {} })).rejects.toThrow(
      `端口 ${port} 已被占用`,
    );
    expect((await fetch(base + '/api/health')).status).toBe(200);
  });

  it('on the next start, ingests neither the samples nor the demo province again', async () => {
    await app.close();
    logs.length = 0;
    app = await startServer({ host: '127.0.0.1', port: 0, ...where, webRoot: null, demo: { agencies: 3, years: 2 }, log: (l) => logs.push(l) });
    base = logs.join('\n').match(/http:\/\/127\.0\.0\.1:\d+/)![0];
    expect(logs.filter((l) => l.includes('导入'))).toEqual([]);
    expect(await json<HealthResponse>('/api/health')).toMatchObject({ reports: 8, agencies: 5 });
  });

  it('takes the demo province out again on request', async () => {
    await app.close();
    logs.length = 0;
    app = await startServer({ host: '127.0.0.1', port: 0, ...where, webRoot: null, removeDemo: true, log: (l) => logs.push(l) });
    base = logs.join('\n').match(/http:\/\/127\.0\.0\.1:\d+/)![0];
    expect(logs[0]).toBe('已删除示例省份的 6 份报告（示例数据）');
    expect(await json<HealthResponse>('/api/health')).toMatchObject({ reports: 2, agencies: 2 });
    expect((await json<AgenciesResponse>('/api/agencies?demo=true')).items.some((a) => a.demo)).toBe(false);
  });
});
