import type { FastifyInstance } from 'fastify';
import { Office } from '@nianbao/core';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody, OverviewQuery, OverviewResponse, RegionsResponse, TrendsQuery, TrendsResponse, YearsQuery, YearsResponse } from '@nianbao/contract';

/** Aggregates for the dashboard: overview of a year, trends across years, the years and regions present. */
export default async function statistics(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = new Office(app.store);

  app.get(
    '/api/overview',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['statistics'],
        summary: '年度概览：收到报告数、未报送单位（按应报送名单，未导入名单时首份报告之前的年度不计）、平均分、不合格占比、逾期数、分数分布、最差与进步最大的机关',
        querystring: OverviewQuery,
        response: { 200: OverviewResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const o = await app.store.queries.overview(request.query);
      // 未报送: by the roster's status (without a roster, a unit owes nothing before its first report)
      const { region, kind, demo } = request.query;
      return { ...o, missing: o.year === null ? { count: 0, items: [] } : await office.missingUnits({ year: o.year, region, kind, demo }) };
    },
  );

  app.get(
    '/api/trends',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['statistics'],
        summary: '历年趋势：报告数、平均分、等次占比、最常见问题',
        querystring: TrendsQuery,
        response: { 200: TrendsResponse, 400: ErrorBody },
      },
    },
    async (request) => await app.store.queries.trends(request.query),
  );

  app.get(
    '/api/years',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('route'),
      schema: { tags: ['statistics'], summary: '已有报告的年度', querystring: YearsQuery, response: { 200: YearsResponse, 400: ErrorBody } },
    },
    // a region-scoped user sees the years of its own region
    async (request) => await app.store.queries.years(request.auth?.region, request.query.demo),
  );

  app.get(
    '/api/regions',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('regions'),
      schema: { tags: ['statistics'], summary: '已有机关的地区树（省 → 市 → 县）', querystring: YearsQuery, response: { 200: RegionsResponse, 400: ErrorBody } },
    },
    async (request) => await app.store.queries.regions(request.query.demo),
  );
}
