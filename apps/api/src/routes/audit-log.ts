/**
 * The audit log, for administrators: who imported, reviewed, rescored or changed what, and when,
 * newest first. An administrator limited to a region sees the entries about that region.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { AuditLogQuery, AuditLogResponse } from '@nianbao/contract';

export default async function auditLog(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit-log',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['users'],
        summary: '审计日志（管理员）：导入、审核、重新评分、机关合并、账号变更与登录记录，按时间倒序',
        querystring: AuditLogQuery,
        response: { 200: AuditLogResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const log = await app.accounts.auditLog({ ...filter, region: request.auth.region }, page, pageSize);
      const labels = await app.store.queries.targetLabels(log.items.map((e) => e.target));
      const regions = new Map<string, string | null>();
      for (const code of new Set(log.items.map((e) => e.regionCode)))
        if (code) regions.set(code, await app.store.queries.regionName(code));
      const regionName = (code: string | null) => (code ? regions.get(code)! : null);
      return {
        ...log,
        items: log.items.map((e) => ({
          ...e,
          targetLabel: (e.target && labels.get(e.target)) ?? null,
          regionName: regionName(e.regionCode),
        })),
      };
    },
  );
}
