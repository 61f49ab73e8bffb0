/**
 * The audit log of every change made through the API. Routes that record their own entries call
 * `app.audit` (which marks the request audited); any other successful change is written just before
 * its answer is sent (onSend), described from its route, with the body's secrets removed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts, NewAuditEntry } from '@nianbao/core';
import fp from 'fastify-plugin';
import { isApi } from './session';

type Entry = Omit<NewAuditEntry, 'actor' | 'userId' | 'ip'>;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Writes an audit-log entry for this request's principal; unless `besides`, it stands for the
     * request (which then gets no entry of its own).
     */
    audit(request: FastifyRequest, entry: Entry, options?: { besides?: boolean }): Promise<void>;
  }
  interface FastifyRequest {
    /** Set by routes that wrote their own audit entry. */
    audited: boolean;
    auditPayload: string | null;
  }
}

const SECRET_KEY = /pass|token|secret|cookie|authori/i;

/** A request body fit for the audit log: secrets removed, long strings cut, at most ~4 KB. */
export function redactedBody(body: unknown, depth = 0): unknown {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return body.length > 300 ? body.slice(0, 300) + '…' : body;
  if (typeof body !== 'object') return body;
  if (Buffer.isBuffer(body) || depth > 3) return '[…]';
  if (Array.isArray(body)) return body.slice(0, 50).map((v) => redactedBody(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>).slice(0, 50)) {
    out[k] = SECRET_KEY.test(k) ? '[已隐去]' : redactedBody(v, depth + 1);
  }
  return out;
}

export default fp(
  async function audit(app: FastifyInstance) {
    const { accounts } = app;
    app.decorate('audit', async (request: FastifyRequest, entry: Entry, options: { besides?: boolean } = {}) => {
      const p = request.auth;
      await accounts.record({
        ...entry,
        userId: p?.user?.id ?? null,
        actor: p?.user?.username ?? (p?.mode === 'local' ? '本机（单用户模式）' : '匿名'),
        ip: request.ip,
      });
      if (!options.besides) request.audited = true;
    });
    app.decorateRequest('audited', false);
    app.decorateRequest('auditPayload', null);

    // before the answer goes (onSend, not onResponse): whoever reads the audit log after a change
    // was answered finds it there (on PostgreSQL a write after the answer was still under way)
    app.addHook('onSend', async (request, reply, payload) => {
      if (
        request.method === 'POST' &&
        request.routeOptions.url === '/api/reports' &&
        typeof payload === 'string' &&
        payload.length < 5 * 2 ** 20
      ) {
        request.auditPayload = payload;
      }
      if (request.audited || !request.auth || reply.statusCode >= 400) return payload;
      if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !isApi(request.url.split('?')[0]!)) return payload;
      try {
        await app.audit(request, await describeChange(request, accounts));
      } catch (e) {
        request.log.error({ err: e }, 'audit log write failed');
      }
      return payload;
    });
  },
  { name: 'audit', dependencies: ['session'] },
);

/** The result of an imported file as the audit log keeps it. */
interface ImportedFile {
  file: string;
  status: string;
  reportId: number | null;
  agency: { id: number; name: string } | null;
  year: number | null;
  error: { code: string } | null;
}

/**
 * The audit-log entry of an import (one request of `POST /api/reports`, or a finished import job):
 * its summary and files, under the region of its agencies when they share one.
 */
export async function importAuditEntry(
  results: ImportedFile[],
  summary: unknown,
  accounts: Accounts,
  region: string | null,
): Promise<Entry> {
  const regions = new Set(await Promise.all(results.filter((r) => r.agency).map(async (r) => (await accounts.agencyRegion(r.agency!.id)) ?? null)));
  return {
    action: 'report.import',
    target: results.length === 1 && results[0]!.reportId ? `report:${results[0]!.reportId}` : null,
    regionCode: regions.size === 1 ? [...regions][0]! : region,
    detail: {
      summary,
      files: results.slice(0, 500).map((r) => ({
        file: r.file,
        status: r.status,
        reportId: r.reportId,
        agency: r.agency?.name ?? null,
        year: r.year,
        error: r.error?.code ?? null,
      })),
    },
  };
}

/** What a successful change through the API was, for the audit log. */
async function describeChange(request: FastifyRequest, accounts: Accounts): Promise<Entry> {
  const url = request.routeOptions.url ?? request.url.split('?')[0]!;
  const params = (request.params ?? {}) as Record<string, string>;
  const body = request.body as Record<string, unknown> | undefined;
  const region = request.auth.region;
  if (request.method === 'POST' && url === '/api/reports') {
    let results: ImportedFile[] = [];
    let summary: unknown = null;
    try {
      const parsed = JSON.parse(request.auditPayload ?? '{}') as {
        results?: typeof results;
        summary?: unknown;
      };
      results = parsed.results ?? [];
      summary = parsed.summary ?? null;
    } catch {
      // the payload was not JSON: keep the entry without details
    }
    return importAuditEntry(results, summary, accounts, region);
  }
  const id = Number(params.id);
  const agencyAction = url.match(/^\/api\/agencies\/:id\/(aliases|merge)$/)?.[1];
  if (agencyAction) {
    return {
      action: agencyAction === 'merge' ? 'agency.merge' : 'agency.alias',
      target: `agency:${id}`,
      regionCode: (await accounts.agencyRegion(id)) ?? region,
      detail: redactedBody(body),
    };
  }
  // anything else (review decisions …): the route, its object and its body
  const kind = url.startsWith('/api/reports/:id') ? 'report' : url.startsWith('/api/agencies/:id') ? 'agency' : null;
  const objectRegion =
    kind === 'report' ? await accounts.reportRegion(id) : kind === 'agency' ? await accounts.agencyRegion(id) : undefined;
  const action = /review/.test(url)
    ? request.method === 'DELETE'
      ? 'finding.review-revoked'
      : 'finding.review'
    : `${request.method} ${url}`;
  return {
    action,
    target: kind && Number.isFinite(id) ? `${kind}:${id}` : null,
    regionCode: objectRegion ?? region,
    detail: { route: `${request.method} ${url}`, params: redactedBody(params), body: redactedBody(body) },
  };
}
