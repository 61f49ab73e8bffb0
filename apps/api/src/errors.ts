import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS } from './plugins/security';
import type { ErrorBody } from '@nianbao/contract';
import { describeIssues, zodValidationIssues } from './plugins/zod';

/** An error a route answers on purpose: an HTTP status, a stable code and a Chinese message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new ApiError(404, 'not-found', message);
export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: { code: 'too-large', message: '上传的文件过大' },
  FST_FILES_LIMIT: { code: 'too-many-files', message: '一次上传的文件过多' },
  FST_PARTS_LIMIT: { code: 'too-many-files', message: '一次上传的文件过多' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'invalid-request', message: '请以 multipart/form-data 方式上传文件' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported-media-type', message: '不支持的请求内容类型' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid-request', message: '请求体为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid-request', message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'too-large', message: '请求体过大' },
};

const MALFORMED_MULTIPART = /^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Malformed part header|Part terminated early)/;

/** Every error leaves as `{ error: { code, message } }` with a message in Chinese. */
export function errorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) return reply.status(err.statusCode).send(errorBody(err.code, err.message));
    const zod = zodValidationIssues(err);
    if (zod) return reply.status(400).send(errorBody('invalid-request', describeIssues(zod, zod.part)));
    if (err.validation) {
      return reply.status(400).send(errorBody('invalid-request', `请求参数无效：${err.message}`));
    }
    const known = FASTIFY_CODES[err.code];
    if (known) return reply.status(err.statusCode ?? 400).send(errorBody(known.code, known.message));
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('bad-request', `请求无效：${err.message}`));
    }
    // busboy's parse errors (a truncated upload, a missing boundary) carry no code: the client's fault
    if (MALFORMED_MULTIPART.test(err.message)) {
      return reply.status(400).send(errorBody('invalid-request', '上传的数据不完整或格式不正确（可能上传中断），请重新上传'));
    }
    request.log.error(err);
    return reply.status(500).send(errorBody('internal', '服务器内部错误，请稍后重试或联系管理员'));
  });
}

const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'invalid-request', message: '请求地址无效（编码不正确）' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'too-large', message: '请求地址过长' },
};

/** Fastify's `frameworkErrors`: what its router refuses before routing (so before any hook). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = FRAMEWORK_ERRORS[error.code] ?? { status: error.statusCode ?? 400, code: 'invalid-request', message: '请求无效' };
  reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' });
  reply.status(known.status).send(errorBody(known.code, known.message));
}

/** Fastify's `clientErrorHandler`: a request Node's HTTP parser cannot read (headers too large, garbage). */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy(err);
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const body = JSON.stringify(errorBody(tooLarge ? 'too-large' : 'invalid-request', tooLarge ? '请求头过大' : '请求格式不正确'));
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
