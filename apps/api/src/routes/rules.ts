import type { FastifyInstance } from 'fastify';
import { RulesResponse } from '../schemas';
import type { ZodTypeProvider } from '../plugins/zod';

export default async function rules(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/rules',
    { schema: { tags: ['meta'], summary: '审查规则说明（由各规则的元数据生成）', response: { 200: RulesResponse } } },
    async () => (app.store.auditor.rulesReference?.() ?? []) as RulesResponse,
  );
}
