/**
 * The dashboard build (apps/web/dist) when present: files as they are, and index.html for every
 * other GET outside /api so that client-side routes survive a reload.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

export default fp(async function web(app: FastifyInstance, options: { root: string | null }) {
  const root = options.root && existsSync(join(options.root, 'index.html')) ? options.root : null;
  if (root) await app.register(fastifyStatic, { root, wildcard: true, index: ['index.html'] });
  else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>年度报告审查平台</title><p>看板尚未构建（apps/web/dist）。接口文档见 <a href="/api/docs">/api/docs</a>。</p>'),
    );
  }
  app.decorate('webRoot', root);
});

declare module 'fastify' {
  interface FastifyInstance {
    webRoot: string | null;
  }
}
