import type { FastifyInstance } from 'fastify';
import { summarise, type InputFile, type PeerOutOfScope } from '@nianbao/core';
import { ApiError, notFound } from '../errors';
import { describeIssues, type ZodTypeProvider } from '../plugins/zod';
import type { Principal } from '../plugins/session';
import { contentDisposition } from './attachment';
import { ErrorBody, FindingRef, FindingReviewBody, IngestFields, IngestResponse, ReportDetail, ReportOriginal, ReportParams, ReportSource, ReviewBody, ReviewParams } from '@nianbao/contract';

/** Bytes of one upload batch, all files together (ZIP_LIMITS.maxTotalSize caps what a zip expands to). */
const MAX_BATCH_BYTES = 512 * 2 ** 20;

/** The multipart form as OpenAPI shows it (the parts are read as a stream, not validated as a body). */
const uploadForm = {
  type: 'object',
  properties: {
    files: { type: 'array', items: { type: 'string', format: 'binary' }, description: '报告文件（可多个），或 zip 压缩包' },
    agency: { type: 'string', description: '机关名称（报告中无法识别时使用）' },
    year: { type: 'integer', description: '报告年度' },
    published: { type: 'string', format: 'date', description: '发布日期 YYYY-MM-DD' },
  },
  required: ['files'],
};

export default async function reports(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/reports',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('import'),
      schema: {
        tags: ['reports'],
        summary: '导入报告（多个文件或 zip 压缩包），逐个返回结果',
        consumes: ['multipart/form-data'],
        body: uploadForm,
        response: { 200: IngestResponse, 400: ErrorBody, 413: ErrorBody },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new ApiError(400, 'invalid-request', '请以 multipart/form-data 方式上传文件');
      const files: { name: string; bytes: Buffer }[] = [];
      const fields: Record<string, string> = {};
      let received = 0;
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          // each file is capped by multipart's fileSize; the batch, held in memory, by this
          if ((received += bytes.length) > MAX_BATCH_BYTES) {
            throw new ApiError(413, 'too-large', `本次上传的文件合计超过 ${MAX_BATCH_BYTES / 2 ** 20} MB，请分批上传`);
          }
          files.push({ name: part.filename || part.fieldname, bytes });
        } else if (typeof part.value === 'string' && part.value !== '') {
          fields[part.fieldname] = part.value;
        }
      }
      const parsed = IngestFields.safeParse(fields);
      if (!parsed.success) throw new ApiError(400, 'invalid-request', describeIssues(parsed.error, 'body'));
      if (!files.length) throw new ApiError(400, 'no-files', '请至少上传一个文件');
      const { agency, year, published } = parsed.data;
      const overrides = { agency, year, published };
      // a region-scoped user imports only for agencies of its region (the store refuses the others),
      // and rescores no other region's report: each one found copied is logged for its region instead
      const copied: PeerOutOfScope[] = [];
      const scope = request.auth?.region;
      const onPeerOutOfScope = (p: PeerOutOfScope) => copied.push(p);
      const inputs: InputFile[] = files.map((f) => ({ name: f.name, bytes: f.bytes, overrides, scope, onPeerOutOfScope }));
      const results = await app.store.ingest(inputs);
      for (const p of copied) {
        await app.audit(
          request,
          {
            action: 'report.copied-from',
            target: `report:${p.reportId}`,
            regionCode: p.regionCode,
            detail: { copiedBy: p.by.reportId, note: '同年度报告正文高度雷同；该报告未重新评分（管理员重新评分后生效）' },
          },
          { besides: true },
        );
      }
      return { results, summary: summarise(results) };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '报告详情：规范模型（含单元格、问题、得分）、所属机关与各版本',
        params: ReportParams,
        response: { 200: ReportDetail, 404: ErrorBody },
      },
    },
    async (request) => {
      const report = await app.store.queries.report(request.params.id);
      if (!report) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      return report;
    },
  );

  // a reviewer's decision on a finding: the report (all its versions) is re-scored, and answered again
  const review = async (id: number, fingerprint: string, body: ReviewBody, who: Principal | undefined) => {
    const r = await app.store.review(id, fingerprint, {
      ...body,
      userId: who?.user?.id ?? null,
      userName: who?.user?.username ?? (who?.mode === 'local' ? '本机（单用户模式）' : '匿名'),
    });
    if (!r.ok) throw new ApiError(404, r.code, r.message);
    return (await app.store.queries.report(id))!;
  };
  const unreview = async (id: number, fingerprint: string) => {
    const r = await app.store.unreview(id, fingerprint);
    if (!r.ok) throw new ApiError(404, r.code, r.message);
    return (await app.store.queries.report(id))!;
  };
  app.post(
    '/api/reports/:id/findings/:fingerprint/review',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '审核问题：确认（confirm）或排除（dismiss，不再扣分）并说明理由；返回重新计分后的报告',
        description:
          '决定按“机关 + 年度 + 问题标识（fingerprint）”保存：重新评分、导入同一报告的更正版本后仍然有效。再次提交即修改决定。',
        params: ReviewParams,
        body: ReviewBody,
        response: { 200: ReportDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => review(request.params.id, request.params.fingerprint, request.body, request.auth),
  );

  app.delete(
    '/api/reports/:id/findings/:fingerprint/review',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '撤销对问题的审核决定（被排除的问题恢复扣分）；返回重新计分后的报告',
        params: ReviewParams,
        response: { 200: ReportDetail, 404: ErrorBody },
      },
    },
    async (request) => unreview(request.params.id, request.params.fingerprint),
  );

  // the same with the fingerprint in the body, whatever its length
  app.post(
    '/api/reports/:id/reviews',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '审核问题（问题标识 fingerprint 放在请求体中）：确认或排除并说明理由；返回重新计分后的报告',
        params: ReportParams,
        body: FindingReviewBody,
        response: { 200: ReportDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { fingerprint, ...decision } = request.body;
      return review(request.params.id, fingerprint, decision, request.auth);
    },
  );

  app.delete(
    '/api/reports/:id/reviews',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '撤销对问题的审核决定（问题标识 fingerprint 放在请求体中）；返回重新计分后的报告',
        params: ReportParams,
        body: FindingRef,
        response: { 200: ReportDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => unreview(request.params.id, request.body.fingerprint),
  );

  app.get(
    '/api/reports/:id/source',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '报告原文（规范化文本，所有 span 均指向此文本）',
        params: ReportParams,
        response: { 200: ReportSource, 404: ErrorBody },
      },
    },
    async (request) => {
      const source = await app.store.queries.source(request.params.id);
      if (!source) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      return source;
    },
  );

  app.get(
    '/api/reports/:id/original',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '原件中的表格（按原件的行列与合并单元格排列，从导入的文件重新读取），用于在原件表格中标出单元格',
        params: ReportParams,
        response: { 200: ReportOriginal, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request) => {
      const file = await app.store.queries.file(request.params.id);
      const source = await app.store.queries.source(request.params.id);
      if (!file || !source) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      let doc;
      try {
        doc = await app.store.extract(new Uint8Array(file.bytes), file.fileName);
      } catch {
        throw new ApiError(422, 'unreadable', '原件无法重新读取，请查看提取的文字');
      }
      return {
        reportId: request.params.id,
        format: doc.format,
        sameText: doc.text === source.text,
        tables: doc.tables.map((t) => ({
          rows: t.rows.map((r) => r.map((c) => ({ text: c.text, span: c.span, colSpan: c.colSpan, rowSpan: c.rowSpan }))),
        })),
      };
    },
  );

  app.get(
    '/api/reports/:id/file',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '下载报告原始文件（与导入时逐字节一致）',
        params: ReportParams,
        produces: ['application/octet-stream'],
        response: { 200: { type: 'string', format: 'binary', description: '原始文件' }, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const file = await app.store.queries.file(request.params.id);
      if (!file) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      const base = file.fileName.split(/[/\\]/).pop() || 'report';
      return reply
        .type('application/octet-stream')
        .header('content-disposition', contentDisposition(base))
        .send(file.bytes);
    },
  );
}
