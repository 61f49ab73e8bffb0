/**
 * The 通报 draft of a year and the rankings by subordinate region.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { BulletinQuery, BulletinResponse, RegionRankingsQuery, RegionRankingsResponse } from '@nianbao/contract';
import { bulletinDocx, bulletinXlsx, DOCX_TYPE, Office, XLSX_TYPE } from '@nianbao/core';
import { contentDisposition, sendFile } from './attachment';

export default async function bulletin(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = new Office(app.store);

  app.get(
    '/api/bulletin',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['bulletin'],
        summary: '年度通报草稿：总体情况、优秀名单、不合格名单、截至某日的未发布和逾期发布名单、主要问题（format=docx 或 xlsx 下载）',
        querystring: BulletinQuery,
        produces: ['application/json', DOCX_TYPE, XLSX_TYPE],
        response: { 200: BulletinResponse, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const b = await office.bulletin(filter);
      if (format === 'json') return b;
      const name = `${b.regionName ?? ''}${b.year}年度政府信息公开工作年度报告检查情况通报.${format}`;
      const ascii = `bulletin_${b.year}${filter.region ? `_${filter.region}` : ''}.${format}`;
      const disposition = contentDisposition(name, ascii);
      if (format === 'docx') return sendFile(reply, DOCX_TYPE, disposition, await bulletinDocx(b));
      return sendFile(reply, XLSX_TYPE, disposition, await bulletinXlsx(b));
    },
  );

  app.get(
    '/api/rankings/regions',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['rankings'],
        summary: '下级地区排名：每个下级地区的单位数、报告数、按时发布率、平均分、各等次数、未发布数',
        description: '不指定地区时按省排列；指定省时为各设区市，指定市时为各县区；该地区本级机关单列一行（own = true）。',
        querystring: RegionRankingsQuery,
        response: { 200: RegionRankingsResponse, 400: ErrorBody },
      },
    },
    async (request) => office.regionRankings(request.query),
  );
}
