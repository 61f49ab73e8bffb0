/**
 * The store's tables for PostgreSQL (issue 18): the same tables, columns, keys and indexes as the
 * SQLite schema (../schema.ts, ../schema-auth.ts, ../schema-office.ts), declared with drizzle's
 * pg-core. `pnpm --filter @nianbao/db generate:pg` writes their migrations into ../../drizzle-pg.
 *
 * A mirror rather than one declaration for both engines: drizzle's sqlite-core and pg-core builders
 * have different types (a boolean is `integer({ mode: 'boolean' })` there, `boolean` here; a blob is
 * `bytea`), and the SQLite queries depend on the exact types of the SQLite tables. schema.test.ts
 * fails when the two differ in tables, columns, types, nullability, defaults, keys or indexes.
 *
 * Translations: SQLite's REAL is an 8-byte float, so `doublePrecision` (pg's `real` is 4 bytes); an
 * `integer primary key` is SQLite's rowid, assigned when not given, so an identity column here (by
 * default, so that migrate-to can copy ids as they are); SQLite sorts nulls first ascending and
 * last descending, pg the other way round, so a descending index column says `nulls last`.
 */
import { sql } from 'drizzle-orm';
import { AGENCY_KINDS, CATEGORIES, GRADES, ROLES, SEVERITIES, TEMPLATE_IDS } from '@nianbao/model';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Bytes as a Buffer (node-postgres reads and writes bytea as Buffer). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An `integer primary key`: ids given on insert are kept (migrate-to), others drawn from the sequence. */
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  parentCode: text('parent_code'),
  level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
});

export const agencies = pgTable(
  'agencies',
  {
    id: id(),
    name: text('name').notNull(),
    regionCode: text('region_code'),
    level: text('level', { enum: ['province', 'city', 'county'] }),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    mergedInto: integer('merged_into'),
    createdAt: text('created_at').notNull(),
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [index('agencies_region_idx').on(t.regionCode), index('agencies_merged_idx').on(t.mergedInto)],
);

export const agencyAliases = pgTable(
  'agency_aliases',
  {
    alias: text('alias').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [index('agency_aliases_agency_idx').on(t.agencyId)],
);

export const sources = pgTable('sources', {
  sha256: text('sha256').primaryKey(),
  fileName: text('file_name').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  text: text('text').notNull(),
});

export const reports = pgTable(
  'reports',
  {
    id: id(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    current: boolean('current').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => sources.sha256),
    fileName: text('file_name').notNull(),
    ingestedAt: text('ingested_at').notNull(),
    template: text('template', { enum: TEMPLATE_IDS }).notNull(),
    publishedOn: text('published_on'),
    agencyName: text('agency_name').notNull(),
    agencySource: text('agency_source', { enum: ['text', 'metadata', 'filename'] }),
    regionCode: text('region_code'),
    regionName: text('region_name'),
    agencyKind: text('agency_kind', { enum: AGENCY_KINDS }),
    sections: bytea('sections').notNull(),
    score: doublePrecision('score'),
    grade: text('grade', { enum: GRADES }),
    scoreCompleteness: doublePrecision('score_completeness'),
    scoreAccuracy: doublePrecision('score_accuracy'),
    scoreConformity: doublePrecision('score_conformity'),
    scoreTimeliness: doublePrecision('score_timeliness'),
    rubricVersion: text('rubric_version'),
    deductions: text('deductions'),
    errors: integer('errors').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    infos: integer('infos').notNull().default(0),
    late: boolean('late').notNull().default(false),
    signature: bytea('signature'),
    signatureSize: integer('signature_size'),
    demo: boolean('demo').notNull().default(false),
    ocr: boolean('ocr').notNull().default(false),
    reading: text('reading'),
  },
  (t) => [
    uniqueIndex('reports_sha256_idx').on(t.sha256),
    uniqueIndex('reports_agency_year_version_idx').on(t.agencyId, t.year, t.version),
    index('reports_ranking_idx').on(t.current, t.year, t.score),
    index('reports_agency_idx').on(t.agencyId, t.year, t.current, t.score),
    index('reports_year_cover_idx').on(
      t.current,
      t.year,
      t.score.desc().nullsLast(),
      t.id,
      t.agencyId,
      t.grade,
      t.errors,
      t.warnings,
      t.late,
      t.demo,
      t.publishedOn,
      t.scoreCompleteness,
      t.scoreAccuracy,
      t.scoreConformity,
      t.scoreTimeliness,
    ),
  ],
);

export const cellKeys = pgTable('cell_keys', {
  id: id(),
  key: text('key').notNull().unique(),
});

export const reportCells = pgTable('report_cells', {
  reportId: integer('report_id')
    .primaryKey()
    .references(() => reports.id),
  data: bytea('data').notNull(),
});

export const findings = pgTable(
  'findings',
  {
    id: id(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    ordinal: integer('ordinal').notNull(),
    rule: text('rule').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    cells: text('cells').notNull(),
    message: text('message').notNull(),
    messageId: text('message_id'),
    data: text('data'),
    spanStart: integer('span_start'),
    spanEnd: integer('span_end'),
    fingerprint: text('fingerprint'),
  },
  (t) => [index('findings_report_idx').on(t.reportId, t.ordinal), index('findings_rule_idx').on(t.rule, t.reportId)],
);

export const reportRules = pgTable(
  'report_rules',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    rule: text('rule').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.rule] }), index('report_rules_rule_idx').on(t.rule, t.reportId)],
);

export const reportBands = pgTable(
  'report_bands',
  {
    year: integer('year').notNull(),
    band: bigint('band', { mode: 'number' }).notNull(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
  },
  (t) => [primaryKey({ columns: [t.year, t.band, t.reportId] })],
);

export const reviewDecisions = pgTable(
  'review_decisions',
  {
    id: id(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    fingerprint: text('fingerprint').notNull(),
    decision: text('decision', { enum: ['confirm', 'dismiss'] }).notNull(),
    reason: text('reason').notNull(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    userId: integer('user_id'),
    userName: text('user_name').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [uniqueIndex('review_decisions_scope_idx').on(t.agencyId, t.year, t.fingerprint)],
);

export const cellCorrections = pgTable(
  'cell_corrections',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    cell: text('cell').notNull(),
    value: doublePrecision('value'),
    reason: text('reason').notNull(),
    userId: integer('user_id'),
    userName: text('user_name').notNull(),
    correctedAt: text('corrected_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.cell] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  // SQLite's CURRENT_TIMESTAMP as text: `YYYY-MM-DD HH:MM:SS` in UTC
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`),
});

// accounts, sessions and the audit log (../schema-auth.ts)

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  regionCode: text('region_code'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
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

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    login: text('login').notNull(),
    ip: text('ip').notNull(),
    at: text('at').notNull(),
    cleared: boolean('cleared').notNull().default(false),
  },
  (t) => [
    index('login_attempts_login_idx').on(t.login, t.ip, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at),
    index('login_attempts_at_idx').on(t.at),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: text('at').notNull(),
    userId: integer('user_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    regionCode: text('region_code'),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);

// the office's yearly loop (../schema-office.ts)

export const rosterUnits = pgTable('roster_units', {
  agencyId: integer('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  kindLabel: text('kind_label'),
  parentName: text('parent_name'),
  fromYear: integer('from_year'),
  withdrawnFrom: integer('withdrawn_from'),
  exemptFrom: integer('exempt_from'),
  url: text('url'),
  updatedAt: text('updated_at').notNull(),
});

export const filings = pgTable(
  'filings',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    filedOn: text('filed_on').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

export const deadlineRules = pgTable(
  'deadline_rules',
  {
    id: id(),
    regionCode: text('region_code').notNull().default(''),
    kind: text('kind', { enum: ['government', 'department'] }).notNull(),
    monthDay: text('month_day').notNull(),
  },
  (t) => [uniqueIndex('deadline_rules_scope_idx').on(t.regionCode, t.kind)],
);

export const rectificationCases = pgTable(
  'rectification_cases',
  {
    id: id(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    issuedOn: text('issued_on').notNull(),
    dueOn: text('due_on').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('rectification_cases_scope_idx').on(t.agencyId, t.year)],
);

export const rectificationItems = pgTable(
  'rectification_items',
  {
    id: id(),
    caseId: integer('case_id')
      .notNull()
      .references(() => rectificationCases.id),
    ordinal: integer('ordinal').notNull(),
    fingerprint: text('fingerprint').notNull(),
    rule: text('rule').notNull(),
    category: text('category').notNull(),
    message: text('message').notNull(),
    location: text('location').notNull(),
    points: doublePrecision('points').notNull(),
    requirement: text('requirement').notNull(),
  },
  (t) => [index('rectification_items_case_idx').on(t.caseId, t.ordinal)],
);
