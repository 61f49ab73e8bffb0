/**
 * The contract of sessions, users and the audit log (zod only, so the dashboard can import the
 * inferred types like those of schemas.ts).
 *
 * Errors keep the API's shape `{ error: { code, message } }`:
 * - 401 `unauthenticated` (no or expired session), `invalid-credentials` (wrong name or password)
 * - 403 `forbidden` (role too low), `out-of-scope` (outside the user's region)
 * - 429 `rate-limited` (too many failed logins; `Retry-After` header in seconds)
 */
import { z } from 'zod';
import { ROLES, ROLE_LABEL } from '@nianbao/model';
import { RegionPrefix } from './schemas';

export const Role = z
  .enum(ROLES)
  .describe(ROLES.map((r) => `${r} ${ROLE_LABEL[r]}`).join(' / '));
export type Role = z.infer<typeof Role>;

export const RoleNames: Record<Role, string> = ROLE_LABEL;

const regionCode = RegionPrefix;

export const RegionScope = z.object({ code: z.string(), name: z.string().nullable() });

export const UserInfo = z.object({
  id: z.number().int(),
  username: z.string(),
  role: Role,
  /** The region subtree the user is limited to; null = every region. */
  region: RegionScope.nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserInfo = z.infer<typeof UserInfo>;

/**
 * Who is asking. `local`: single-user mode (no account yet, server on 127.0.0.1): everything is open,
 * the dashboard should say so. `session`: a logged-in user.
 */
export const SessionResponse = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local'), user: z.null(), role: z.literal('admin'), region: z.null() }),
  z.object({
    mode: z.literal('session'),
    user: UserInfo,
    role: Role,
    region: RegionScope.nullable(),
    expiresAt: z.string(),
  }),
]);
export type SessionResponse = z.infer<typeof SessionResponse>;

export const LoginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export const PasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const UsersResponse = z.object({ items: z.array(UserInfo) });
export const UserParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const NewUserBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
  role: Role,
  region: regionCode.nullable().optional(),
});
export const UserPatchBody = z
  .object({
    role: Role.optional(),
    region: regionCode.nullable().optional(),
    password: z.string().min(1).max(1024).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const AuditLogQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  /** `report.import`, or a prefix such as `report` / `user`. */
  action: z.string().max(100).optional(),
  /** User name as it was when the action happened. */
  actor: z.string().max(100).optional(),
  /** ISO dates or times, `from` inclusive, `to` exclusive. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export const AuditLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  actor: z.string(),
  /** `session.login`, `session.login-failed`, `session.logout`, `user.create`, `user.update`, `user.delete`, `report.import`, `agency.alias`, `agency.merge`, `finding.review`, `report.rescore` … */
  action: z.string(),
  target: z.string().nullable(),
  regionCode: z.string().nullable(),
  detail: z.unknown(),
  ip: z.string().nullable(),
  /** The target as a person names it: 「南开区文化和旅游局 2019年度报告」, 「南开区文化和旅游局」 (null when gone or none). */
  targetLabel: z.string().nullable(),
  /** The region's name (天津市南开区) for `regionCode`. */
  regionName: z.string().nullable(),
});
export const AuditLogResponse = z.object({ total: z.number().int(), items: z.array(AuditLogEntry) });
export type AuditLogResponse = z.infer<typeof AuditLogResponse>;
