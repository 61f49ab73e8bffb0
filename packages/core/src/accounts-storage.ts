/**
 * What accounts ask of storage: users, sessions, login attempts, the audit log, and the regions of
 * reports and agencies. Asynchronous, as a database server's driver is: `SqliteAccounts` in
 * @nianbao/db wraps the synchronous `AccountQueries` (each promise settled at once); `PgAccounts` in
 * @nianbao/db/pg fills the same interface, and `openAccounts(url)` there picks one.
 *
 * Each operation that must read and write as one (a login attempt checked against its budgets and
 * counted; a change that could take away the last administrator) is one method, so that no engine
 * needs a transaction held open across the caller's awaits.
 */
import type {
  AttemptBudget,
  AttemptScope,
  AuditFilter,
  AuditRow,
  NewAuditRow,
  NewSession,
  NewUser,
  Reservation,
  UserChange,
  UserRow,
} from '@nianbao/db';

export type { AttemptBudget, AttemptScope, AuditFilter, AuditRow, NewAuditRow, NewSession, NewUser, Reservation, UserChange, UserRow };

export interface AccountStorage {
  // users
  anyUser(): Promise<boolean>;
  /** Every user, by name (ordered by bytes, alike on every engine). */
  users(): Promise<UserRow[]>;
  userById(id: number): Promise<UserRow | undefined>;
  userByName(username: string): Promise<UserRow | undefined>;
  /** Enabled administrators. */
  activeAdmins(): Promise<number>;
  /** The new user's id (a taken name rejects with the engine's unique-constraint error). */
  insertUser(values: NewUser): Promise<number>;
  /**
   * Changes a user, and ends its sessions with `endSessions`, at once; false (nothing changed) when it
   * would demote or disable the last enabled administrator, checked as it writes.
   */
  updateUser(id: number, change: UserChange, endSessions: boolean): Promise<boolean>;
  /** Deletes a user and its sessions; false (nothing deleted) when it is the last enabled administrator. */
  deleteUser(id: number): Promise<boolean>;

  // sessions
  /** A new session; sessions expired by its creation are deleted on the way. */
  insertSession(values: NewSession): Promise<void>;
  /** The session of a token's hash, when it has not expired by `now` and its user is enabled. */
  session(tokenHash: string, now: string): Promise<{ user: UserRow; expiresAt: string } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  // login attempts
  /** Of the budgets spent since `since`, when the attempt was made whose leaving the window frees them all. */
  blockingAttempt(budgets: AttemptBudget[], since: string): Promise<string | undefined>;
  /**
   * Checks the budgets and counts an attempt at `at` as one operation, against every process on the
   * database (attempts made at or before `since` are forgotten on the way).
   */
  reserveAttempt(budgets: AttemptBudget[], login: string, ip: string, at: string, since: string): Promise<Reservation>;
  countAttempts(scope: AttemptScope, since: string): Promise<number>;
  /** A successful login: its attempt given back, and the login's earlier attempts from the address cleared. */
  attemptSucceeded(id: number, login: string, ip: string): Promise<void>;

  // audit log
  insertAudit(values: NewAuditRow): Promise<void>;
  /** A page of entries, newest first, and how many match. */
  auditLog(filter: AuditFilter, page: number, pageSize: number): Promise<{ total: number; rows: AuditRow[] }>;

  // regions of things
  /** The region of a report's agency: `undefined` when there is no such report. */
  reportRegion(reportId: number): Promise<string | null | undefined>;
  /** The region of an agency (after merges): `undefined` when there is no such agency. */
  agencyRegion(agencyId: number): Promise<string | null | undefined>;
}
