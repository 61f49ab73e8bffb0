/**
 * Requests validated by fastify-type-provider-zod, refusals answered in the API's shape and in
 * Chinese: the part (查询参数, 路径参数, 请求体) and each field with what was wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { onSqlite, testApp, testDatabase } from '../testing';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp(onSqlite ? ':memory:' : await testDatabase(), { webRoot: null });
});
afterAll(async () => app?.close());

describe('validation errors', () => {
  it('name the part and the field in Chinese', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/rankings?page=0&pageSize=x', undefined, '查询参数无效：page：不能小于 1；pageSize：应为数字，收到非数字的值'],
      ['GET', '/api/reports/abc', undefined, '路径参数无效：id：应为数字，收到非数字的值'],
      ['POST', '/api/agencies/1/aliases', { alias: 5 }, '请求体无效：alias：应为文本，收到数字'],
      ['POST', '/api/agencies/1/aliases', undefined, '请求体无效：应为对象，收到空值'],
    ];
    for (const [method, url, payload, message] of cases) {
      const r = await app.inject({ method: method as 'GET' | 'POST', url, payload: payload as Record<string, unknown> });
      expect(r.statusCode, url).toBe(400);
      expect(r.json(), url).toEqual({ error: { code: 'invalid-request', message } });
    }
  });

  it('coerce what they accept (a numeric path parameter arrives as a number)', async () => {
    const r = await app.inject('/api/agencies/12345');
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'not-found', message: '未找到编号为 12345 的机关' } });
  });
});
