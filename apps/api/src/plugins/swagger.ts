/** The OpenAPI document generated from the routes' zod schemas, at /api/openapi.json, with a UI at /api/docs. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { transformSchema } from './zod';

export default fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '政府信息公开工作年度报告 审查平台 API',
        description: '导入年度报告，查看审查结果、评分排名与趋势，导出排名。错误统一为 `{ error: { code, message } }`。',
        version: '0.1.0',
      },
      tags: [
        { name: 'reports', description: '报告：导入、查看、原文' },
        { name: 'agencies', description: '机关' },
        { name: 'rankings', description: '排名与导出' },
        { name: 'statistics', description: '概览、趋势、年度、地区' },
        { name: 'meta', description: '健康检查、审查规则' },
      ],
    },
    transform: transformSchema,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
