/**
 * The office's yearly loop (issue 13): the roster of units that must report (应报送名单), the dates
 * units filed their report with the office (报送日期), the deadline calendar per region and kind,
 * and the rectification cases (整改台账) opened by a 整改通知书 with their items.
 * Kept apart from the report tables (schema.ts); drizzle-kit reads every schema file.
 */
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AGENCY_KINDS } from '@nianbao/model';
import { agencies, reports } from './schema';

/** A unit of the roster. Agencies not listed here are not on the roster (once it has any unit). */
export const rosterUnits = sqliteTable('roster_units', {
  agencyId: integer('agency_id')
    .primaryKey()
    .references(() => agencies.id),
  /** 类型 as the office wrote it (部门, 人民政府, 管委会 …); the agency's kind is derived from it. */
  kindLabel: text('kind_label'),
  /** 上级机关 as written. */
  parentName: text('parent_name'),
  /** 自何年起应报: the first report year due; null = from its first report (or always, if none). */
  fromYear: integer('from_year'),
  /** 撤并年份: from this report year on the unit no longer exists and owes no report. */
  withdrawnFrom: integer('withdrawn_from'),
  /** 免报 from this report year on (the office exempted it). */
  exemptFrom: integer('exempt_from'),
  /** 年报栏目网址. */
  url: text('url'),
  updatedAt: text('updated_at').notNull(),
});

/** 报送日期: when a unit filed its report of a year with the office. */
export const filings = sqliteTable(
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

/**
 * Publication deadlines an office sets for a region subtree and a kind of agency ('' = everywhere),
 * as the month and day of the year after the report year (`02-28`). The most specific region wins;
 * without a rule the rubric's statutory deadlines apply.
 */
export const deadlineRules = sqliteTable(
  'deadline_rules',
  {
    id: integer('id').primaryKey(),
    regionCode: text('region_code').notNull().default(''),
    kind: text('kind', { enum: AGENCY_KINDS }).notNull(),
    monthDay: text('month_day').notNull(),
  },
  (t) => [uniqueIndex('deadline_rules_scope_idx').on(t.regionCode, t.kind)],
);

/** A rectification case: one per agency and year, opened by its first 整改通知书. */
export const rectificationCases = sqliteTable(
  'rectification_cases',
  {
    id: integer('id').primaryKey(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    /** The report (version) the notice was issued on: items close when a newer version lacks their finding. */
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    issuedOn: text('issued_on').notNull(),
    /** 整改期限. */
    dueOn: text('due_on').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('rectification_cases_scope_idx').on(t.agencyId, t.year)],
);

/** An item of a case: one finding of the notice's 问题清单, as it was listed. */
export const rectificationItems = sqliteTable(
  'rectification_items',
  {
    id: integer('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => rectificationCases.id),
    ordinal: integer('ordinal').notNull(),
    fingerprint: text('fingerprint').notNull(),
    rule: text('rule').notNull(),
    category: text('category').notNull(),
    message: text('message').notNull(),
    location: text('location').notNull(),
    points: real('points').notNull(),
    requirement: text('requirement').notNull(),
  },
  (t) => [index('rectification_items_case_idx').on(t.caseId, t.ordinal)],
);
