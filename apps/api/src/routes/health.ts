import type { FastifyInstance } from 'fastify';
import { ErrorBody, HealthResponse } from '@nianbao/contract';
import type { ZodTypeProvider } from '../plugins/zod';

export default async function health(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/health',
    {
      onRequest: app.allowAnonymous,
      preHandler: app.regionScope('none'),
      schema: { tags: ['meta'], summary: '健康检查', response: { 200: HealthResponse, 500: ErrorBody } },
    },
    // counts only for a signed-in user (or local mode), and only of what that user may see
    async (request) => ({
      status: 'ok' as const,
      ...(request.auth.role ? await app.store.queries.counts(request.auth.region) : {}),
      rubricVersion: await app.store.setting('rubricVersion'),
    }),
  );
}
