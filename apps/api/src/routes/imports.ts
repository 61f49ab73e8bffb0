/**
 * Import jobs (services/import-jobs.ts): the 导入 page declares its files, uploads them in batches,
 * and polls the job for each file's state until the end. `POST /api/reports` (one request, results
 * in the answer) stays for scripts and the tests.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { summarise } from '@nianbao/core';
import { ErrorBody, ImportJob, ImportJobList, ImportJobParams, NewImportJob } from '@nianbao/contract';
import { ApiError, notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { importAuditEntry } from '../plugins/audit';
import fp from 'fastify-plugin';
import { ImportJobs, type JobOwner } from '../services/import-jobs';

/** Bytes of one upload request (the page sends batches well under it). */
const MAX_BATCH_BYTES = 512 * 2 ** 20;

declare module 'fastify' {
  interface FastifyInstance {
    importJobs: ImportJobs;
  }
}

const uploadForm = {
  type: 'object',
  properties: {
    'file-0': { type: 'string', format: 'binary', description: '任务中第 1 个文件（字段名 file-序号，序号从 0 起）' },
  },
};

// global: `app.importJobs` is the server's (tests sweep it)
export default fp(async function imports(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const jobs = new ImportJobs(app.store, {
    onFinish: async ({ owner, results }) =>
      app.accounts.record({
        ...(await importAuditEntry(results, summarise(results), app.accounts, owner.region)),
        userId: owner.userId,
        actor: owner.actor,
        ip: owner.ip,
      }),
    onCopied: (owner, p) =>
      app.accounts.record({
        action: 'report.copied-from',
        target: `report:${p.reportId}`,
        regionCode: p.regionCode,
        detail: { copiedBy: p.by.reportId, note: '同年度报告正文高度雷同；该报告未重新评分（管理员重新评分后生效）' },
        userId: owner.userId,
        actor: owner.actor,
        ip: owner.ip,
      }),
  });
  app.decorate('importJobs', jobs);
  app.addHook('onClose', async () => jobs.close());

  const ownerOf = (request: FastifyRequest): JobOwner => {
    const p = request.auth;
    return {
      userId: p?.user?.id ?? null,
      actor: p?.user?.username ?? (p?.mode === 'local' ? '本机（单用户模式）' : '匿名'),
      ip: request.ip,
      region: p?.region ?? null,
    };
  };
  const jobOf = (request: FastifyRequest, id: string) => {
    const job = jobs.get(id, ownerOf(request), request.auth?.role === 'admin');
    if (!job) throw notFound('未找到该导入任务：任务可能已过期（完成 24 小时后清除）或服务已重新启动');
    return job;
  };
  // the job's finished import is written to the audit log once, not each of its requests (`audited`)

  app.post(
    '/api/imports',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('import'),
      schema: {
        tags: ['reports'],
        summary: '新建导入任务：先列出要上传的文件（名称、大小），再分批上传，服务器逐个解析审查',
        body: NewImportJob,
        response: { 201: ImportJob, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { files, ...fields } = request.body;
      request.audited = true;
      const job = jobs.create(ownerOf(request), fields, files);
      return reply.status(201).send(jobs.view(job));
    },
  );

  app.post(
    '/api/imports/:id/files',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('import'),
      schema: {
        tags: ['reports'],
        summary: '上传导入任务的一批文件（multipart，字段名 file-序号）；文件排队后在后台解析审查',
        consumes: ['multipart/form-data'],
        params: ImportJobParams,
        body: uploadForm,
        response: { 200: ImportJob, 400: ErrorBody, 404: ErrorBody, 413: ErrorBody },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new ApiError(400, 'invalid-request', '请以 multipart/form-data 方式上传文件');
      const job = jobOf(request, request.params.id);
      request.audited = true;
      const end = jobs.beginUpload(job);
      const received: number[] = [];
      let bytes = 0;
      let previous: Promise<void> = Promise.resolve();
      try {
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          const index = Number(/^file-(\d+)$/.exec(part.fieldname)?.[1] ?? NaN);
          const data = await part.toBuffer();
          if (!Number.isInteger(index)) throw new ApiError(400, 'invalid-request', `文件字段名应为 file-序号（收到“${part.fieldname}”）`);
          if ((bytes += data.length) > MAX_BATCH_BYTES) {
            throw new ApiError(413, 'too-large', `一次上传的文件合计超过 ${MAX_BATCH_BYTES / 2 ** 20} MB，请分批上传`);
          }
          const refused = jobs.receive(job, index, data);
          if (refused) throw new ApiError(400, 'invalid-request', refused);
          received.push(index);
        }
      } finally {
        // what arrived is processed even when the rest of the request was refused
        previous = jobs.enqueue(job, received);
        end();
      }
      await previous;
      return jobs.view(job);
    },
  );

  app.get(
    '/api/imports/:id',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['reports'],
        summary: '导入任务的进度：每个文件的状态（待上传、排队、处理中、完成）与结果',
        params: ImportJobParams,
        response: { 200: ImportJob, 404: ErrorBody },
      },
    },
    async (request) => jobs.view(jobOf(request, request.params.id)),
  );

  app.get(
    '/api/imports',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['reports'],
        summary: '本人近期的导入任务（最新的在前）',
        response: { 200: ImportJobList },
      },
    },
    async (request) => jobs.list(ownerOf(request)),
  );

  app.post(
    '/api/imports/:id/cancel',
    {
      onRequest: app.requireRole('reviewer'),
      preHandler: app.regionScope('import'),
      schema: {
        tags: ['reports'],
        summary: '取消导入任务：尚未上传或尚未开始处理的文件不再处理，已导入的报告保留',
        params: ImportJobParams,
        response: { 200: ImportJob, 404: ErrorBody },
      },
    },
    async (request) => {
      const job = jobOf(request, request.params.id);
      request.audited = true;
      await jobs.cancel(job);
      return jobs.view(job);
    },
  );
});
