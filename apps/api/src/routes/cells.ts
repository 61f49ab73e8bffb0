/**
 * A reviewer corrects a cell's value as read (issue 19: a figure OCR misread): the correction is
 * kept with who, when and why, the report is re-audited and re-scored with it, and it can be
 * withdrawn. The page image of a photographed report, for the report page to box its cells on.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cellName, templateFor } from '@nianbao/model';
import { CellParams, CorrectionBody, ErrorBody, PageImageParams, ReportDetail } from '@nianbao/contract';
import { ApiError, notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { pageImage } from '@nianbao/extract';


/** A cell's reading for the audit log: its text, or 空白. */
const shown = (c: { raw: string; state: string } | null | undefined) => (!c || c.state === 'blank' || c.state === 'absent' || !c.raw.trim() ? '空白' : c.raw.trim());

export default async function cells(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const correct = async (request: FastifyRequest, id: number, key: string, body: CorrectionBody | null) => {
    const before = await app.store.queries.report(id);
    if (!before) throw notFound(`未找到编号为 ${id} 的报告`);
    const who = request.auth;
    const r = await app.store.correctCell(
      id,
      key,
      body && {
        ...body,
        userId: who?.user?.id ?? null,
        userName: who?.user?.username ?? (who?.mode === 'local' ? '本机（单用户模式）' : '匿名'),
      },
    );
    if (!r.ok) throw new ApiError(404, r.code, r.message);
    const after = (await app.store.queries.report(id))!;
    // the cell as read: kept with the correction made, or with the one withdrawn
    const read = (after.corrections[key] ?? before.corrections[key])!.original;
    await app.audit(request, {
      action: body ? 'cell.correct' : 'cell.correct-revoked',
      target: `report:${id}`,
      regionCode: await app.accounts.reportRegion(id) ?? request.auth.region,
      detail: {
        cell: key,
        label: cellName(templateFor(after.template, after.year), key),
        original: shown(read),
        ...(body ? { value: body.value === null ? '空白' : String(body.value), reason: body.reason } : { value: shown(before.cells[key]) }),
        score: [before.score?.total ?? null, after.score?.total ?? null],
      },
    });
    return after;
  };

  app.put(
    '/api/reports/:id/cells/:key',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '更正单元格的数值（如扫描件识别有误）并说明理由；报告按更正后的数值重新审查、计分，返回更新后的报告',
        description: '读取的原值保留不变，更正覆盖其上（返回的 corrections 列出每个更正单元格的原读数）。更正某单元格即视为已对照原件核对其所在行；再次提交即修改更正。',
        params: CellParams,
        body: CorrectionBody,
        response: { 200: ReportDetail, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => correct(request, request.params.id, request.params.key, request.body),
  );

  app.delete(
    '/api/reports/:id/cells/:key',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '撤销对单元格的更正（恢复读取的原值）；返回重新审查、计分后的报告',
        params: CellParams,
        response: { 200: ReportDetail, 404: ErrorBody },
      },
    },
    async (request) => correct(request, request.params.id, request.params.key, null),
  );

  app.get(
    '/api/reports/:id/pages/:page',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('report'),
      schema: {
        tags: ['reports'],
        summary: '照片或扫描图片原件（.png .jpg .tif）的一页，为 PNG 或 JPEG 图片，用于标出单元格的位置',
        params: PageImageParams,
        produces: ['image/png', 'image/jpeg'],
        response: { 200: { type: 'string', format: 'binary', description: '页面图片' }, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const file = await app.store.queries.file(request.params.id);
      if (!file) throw notFound(`未找到编号为 ${request.params.id} 的报告`);
      let image;
      try {
        image = await pageImage(new Uint8Array(file.bytes), request.params.page);
      } catch {
        throw new ApiError(422, 'unreadable', '原件不是可以显示的图片，或已损坏');
      }
      if (!image) throw notFound(`原件没有第 ${request.params.page} 页`);
      return reply.type(image.type).header('cache-control', 'private, max-age=3600').send(image.bytes);
    },
  );
}
