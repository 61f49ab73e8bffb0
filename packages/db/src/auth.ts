/**
 * The SQL of accounts (the rules are in @nianbao/core's accounts.ts): users, sessions, login attempts,
 * the audit log, and the regions of the things a region-scoped user asks for. Every query goes through
 * drizzle's builder with bound parameters, in SQL that PostgreSQL accepts too; no value is ever
 * spliced into SQL.
 */
import { and, asc, count, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { subtreeRange } from './regions';
import { agencies, reports } from './schema';
import { auditLog, loginAttempts, sessions, users } from './schema-auth';

export { ROLES, type Role } from './schema-auth';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Omit<typeof users.$inferInsert, 'id'>;
export type UserChange = Partial<Pick<NewUser, 'role' | 'regionCode' | 'disabled' | 'passwordHash'>> & { updatedAt: string };
export type NewSession = typeof sessions.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = Omit<typeof auditLog.$inferInsert, 'id'>;

export interface AuditFilter {
  action?: string;
  actor?: string;
  /** Entries about this region subtree only (a region-scoped administrator). */
  region?: string | null;
  from?: string;
  to?: string;
}

/** Whose attempts a login budget counts: a login from one address (those not cleared), a login, an address. */
export type AttemptScope = { login: string; ip: string } | { login: string } | { ip: string };

/** A login budget: at most `max` attempts of the scope within the window. */
export interface AttemptBudget {
  scope: AttemptScope;
  max: number;
}

/**
 * An attempt reserved (its id, and the attempts of its address in the window, itself included), or
 * refused: `blockedBy` is when the attempt was made whose leaving the window frees every spent budget.
 */
export type Reservation = { id: number; ipAttempts: number } | { blockedBy: string };

/** Whether changing a user from `before` by `change` takes away an enabled administrator. */
export const losesAdmin = (before: Pick<UserRow, 'role' | 'disabled'>, change: Pick<UserChange, 'role' | 'disabled'>): boolean =>
  before.role === 'admin' && !before.disabled && ((change.role ?? 'admin') !== 'admin' || change.disabled === true);

export class AccountQueries {
  constructor(private readonly db: Db) {}

  // ───────────────────────── users ─────────────────────────

  anyUser(): boolean {
    return !!this.db.select({ id: users.id }).from(users).limit(1).get();
  }

  users(): UserRow[] {
    return this.db.select().from(users).orderBy(asc(users.username)).all();
  }

  userById(id: number): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  userByName(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  /** Enabled administrators. */
  activeAdmins(): number {
    return this.db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false))).get()?.n ?? 0;
  }

  /** The new user's id (a taken name throws the engine's unique-constraint error). */
  insertUser(values: NewUser): number {
    return this.db.insert(users).values(values).returning({ id: users.id }).get().id;
  }

  /**
   * Changes a user, and ends its sessions with `endSessions`, in one write transaction; refused (false)
   * when it would demote or disable the last enabled administrator. Checked under the write lock, so
   * that two servers demoting the last two administrators at once cannot both succeed.
   */
  updateUser(id: number, change: UserChange, endSessions: boolean): boolean {
    return this.exclusive(() => {
      const before = this.userById(id);
      if (before && losesAdmin(before, change) && this.activeAdmins() <= 1) return false;
      this.db.update(users).set(change).where(eq(users.id, id)).run();
      if (endSessions) this.db.delete(sessions).where(eq(sessions.userId, id)).run();
      return true;
    });
  }

  /** Deletes a user and its sessions; refused (false) when it is the last enabled administrator. */
  deleteUser(id: number): boolean {
    return this.exclusive(() => {
      const before = this.userById(id);
      if (before && losesAdmin(before, { disabled: true }) && this.activeAdmins() <= 1) return false;
      this.db.delete(sessions).where(eq(sessions.userId, id)).run();
      this.db.delete(users).where(eq(users.id, id)).run();
      return true;
    });
  }

  // ───────────────────────── sessions ─────────────────────────

  /** A new session; sessions expired by its creation are deleted on the way. */
  insertSession(values: NewSession): void {
    this.db.delete(sessions).where(lte(sessions.expiresAt, values.createdAt)).run();
    this.db.insert(sessions).values(values).run();
  }

  /** Looked up on every request: prepared once. */
  private sessionPrepared: ReturnType<AccountQueries['prepareSession']> | undefined;
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

  /** The session of a token's hash, when it has not expired by `now` and its user is enabled. */
  session(tokenHash: string, now: string): { user: UserRow; expiresAt: string } | undefined {
    return (this.sessionPrepared ??= this.prepareSession()).get({ tokenHash, now });
  }

  deleteSession(tokenHash: string): void {
    this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
  }

  // ───────────────────────── login attempts ─────────────────────────

  /**
   * `fn` in a write transaction taken at once (SQLite's BEGIN IMMEDIATE: a server waits for another's
   * to end), so that what it reads is still true when it writes: two servers' attempts are counted one
   * after the other. (On PostgreSQL the same takes a transaction-level advisory lock.)
   */
  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn, { behavior: 'immediate' });
  }

  private attemptsOf(scope: AttemptScope, since: string): SQL | undefined {
    return and(
      gt(loginAttempts.at, since),
      'login' in scope ? eq(loginAttempts.login, scope.login) : undefined,
      'ip' in scope ? eq(loginAttempts.ip, scope.ip) : undefined,
      'login' in scope && 'ip' in scope ? eq(loginAttempts.cleared, false) : undefined,
    );
  }

  /** When the `n`-th most recent attempt of the scope after `since` was made (none: fewer than `n`). */
  nthRecentAttempt(scope: AttemptScope, since: string, n: number): string | undefined {
    return this.db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(this.attemptsOf(scope, since))
      .orderBy(desc(loginAttempts.at))
      .limit(1)
      .offset(n - 1)
      .get()?.at;
  }

  countAttempts(scope: AttemptScope, since: string): number {
    return this.db.select({ n: count() }).from(loginAttempts).where(this.attemptsOf(scope, since)).get()?.n ?? 0;
  }

  /** Records an attempt and forgets those made before `forgetBefore`; the new attempt's id. */
  insertAttempt(login: string, ip: string, at: string, forgetBefore: string): number {
    this.db.delete(loginAttempts).where(lte(loginAttempts.at, forgetBefore)).run();
    return this.db.insert(loginAttempts).values({ login, ip, at }).returning({ id: loginAttempts.id }).get().id;
  }

  /** Of the budgets spent since `since`, when the attempt was made whose leaving the window frees them all. */
  blockingAttempt(budgets: AttemptBudget[], since: string): string | undefined {
    let latest: string | undefined;
    for (const { scope, max } of budgets) {
      const at = this.nthRecentAttempt(scope, since, max);
      if (at && (!latest || at > latest)) latest = at;
    }
    return latest;
  }

  /**
   * Checks the budgets and counts an attempt in one write transaction (forgetting those made at or
   * before `since`): what it read is still true when it writes, and another server's attempt waits.
   */
  reserveAttempt(budgets: AttemptBudget[], login: string, ip: string, at: string, since: string): Reservation {
    return this.exclusive(() => {
      const blockedBy = this.blockingAttempt(budgets, since);
      if (blockedBy) return { blockedBy };
      const id = this.insertAttempt(login, ip, at, since);
      return { id, ipAttempts: this.countAttempts({ ip }, since) };
    });
  }

  /** A successful login: its attempt given back, and the login's earlier attempts from the address cleared. */
  attemptSucceeded(id: number, login: string, ip: string): void {
    this.db.transaction((tx) => {
      tx.delete(loginAttempts).where(eq(loginAttempts.id, id)).run();
      tx.update(loginAttempts).set({ cleared: true }).where(and(eq(loginAttempts.login, login), eq(loginAttempts.ip, ip))).run();
    });
  }

  // ───────────────────────── audit log ─────────────────────────

  insertAudit(values: NewAuditRow): void {
    this.db.insert(auditLog).values(values).run();
  }

  /** A page of entries, newest first, and how many match. */
  auditLog(filter: AuditFilter, page: number, pageSize: number): { total: number; rows: AuditRow[] } {
    const conds: (SQL | undefined)[] = [];
    if (filter.action) {
      // the action itself or one below it (`report` finds `report.import`); LIKE's wildcards escaped
      const prefix = `${filter.action.replace(/[\\%_]/g, (c) => '\\' + c)}.%`;
      conds.push(or(eq(auditLog.action, filter.action), sql`${auditLog.action} like ${prefix} escape '\\'`));
    }
    if (filter.actor) conds.push(eq(auditLog.actor, filter.actor));
    if (filter.region) {
      // a code of 2 or 4 digits (a scoped user's own region) taken as its 6-digit form, `3605` as `360500`
      const [lo, hi] = subtreeRange(filter.region);
      const code = sql`substr(${auditLog.regionCode} || '000000', 1, 6)`;
      conds.push(sql`${code} >= ${lo}`, sql`${code} < ${hi}`);
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
    return { total, rows };
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
}
