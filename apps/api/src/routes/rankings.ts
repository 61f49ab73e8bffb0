import type { FastifyInstance } from 'fastify';
import { contentDisposition } from './attachment';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody, ExportQuery, RankingsQuery, RankingsResponse } from '@nianbao/contract';
import { asciiExportName, exportFileName, rankingsCsv, rankingsXlsx, XLSX_TYPE } from '@nianbao/core';

export default async function rankings(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/rankings',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['rankings'],
        summary: '年度排名（按得分；地区筛选含下级地区）',
        querystring: RankingsQuery,
        response: { 200: RankingsResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return await app.store.queries.rankings(filter, page, pageSize);
    },
  );

  app.get(
    '/api/rankings/export',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['rankings'],
        summary: '导出排名（CSV 或 Excel），筛选条件同排名接口',
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: { type: 'string', format: 'binary', description: 'CSV（UTF-8 带 BOM）或 XLSX 文件' }, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const ranking = await app.store.queries.rankings(filter, 1, null);
      const name = exportFileName({ ...filter, year: ranking.year ?? undefined }, format, await app.store.queries.regionName(filter.region));
      reply.header('content-disposition', contentDisposition(name, asciiExportName({ ...filter, year: ranking.year ?? undefined }, format)));
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(rankingsCsv(ranking.items));
      return reply
        .type(XLSX_TYPE)
        .send(await rankingsXlsx(ranking.items, { year: ranking.year, filter, regionName: await app.store.queries.regionName(filter.region) }));
    },
  );
}
