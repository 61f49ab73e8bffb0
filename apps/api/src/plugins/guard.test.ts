/** The routes of libraries (the docs UI) are guarded like ours: a session, or single-user local mode. */
import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { onSqlite, testApp, testDatabase } from '../testing';

const apps: FastifyInstance[] = [];
afterAll(async () => Promise.all(apps.map((a) => a.close())));

describe('the API documentation', () => {
  it('needs a session off loopback, as every API route but health and login', async () => {
    const open = await testApp(onSqlite ? ':memory:' : await testDatabase(), { webRoot: null, host: '0.0.0.0' });
    apps.push(open);
    for (const url of ['/api/docs', '/api/docs/static/index.html', '/api/docs/json', '/api/openapi.json']) {
      const r = await open.inject(url);
      expect(r.statusCode, url).toBe(401);
      expect(r.json(), url).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } });
    }
    const local = await testApp(onSqlite ? ':memory:' : await testDatabase(), { webRoot: null });
    apps.push(local);
    expect((await local.inject('/api/docs')).statusCode).toBe(200);
    expect((await local.inject('/api/docs/json')).statusCode).toBe(200);
    expect((await local.inject('/api/openapi.json')).statusCode).toBe(200);
  });
});
