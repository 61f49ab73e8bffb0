/**
 * Accounts, for administrators: list, create, change (role, region, password, disabled) and delete.
 * An administrator limited to a region manages only accounts inside that region, and cannot grant
 * a wider one. The last active administrator can be neither demoted, disabled nor deleted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clampRegion } from '@nianbao/db';
import type { User } from '@nianbao/core';
import { ApiError, notFound } from '../errors';
import type { ZodTypeProvider } from '../plugins/zod';
import { ErrorBody } from '@nianbao/contract';
import { NewUserBody, UserInfo, UserParams, UserPatchBody, UsersResponse } from '@nianbao/contract';
import { userInfo } from './session';

const status = (code: string) =>
  code === 'not-found' ? 404 : code === 'user-exists' || code === 'last-admin' ? 409 : 400;

export default async function users(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Users a (possibly region-limited) administrator may see and manage. */
  const manages = (request: FastifyRequest, user: User) => {
    const scope = request.auth.region;
    return !scope || (!!user.regionCode && clampRegion(user.regionCode, scope) === user.regionCode);
  };
  /** A region the administrator may grant: inside its own (a limited administrator must give one). */
  const grantable = (request: FastifyRequest, region: string | null | undefined) => {
    const scope = request.auth.region;
    if (!scope) return;
    if (!region || clampRegion(region, scope) !== region) {
      throw new ApiError(403, 'out-of-scope', `没有权限：只能为本地区（${scope}）及其下级地区创建或修改账号`);
    }
  };
  const target = async (request: FastifyRequest, id: number) => {
    const user = await app.accounts.byId(id);
    if (!user || !manages(request, user)) throw notFound(`未找到编号为 ${id} 的用户`);
    return user;
  };

  app.get(
    '/api/users',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['users'],
        summary: '账号列表（管理员）',
        response: { 200: UsersResponse, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => ({
      items: await Promise.all(
        (await app.accounts.list())
          .filter((u) => manages(request, u))
          .map((u) => userInfo(app, u)),
      ),
    }),
  );

  app.post(
    '/api/users',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['users'],
        summary: '创建账号（管理员）：用户名、密码（至少 8 位）、角色、可选地区范围',
        body: NewUserBody,
        response: { 201: UserInfo, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password, role, region } = request.body;
      grantable(request, region);
      const r = await app.accounts.create({ username, password, role, regionCode: region ?? null });
      if (!r.ok) throw new ApiError(status(r.code), r.code, r.message);
      await app.audit(request, {
        action: 'user.create',
        target: `user:${r.value.username}`,
        regionCode: r.value.regionCode,
        detail: { id: r.value.id, role, region: region ?? null },
      });
      return reply.status(201).send(await userInfo(app, r.value));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['users'],
        summary: '修改账号（管理员）：角色、地区范围（null 为不限）、密码、停用；修改后该用户需重新登录',
        params: UserParams,
        body: UserPatchBody,
        response: {
          200: UserInfo,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const user = await target(request, request.params.id);
      const { role, region, password, disabled } = request.body;
      if (region !== undefined) grantable(request, region);
      const r = await app.accounts.update(user.id, { role, regionCode: region, password, disabled });
      if (!r.ok) throw new ApiError(status(r.code), r.code, r.message);
      await app.audit(request, {
        action: 'user.update',
        target: `user:${user.username}`,
        regionCode: r.value.regionCode ?? user.regionCode,
        detail: {
          id: user.id,
          ...(role !== undefined && { role: { from: user.role, to: role } }),
          ...(region !== undefined && { region: { from: user.regionCode, to: region } }),
          ...(disabled !== undefined && { disabled }),
          ...(password !== undefined && { password: '已重设' }),
        },
      });
      return userInfo(app, r.value);
    },
  );

  app.delete(
    '/api/users/:id',
    {
      onRequest: app.requireRole('admin'),
      preHandler: app.regionScope('route'),
      schema: {
        tags: ['users'],
        summary: '删除账号（管理员）；审计记录保留其用户名',
        params: UserParams,
        response: {
          204: { type: 'null', description: '已删除' },
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = await target(request, request.params.id);
      const r = await app.accounts.remove(user.id);
      if (!r.ok) throw new ApiError(status(r.code), r.code, r.message);
      await app.audit(request, {
        action: 'user.delete',
        target: `user:${user.username}`,
        regionCode: user.regionCode,
        detail: { id: user.id, role: user.role },
      });
      return reply.status(204).send();
    },
  );
}
