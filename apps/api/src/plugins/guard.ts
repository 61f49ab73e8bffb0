/**
 * Roles, declared by each route in its own file, beside its region scope (plugins/scope.ts):
 *
 *   app.get('/api/users', { onRequest: app.requireRole('admin'), preHandler: app.regionScope('route'), … })
 *
 * `requireRole(role)` lets that role and those above it through (viewer < reviewer < admin): 401
 * without a principal, 403 below the role, before the body is read. `allowAnonymous` marks the few
 * routes open to anyone (health, login, logout). An API route that declares no role or no scope stops
 * the server from starting; `app.apiRoutes` lists every route with what it declared (the tests walk it).
 * A request for no route under /api needs a session before it hears 404, as before.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '@nianbao/db';
import { RoleNames } from '@nianbao/contract';
import fp from 'fastify-plugin';
import { ApiError } from '../errors';
import { isApi } from './session';

export type Access = 'public' | Role;
/** How a region-scoped user is kept to its subtree: see plugins/scope.ts. */
export type ScopeKind = 'none' | 'route' | 'query' | 'report' | 'agency' | 'regions' | 'import';
export interface RoutePolicy {
  access: Access;
  /** `unknown`: the route declared none (the server then refuses to start). */
  scope: ScopeKind | 'unknown';
}

/** A hook that declares part of its route's guard: the role it requires, or the region scope. */
export type Declaring = ((request: FastifyRequest) => Promise<void>) & {
  readonly [DECLARES]: { access: Access } | { scope: ScopeKind };
};
const DECLARES = Symbol('nianbao.guard');

export function declaring(declares: Declaring[typeof DECLARES], hook: (request: FastifyRequest) => Promise<void>): Declaring {
  return Object.assign(hook, { [DECLARES]: declares });
}

/** What a route's own hooks declare (a role in `onRequest`, a scope in `preHandler`). */
export function declaredBy(route: Pick<RouteOptions, 'onRequest' | 'preHandler'>): Partial<RoutePolicy> {
  const out: Partial<RoutePolicy> = {};
  for (const hook of [route.onRequest ?? [], route.preHandler ?? []].flat()) {
    const d = (hook as Partial<Declaring>)[DECLARES];
    if (d && 'access' in d) out.access = d.access;
    if (d && 'scope' in d) out.scope = d.scope;
  }
  return out;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The route's role: this one or above (`onRequest: app.requireRole('reviewer')`). */
    requireRole(role: Role): Declaring;
    /** The route is open to anyone, without a session (`onRequest: app.allowAnonymous`). */
    allowAnonymous: Declaring;
    /**
     * Every API route registered after this plugin: what it declared, and the policy it runs under
     * (`unknown` scope and `admin` for what it did not declare: it would not start).
     */
    apiRoutes: { method: string; url: string; declared: Partial<RoutePolicy>; policy: RoutePolicy }[];
  }
}

const ROLE_RANK: Record<Role, number> = { viewer: 1, reviewer: 2, admin: 3 };

/** Refuses a principal below `role`: 401 without one, 403 below it. */
export function checkRole(request: FastifyRequest, role: Role) {
  const { role: has, token } = request.auth;
  if (!has) throw new ApiError(401, 'unauthenticated', token ? '登录已过期，请重新登录' : '请先登录');
  if (ROLE_RANK[has] < ROLE_RANK[role]) {
    throw new ApiError(403, 'forbidden', `没有权限：此操作需要${RoleNames[role]}权限（当前为${RoleNames[has]}）`);
  }
}

export default fp(
  async function guard(app: FastifyInstance) {
    app.decorate('requireRole', (role: Role) =>
      declaring({ access: role }, async (request) => checkRole(request, role)),
    );
    app.decorate('allowAnonymous', declaring({ access: 'public' }, async () => {}));

    // read when asked, not when routed: a library's routes (the docs UI) get their hooks from an
    // onRoute hook of the plugin that registers them, which runs after this one
    const routes: RouteOptions[] = [];
    const policies = () =>
      routes.flatMap((route) => {
        const declared = declaredBy(route);
        const policy: RoutePolicy = { access: declared.access ?? 'admin', scope: declared.scope ?? 'unknown' };
        return [route.method]
          .flat()
          .filter((method) => method !== 'HEAD')
          .map((method) => ({ method, url: route.url, policy, declared }));
      });
    app.decorate('apiRoutes', { getter: policies });
    app.addHook('onRoute', (route) => {
      if (isApi(route.url)) routes.push(route);
    });
    app.addHook('onReady', async () => {
      const undeclared = policies()
        .filter((r) => !r.declared.access || !r.declared.scope)
        .map((r) => `${r.method} ${r.url}（${!r.declared.access ? 'onRequest: app.requireRole(…)' : 'preHandler: app.regionScope(…)'}）`);
      if (undeclared.length) throw new Error(`API routes without a declared guard: ${undeclared.join('; ')}`);
    });

    // a request for no route: reads need a session, changes an administrator, then it is a 404
    app.addHook('onRequest', async (request) => {
      if (!request.is404 || !isApi(request.url.split('?')[0]!)) return;
      checkRole(request, ['GET', 'HEAD'].includes(request.method) ? 'viewer' : 'admin');
    });
  },
  { name: 'guard', dependencies: ['session'] },
);
