/**
 * Findings across reports: the work queues of the dashboard — every report with a given problem,
 * and the findings still waiting for a reviewer's decision — and one decision for many of them.
 */
import type { FastifyInstance } from 'fastify';
import { inScope } from '@nianbao/db';
import type { ZodTypeProvider } from '../plugins/zod';
import {
  BulkReviewBody,
  BulkReviewResponse,
  ErrorBody,
  FindingsQuery,
  FindingsResponse,
} from '@nianbao/contract';

export default async function findings(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/findings',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      // the region filter is clamped to the user's region like the rankings'
      schema: {
        tags: ['findings'],
        summary:
          '跨报告的问题清单：某类问题涉及的机关和报告，或待复核的问题（筛选条件同排名，另可按规则、严重程度、审核状态筛选）',
        querystring: FindingsQuery,
        response: { 200: FindingsResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const result = await app.store.queries.findings(filter, page, pageSize);
      return { ...result, items: await app.withholdPeers(request, result.items) };
    },
  );

  app.post(
    '/api/reviews',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('route'),
      // each item's report is checked against the user's region here
      schema: {
        tags: ['findings'],
        summary: '批量审核：对选中的多个问题作同一决定（确认或排除）并说明理由；每个问题所在报告重新计分',
        body: BulkReviewBody,
        response: { 200: BulkReviewResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      const { items, decision, reason } = request.body;
      const who = request.auth;
      const region = who?.region ?? null;
      const userName = who?.user?.username ?? (who?.mode === 'local' ? '本机（单用户模式）' : '匿名');
      // one after another, in the order given: the decisions and their audit entries are written in
      // that order on either engine (concurrently, PostgreSQL interleaved them and the log's order varied)
      const results: { reportId: number; fingerprint: string; ok: boolean; message?: string }[] = [];
      for (const { reportId, fingerprint } of items) {
        const reportRegion = await app.accounts.reportRegion(reportId);
        if (reportRegion === undefined || (region && !inScope(reportRegion, region))) {
          results.push({ reportId, fingerprint, ok: false, message: '未找到该报告' });
          continue;
        }
        const r = await app.store.review(reportId, fingerprint, {
          decision,
          reason,
          userId: who?.user?.id ?? null,
          userName,
        });
        if (!r.ok) {
          results.push({ reportId, fingerprint, ok: false, message: r.message });
          continue;
        }
        await app.audit(request, {
          action: 'finding.review',
          target: `report:${reportId}`,
          regionCode: reportRegion,
          detail: { fingerprint, decision, reason, bulk: true },
        });
        results.push({ reportId, fingerprint, ok: true });
      }
      const done = results.filter((r) => r.ok).length;
      return { results, summary: { done, failed: results.length - done } };
    },
  );
}
