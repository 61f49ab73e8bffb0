import type { FastifyInstance } from 'fastify';
import { ApiError, notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { AgenciesQuery, AgenciesResponse, AgencyDetail, AgencyParams, AliasBody, ErrorBody, MergeBody } from '@nianbao/contract';

export default async function agencies(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // ranks among what the user may see: a region-scoped user's subtree
  const detail = async (id: number, region: string | null) => {
    const agency = await app.store.queries.agency(id, region);
    if (!agency) throw notFound(`未找到编号为 ${id} 的机关`);
    return agency;
  };

  app.get(
    '/api/agencies',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['agencies'],
        summary: '机关列表（可按地区、类型、名称筛选）',
        querystring: AgenciesQuery,
        response: { 200: AgenciesResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return await app.store.queries.agencies(filter, page, pageSize);
    },
  );

  app.get(
    '/api/agencies/:id',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('agency'),
      schema: {
        tags: ['agencies'],
        summary: '机关详情：别名、历年报告与得分（含分项得分）',
        params: AgencyParams,
        response: { 200: AgencyDetail, 404: ErrorBody },
      },
    },
    async (request) => detail(request.params.id, request.auth.region),
  );

  app.post(
    '/api/agencies/:id/aliases',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('agency'),
      schema: {
        tags: ['agencies'],
        summary: '为机关添加别名（如简称），此后以该名称导入的报告归入此机关',
        params: AgencyParams,
        body: AliasBody,
        response: { 200: AgencyDetail, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await app.store.addAlias(request.params.id, request.body.alias);
      if (!r.ok) throw new ApiError(r.code === 'not-found' ? 404 : 409, r.code, r.message);
      return detail(request.params.id, request.auth.region);
    },
  );

  app.post(
    '/api/agencies/:id/merge',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('agency'),
      schema: {
        tags: ['agencies'],
        summary: '将另一机关（from）合并到此机关：名称与报告并入，历年核对规则重新运行',
        params: AgencyParams,
        body: MergeBody,
        response: { 200: AgencyDetail, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await app.store.mergeAgencies(request.params.id, request.body.from);
      if (!r.ok) throw new ApiError(r.code === 'not-found' ? 404 : 409, r.code, r.message);
      return detail(request.params.id, request.auth.region);
    },
  );
}
