/**
 * The store's tables. Declared once here with drizzle; `pnpm --filter @nianbao/db generate` turns
 * changes into SQL migrations under packages/db/drizzle (committed), applied at start-up.
 *
 * Only portable column types and constraints are used (integer, real, text, blob, plain indexes), so
 * that the same schema can be ported to drizzle's pg-core for a national deployment.
 */
import { sql } from 'drizzle-orm';
import { AGENCY_KINDS, CATEGORIES, GRADES, SEVERITIES, TEMPLATE_IDS } from '@nianbao/model';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** GB/T 2260 regions that agencies belong to, with their ancestors, so the tree is a lookup. */
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  parentCode: text('parent_code'),
  level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
});

export const agencies = sqliteTable(
  'agencies',
  {
    id: integer('id').primaryKey(),
    /** The registered name (the first one seen, or the one chosen when merging). */
    name: text('name').notNull(),
    regionCode: text('region_code'),
    level: text('level', { enum: ['province', 'city', 'county'] }),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    /** Set when an office merged this agency into another: lookups follow it. */
    mergedInto: integer('merged_into'),
    createdAt: text('created_at').notNull(),
    /** A synthetic agency of the demo province (`serve --demo`), shown with a 示例数据 badge. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('agencies_region_idx').on(t.regionCode), index('agencies_merged_idx').on(t.mergedInto)],
);

/** Every name an agency is known by (its registered name included), normalised (no spaces). */
export const agencyAliases = sqliteTable(
  'agency_aliases',
  {
    alias: text('alias').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [index('agency_aliases_agency_idx').on(t.agencyId)],
);

/** The source file byte for byte and the normalised text every span points into. */
export const sources = sqliteTable('sources', {
  sha256: text('sha256').primaryKey(),
  fileName: text('file_name').notNull(),
  size: integer('size').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  text: text('text').notNull(),
});

/**
 * One row per stored file: a version of an agency's report for a year. The latest version of an
 * agency and year is `current` and is the one that counts. The score is kept on the row (one score
 * per report, under the rubric named in `rubric_version`) so rankings read a single index.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    current: integer('current', { mode: 'boolean' }).notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => sources.sha256),
    fileName: text('file_name').notNull(),
    ingestedAt: text('ingested_at').notNull(),
    template: text('template', { enum: TEMPLATE_IDS }).notNull(),
    publishedOn: text('published_on'),
    /** The agency as the report itself names it (`agency` of the canonical model). */
    agencyName: text('agency_name').notNull(),
    agencySource: text('agency_source', { enum: ['text', 'metadata', 'filename'] }),
    regionCode: text('region_code'),
    regionName: text('region_name'),
    agencyKind: text('agency_kind', { enum: AGENCY_KINDS }),
    /**
     * `sections` of the canonical model, deflated (sections-codec.ts: six small objects, only ever read
     * whole). Rows written before hold the JSON as text and are not rewritten: SQLite types each value,
     * and the codec reads both.
     */
    sections: blob('sections', { mode: 'buffer' }).notNull(),
    score: real('score'),
    grade: text('grade', { enum: GRADES }),
    scoreCompleteness: real('score_completeness'),
    scoreAccuracy: real('score_accuracy'),
    scoreConformity: real('score_conformity'),
    scoreTimeliness: real('score_timeliness'),
    rubricVersion: text('rubric_version'),
    /** `score.deductions` as JSON (points lost per category and rule, with finding indexes). */
    deductions: text('deductions'),
    errors: integer('errors').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    infos: integer('infos').notNull().default(0),
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    /** MinHash signature of the narrative sections (originality rules), when the audit provides one. */
    signature: blob('signature', { mode: 'buffer' }),
    /** Distinct shingles behind the signature (for containment estimates). */
    signatureSize: integer('signature_size'),
    /** A generated report of the demo province (`serve --demo`), not a real one. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    /** Read by OCR from page images (`ocr` of the canonical model). */
    ocr: integer('ocr', { mode: 'boolean' }).notNull().default(false),
    /** `reading` of the canonical model as JSON: the rows read with low confidence (null: all read for sure). */
    reading: text('reading'),
  },
  (t) => [
    uniqueIndex('reports_sha256_idx').on(t.sha256),
    uniqueIndex('reports_agency_year_version_idx').on(t.agencyId, t.year, t.version),
    index('reports_ranking_idx').on(t.current, t.year, t.score),
    // the score too, so the previous year's score (a ranking's `change`) is read off the index
    index('reports_agency_idx').on(t.agencyId, t.year, t.current, t.score),
    // covering the rankings, trends and overview of a year: rows in ranking order (score descending,
    // nulls last, then id) with what a ranking page shows and what they filter, sort and aggregate on,
    // so that neither reads the wide rows (sections, deductions, signature)
    index('reports_year_cover_idx').on(
      t.current,
      t.year,
      sql`${t.score} desc`,
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

/** Cell keys (`t3.carriedOver.total`) as small integers: 20 million cells should not repeat them. */
export const cellKeys = sqliteTable('cell_keys', {
  id: integer('id').primaryKey(),
  key: text('key').notNull().unique(),
});

/**
 * A report's cells, packed into one value (packed-cells.ts): written once per report and read whole,
 * which is how they are always read. Databases with the former `cells` table (a row per cell) are
 * moved over on open, resumably (migrate-cells.ts).
 */
export const reportCells = sqliteTable('report_cells', {
  reportId: integer('report_id')
    .primaryKey()
    .references(() => reports.id),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

export const findings = sqliteTable(
  'findings',
  {
    id: integer('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    /** Position in the report's `findings` (score deductions refer to findings by index). */
    ordinal: integer('ordinal').notNull(),
    rule: text('rule').notNull(),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    /** Cell keys the finding is about, as a JSON array. */
    cells: text('cells').notNull(),
    /** The rendered text, kept for the lists and exports that read it (and for rows stored before message ids). */
    message: text('message').notNull(),
    /** The rule's message id and its parameters as JSON, from which a view renders the message again (null on older rows). */
    messageId: text('message_id'),
    data: text('data'),
    spanStart: integer('span_start'),
    spanEnd: integer('span_end'),
    fingerprint: text('fingerprint'),
  },
  (t) => [index('findings_report_idx').on(t.reportId, t.ordinal), index('findings_rule_idx').on(t.rule, t.reportId)],
);

/**
 * Which rules a report breaks and how often: findings folded per report and rule, so "most frequent
 * findings" of a year and "reports breaking rule X" read a few rows per report, not every finding.
 */
export const reportRules = sqliteTable(
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

/**
 * Locality-sensitive hashing bands of the MinHash signatures: reports sharing a band in the same
 * year are the candidate peers the originality rule compares, found by one indexed lookup.
 */
export const reportBands = sqliteTable(
  'report_bands',
  {
    year: integer('year').notNull(),
    /** The band and its hash as one integer (band-keys.ts). */
    band: integer('band').notNull(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
  },
  // one b-tree (WITHOUT ROWID, in the migration) in the order of the lookup: peers by (year, band)
  (t) => [primaryKey({ columns: [t.year, t.band, t.reportId] })],
);

/**
 * A reviewer's decision on a finding: confirmed, or dismissed (a false positive, it then costs no
 * points). Keyed by the finding's fingerprint within the agency and year, not by the finding row, so
 * that it holds through rescoring (findings are rewritten) and for a corrected version of the report.
 */
export const reviewDecisions = sqliteTable(
  'review_decisions',
  {
    id: integer('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    /** `rule:what` as the audit stamps it on the finding. */
    fingerprint: text('fingerprint').notNull(),
    decision: text('decision', { enum: ['confirm', 'dismiss'] }).notNull(),
    reason: text('reason').notNull(),
    /** The report (version) the decision was taken on. */
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    /** Who decided: the account's id (none in single-user mode) and name as it was. */
    userId: integer('user_id'),
    userName: text('user_name').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [uniqueIndex('review_decisions_scope_idx').on(t.agencyId, t.year, t.fingerprint)],
);

/**
 * A reviewer's correction of a cell's value as read (an OCR misreading): it overlays the parsed cell,
 * which stays in `report_cells` as read, in every audit of the report; withdrawn, the reading counts again.
 * Kept per report (version): another file is read anew.
 */
export const cellCorrections = sqliteTable(
  'cell_corrections',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The cell key (`t4.review.total`). */
    cell: text('cell').notNull(),
    /** The value as corrected (null: the cell is blank). */
    value: real('value'),
    reason: text('reason').notNull(),
    /** Who corrected: the account's id (none in single-user mode) and name as it was. */
    userId: integer('user_id'),
    userName: text('user_name').notNull(),
    correctedAt: text('corrected_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.cell] })],
);

/** Small key/value settings of the store (the rubric version the scores were computed with). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP`),
});
