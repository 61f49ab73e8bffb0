/**
 * Logging in and out. `POST /api/session` checks the name and password (attempts limited per login
 * and address, per login and per address; hashing bounded: services/login-limit.ts), sets the httpOnly SameSite=Strict session cookie and answers who
 * is logged in; `GET` answers the same (or `{ mode: 'local' }` in single-user mode); `DELETE` ends
 * the session; `PUT /api/session/password` changes one's own password.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '@nianbao/core';
import { ApiError } from '../errors';
import { HashQueue, HashQueueFull, LOGIN_LIMIT, LoginThrottle, type Attempt, type LoginLimit } from '../services/login-limit';
import type { Principal } from '../plugins/session';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { LoginBody, PasswordBody, SessionResponse, type UserInfo } from '@nianbao/contract';

export { LOGIN_LIMIT, LoginThrottle, type LoginLimit } from '../services/login-limit';

export async function userInfo(app: FastifyInstance, user: User): Promise<UserInfo> {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    region: user.regionCode
      ? { code: user.regionCode, name: await app.store.queries.regionName(user.regionCode) }
      : null,
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

async function describe(app: FastifyInstance, p: Principal): Promise<SessionResponse> {
  if (p.mode === 'session' && p.user) {
    const user = await userInfo(app, p.user);
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
  const limit = { ...LOGIN_LIMIT, ...options.loginLimit };
  const throttle = new LoginThrottle(app.accounts.storage, limit);
  const hashing = new HashQueue(limit.hashConcurrency, limit.hashQueue);
  /** The attempt counted, then the password checked in the bounded hashing queue; null for a wrong one. */
  const check = async (reply: FastifyReply, login: string, password: string, ip: string, tooMany: (minutes: number) => string) => {
    const attempt = await throttle.attempt(login, ip);
    if ('retryAfter' in attempt) {
      reply.header('retry-after', String(attempt.retryAfter));
      throw new ApiError(429, 'rate-limited', tooMany(minutes(attempt.retryAfter)));
    }
    let user: User | null;
    try {
      user = await hashing.run(attempt.others, () => app.accounts.authenticate(login, password));
    } catch (e) {
      if (!(e instanceof HashQueueFull)) throw e;
      // still an attempt: a flooding client's count ranks it behind clients with none
      reply.header('retry-after', '1');
      throw new ApiError(503, 'busy', '登录请求过多，请稍后再试');
    }
    return { user, attempt: attempt as Attempt };
  };

  app.get(
    '/api/session',
    {
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
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
      onRequest: app.allowAnonymous,
      preHandler: app.regionScope('none'),
      schema: {
        tags: ['session'],
        summary: '登录：校验用户名与密码，设置会话 Cookie（HttpOnly、SameSite=Strict）',
        body: LoginBody,
        response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const ip = request.ip;
      const { user, attempt } = await check(reply, username, password, ip, (m) => `登录失败次数过多，请 ${m} 分钟后再试`);
      if (!user) {
        await app.audit(request, { action: 'session.login-failed', target: `user:${username.slice(0, 64)}` });
        throw new ApiError(401, 'invalid-credentials', '用户名或密码错误');
      }
      await attempt.succeeded();
      // a session cookie sent along is replaced, not kept
      if (request.auth.token) await app.accounts.endSession(request.auth.token);
      const { token, expiresAt } = await app.accounts.createSession(user.id, {
        ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(request, reply, token, expiresAt);
      request.auth = { mode: 'session', user, role: user.role, region: user.regionCode, token, expiresAt };
      await app.audit(request, {
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
      onRequest: app.allowAnonymous,
      preHandler: app.regionScope('none'),
      schema: {
        tags: ['session'],
        summary: '退出登录：结束会话并清除 Cookie',
        response: { 204: { type: 'null', description: '已退出' } },
      },
    },
    async (request: FastifyRequest, reply) => {
      const { auth } = request;
      if (auth.token) await app.accounts.endSession(auth.token);
      app.clearSessionCookie(request, reply);
      if (auth.mode === 'session')
        await app.audit(request, {
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
      onRequest: app.requireRole('viewer'),
      preHandler: app.regionScope('none'),
      schema: {
        tags: ['session'],
        summary: '修改本人密码（其他会话随之失效）',
        body: PasswordBody,
        response: { 200: SessionResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody },
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
      const { user, attempt } = await check(reply, auth.user.username, request.body.currentPassword, ip, (m) => `密码错误次数过多，请 ${m} 分钟后再试`);
      if (!user) throw new ApiError(401, 'invalid-credentials', '当前密码不正确');
      await attempt.succeeded();
      const r = await app.accounts.update(auth.user.id, { password: request.body.newPassword });
      if (!r.ok) throw new ApiError(400, r.code, r.message);
      const { token, expiresAt } = await app.accounts.createSession(auth.user.id, {
        ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(request, reply, token, expiresAt);
      request.auth = { ...auth, user: r.value, token, expiresAt };
      await app.audit(request, {
        action: 'user.password',
        target: `user:${auth.user.username}`,
        regionCode: auth.region,
      });
      return describe(app, request.auth);
    },
  );
}
