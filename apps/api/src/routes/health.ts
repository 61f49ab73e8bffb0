import type { FastifyInstance } from 'fastify';
import { ErrorBody, HealthResponse } from '../schemas';
import type { ZodTypeProvider } from '../plugins/zod';

export default async function health(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/health',
    { schema: { tags: ['meta'], summary: '健康检查', response: { 200: HealthResponse, 500: ErrorBody } } },
    async () => ({ status: 'ok' as const, ...app.store.queries.counts(), rubricVersion: app.store.setting('rubricVersion') }),
  );
}
