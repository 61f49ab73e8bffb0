/**
 * Logging in and out. `POST /api/session` checks the name and password (rate-limited per user name
 * and address, and per address), sets the httpOnly SameSite=Strict session cookie and answers who
 * is logged in; `GET` answers the same (or `{ mode: 'local' }` in single-user mode); `DELETE` ends
 * the session; `PUT /api/session/password` changes one's own password.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { User } from '@nianbao/db';
import { ApiError } from '../errors';
import type { Principal } from '../plugins/auth';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { LoginBody, PasswordBody, SessionResponse, type UserInfo } from '@nianbao/contract';

export interface LoginLimit {
  /** Failed attempts allowed per user name and address within the window. */
  max: number;
  /** Failed attempts allowed per address (any user names) within the window. */
  maxPerIp: number;
  windowMs: number;
}

export const LOGIN_LIMIT: LoginLimit = { max: 5, maxPerIp: 30, windowMs: 15 * 60_000 };

/** Failed logins in a sliding window, kept in memory (a restart forgets them). */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly limit: LoginLimit = LOGIN_LIMIT) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds to wait before the next attempt, or 0. */
  retryAfter(username: string, ip: string, now = Date.now()): number {
    const byUser = this.recent(`u:${username.toLowerCase()}|${ip}`, now);
    const byIp = this.recent(`ip:${ip}`, now);
    const blocked = [
      byUser.length >= this.limit.max ? byUser : null,
      byIp.length >= this.limit.maxPerIp ? byIp : null,
    ].filter((l): l is number[] => !!l);
    if (!blocked.length) return 0;
    const until = Math.max(
      ...blocked.map(
        (l) => l[l.length - (l === byUser ? this.limit.max : this.limit.maxPerIp)]! + this.limit.windowMs,
      ),
    );
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  fail(username: string, ip: string, now = Date.now()) {
    if (this.failures.size > 50_000) this.prune(now);
    for (const key of [`u:${username.toLowerCase()}|${ip}`, `ip:${ip}`])
      this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(username: string, ip: string) {
    this.failures.delete(`u:${username.toLowerCase()}|${ip}`);
  }

  private prune(now: number) {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}

export function userInfo(app: FastifyInstance, user: User): UserInfo {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    region: user.regionCode
      ? { code: user.regionCode, name: app.store.queries.regionName(user.regionCode) }
      : null,
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function describe(app: FastifyInstance, p: Principal): SessionResponse {
  if (p.mode === 'session' && p.user) {
    const user = userInfo(app, p.user);
    return { mode: 'session', user, role: user.role, region: user.region, expiresAt: p.expiresAt! };
  }
  return { mode: 'local', user: null, role: 'admin', region: null };
}

const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));

export default async function session(
  fastify: FastifyInstance,
  options: { loginLimit?: Partial<LoginLimit> },
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle({ ...LOGIN_LIMIT, ...options.loginLimit });

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: '当前登录状态：已登录用户（角色、地区范围），或单用户本机模式（mode: local）',
        response: { 200: SessionResponse, 401: ErrorBody },
      },
    },
    async (request) => describe(app, request.auth),
  );

  app.post(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: '登录：校验用户名与密码，设置会话 Cookie（HttpOnly、SameSite=Strict）',
        body: LoginBody,
        response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const ip = request.ip;
      const wait = throttle.retryAfter(username, ip);
      if (wait) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'rate-limited', `登录失败次数过多，请 ${minutes(wait)} 分钟后再试`);
      }
      const user = await app.accounts.authenticate(username, password);
      if (!user) {
        throttle.fail(username, ip);
        app.audit(request, { action: 'session.login-failed', target: `user:${username.slice(0, 64)}` });
        throw new ApiError(401, 'invalid-credentials', '用户名或密码错误');
      }
      throttle.succeed(username, ip);
      // a session cookie sent along is replaced, not kept
      if (request.auth.token) app.accounts.endSession(request.auth.token);
      const { token, expiresAt } = app.accounts.createSession(user.id, {
        ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(request, reply, token, expiresAt);
      request.auth = { mode: 'session', user, role: user.role, region: user.regionCode, token, expiresAt };
      app.audit(request, {
        action: 'session.login',
        target: `user:${user.username}`,
        regionCode: user.regionCode,
      });
      return describe(app, request.auth);
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: '退出登录：结束会话并清除 Cookie',
        response: { 204: { type: 'null', description: '已退出' } },
      },
    },
    async (request: FastifyRequest, reply) => {
      const { auth } = request;
      if (auth.token) app.accounts.endSession(auth.token);
      app.clearSessionCookie(request, reply);
      if (auth.mode === 'session')
        app.audit(request, {
          action: 'session.logout',
          target: `user:${auth.user!.username}`,
          regionCode: auth.region,
        });
      else request.audited = true;
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/session/password',
    {
      schema: {
        tags: ['session'],
        summary: '修改本人密码（其他会话随之失效）',
        body: PasswordBody,
        response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { auth } = request;
      if (auth.mode !== 'session' || !auth.user)
        throw new ApiError(
          400,
          'no-account',
          '单用户本机模式下没有账号，请先用命令行创建账号：pnpm users add',
        );
      const ip = request.ip;
      const wait = throttle.retryAfter(auth.user.username, ip);
      if (wait) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'rate-limited', `密码错误次数过多，请 ${minutes(wait)} 分钟后再试`);
      }
      if (!(await app.accounts.authenticate(auth.user.username, request.body.currentPassword))) {
        throttle.fail(auth.user.username, ip);
        throw new ApiError(401, 'invalid-credentials', '当前密码不正确');
      }
      const r = await app.accounts.update(auth.user.id, { password: request.body.newPassword });
      if (!r.ok) throw new ApiError(400, r.code, r.message);
      const { token, expiresAt } = app.accounts.createSession(auth.user.id, {
        ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(request, reply, token, expiresAt);
      request.auth = { ...auth, user: r.value, token, expiresAt };
      app.audit(request, {
        action: 'user.password',
        target: `user:${auth.user.username}`,
        regionCode: auth.region,
      });
      return describe(app, request.auth);
    },
  );
}
