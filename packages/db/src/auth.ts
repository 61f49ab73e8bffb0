/**
 * Accounts, sessions and the audit log over the tables of schema-auth.ts.
 *
 * - Passwords: scrypt (node:crypto) with a 16-byte random salt per user, compared in constant time;
 *   the parameters travel in the stored hash so they can be raised later without a migration.
 * - Sessions: a 32-byte random token in the cookie, its SHA-256 in the table; a session ends at
 *   logout, at expiry, when its user is disabled or deleted, or when the password changes.
 * - Region scope: a user limited to a GB/T 2260 subtree (`36`, `3605`, `360502`, or the same padded
 *   to six digits) sees only agencies whose region code falls in that subtree.
 *
 * Every query goes through drizzle with bound parameters; no value is ever spliced into SQL.
 */
import {
  createHash,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { userInfo } from 'node:os';
import { and, asc, count, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { messageOf, parseJson } from './json';
import { subtreeRange } from './regions';
import { agencies, findings, reports } from './schema';
import { auditLog, ROLES, sessions, users, type Role } from './schema-auth';
import { REGION_PREFIX } from '@nianbao/model';

export { ROLES, type Role } from './schema-auth';

// ───────────────────────── passwords ─────────────────────────

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 64 };
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(
      password.normalize('NFKC'),
      salt,
      keylen,
      { ...options, maxmem: 256 * options.N! * options.r! + 2 ** 20 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password a new account may have, or why not (Chinese, for the CLI and the API). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`;
  if (/^(.)\1*$/.test(password)) return '密码不能由同一个字符重复组成';
  return null;
}

/** A login as accounts are looked up by: NFKC (fullwidth to ASCII), trimmed; case is kept. */
export const normaliseUsername = (username: string) => username.normalize('NFKC').trim();

/** Letters, digits, CJK, `._-@`, 2–64 characters. */
export function usernameProblem(username: string): string | null {
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(username))
    return '用户名应为 2–64 个字符，只能包含文字、数字和 . _ - @';
  return null;
}

// ───────────────────────── region scope ─────────────────────────

const REGION = REGION_PREFIX;

/** A region scope as stored: 2, 4 or 6 digits, or why not. */
export function regionProblem(code: string): string | null {
  if (!REGION.test(code))
    return `地区代码“${code}”无效，应为 2、4 或 6 位 GB/T 2260 代码（如 36、3605、360502）`;
  if (code.length === 6 && code === '000000') return `地区代码“${code}”无效`;
  return null;
}

/** True when the (6-digit) region code lies in the subtree of `scope` (null scope: everywhere). */
export function inScope(code: string | null | undefined, scope: string | null | undefined): boolean {
  if (!scope) return true;
  if (!code) return false;
  const [lo, hi] = subtreeRange(scope);
  const c = code.padEnd(6, '0');
  return c >= lo && c < hi;
}

/**
 * A region filter narrowed to a user's scope: the filter when it lies inside the scope, the scope
 * when the filter is wider (or absent), and `null` when the two do not overlap.
 */
export function clampRegion(
  filter: string | null | undefined,
  scope: string | null | undefined,
): string | null | undefined {
  if (!scope) return filter ?? undefined;
  if (!filter) return scope;
  const [flo, fhi] = subtreeRange(filter);
  const [slo, shi] = subtreeRange(scope);
  if (flo >= slo && fhi <= shi) return filter;
  if (slo >= flo && shi <= fhi) return scope;
  return null;
}

/** Who did it, for audit entries written by the command line: `cli:<system user>`. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

// ───────────────────────── accounts ─────────────────────────

export interface User {
  id: number;
  username: string;
  role: Role;
  regionCode: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SessionInfo {
  user: User;
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  target: string | null;
  regionCode: string | null;
  detail: unknown;
  ip: string | null;
}

export interface NewAuditEntry {
  userId?: number | null;
  actor: string;
  action: string;
  target?: string | null;
  regionCode?: string | null;
  detail?: unknown;
  ip?: string | null;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  /** Entries about this region subtree only (a region-scoped administrator). */
  region?: string | null;
  from?: string;
  to?: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const fail = (code: string, message: string) => ({ ok: false as const, code, message });

type UserRow = typeof users.$inferSelect;

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  regionCode: r.regionCode,
  disabled: r.disabled,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** Session lifetime: a working day and a bit; a new login is needed after that. */
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const now = () => new Date().toISOString();

/** A hash to verify against when the user does not exist, so that the answer takes as long. */
let dummyHash: Promise<string> | null = null;

export class Accounts {
  constructor(private readonly db: Db) {}

  /** Any account at all (local single-user mode ends with the first). */
  hasUsers(): boolean {
    return !!this.db.select({ id: users.id }).from(users).limit(1).get();
  }

  list(): User[] {
    return this.db.select().from(users).orderBy(asc(users.username)).all().map(toUser);
  }

  byId(id: number): User | null {
    const r = this.db.select().from(users).where(eq(users.id, id)).get();
    return r ? toUser(r) : null;
  }

  byName(username: string): User | null {
    const r = this.userRow(username);
    return r ? toUser(r) : null;
  }

  private userRow(username: string): UserRow | undefined {
    return this.db
      .select()
      .from(users)
      .where(eq(users.username, normaliseUsername(username)))
      .get();
  }

  /** Administrators who can still log in (the last one may not be removed or demoted). */
  activeAdmins(): number {
    return (
      this.db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
        .get()?.n ?? 0
    );
  }

  async create(input: {
    username: string;
    password: string;
    role: Role;
    regionCode?: string | null;
  }): Promise<Result<User>> {
    const username = normaliseUsername(input.username);
    const problem =
      usernameProblem(username) ??
      passwordProblem(input.password) ??
      (ROLES.includes(input.role) ? null : `角色应为 ${ROLES.join('、')} 之一`) ??
      (input.regionCode ? regionProblem(input.regionCode) : null);
    if (problem) return fail('invalid-request', problem);
    if (this.byName(username)) return fail('user-exists', `用户“${username}”已存在`);
    const hash = await hashPassword(input.password);
    const at = now();
    try {
      const r = this.db
        .insert(users)
        .values({
          username,
          passwordHash: hash,
          role: input.role,
          regionCode: input.regionCode || null,
          disabled: false,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: users.id })
        .get();
      return { ok: true, value: this.byId(r.id)! };
    } catch (e) {
      if (/UNIQUE/.test(messageOf(e))) return fail('user-exists', `用户“${username}”已存在`);
      throw e;
    }
  }

  /**
   * Changes role, region, disabled flag or password. Disabling, demoting or changing the password
   * ends the user's sessions. The last active administrator cannot be demoted or disabled.
   */
  async update(
    id: number,
    change: { role?: Role; regionCode?: string | null; disabled?: boolean; password?: string },
  ): Promise<Result<User>> {
    const user = this.byId(id);
    if (!user) return fail('not-found', `未找到编号为 ${id} 的用户`);
    if (change.role !== undefined && !ROLES.includes(change.role))
      return fail('invalid-request', `角色应为 ${ROLES.join('、')} 之一`);
    if (change.regionCode) {
      const p = regionProblem(change.regionCode);
      if (p) return fail('invalid-request', p);
    }
    if (change.password !== undefined) {
      const p = passwordProblem(change.password);
      if (p) return fail('invalid-request', p);
    }
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      ((change.role && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && this.activeAdmins() <= 1) return fail('last-admin', '不能停用或降级最后一位管理员');
    const hash = change.password !== undefined ? await hashPassword(change.password) : null;
    this.db.transaction((tx) => {
      const set: Partial<typeof users.$inferInsert> = { updatedAt: now() };
      if (change.role !== undefined) set.role = change.role;
      if (change.regionCode !== undefined) set.regionCode = change.regionCode || null;
      if (change.disabled !== undefined) set.disabled = change.disabled;
      if (hash) set.passwordHash = hash;
      tx.update(users).set(set).where(eq(users.id, id)).run();
      const narrowed =
        change.role !== undefined || change.regionCode !== undefined || change.disabled === true || hash;
      if (narrowed) tx.delete(sessions).where(eq(sessions.userId, id)).run();
    });
    return { ok: true, value: this.byId(id)! };
  }

  remove(id: number): Result<User> {
    const user = this.byId(id);
    if (!user) return fail('not-found', `未找到编号为 ${id} 的用户`);
    if (user.role === 'admin' && !user.disabled && this.activeAdmins() <= 1)
      return fail('last-admin', '不能删除最后一位管理员');
    this.db.transaction((tx) => {
      tx.delete(sessions).where(eq(sessions.userId, id)).run();
      tx.delete(users).where(eq(users.id, id)).run();
    });
    return { ok: true, value: user };
  }

  /** The user when the name and password match an enabled account; as slow when the name is unknown. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const row = this.userRow(username);
    if (!row) {
      dummyHash ??= hashPassword(randomBytes(12).toString('base64'));
      await verifyPassword(password, await dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, row.passwordHash);
    return ok && !row.disabled ? toUser(row) : null;
  }

  // ───────────────────────── sessions ─────────────────────────

  /** A new session: the token goes into the cookie, only its hash into the table. */
  createSession(
    userId: number,
    meta: { ip?: string; userAgent?: string } = {},
  ): { token: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const created = new Date();
    const expiresAt = new Date(created.getTime() + SESSION_HOURS * 3600_000).toISOString();
    this.db.delete(sessions).where(lte(sessions.expiresAt, created.toISOString())).run();
    this.db
      .insert(sessions)
      .values({
        tokenHash: sha256(token),
        userId,
        createdAt: created.toISOString(),
        expiresAt,
        lastSeenAt: created.toISOString(),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .run();
    return { token, expiresAt };
  }

  /** Looked up on every request: prepared once. */
  private sessionPrepared: ReturnType<Accounts['prepareSession']> | undefined;
  private prepareSession() {
    return this.db
      .select({ user: users, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.tokenHash, sql.placeholder('tokenHash')),
          gt(sessions.expiresAt, sql.placeholder('now')),
          eq(users.disabled, false),
        ),
      )
      .prepare();
  }

  /** The session of a cookie token, when it exists, has not expired and its user is enabled. */
  session(token: string | undefined | null): SessionInfo | null {
    if (!token || token.length > 200) return null;
    const r = (this.sessionPrepared ??= this.prepareSession()).get({ tokenHash: sha256(token), now: now() });
    return r ? { user: toUser(r.user), expiresAt: r.expiresAt } : null;
  }

  endSession(token: string | undefined | null): void {
    if (token)
      this.db
        .delete(sessions)
        .where(eq(sessions.tokenHash, sha256(token)))
        .run();
  }

  endSessionsOf(userId: number): void {
    this.db.delete(sessions).where(eq(sessions.userId, userId)).run();
  }

  // ───────────────────────── audit log ─────────────────────────

  record(entry: NewAuditEntry): void {
    this.db
      .insert(auditLog)
      .values({
        at: now(),
        userId: entry.userId ?? null,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        regionCode: entry.regionCode ?? null,
        detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
        ip: entry.ip ?? null,
      })
      .run();
  }

  auditLog(filter: AuditFilter = {}, page = 1, pageSize = 50): { total: number; items: AuditEntry[] } {
    const conds: SQL[] = [];
    if (filter.action) {
      const prefix = `${filter.action.replace(/[\\%_]/g, (c) => '\\' + c)}.%`;
      conds.push(
        sql`(${auditLog.action} = ${filter.action} or ${auditLog.action} like ${prefix} escape '\\')`,
      );
    }
    if (filter.actor) conds.push(eq(auditLog.actor, filter.actor));
    if (filter.region) {
      const [lo, hi] = subtreeRange(filter.region);
      conds.push(gte(auditLog.regionCode, lo), lt(auditLog.regionCode, hi));
    }
    if (filter.from) conds.push(gte(auditLog.at, filter.from));
    if (filter.to) conds.push(lt(auditLog.at, filter.to));
    const where = and(...conds);
    const total = this.db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
    const rows = this.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .all();
    return {
      total,
      items: rows.map((r) => ({ ...r, detail: r.detail === null ? null : parseJson(r.detail) })),
    };
  }

  // ───────────────────────── regions of things ─────────────────────────

  /** The region of a report's agency: `undefined` when there is no such report. */
  reportRegion(reportId: number): string | null | undefined {
    const r = this.db
      .select({ code: agencies.regionCode })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(reports.id, reportId))
      .get();
    return r ? r.code : undefined;
  }

  /** The region of an agency (after merges): `undefined` when there is no such agency. */
  agencyRegion(agencyId: number): string | null | undefined {
    let id = agencyId;
    for (let i = 0; i < 16; i++) {
      const r = this.db
        .select({ code: agencies.regionCode, merged: agencies.mergedInto })
        .from(agencies)
        .where(eq(agencies.id, id))
        .get();
      if (!r) return undefined;
      if (!r.merged) return r.code;
      id = r.merged;
    }
    return undefined;
  }

  /** The region of the report a finding belongs to: `undefined` when there is no such finding. */
  findingRegion(findingId: number): string | null | undefined {
    const r = this.db
      .select({ code: agencies.regionCode })
      .from(findings)
      .innerJoin(reports, eq(reports.id, findings.reportId))
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(findings.id, findingId))
      .get();
    return r ? r.code : undefined;
  }
}
