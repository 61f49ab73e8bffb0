/**
 * Zod as Fastify's schema language, through fastify-type-provider-zod: routes declare zod schemas
 * (from @nianbao/contract), requests are validated and coerced by its validator compiler, and its
 * validation errors are answered in Chinese (`describeIssues`, errors.ts). Responses are checked
 * against their schemas outside production, and the OpenAPI document gets the same schemas as
 * JSON Schema.
 *
 * Two pieces stay home-made, for what the library (4.0.2) does not do:
 * - the serializer: the library's validates every response, in production too (no option to turn
 *   it off): measured on a report's detail (21–30 KB of JSON), zod's parse takes 3–6 ms where
 *   JSON.stringify takes 0.4–0.6 ms. And it sends the value zod parsed instead of the handler's:
 *   keys its schema does not name are dropped, the others reordered (observed on /api/deadlines);
 * - the OpenAPI transform: the library's converts every part as zod, and our multipart routes declare
 *   plain JSON Schema for their forms and file downloads; ours also gives each response its
 *   description (from `.describe()`, or 成功).
 */
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { z, ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { hasZodFastifySchemaValidationErrors, validatorCompiler } from 'fastify-type-provider-zod';

export type { ZodTypeProvider } from 'fastify-type-provider-zod';

const isZod = (s: unknown): s is ZodTypeAny => !!s && typeof (s as ZodTypeAny).safeParse === 'function';

/** The zod issues of a request Fastify refused through the library's validator, with the part that failed. */
export function zodValidationIssues(error: unknown): { issues: z.ZodIssue[]; part: string } | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const part = (error as { validationContext?: string }).validationContext ?? '';
  return { issues: error.validation.map((v) => v.params.issue), part };
}

/** A validation failure as the API answers it: 400 with a Chinese message naming the part and field. */
export function describeIssues(error: { issues: z.ZodIssue[] }, part: string): string {
  const where: Record<string, string> = { querystring: '查询参数', params: '路径参数', body: '请求体', headers: '请求头' };
  return (
    `${where[part] ?? part}无效：` +
    error.issues
      // a schema's own Chinese message says what to do and needs no field name
      .map((i) => (CHINESE.test(i.message) ? i.message : `${i.path.length ? i.path.join('.') + '：' : ''}${issueMessage(i)}`))
      .join('；')
  );
}

const CHINESE = /[\u4e00-\u9fff]/;

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  integer: '整数',
  string: '文本',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  null: '空值',
  nan: '非数字的值',
  date: '日期',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

function issueMessage(i: z.ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.received === 'undefined' ? '缺少此项' : `应为${typeName(i.expected)}，收到${typeName(i.received)}`;
    case 'invalid_enum_value':
      return `应为 ${i.options.join('、')} 之一`;
    case 'too_small':
      return `不能小于 ${i.minimum}`;
    case 'too_big':
      return `不能大于 ${i.maximum}`;
    case 'invalid_string':
      return i.message && i.message !== 'Invalid' ? i.message : '格式不正确';
    default:
      return i.message;
  }
}

export function zodCompilers(app: FastifyInstance, options: { checkResponses: boolean }) {
  // a multipart route's body schema is plain JSON Schema for the docs: its parts are read as a stream
  app.setValidatorCompiler((route) => (isZod(route.schema) ? validatorCompiler({ ...route, schema: route.schema }) : () => true));
  app.setSerializerCompiler(({ schema, url, method }) => {
    if (!isZod(schema) || !options.checkResponses) return (data: unknown) => JSON.stringify(data);
    return (data: unknown) => {
      const r = schema.safeParse(data);
      // a response that breaks its declared schema is a bug of ours: fail loudly in tests. What is
      // sent is the handler's value, as in production, not zod's parse of it (which drops keys)
      if (!r.success) throw new Error(`response of ${method} ${url} breaks its schema: ${r.error.message}`);
      return JSON.stringify(data);
    };
  });
}

/** For @fastify/swagger: each zod part of a route schema as OpenAPI 3 JSON Schema. */
export function toJsonSchema(schema: ZodTypeAny): Record<string, unknown> {
  const out = zodToJsonSchema(schema, { target: 'openApi3', $refStrategy: 'none', effectStrategy: 'input' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export function transformSchema({ schema, url }: { schema: FastifySchema; url: string }) {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['querystring', 'params', 'body', 'headers'] as const) {
    const s = schema[part];
    if (isZod(s)) out[part] = toJsonSchema(s);
  }
  if (schema.response && typeof schema.response === 'object') {
    const response: Record<string, unknown> = {};
    for (const [code, s] of Object.entries(schema.response as Record<string, unknown>)) {
      response[code] = isZod(s) ? { ...toJsonSchema(s), description: s.description ?? '成功' } : s;
    }
    out.response = response;
  }
  return { schema: out as FastifySchema, url };
}
