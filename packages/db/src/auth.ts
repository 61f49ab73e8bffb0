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
 * Every statement is prepared with bound parameters; no value is ever spliced into SQL.
 */
import {
  createHash,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import type { Db } from './client';
import { subtreeRange } from './regions';
import { ROLES, type Role } from './schema-auth';

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

const REGION = /^\d{2}(?:\d{2}(?:\d{2})?)?$/;

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

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  region_code: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  regionCode: r.region_code,
  disabled: !!r.disabled,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Session lifetime: a working day and a bit; a new login is needed after that. */
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const now = () => new Date().toISOString();

/** A hash to verify against when the user does not exist, so that the answer takes as long. */
let dummyHash: Promise<string> | null = null;

export class Accounts {
  private readonly sqlite: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(db: Db | Database.Database) {
    this.sqlite = 'prepare' in db ? db : db.$client;
  }

  private s(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) this.cache.set(sql, (st = this.sqlite.prepare(sql)));
    return st;
  }

  /** Any account at all (local single-user mode ends with the first). */
  hasUsers(): boolean {
    return !!this.s('select 1 from users limit 1').get();
  }

  list(): User[] {
    return (this.s('select * from users order by username').all() as UserRow[]).map(toUser);
  }

  byId(id: number): User | null {
    const r = this.s('select * from users where id = ?').get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  byName(username: string): User | null {
    const r = this.s('select * from users where username = ?').get(normaliseUsername(username)) as
      UserRow | undefined;
    return r ? toUser(r) : null;
  }

  /** Administrators who can still log in (the last one may not be removed or demoted). */
  activeAdmins(): number {
    return (
      this.s("select count(*) as n from users where role = 'admin' and disabled = 0").get() as { n: number }
    ).n;
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
      const r = this.s(
        'insert into users (username, password_hash, role, region_code, disabled, created_at, updated_at) values (?, ?, ?, ?, 0, ?, ?)',
      ).run(username, hash, input.role, input.regionCode || null, at, at);
      return { ok: true, value: this.byId(Number(r.lastInsertRowid))! };
    } catch (e) {
      if (/UNIQUE/.test((e as Error).message)) return fail('user-exists', `用户“${username}”已存在`);
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
    this.sqlite.transaction(() => {
      const at = now();
      if (change.role !== undefined)
        this.s('update users set role = ?, updated_at = ? where id = ?').run(change.role, at, id);
      if (change.regionCode !== undefined)
        this.s('update users set region_code = ?, updated_at = ? where id = ?').run(
          change.regionCode || null,
          at,
          id,
        );
      if (change.disabled !== undefined)
        this.s('update users set disabled = ?, updated_at = ? where id = ?').run(
          change.disabled ? 1 : 0,
          at,
          id,
        );
      if (hash) this.s('update users set password_hash = ?, updated_at = ? where id = ?').run(hash, at, id);
      const narrowed =
        change.role !== undefined || change.regionCode !== undefined || change.disabled === true || hash;
      if (narrowed) this.s('delete from sessions where user_id = ?').run(id);
    })();
    return { ok: true, value: this.byId(id)! };
  }

  remove(id: number): Result<User> {
    const user = this.byId(id);
    if (!user) return fail('not-found', `未找到编号为 ${id} 的用户`);
    if (user.role === 'admin' && !user.disabled && this.activeAdmins() <= 1)
      return fail('last-admin', '不能删除最后一位管理员');
    this.sqlite.transaction(() => {
      this.s('delete from sessions where user_id = ?').run(id);
      this.s('delete from users where id = ?').run(id);
    })();
    return { ok: true, value: user };
  }

  /** The user when the name and password match an enabled account; as slow when the name is unknown. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const row = this.s('select * from users where username = ?').get(normaliseUsername(username)) as
      UserRow | undefined;
    if (!row) {
      dummyHash ??= hashPassword(randomBytes(12).toString('base64'));
      await verifyPassword(password, await dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, row.password_hash);
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
    this.s('delete from sessions where expires_at <= ?').run(created.toISOString());
    this.s(
      'insert into sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent) values (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      sha256(token),
      userId,
      created.toISOString(),
      expiresAt,
      created.toISOString(),
      meta.ip ?? null,
      meta.userAgent?.slice(0, 300) ?? null,
    );
    return { token, expiresAt };
  }

  /** The session of a cookie token, when it exists, has not expired and its user is enabled. */
  session(token: string | undefined | null): SessionInfo | null {
    if (!token || token.length > 200) return null;
    const r = this.s(
      `select u.*, s.expires_at as session_expires_at from sessions s join users u on u.id = s.user_id
       where s.token_hash = ? and s.expires_at > ? and u.disabled = 0`,
    ).get(sha256(token), now()) as (UserRow & { session_expires_at: string }) | undefined;
    return r ? { user: toUser(r), expiresAt: r.session_expires_at } : null;
  }

  endSession(token: string | undefined | null): void {
    if (token) this.s('delete from sessions where token_hash = ?').run(sha256(token));
  }

  endSessionsOf(userId: number): void {
    this.s('delete from sessions where user_id = ?').run(userId);
  }

  // ───────────────────────── audit log ─────────────────────────

  record(entry: NewAuditEntry): void {
    this.s(
      'insert into audit_log (at, user_id, actor, action, target, region_code, detail, ip) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      now(),
      entry.userId ?? null,
      entry.actor,
      entry.action,
      entry.target ?? null,
      entry.regionCode ?? null,
      entry.detail === undefined ? null : JSON.stringify(entry.detail),
      entry.ip ?? null,
    );
  }

  auditLog(filter: AuditFilter = {}, page = 1, pageSize = 50): { total: number; items: AuditEntry[] } {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (filter.action) {
      conds.push("(action = ? or action like ? escape '\\')");
      params.push(filter.action, `${filter.action.replace(/[\\%_]/g, (c) => '\\' + c)}.%`);
    }
    if (filter.actor) {
      conds.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.region) {
      const [lo, hi] = subtreeRange(filter.region);
      conds.push('region_code >= ? and region_code < ?');
      params.push(lo, hi);
    }
    if (filter.from) {
      conds.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      conds.push('at < ?');
      params.push(filter.to);
    }
    // the condition texts are fixed strings above; only the values are bound
    const whereSql = conds.length ? `where ${conds.join(' and ')}` : '';
    const total = (this.s(`select count(*) as n from audit_log ${whereSql}`).get(...params) as { n: number })
      .n;
    const rows = this.s(`select * from audit_log ${whereSql} order by id desc limit ? offset ?`).all(
      ...params,
      pageSize,
      (page - 1) * pageSize,
    ) as {
      id: number;
      at: string;
      user_id: number | null;
      actor: string;
      action: string;
      target: string | null;
      region_code: string | null;
      detail: string | null;
      ip: string | null;
    }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        actor: r.actor,
        action: r.action,
        target: r.target,
        regionCode: r.region_code,
        detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
        ip: r.ip,
      })),
    };
  }

  // ───────────────────────── regions of things ─────────────────────────

  /** The region of a report's agency: `undefined` when there is no such report. */
  reportRegion(reportId: number): string | null | undefined {
    const r = this.s(
      'select a.region_code as code from reports r join agencies a on a.id = r.agency_id where r.id = ?',
    ).get(reportId) as { code: string | null } | undefined;
    return r ? r.code : undefined;
  }

  /** The region of an agency (after merges): `undefined` when there is no such agency. */
  agencyRegion(agencyId: number): string | null | undefined {
    let id = agencyId;
    for (let i = 0; i < 16; i++) {
      const r = this.s('select region_code as code, merged_into as merged from agencies where id = ?').get(
        id,
      ) as { code: string | null; merged: number | null } | undefined;
      if (!r) return undefined;
      if (!r.merged) return r.code;
      id = r.merged;
    }
    return undefined;
  }

  /** The region of the report a finding belongs to: `undefined` when there is no such finding. */
  findingRegion(findingId: number): string | null | undefined {
    const r = this.s(
      'select a.region_code as code from findings f join reports r on r.id = f.report_id join agencies a on a.id = r.agency_id where f.id = ?',
    ).get(findingId) as { code: string | null } | undefined;
    return r ? r.code : undefined;
  }
}
