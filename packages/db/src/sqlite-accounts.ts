/**
 * The SQLite implementation of the core's account storage (`AccountStorage` in @nianbao/core): the
 * synchronous `AccountQueries` (auth.ts), each answer wrapped in a promise settled at once. What must
 * read and write as one runs in one synchronous write transaction there (`exclusive`), so nothing
 * else runs between its read and its write.
 */
import type { Db } from './client';
import { AccountQueries, type AttemptBudget, type AttemptScope, type AuditFilter, type NewAuditRow, type NewSession, type NewUser, type UserChange } from './auth';

export class SqliteAccounts {
  readonly queries: AccountQueries;

  constructor(private readonly db: Db) {
    this.queries = new AccountQueries(db);
  }

  /** Closes the database (once: a second close does nothing), for the one who opened it (`openAccounts`). */
  async close(): Promise<void> {
    if (this.db.$client.open) this.db.$client.close();
  }

  async anyUser() {
    return this.queries.anyUser();
  }
  async users() {
    return this.queries.users();
  }
  async userById(id: number) {
    return this.queries.userById(id);
  }
  async userByName(username: string) {
    return this.queries.userByName(username);
  }
  async activeAdmins() {
    return this.queries.activeAdmins();
  }
  async insertUser(values: NewUser) {
    return this.queries.insertUser(values);
  }
  async updateUser(id: number, change: UserChange, endSessions: boolean) {
    return this.queries.updateUser(id, change, endSessions);
  }
  async deleteUser(id: number) {
    return this.queries.deleteUser(id);
  }

  async insertSession(values: NewSession) {
    this.queries.insertSession(values);
  }
  async session(tokenHash: string, now: string) {
    return this.queries.session(tokenHash, now);
  }
  async deleteSession(tokenHash: string) {
    this.queries.deleteSession(tokenHash);
  }

  async blockingAttempt(budgets: AttemptBudget[], since: string) {
    return this.queries.blockingAttempt(budgets, since);
  }
  async reserveAttempt(budgets: AttemptBudget[], login: string, ip: string, at: string, since: string) {
    return this.queries.reserveAttempt(budgets, login, ip, at, since);
  }
  async countAttempts(scope: AttemptScope, since: string) {
    return this.queries.countAttempts(scope, since);
  }
  async attemptSucceeded(id: number, login: string, ip: string) {
    this.queries.attemptSucceeded(id, login, ip);
  }

  async insertAudit(values: NewAuditRow) {
    this.queries.insertAudit(values);
  }
  async auditLog(filter: AuditFilter, page: number, pageSize: number) {
    return this.queries.auditLog(filter, page, pageSize);
  }

  async reportRegion(reportId: number) {
    return this.queries.reportRegion(reportId);
  }
  async agencyRegion(agencyId: number) {
    return this.queries.agencyRegion(agencyId);
  }
}
