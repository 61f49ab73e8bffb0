/**
 * Accounts, sessions and the audit log (who imported, reviewed, rescored or changed what, and when).
 * Kept apart from the report tables (schema.ts); drizzle-kit reads both (drizzle.config.ts).
 *
 * Passwords are stored as scrypt hashes with a per-user salt; sessions by the SHA-256 of their token,
 * so neither a copy of the database nor a backup gives anyone a way in.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { ROLES, type RoleId } from '@nianbao/model';

export { ROLES };
export type Role = RoleId;

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  /** Unique, compared as stored (NFKC-normalised and trimmed when created). */
  username: text('username').notNull().unique(),
  /** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  /** GB/T 2260 code of the region subtree the user is limited to (2, 4 or 6 digits); null = everywhere. */
  regionCode: text('region_code'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie's token: the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Login attempts of the last window (the login limit's policy: apps/api/src/services/login-limit.ts),
 * one row each, in the database so that every API server on it counts against the same budgets.
 * Rows older than the window are deleted as new attempts come.
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey(),
    /** The login as typed, normalised as accounts are looked up (NFKC, trimmed): not necessarily an account. */
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    at: text('at').notNull(),
    /** A successful login from this address cleared it from the budget of this login and address (only). */
    cleared: integer('cleared', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('login_attempts_login_idx').on(t.login, t.ip, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at),
    index('login_attempts_at_idx').on(t.at),
  ],
);

/**
 * One row per action that changed something (or tried to: a failed login is logged too). `actor`
 * keeps the user name as it was, so entries survive the account's deletion.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    actor: text('actor').notNull(),
    /** `report.import`, `finding.review`, `agency.merge`, `user.create`, `session.login` … */
    action: text('action').notNull(),
    /** What the action was about (`report:12`, `agency:3`, `user:alice`), when it has one object. */
    target: text('target'),
    /** Region code of what was changed, so a region-scoped administrator sees its own entries. */
    regionCode: text('region_code'),
    /** JSON details (files and their outcome, fields changed); never a password or a cookie. */
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);
