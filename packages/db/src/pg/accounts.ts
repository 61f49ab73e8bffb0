/**
 * The PostgreSQL implementation of the core's account storage (`AccountStorage` in @nianbao/core,
 * issue 18): the queries of `AccountQueries` (../auth.ts) through drizzle's node-postgres driver on
 * the mirrored tables (schema.ts), so that several API servers on one database share users,
 * sessions, login budgets and the audit log.
 *
 * What must read and write as one (a login attempt checked against its budgets and counted; a change
 * that could take away the last administrator) runs in one transaction that first takes a
 * transaction-level advisory lock: those of every process on the database take turns, as SQLite's
 * write lock makes them do, and each statement after the lock (READ COMMITTED) sees what the previous
 * holder committed. Two servers therefore count against the same budget, never both past it.
 * A login attempt locks only its login and its address (its budgets are theirs), in that order, so
 * no two attempts wait on each other; a flood of guesses from other addresses at other logins does
 * not hold up a real user's login (load.test.ts: 2.5 s behind one lock for all attempts).
 */
import pg from 'pg';
import { and, count, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AttemptBudget, AttemptScope, AuditFilter, AuditRow, NewAuditRow, NewSession, NewUser, Reservation, UserChange, UserRow } from '../auth';
import { losesAdmin } from '../auth';
import { openDatabase } from '../client';
import { subtreeRange } from '../regions';
import { SqliteAccounts } from '../sqlite-accounts';
import { openPg, type PgDb } from './client';
import { isPostgresUrl } from './open';
import { agencies, auditLog, loginAttempts, reports, sessions, users } from './schema';
import { textAsc, type PgConn } from './sql';

/** Held while an account operation reads and writes as one: any fixed 64-bit number other than the storage's and migrations'. */
export const ACCOUNTS_LOCK = '7236105402727010164';

/**
 * The first key of the two-key advisory locks (a space of their own, apart from the one-key locks
 * above) an attempt holds on its login's and its address's hash; and the one that lets a single
 * transaction at a time forget attempts older than the window.
 */
const ATTEMPT_LOCKS = { login: 723610541, ip: 723610542, forget: 723610543 } as const;

/** PostgreSQL's unique-violation error under drizzle's wrapping of a failed query. */
const uniqueViolation = (e: unknown): pg.DatabaseError | undefined =>
  e instanceof Error && e.cause instanceof pg.DatabaseError && e.cause.code === '23505' ? e.cause : undefined;

export class PgAccounts {
  constructor(private readonly db: PgDb) {}

  /**
   * The database at `url` (`postgres://…`), its migrations applied; `close()` ends its pool. Ten
   * connections, as the storage's: a flood of 150 bogus logins held a real one 1.3 s in the queue of
   * a pool of four (load.test.ts), 0.4 s with ten.
   */
  static async open(url: string, options: { max?: number } = {}): Promise<PgAccounts> {
    return new PgAccounts(await openPg(url, { max: options.max ?? 10 }));
  }

  async close(): Promise<void> {
    const pool = this.db.$client;
    if (!pool.ended && !pool.ending) await pool.end();
  }

  /** `fn` in a transaction holding the accounts' advisory lock (see above). */
  private exclusive<T>(fn: (tx: PgConn) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ACCOUNTS_LOCK}::bigint)`);
      return fn(tx);
    });
  }

  // ───────────────────────── users ─────────────────────────

  async anyUser(): Promise<boolean> {
    return (await this.db.select({ id: users.id }).from(users).limit(1)).length > 0;
  }

  async users(): Promise<UserRow[]> {
    return this.db.select().from(users).orderBy(textAsc(users.username));
  }

  async userById(id: number, db: PgConn = this.db): Promise<UserRow | undefined> {
    return (await db.select().from(users).where(eq(users.id, id)))[0];
  }

  async userByName(username: string): Promise<UserRow | undefined> {
    return (await this.db.select().from(users).where(eq(users.username, username)))[0];
  }

  async activeAdmins(db: PgConn = this.db): Promise<number> {
    return (await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false))))[0]?.n ?? 0;
  }

  /** The new user's id; a taken name rejects with PostgreSQL's own error (`duplicate key …`), as SQLite's names UNIQUE. */
  async insertUser(values: NewUser): Promise<number> {
    try {
      return (await this.db.insert(users).values(values).returning({ id: users.id }))[0]!.id;
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  }

  async updateUser(id: number, change: UserChange, endSessions: boolean): Promise<boolean> {
    return this.exclusive(async (tx) => {
      const before = await this.userById(id, tx);
      if (before && losesAdmin(before, change) && (await this.activeAdmins(tx)) <= 1) return false;
      await tx.update(users).set(change).where(eq(users.id, id));
      if (endSessions) await tx.delete(sessions).where(eq(sessions.userId, id));
      return true;
    });
  }

  async deleteUser(id: number): Promise<boolean> {
    return this.exclusive(async (tx) => {
      const before = await this.userById(id, tx);
      if (before && losesAdmin(before, { disabled: true }) && (await this.activeAdmins(tx)) <= 1) return false;
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx.delete(users).where(eq(users.id, id));
      return true;
    });
  }

  // ───────────────────────── sessions ─────────────────────────

  async insertSession(values: NewSession): Promise<void> {
    await this.db.delete(sessions).where(lte(sessions.expiresAt, values.createdAt));
    await this.db.insert(sessions).values(values);
  }

  async session(tokenHash: string, now: string): Promise<{ user: UserRow; expiresAt: string } | undefined> {
    const [r] = await this.db
      .select({ user: users, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.disabled, false)));
    return r;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  // ───────────────────────── login attempts ─────────────────────────

  private attemptsOf(scope: AttemptScope, since: string): SQL | undefined {
    return and(
      gt(loginAttempts.at, since),
      'login' in scope ? eq(loginAttempts.login, scope.login) : undefined,
      'ip' in scope ? eq(loginAttempts.ip, scope.ip) : undefined,
      'login' in scope && 'ip' in scope ? eq(loginAttempts.cleared, false) : undefined,
    );
  }

  /** The budgets' checks in one statement: a round trip, not one per budget. */
  async blockingAttempt(budgets: AttemptBudget[], since: string, db: PgConn = this.db): Promise<string | undefined> {
    if (!budgets.length) return undefined;
    const nth = budgets.map(
      ({ scope, max }) =>
        sql`(${db.select({ at: loginAttempts.at }).from(loginAttempts).where(this.attemptsOf(scope, since)).orderBy(desc(loginAttempts.at)).limit(1).offset(max - 1)})`,
    );
    const [row] = (await db.execute<{ at: string | null }>(sql`select greatest(${sql.join(nth, sql`, `)}) as at`)).rows;
    return row?.at ?? undefined;
  }

  async reserveAttempt(budgets: AttemptBudget[], login: string, ip: string, at: string, since: string): Promise<Reservation> {
    return this.db.transaction(async (tx) => {
      // the login's lock, then the address's (left to right): an attempt never holds one the other waits for
      await tx.execute(sql`select pg_advisory_xact_lock(${ATTEMPT_LOCKS.login}::int, hashtext(${login})), pg_advisory_xact_lock(${ATTEMPT_LOCKS.ip}::int, hashtext(${ip}))`);
      const blockedBy = await this.blockingAttempt(budgets, since, tx);
      if (blockedBy) return { blockedBy };
      // forgets the attempts before the window (one transaction at a time: the others skip it), counts
      // this one and the address's in the window (the new row is not in the statement's snapshot: + 1)
      const [row] = (
        await tx.execute<{ id: number; n: number }>(sql`
          with forgotten as (
            delete from ${loginAttempts} where ${lte(loginAttempts.at, since)} and (select pg_try_advisory_xact_lock(${ATTEMPT_LOCKS.forget}::int, 0))
          ), added as (
            insert into ${loginAttempts} (login, ip, at) values (${login}, ${ip}, ${at}) returning id
          )
          select (select id from added) as id, (select count(*) from ${loginAttempts} where ${this.attemptsOf({ ip }, since)})::int + 1 as n`)
      ).rows;
      return { id: row!.id, ipAttempts: row!.n };
    });
  }

  async countAttempts(scope: AttemptScope, since: string, db: PgConn = this.db): Promise<number> {
    return (await db.select({ n: count() }).from(loginAttempts).where(this.attemptsOf(scope, since)))[0]?.n ?? 0;
  }

  async attemptSucceeded(id: number, login: string, ip: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(loginAttempts).where(eq(loginAttempts.id, id));
      await tx.update(loginAttempts).set({ cleared: true }).where(and(eq(loginAttempts.login, login), eq(loginAttempts.ip, ip)));
    });
  }

  // ───────────────────────── audit log ─────────────────────────

  async insertAudit(values: NewAuditRow): Promise<void> {
    await this.db.insert(auditLog).values(values);
  }

  async auditLog(filter: AuditFilter, page: number, pageSize: number): Promise<{ total: number; rows: AuditRow[] }> {
    const conds: (SQL | undefined)[] = [];
    if (filter.action) {
      // the action itself or one below it (`report` finds `report.import`); LIKE's wildcards escaped
      const prefix = `${filter.action.replace(/[\\%_]/g, (c) => '\\' + c)}.%`;
      conds.push(or(eq(auditLog.action, filter.action), sql`${auditLog.action} like ${prefix} escape '\\'`));
    }
    if (filter.actor) conds.push(eq(auditLog.actor, filter.actor));
    if (filter.region) {
      const [lo, hi] = subtreeRange(filter.region);
      // as SQLite's: a code of 2 or 4 digits taken as its 6-digit form, compared by bytes whatever the locale
      const code = sql`substr(${auditLog.regionCode} || '000000', 1, 6) collate "C"`;
      conds.push(sql`${code} >= ${lo}`, sql`${code} < ${hi}`);
    }
    if (filter.from) conds.push(gte(auditLog.at, filter.from));
    if (filter.to) conds.push(lt(auditLog.at, filter.to));
    const where = and(...conds);
    const total = (await this.db.select({ n: count() }).from(auditLog).where(where))[0]?.n ?? 0;
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return { total, rows };
  }

  // ───────────────────────── regions of things ─────────────────────────

  async reportRegion(reportId: number): Promise<string | null | undefined> {
    const [r] = await this.db
      .select({ code: agencies.regionCode })
      .from(reports)
      .innerJoin(agencies, eq(agencies.id, reports.agencyId))
      .where(eq(reports.id, reportId));
    return r ? r.code : undefined;
  }

  async agencyRegion(agencyId: number): Promise<string | null | undefined> {
    let id = agencyId;
    for (let i = 0; i < 16; i++) {
      const [r] = await this.db
        .select({ code: agencies.regionCode, merged: agencies.mergedInto })
        .from(agencies)
        .where(eq(agencies.id, id));
      if (!r) return undefined;
      if (!r.merged) return r.code;
      id = r.merged;
    }
    return undefined;
  }
}

/**
 * The account storage a deployment asks for, as `openStorage(url)` picks the store: PostgreSQL for a
 * `postgres://` url, else SQLite (at the path given, or DATABASE_PATH, or data/nianbao.db).
 */
export async function openAccounts(url?: string): Promise<SqliteAccounts | PgAccounts> {
  return isPostgresUrl(url) ? PgAccounts.open(url) : new SqliteAccounts(openDatabase(url));
}
