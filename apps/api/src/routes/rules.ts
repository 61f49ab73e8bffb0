import type { FastifyInstance } from 'fastify';
import { ErrorBody, RubricResponse, RulesResponse } from '@nianbao/contract';
import { notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';

export default async function rules(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/rules',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
      schema: { tags: ['meta'], summary: '审查规则说明（由各规则的元数据生成）', response: { 200: RulesResponse } },
    },
    async () => (app.store.auditor.rulesReference?.() ?? []) as RulesResponse,
  );
  app.get(
    '/api/rubric',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
      schema: { tags: ['meta'], summary: '当前评分细则（权重、等级、期限、各规则扣分）', response: { 200: RubricResponse, 404: ErrorBody } },
    },
    async () => {
      const rubric = app.store.auditor.rubric?.();
      if (!rubric) throw notFound('当前审查配置没有评分细则');
      return { ...rubric, storedVersion: await app.store.setting('rubricVersion') } as unknown as RubricResponse;
    },
  );
}
