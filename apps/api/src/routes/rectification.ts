/**
 * 整改通知书 per report and in bulk, and the 整改台账 of the cases they open.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ITEM_STATUS_LABEL } from '@nianbao/model';
import { notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { NoticeQuery, NoticeResponse, NoticesQuery, RectificationsQuery, RectificationsResponse, ReportIdParams } from '@nianbao/contract';
import { DOCX_TYPE, ledgerXlsx, noticeFileName, noticesDocx, Office, XLSX_TYPE, type NoticeData } from '@nianbao/core';
import { contentDisposition, sendFile } from './attachment';

/** Issuing a notice opens the unit's rectification case: reviewers and administrators do; a viewer gets a draft. */
const issues = (request: FastifyRequest) => request.auth.role === 'reviewer' || request.auth.role === 'admin';

export default async function rectification(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = new Office(app.store);

  const opened = async (request: FastifyRequest, n: NoticeData, before: number | null) => {
    if (n.caseId !== null && before === null) {
      await app.audit(request, {
        action: 'rectification.open',
        target: `report:${n.reportId}`,
        regionCode: (await app.accounts.agencyRegion(n.agency.id)) ?? null,
        detail: { agency: n.agency.name, year: n.year, items: n.items.length, dueOn: n.dueOn },
      });
    }
  };

  app.get(
    '/api/reports/:id/notice',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['rectification'],
        summary: '整改通知书（DOCX；format=json 为其内容）',
        description:
          '问题清单列出报告中的错误和警告，审核员排除的问题不列入（confirmedOnly=true 时只列已确认的问题）。审核员或管理员生成通知书即为该单位该年度建立整改台账（每单位每年度一份，due 可修改整改期限）；查看者得到的是草稿。',
        params: ReportIdParams,
        querystring: NoticeQuery,
        produces: [DOCX_TYPE, 'application/json'],
        response: { 200: NoticeResponse, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, due, confirmedOnly } = request.query;
      const before = (await office.notice(request.params.id))?.caseId ?? null;
      const drafted = await office.notice(request.params.id, { dueOn: due, confirmedOnly: confirmedOnly === 'true', open: issues(request) });
      if (!drafted) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      const n = { ...drafted, items: await app.withholdPeers(request, drafted.items) };
      await opened(request, n, before);
      if (format === 'json') return n;
      return sendFile(reply, DOCX_TYPE, contentDisposition(noticeFileName(n), `notice_${n.reportId}.docx`), await noticesDocx([n]));
    },
  );

  app.get(
    '/api/notices',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['rectification'],
        summary: '批量生成整改通知书（某年度、某地区、某等次的全部单位，一个 DOCX，每单位一页起）',
        querystring: NoticesQuery,
        produces: [DOCX_TYPE],
        response: { 200: { type: 'string', format: 'binary', description: 'DOCX 文件' }, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { year, region, grade, due } = request.query;
      const ids = await office.reportsFor({ year, region, grade });
      if (!ids.length) throw notFound(`${year}年度没有符合条件的报告`);
      const notices = [];
      for (const id of ids) {
        const before = (await office.notice(id))?.caseId ?? null;
        const n = (await office.notice(id, { dueOn: due, open: issues(request) }))!;
        await opened(request, n, before);
        notices.push({ ...n, items: await app.withholdPeers(request, n.items) });
      }
      const name = `整改通知书_${year}年度${grade ? `_${grade}` : ''}${region ? `_${await app.store.queries.regionName(region) ?? region}` : ''}.docx`;
      return sendFile(reply, DOCX_TYPE, contentDisposition(name, `notices_${year}.docx`), await noticesDocx(notices));
    },
  );

  app.get(
    '/api/rectifications',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['rectification'],
        summary: '整改台账：各单位的整改事项与整改情况（待整改、已整改、逾期未改），可导出 Excel',
        description: '重新导入同一报告的更正版本后，更正版本中已不存在的问题自动记为已整改；过了整改期限仍有未整改事项的记为逾期未改。',
        querystring: RectificationsQuery,
        response: { 200: RectificationsResponse, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const cases = await office.cases(filter);
      const result = { ...cases, items: await Promise.all(cases.items.map(async (c) => ({ ...c, items: await app.withholdPeers(request, c.items) }))) };
      if (format === 'xlsx') {
        const name = `整改台账${filter.year ? `_${filter.year}年度` : ''}${filter.region ? `_${await app.store.queries.regionName(filter.region) ?? filter.region}` : ''}.xlsx`;
        return sendFile(reply, XLSX_TYPE, contentDisposition(name, `rectifications${filter.year ? `_${filter.year}` : ''}.xlsx`), await ledgerXlsx(result.items));
      }
      return {
        total: result.total,
        items: result.items.map((c) => ({
          ...c,
          statusLabel: ITEM_STATUS_LABEL[c.status],
          items: c.items.map((i) => ({ ...i, statusLabel: ITEM_STATUS_LABEL[i.status] })),
        })),
      };
    },
  );
}
