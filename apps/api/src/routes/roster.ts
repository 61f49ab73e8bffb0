/**
 * The roster (应报送名单) and each unit's status per year; 报送日期, the deadline calendar and the
 * office's settings (its name for the 落款, the default rectification period).
 */
import type { FastifyInstance } from 'fastify';
import { inScope } from '@nianbao/db';
import { ApiError, notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import {
  AgencyIdParams,
  DeadlineBody,
  DeadlinesResponse,
  FilingBody,
  LoopTrendsQuery,
  LoopTrendsResponse,
  NewUnit,
  OfficeSettings,
  OfficeSettingsBody,
  OkResponse,
  RosterImportResponse,
  RosterImportResult,
  RosterQuery,
  RosterResponse,
  UnitPatch,
} from '@nianbao/contract';
import { Office, readRosterFile, RosterFileError, statusXlsx, XLSX_TYPE } from '@nianbao/core';
import { contentDisposition, sendFile } from './attachment';

const rosterForm = {
  type: 'object',
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: 'XLSX 或 CSV，表头：机关名称、地区代码、类型、上级机关、自何年起应报、撤并年份、年报栏目网址',
    },
  },
  required: ['file'],
};

const STATUS_TITLE = { 'on-time': '按时发布名单', late: '逾期发布名单', missing: '未报送名单', 'not-due': '未到期名单', exempt: '免报名单' } as const;

export default async function roster(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const office = new Office(app.store);

  app.post(
    '/api/roster',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('route'),
      // a region-scoped reviewer imports units of its region only (checked row by row)
      schema: {
        tags: ['roster'],
        summary: '导入应报送名单（XLSX 或 CSV），逐行返回结果',
        description: '名称按机关的已登记名称和别名匹配；与已登记机关相近但不一致的行报错返回，不作猜测；与任何机关都不相近的行作为新单位加入。',
        consumes: ['multipart/form-data'],
        body: rosterForm,
        response: { 200: RosterImportResponse, 400: ErrorBody },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new ApiError(400, 'invalid-request', '请以 multipart/form-data 方式上传名单文件');
      let file: { name: string; bytes: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer();
        if (file) throw new ApiError(400, 'invalid-request', '一次只能导入一个名单文件');
        file = { name: part.filename || part.fieldname, bytes };
      }
      if (!file) throw new ApiError(400, 'no-files', '请上传名单文件（字段 file）');
      let rows;
      try {
        rows = await readRosterFile(file.name, file.bytes);
      } catch (e) {
        if (e instanceof RosterFileError) throw new ApiError(400, 'invalid-roster', e.message);
        throw e;
      }
      const out = await office.importRoster(rows, request.auth.region);
      await app.audit(request, {
        action: 'roster.import',
        target: null,
        regionCode: request.auth.region,
        detail: { file: file.name, summary: out.summary },
      });
      return out;
    },
  );

  app.get(
    '/api/roster',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['roster'],
        summary: '各单位某年度的发布状态（按时、逾期、未发布、未到期、免报），可导出 Excel',
        description:
          '未导入应报送名单时，以历年发布过报告的单位为名单（source = reports）；首份报告晚于该年度的单位不计为未发布，除非名单规定其应报。asOf 为统计截止日期，晚于该日发布的报告视为尚未发布。',
        querystring: RosterQuery,
        response: { 200: RosterResponse, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const result = await office.status(filter);
      if (format === 'xlsx') {
        const title = filter.status ? STATUS_TITLE[filter.status] : '发布情况';
        const name = `${result.year}年度${title}${filter.region ? `_${await app.store.queries.regionName(filter.region) ?? filter.region}` : ''}.xlsx`;
        return sendFile(reply, XLSX_TYPE, contentDisposition(name, `roster_${result.year}${filter.status ? `_${filter.status}` : ''}.xlsx`), await statusXlsx(result.items, { year: result.year, asOf: result.asOf, title }));
      }
      return result;
    },
  );

  app.post(
    '/api/roster/units',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('route'),
      // a region-scoped reviewer adds units of its region only
      schema: {
        tags: ['roster'],
        summary: '在名单中新增一个单位（与名单文件的一行相同：按名称和别名匹配已登记机关，相近而不一致的名称报错返回）',
        body: NewUnit,
        response: { 200: RosterImportResult, 400: ErrorBody },
      },
    },
    async (request) => {
      const r = await office.addUnit(request.body, request.auth.region);
      if (r.status === 'error') throw new ApiError(400, 'invalid-unit', r.message ?? '无法加入名单');
      await app.audit(request, {
        action: 'roster.add',
        target: `agency:${r.agency!.id}`,
        regionCode: await app.accounts.agencyRegion(r.agency!.id) ?? request.auth.region,
        detail: { ...request.body, status: r.status },
      });
      return r;
    },
  );

  app.get(
    '/api/trends/loop',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('query'),
      schema: {
        tags: ['roster'],
        summary: '报送与整改的历年情况：按时、逾期、未发布的比例，整改通知与整改完成率，各类问题的单位占比',
        querystring: LoopTrendsQuery,
        response: { 200: LoopTrendsResponse, 400: ErrorBody },
      },
    },
    async (request) => office.loopTrends(request.query),
  );

  app.patch(
    '/api/agencies/:id/roster',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('agency'),
      schema: {
        tags: ['roster'],
        summary: '修改名单中的单位：更名（原名称保留为别名）、自何年起应报、撤并、免报、栏目网址',
        params: AgencyIdParams,
        body: UnitPatch,
        response: { 200: OkResponse, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const r = await office.updateUnit(request.params.id, request.body);
      if (!r.ok) throw new ApiError(r.code === 'not-found' ? 404 : 409, r.code, r.message);
      await app.audit(request, {
        action: 'roster.update',
        target: `agency:${request.params.id}`,
        regionCode: await app.accounts.agencyRegion(request.params.id) ?? request.auth.region,
        detail: request.body,
      });
      return { ok: true as const };
    },
  );

  app.put(
    '/api/agencies/:id/filing',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('agency'),
      schema: {
        tags: ['roster'],
        summary: '登记（或清除）单位某年度报告的报送日期',
        params: AgencyIdParams,
        body: FilingBody,
        response: { 200: OkResponse, 404: ErrorBody },
      },
    },
    async (request) => {
      const r = await office.setFiling(request.params.id, request.body.year, request.body.filedOn);
      if (!r.ok) throw notFound(r.message);
      await app.audit(request, {
        action: 'roster.filing',
        target: `agency:${request.params.id}`,
        regionCode: await app.accounts.agencyRegion(request.params.id) ?? request.auth.region,
        detail: request.body,
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/deadlines',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
      schema: { tags: ['roster'], summary: '发布期限：法定默认期限与各地区、各类机关的自定期限', response: { 200: DeadlinesResponse } },
    },
    async () => office.deadlines(),
  );

  app.put(
    '/api/deadlines',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['roster'],
        summary: '设定某地区（含下级）某类机关的发布期限（次年 MM-DD）；monthDay 为 null 时恢复默认',
        body: DeadlineBody,
        response: { 200: DeadlinesResponse, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const { region, kind, monthDay } = request.body;
      const scope = request.auth.region;
      if (scope && (!region || !inScope(region, scope))) {
        throw new ApiError(403, 'out-of-scope', `没有权限：只能设定本地区（${scope}）的期限`);
      }
      const out = await office.setDeadline(region ? region.padEnd(6, '0') : '', kind, monthDay);
      await app.audit(request, { action: 'deadline.set', target: null, regionCode: region ? region.padEnd(6, '0') : scope, detail: request.body });
      return out;
    },
  );

  app.get(
    '/api/office-settings',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
      schema: { tags: ['roster'], summary: '本机关名称（整改通知书、通报的落款）与默认整改期限天数', response: { 200: OfficeSettings } },
    },
    async () => office.settings(),
  );

  app.put(
    '/api/office-settings',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('none'),
      schema: { tags: ['roster'], summary: '设置本机关名称与默认整改期限天数', body: OfficeSettingsBody, response: { 200: OfficeSettings, 400: ErrorBody } },
    },
    async (request) => {
      const out = await office.setSettings(request.body);
      await app.audit(request, { action: 'office.settings', target: null, regionCode: request.auth.region, detail: request.body });
      return out;
    },
  );
}
