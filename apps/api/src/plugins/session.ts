/**
 * Who is calling. Every request gets a principal (`request.auth`):
 *
 * - `session`: a valid `nianbao_session` cookie (httpOnly, SameSite=Strict, Secure off localhost);
 * - `local`: single-user mode — no account exists yet and the server listens only on a loopback
 *   address (127.0.0.1, ::1, localhost) or is not listening at all (`app.inject`): everything is
 *   open, as an administrator without a region;
 * - `anonymous`: otherwise.
 *
 * What a principal may call is each route's own declaration (plugins/guard.ts, plugins/scope.ts).
 * A state-changing request to the API sent by a page of another site is refused here, before any
 * route's guard.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@nianbao/db';
import { Accounts, type AccountStorage, type User } from '@nianbao/core';
import cookiePlugin from '@fastify/cookie';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';

export const SESSION_COOKIE = 'nianbao_session';

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
    isLocalMode(): Promise<boolean>;
    /** Sets / clears the session cookie with the right flags for this request. */
    setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void;
    clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void;
  }
  interface FastifyRequest {
    auth: Principal;
  }
}

export interface SessionOptions {
  /**
   * The address the server listens on, when known before `listen` (startServer passes it). Without
   * it the addresses actually listened on are used; a server not listening (inject) counts as local.
   */
  host?: string;
  /** Secure cookie flag: 'auto' (default) sets it unless the request came to localhost. */
  cookieSecure?: boolean | 'auto';
  /** Requests come through a trusted reverse proxy (TRUST_PROXY): from elsewhere, so no local mode. */
  behindProxy?: boolean;
  /**
   * Where accounts are kept (`openAccounts(url)` of @nianbao/db/pg: on PostgreSQL, shared by every API
   * server on the database); otherwise the store's SQLite database. Closed by whoever opened it.
   */
  accounts?: AccountStorage;
}

export const isLoopback = (host: string) =>
  host === 'localhost' ||
  host === '::1' ||
  /^127\.\d+\.\d+\.\d+$/.test(host) ||
  /^::ffff:127\.\d+\.\d+\.\d+$/.test(host);

export const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const unbracket = (host: string) => host.replace(/^\[|\]$/g, '');

export default fp(
  async function session(app: FastifyInstance, options: SessionOptions) {
    const accounts = new Accounts(options.accounts ?? app.store.db);
    app.decorate('accounts', accounts);

    const isLocalMode = async () => {
      if (options.behindProxy || await accounts.hasUsers()) return false;
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

    app.decorateRequest('auth', null as unknown as Principal);

    // before the body is read or validated, and before any route's own guard
    app.addHook('onRequest', async (request) => {
      const token = request.cookies[SESSION_COOKIE] ?? null;
      const session = token ? await accounts.session(token) : null;
      if (session) {
        request.auth = {
          mode: 'session',
          user: session.user,
          role: session.user.role,
          region: session.user.regionCode,
          token,
          expiresAt: session.expiresAt,
        };
      } else if ((await isLocalMode()) && isLoopback(unbracket(request.hostname))) {
        // a page of another site resolving its name to 127.0.0.1 (DNS rebinding) does not get local mode
        request.auth = { mode: 'local', user: null, role: 'admin', region: null, token: null, expiresAt: null };
      } else {
        request.auth = { mode: 'anonymous', user: null, role: null, region: null, token, expiresAt: null };
      }
      if (!isApi(request.url.split('?')[0]!)) return; // the dashboard's files are public; its data is not
      if (!SAFE_METHODS.has(request.method) && crossSite(request)) {
        throw new ApiError(403, 'cross-origin', '没有权限：拒绝来自其他网站的请求，请在本平台页面中操作');
      }
    });
  },
  { name: 'session' },
);

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
