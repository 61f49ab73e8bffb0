/** The OpenAPI document generated from the routes' zod schemas, at /api/openapi.json, with a UI at /api/docs. */
import type { FastifyInstance, RouteOptions } from 'fastify';
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
  // the UI's routes are the library's: they get their guard here, as our routes declare theirs
  await app.register(async function docsUi(ui: FastifyInstance) {
    ui.addHook('onRoute', (route: RouteOptions) => {
      route.onRequest = [app.requireRole('viewer'), [route.onRequest ?? []].flat()].flat() as RouteOptions['onRequest'];
      route.preHandler = [app.regionScope('none'), [route.preHandler ?? []].flat()].flat() as RouteOptions['preHandler'];
    });
    await ui.register(swaggerUi, { routePrefix: '/api/docs' });
  });
  app.get(
    '/api/openapi.json',
    { onRequest: app.requireRole('viewer'), preHandler: app.regionScope('none'), schema: { hide: true } },
    async () => app.swagger(),
  );
});
