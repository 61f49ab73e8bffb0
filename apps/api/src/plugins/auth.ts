/**
 * Who may call what. Every request under /api gets a principal (`request.auth`):
 *
 * - `session`: a valid `nianbao_session` cookie (httpOnly, SameSite=Strict, Secure off localhost);
 * - `local`: single-user mode — no account exists yet and the server listens only on a loopback
 *   address (127.0.0.1, ::1, localhost) or is not listening at all (`app.inject`): everything is
 *   open, as an administrator without a region;
 * - `anonymous`: otherwise; only the public routes (health, login, logout) answer, the rest 401.
 *
 * Routes are classified in POLICIES (or by `config: { auth: { access, scope } }` on the route): the
 * lowest role that may call it (viewer < reviewer < admin) and how a region-scoped user is kept to
 * its subtree — `query` (the `region` filter is narrowed to the user's subtree), `report` / `agency`
 * / `finding` (the object of `:id` must lie in it, else 404), `regions` (the tree is pruned),
 * `import` (the ingest refuses reports of agencies outside it), `route` (the handler applies
 * `request.auth.region` itself), `none` (nothing regional). A route
 * nobody classified is refused to region-scoped users (403) rather than risk a leak, and a mutating
 * one needs an administrator.
 *
 * Changes made through the API are written to the audit log (onResponse), with the body's secrets
 * removed; routes that record their own entries set `request.audited`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  Accounts,
  clampRegion,
  inScope,
  subtreeRange,
  type NewAuditEntry,
  type Role,
  type User,
} from '@nianbao/db';
import { ApiError, notFound } from '../errors';
import { RoleNames } from '@nianbao/contract';
import { renderFinding } from '@nianbao/audit';
import cookiePlugin from '@fastify/cookie';
import fp from 'fastify-plugin';

export const SESSION_COOKIE = 'nianbao_session';

export type Access = 'public' | Role;
export type ScopeKind =
  'none' | 'route' | 'query' | 'report' | 'agency' | 'finding' | 'regions' | 'import' | 'unknown';
export interface RoutePolicy {
  access: Access;
  scope: ScopeKind;
}

export interface Principal {
  mode: 'local' | 'session' | 'anonymous';
  user: User | null;
  /** Effective role: `admin` in local mode, null when anonymous. */
  role: Role | null;
  /** Region subtree the principal is limited to (null: everywhere). */
  region: string | null;
  token: string | null;
  expiresAt: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    accounts: Accounts;
    /** True while the server runs in single-user local mode (no account, loopback only). */
    isLocalMode(): boolean;
    /**
     * Writes an audit-log entry for this request's principal; unless `besides`, it stands for the
     * request (which then gets no entry of its own).
     */
    audit(request: FastifyRequest, entry: Omit<NewAuditEntry, 'actor' | 'userId' | 'ip'>, options?: { besides?: boolean }): void;
    /** Sets / clears the session cookie with the right flags for this request. */
    setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void;
    clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void;
    /** Every API route registered after this plugin, with its policy (for the route-coverage test). */
    apiRoutes: { method: string; url: string; policy: RoutePolicy }[];
  }
  interface FastifyRequest {
    auth: Principal;
    /** Set by routes that wrote their own audit entry. */
    audited: boolean;
    auditPayload: string | null;
  }
  interface FastifyContextConfig {
    auth?: Partial<RoutePolicy>;
  }
}

export interface AuthOptions {
  /**
   * The address the server listens on, when known before `listen` (startServer passes it). Without
   * it the addresses actually listened on are used; a server not listening (inject) counts as local.
   */
  host?: string;
  /** Secure cookie flag: 'auto' (default) sets it unless the request came to localhost. */
  cookieSecure?: boolean | 'auto';
  /** Requests come through a trusted reverse proxy (TRUST_PROXY): from elsewhere, so no local mode. */
  behindProxy?: boolean;
}

const ROLE_RANK: Record<Role, number> = { viewer: 1, reviewer: 2, admin: 3 };

/** Every API route and what it needs. Keys are `METHOD url-pattern` as Fastify routes them. */
export const POLICIES: Record<string, RoutePolicy> = {
  'GET /api/health': { access: 'public', scope: 'none' },
  'POST /api/session': { access: 'public', scope: 'none' },
  'DELETE /api/session': { access: 'public', scope: 'none' },
  'GET /api/session': { access: 'viewer', scope: 'none' },
  'PUT /api/session/password': { access: 'viewer', scope: 'none' },

  'GET /api/users': { access: 'admin', scope: 'route' },
  'POST /api/users': { access: 'admin', scope: 'route' },
  'PATCH /api/users/:id': { access: 'admin', scope: 'route' },
  'DELETE /api/users/:id': { access: 'admin', scope: 'route' },
  'GET /api/audit-log': { access: 'admin', scope: 'route' },

  'POST /api/reports': { access: 'reviewer', scope: 'import' },
  'GET /api/reports/:id': { access: 'viewer', scope: 'report' },
  'GET /api/reports/:id/source': { access: 'viewer', scope: 'report' },
  'GET /api/reports/:id/file': { access: 'viewer', scope: 'report' },
  'GET /api/reports/:id/original': { access: 'viewer', scope: 'report' },

  'GET /api/agencies': { access: 'viewer', scope: 'query' },
  'GET /api/agencies/:id': { access: 'viewer', scope: 'agency' },
  'POST /api/agencies/:id/aliases': { access: 'admin', scope: 'agency' },
  'POST /api/agencies/:id/merge': { access: 'admin', scope: 'agency' },

  'GET /api/rankings': { access: 'viewer', scope: 'query' },
  'GET /api/rankings/export': { access: 'viewer', scope: 'query' },
  'GET /api/overview': { access: 'viewer', scope: 'query' },
  'GET /api/trends': { access: 'viewer', scope: 'query' },
  'GET /api/years': { access: 'viewer', scope: 'route' },
  'GET /api/regions': { access: 'viewer', scope: 'regions' },
  'GET /api/rules': { access: 'viewer', scope: 'none' },
  'GET /api/rubric': { access: 'viewer', scope: 'none' },
  'GET /api/openapi.json': { access: 'viewer', scope: 'none' },
};

/** The policy of a route (method and Fastify url pattern), with the route's own config first. */
export function policyOf(
  method: string,
  url: string | undefined,
  config?: Partial<RoutePolicy>,
): RoutePolicy {
  const m = method === 'HEAD' ? 'GET' : method;
  const read = m === 'GET';
  // confirming or dismissing a finding is the reviewer's job; other changes default to administrators
  const write: Role = url && /\/(reviews?|decisions?)(\/|$)/.test(url) ? 'reviewer' : 'admin';
  const fromTable: RoutePolicy | undefined = url
    ? (POLICIES[`${m} ${url}`] ??
      (url === '/api/docs' || url.startsWith('/api/docs/')
        ? { access: 'viewer', scope: 'none' }
        : undefined) ??
      (url.startsWith('/api/reports/:id/')
        ? { access: read ? 'viewer' : write, scope: 'report' }
        : undefined) ??
      (url.startsWith('/api/agencies/:id/')
        ? { access: read ? 'viewer' : write, scope: 'agency' }
        : undefined) ??
      (url.startsWith('/api/findings/:id')
        ? { access: read ? 'viewer' : write, scope: 'finding' }
        : undefined))
    : undefined;
  const base: RoutePolicy = fromTable ?? { access: read ? 'viewer' : write, scope: 'unknown' };
  return { ...base, ...config };
}

export const isLoopback = (host: string) =>
  host === 'localhost' ||
  host === '::1' ||
  /^127\.\d+\.\d+\.\d+$/.test(host) ||
  /^::ffff:127\.\d+\.\d+\.\d+$/.test(host);

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

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

export default fp(async function auth(app: FastifyInstance, options: AuthOptions) {
  const accounts = new Accounts(app.store.db);
  app.decorate('accounts', accounts);
  const routes: FastifyInstance['apiRoutes'] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, policy: policyOf(method, route.url, route.config?.auth) });
    }
  });

  const isLocalMode = () => {
    if (options.behindProxy || accounts.hasUsers()) return false;
    if (options.host) return isLoopback(options.host);
    const addresses = app.addresses();
    return addresses.every((a) => typeof a === 'string' || isLoopback(a.address));
  };
  app.decorate('isLocalMode', isLocalMode);

  const secureFor = (request: FastifyRequest) => {
    const setting = options.cookieSecure ?? envSecure() ?? 'auto';
    if (setting !== 'auto') return setting;
    return request.protocol === 'https' || !isLoopback(unbracket(request.hostname));
  };
  // cookies parsed and written by @fastify/cookie; the session cookie is strict whatever the caller
  await app.register(cookiePlugin);
  const setCookie = (request: FastifyRequest, reply: FastifyReply, value: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', maxAge, secure: secureFor(request) });
  app.decorate(
    'setSessionCookie',
    (request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string) => {
      setCookie(request, reply, token, Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)));
    },
  );
  app.decorate('clearSessionCookie', (request: FastifyRequest, reply: FastifyReply) => {
    setCookie(request, reply, '', 0);
  });

  app.decorate('audit', (request: FastifyRequest, entry: Omit<NewAuditEntry, 'actor' | 'userId' | 'ip'>, options: { besides?: boolean } = {}) => {
    const p = request.auth;
    accounts.record({
      ...entry,
      userId: p?.user?.id ?? null,
      actor: p?.user?.username ?? (p?.mode === 'local' ? '本机（单用户模式）' : '匿名'),
      ip: request.ip,
    });
    if (!options.besides) request.audited = true;
  });

  app.decorateRequest('auth', null as unknown as Principal);
  app.decorateRequest('audited', false);
  app.decorateRequest('auditPayload', null);

  const policyOfRequest = (request: FastifyRequest) =>
    policyOf(request.method, request.routeOptions.url, request.routeOptions.config?.auth);

  // ── authentication and role: before the body is read or validated ──
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const session = token ? accounts.session(token) : null;
    if (session) {
      request.auth = {
        mode: 'session',
        user: session.user,
        role: session.user.role,
        region: session.user.regionCode,
        token,
        expiresAt: session.expiresAt,
      };
    } else if (isLocalMode() && isLoopback(unbracket(request.hostname))) {
      // a page of another site resolving its name to 127.0.0.1 (DNS rebinding) does not get local mode
      request.auth = { mode: 'local', user: null, role: 'admin', region: null, token: null, expiresAt: null };
    } else {
      request.auth = { mode: 'anonymous', user: null, role: null, region: null, token, expiresAt: null };
    }
    if (!isApi(path)) return; // the dashboard's files are public; its data is not
    if (!SAFE_METHODS.has(request.method) && crossSite(request)) {
      throw new ApiError(403, 'cross-origin', '没有权限：拒绝来自其他网站的请求，请在本平台页面中操作');
    }
    const policy = policyOfRequest(request);
    if (policy.access === 'public') return;
    const { role } = request.auth;
    if (!role) throw new ApiError(401, 'unauthenticated', token ? '登录已过期，请重新登录' : '请先登录');
    if (ROLE_RANK[role] < ROLE_RANK[policy.access]) {
      throw new ApiError(
        403,
        'forbidden',
        `没有权限：此操作需要${RoleNames[policy.access]}权限（当前为${RoleNames[role]}）`,
      );
    }
  });

  // ── region scope: after validation, on the parsed params and query ──
  app.addHook('preHandler', async (request) => {
    const scope = request.auth?.region;
    if (!scope || !isApi(request.url.split('?')[0]!) || !request.routeOptions.url) return;
    const policy = policyOfRequest(request);
    const params = (request.params ?? {}) as Record<string, unknown>;
    const id = Number(params.id);
    switch (policy.scope) {
      case 'none':
      case 'route':
      case 'regions':
      case 'import':
        return;
      case 'query': {
        const query = request.query as Record<string, unknown>;
        const region = clampRegion(typeof query.region === 'string' ? query.region : undefined, scope);
        if (region === null)
          throw new ApiError(403, 'out-of-scope', `没有权限：只能查看本地区（${scope}）的数据`);
        query.region = region;
        return;
      }
      case 'report':
        if (!inScope(accounts.reportRegion(id), scope)) throw notFound(`未找到编号为 ${params.id} 的报告`);
        return;
      case 'agency': {
        if (!inScope(accounts.agencyRegion(id), scope)) throw notFound(`未找到编号为 ${params.id} 的机关`);
        const from = (request.body as Record<string, unknown> | undefined)?.from;
        if (from !== undefined && !inScope(accounts.agencyRegion(Number(from)), scope))
          throw notFound(`未找到编号为 ${from} 的机关`);
        return;
      }
      case 'finding':
        if (!inScope(accounts.findingRegion(id), scope)) throw notFound(`未找到编号为 ${params.id} 的问题`);
        return;
      default:
        throw new ApiError(403, 'out-of-scope', '没有权限：此接口暂不向限定地区的账号开放');
    }
  });

  // ── the region tree pruned to the user's subtree; a report's findings naming no agency outside it ──
  app.addHook('preSerialization', async (request, _reply, payload) => {
    const scope = request.auth?.region;
    if (!scope) return payload;
    const kind = policyOfRequest(request).scope;
    if (kind === 'regions') {
      const body = payload as { items?: RegionTreeNode[] };
      return Array.isArray(body?.items) ? { ...body, items: pruneTree(body.items, scope) } : payload;
    }
    if (kind === 'report') {
      const body = payload as { findings?: PeerFinding[] };
      if (Array.isArray(body?.findings)) {
        return { ...body, findings: redactPeers(body.findings, (id) => inScope(accounts.reportRegion(id), scope)) };
      }
    }
    return payload;
  });

  // ── the audit log of every change made through the API ──
  app.addHook('onSend', async (request, _reply, payload) => {
    if (
      request.method === 'POST' &&
      request.routeOptions.url === '/api/reports' &&
      typeof payload === 'string' &&
      payload.length < 5 * 2 ** 20
    ) {
      request.auditPayload = payload;
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.audited || !request.auth || reply.statusCode >= 400) return;
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !isApi(request.url.split('?')[0]!)) return;
    try {
      app.audit(request, describeChange(request, accounts));
    } catch (e) {
      request.log.error({ err: e }, 'audit log write failed');
    }
  });
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const unbracket = (host: string) => host.replace(/^\[|\]$/g, '');

/**
 * A state-changing request sent by a page of another site (CSRF; the session cookie is SameSite=Strict
 * already, this also covers single-user local mode, which has no cookie): its Origin is not this
 * server's own origin, compared exactly (scheme, host and port). Another port of the same machine is
 * another site: any local program or page served there could otherwise drive the API.
 */
export function crossSite(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).origin !== new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return true; // `null` (sandboxed frames, file://) or garbage
  }
}

function envSecure(): boolean | undefined {
  const v = process.env.COOKIE_SECURE;
  if (v === undefined || v === '' || v === 'auto') return undefined;
  return !/^(0|false|no|off)$/i.test(v);
}

interface RegionTreeNode {
  code: string;
  agencies: number;
  children: RegionTreeNode[];
}

interface PeerFinding {
  rule: string;
  message: string;
  messageId?: string;
  data?: Record<string, string | number>;
  fingerprint?: string;
}

const COPIED_ACROSS = 'originality.copied-across-agencies';
export const OTHER_REGION_AGENCY = '其他地区的机关';

/**
 * Findings fit for a region-scoped user: a report copied from an agency outside the user's region
 * is still reported, but without that agency's name (its fingerprint, `rule:peerReportId`, names
 * no one, and the peer's id answers 404 to this user).
 */
export function redactPeers<T extends PeerFinding>(findings: T[], visible: (reportId: number) => boolean): T[] {
  return findings.map((f) => {
    if (f.rule !== COPIED_ACROSS) return f;
    const peer = Number(f.fingerprint?.slice(COPIED_ACROSS.length + 1));
    if (Number.isInteger(peer) && visible(peer)) return f;
    return renderFinding(f, { withhold: { agency: OTHER_REGION_AGENCY } });
  });
}

/** The nodes inside `scope`, and the ancestors leading to them with counts of what is kept. */
export function pruneTree<T extends RegionTreeNode>(nodes: T[], scope: string): T[] {
  const [slo, shi] = subtreeRange(scope);
  const out: T[] = [];
  for (const n of nodes) {
    if (inScope(n.code, scope)) out.push(n);
    else {
      const [lo, hi] = subtreeRange(n.code);
      if (slo >= lo && shi <= hi) {
        const children = pruneTree(n.children as T[], scope);
        if (children.length)
          out.push({ ...n, children, agencies: children.reduce((s, c) => s + c.agencies, 0) });
      }
    }
  }
  return out;
}

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
export function importAuditEntry(
  results: ImportedFile[],
  summary: unknown,
  accounts: Accounts,
  region: string | null,
): Omit<NewAuditEntry, 'actor' | 'userId' | 'ip'> {
  const regions = new Set(results.filter((r) => r.agency).map((r) => accounts.agencyRegion(r.agency!.id) ?? null));
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
function describeChange(
  request: FastifyRequest,
  accounts: Accounts,
): Omit<NewAuditEntry, 'actor' | 'userId' | 'ip'> {
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
      regionCode: accounts.agencyRegion(id) ?? region,
      detail: redactedBody(body),
    };
  }
  // anything else (review decisions, rescoring …): the route, its object and its body
  const kind = url.startsWith('/api/reports/:id')
    ? 'report'
    : url.startsWith('/api/findings/:id')
      ? 'finding'
      : url.startsWith('/api/agencies/:id')
        ? 'agency'
        : null;
  const objectRegion =
    kind === 'report'
      ? accounts.reportRegion(id)
      : kind === 'finding'
        ? accounts.findingRegion(id)
        : kind === 'agency'
          ? accounts.agencyRegion(id)
          : undefined;
  const action = /review|decision/.test(url)
    ? request.method === 'DELETE'
      ? 'finding.review-revoked'
      : 'finding.review'
    : /rescore/.test(url)
      ? 'report.rescore'
      : `${request.method} ${url}`;
  return {
    action,
    target: kind && Number.isFinite(id) ? `${kind}:${id}` : null,
    regionCode: objectRegion ?? region,
    detail: { route: `${request.method} ${url}`, params: redactedBody(params), body: redactedBody(body) },
  };
}
