/**
 * Accounts: who may log in, as what, where; their sessions; the audit log of what they did. The rules
 * are here; storage is the `AccountStorage` interface (accounts-storage.ts: @nianbao/db's
 * `SqliteAccounts`, or `PgAccounts` on PostgreSQL).
 *
 * - Passwords: scrypt (node:crypto) with a 16-byte random salt per user, compared in constant time;
 *   the parameters travel in the stored hash so they can be raised later without a migration.
 * - Sessions: a 32-byte random token in the cookie, its SHA-256 in the database (so every API server
 *   on it knows every session); a session ends at logout, at expiry, when its user is disabled or
 *   deleted, or when the role, region or password changes.
 * - Roles: viewer < reviewer < admin; the last enabled administrator cannot be demoted, disabled or
 *   deleted. A region scope limits a user to a GB/T 2260 subtree (@nianbao/db's `inScope`).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { userInfo } from 'node:os';
import { losesAdmin, messageOf, ROLES, SqliteAccounts, type AuditFilter, type Db, type Role, type UserRow } from '@nianbao/db';
import { REGION_PREFIX } from '@nianbao/model';
import type { AccountStorage } from './accounts-storage';

export type { AuditFilter };

// ───────────────────────── passwords ─────────────────────────

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 64 };
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

function scryptKey(password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }): Promise<Buffer> {
  const params: ScryptOptions = { ...options, maxmem: 256 * options.N * options.r + 2 ** 20 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keylen, params, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptKey(password, salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptKey(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
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
  if (!/^[\p{L}\p{N}._@-]{2,64}$/u.test(username)) return '用户名应为 2–64 个字符，只能包含文字、数字和 . _ - @';
  return null;
}

/** A region scope as stored: 2, 4 or 6 digits, or why not. */
export function regionProblem(code: string): string | null {
  if (!REGION_PREFIX.test(code)) return `地区代码“${code}”无效，应为 2、4 或 6 位 GB/T 2260 代码（如 36、3605、360502）`;
  if (code.length === 6 && code === '000000') return `地区代码“${code}”无效`;
  return null;
}

const roleProblem = (role: Role) => (ROLES.includes(role) ? null : `角色应为 ${ROLES.join('、')} 之一`);

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

type Failure = { ok: false; code: string; message: string };
type Result<T> = { ok: true; value: T } | Failure;
const fail = (code: string, message: string): Failure => ({ ok: false, code, message });

const toUser = ({ passwordHash: _, ...user }: UserRow): User => user;

/** Session lifetime: a working day and a bit; a new login is needed after that. */
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const now = () => new Date().toISOString();

/** A hash to verify against when the user does not exist, so that the answer takes as long. */
let dummyHash: Promise<string> | null = null;

export class Accounts {
  readonly storage: AccountStorage;

  /** Over an account storage, or a SQLite database (its `SqliteAccounts`). */
  constructor(storage: AccountStorage | Db) {
    this.storage = 'anyUser' in storage ? storage : new SqliteAccounts(storage);
  }

  /** Any account at all (local single-user mode ends with the first). */
  async hasUsers(): Promise<boolean> {
    return this.storage.anyUser();
  }

  async list(): Promise<User[]> {
    return (await this.storage.users()).map(toUser);
  }

  async byId(id: number): Promise<User | null> {
    const r = await this.storage.userById(id);
    return r ? toUser(r) : null;
  }

  async byName(username: string): Promise<User | null> {
    const r = await this.storage.userByName(normaliseUsername(username));
    return r ? toUser(r) : null;
  }

  async create(input: { username: string; password: string; role: Role; regionCode?: string | null }): Promise<Result<User>> {
    const username = normaliseUsername(input.username);
    const problem =
      usernameProblem(username) ??
      passwordProblem(input.password) ??
      roleProblem(input.role) ??
      (input.regionCode ? regionProblem(input.regionCode) : null);
    if (problem) return fail('invalid-request', problem);
    const exists = fail('user-exists', `用户“${username}”已存在`);
    if (await this.byName(username)) return exists;
    const passwordHash = await hashPassword(input.password);
    const at = now();
    try {
      const id = await this.storage.insertUser({ username, passwordHash, role: input.role, regionCode: input.regionCode || null, disabled: false, createdAt: at, updatedAt: at });
      return { ok: true, value: (await this.byId(id))! };
    } catch (e) {
      // created meanwhile (by another server): the unique name refused it
      if (/UNIQUE|duplicate key/i.test(messageOf(e))) return exists;
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
    const user = await this.byId(id);
    if (!user) return fail('not-found', `未找到编号为 ${id} 的用户`);
    const problem =
      (change.role !== undefined ? roleProblem(change.role) : null) ??
      (change.regionCode ? regionProblem(change.regionCode) : null) ??
      (change.password !== undefined ? passwordProblem(change.password) : null);
    if (problem) return fail('invalid-request', problem);
    const lastAdmin = fail('last-admin', '不能停用或降级最后一位管理员');
    // asked first so that a refused change costs no hashing; the storage checks again as it writes
    if (losesAdmin(user, change) && (await this.storage.activeAdmins()) <= 1) return lastAdmin;
    const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
    const narrowed = change.role !== undefined || change.regionCode !== undefined || change.disabled === true || !!passwordHash;
    const done = await this.storage.updateUser(
      id,
      {
        updatedAt: now(),
        role: change.role,
        regionCode: change.regionCode === undefined ? undefined : change.regionCode || null,
        disabled: change.disabled,
        passwordHash,
      },
      narrowed,
    );
    if (!done) return lastAdmin;
    return { ok: true, value: (await this.byId(id))! };
  }

  async remove(id: number): Promise<Result<User>> {
    const user = await this.byId(id);
    if (!user) return fail('not-found', `未找到编号为 ${id} 的用户`);
    if (!(await this.storage.deleteUser(id))) return fail('last-admin', '不能删除最后一位管理员');
    return { ok: true, value: user };
  }

  /** The user when the name and password match an enabled account; as slow when the name is unknown. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const row = await this.storage.userByName(normaliseUsername(username));
    if (!row) {
      dummyHash ??= hashPassword(randomBytes(12).toString('base64'));
      await verifyPassword(password, await dummyHash);
      return null;
    }
    const ok = await verifyPassword(password, row.passwordHash);
    return ok && !row.disabled ? toUser(row) : null;
  }

  // ───────────────────────── sessions ─────────────────────────

  /** A new session: the token goes into the cookie, only its hash into the database. */
  async createSession(userId: number, meta: { ip?: string; userAgent?: string } = {}): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const created = new Date();
    const expiresAt = new Date(created.getTime() + SESSION_HOURS * 3600_000).toISOString();
    await this.storage.insertSession({
      tokenHash: sha256(token),
      userId,
      createdAt: created.toISOString(),
      expiresAt,
      lastSeenAt: created.toISOString(),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, expiresAt };
  }

  /** The session of a cookie token, when it exists, has not expired and its user is enabled. */
  async session(token: string | undefined | null): Promise<SessionInfo | null> {
    if (!token || token.length > 200) return null;
    const r = await this.storage.session(sha256(token), now());
    return r ? { user: toUser(r.user), expiresAt: r.expiresAt } : null;
  }

  async endSession(token: string | undefined | null): Promise<void> {
    if (token) await this.storage.deleteSession(sha256(token));
  }

  // ───────────────────────── audit log ─────────────────────────

  async record(entry: NewAuditEntry): Promise<void> {
    await this.storage.insertAudit({
      at: now(),
      userId: entry.userId ?? null,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      regionCode: entry.regionCode ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ip: entry.ip ?? null,
    });
  }

  async auditLog(filter: AuditFilter = {}, page = 1, pageSize = 50): Promise<{ total: number; items: AuditEntry[] }> {
    const { total, rows } = await this.storage.auditLog(filter, page, pageSize);
    return { total, items: rows.map((r) => ({ ...r, detail: r.detail === null ? null : JSON.parse(r.detail) })) };
  }

  // ───────────────────────── regions of things ─────────────────────────

  /** The region of a report's agency: `undefined` when there is no such report. */
  async reportRegion(reportId: number): Promise<string | null | undefined> {
    return this.storage.reportRegion(reportId);
  }

  /** The region of an agency (after merges): `undefined` when there is no such agency. */
  async agencyRegion(agencyId: number): Promise<string | null | undefined> {
    return this.storage.agencyRegion(agencyId);
  }
}
