/**
 * Every domain word once, with its Chinese label: the API, the dashboard, the CLI, the store and
 * the audit all read these lists instead of writing them again. Plain data, no zod, so a page that
 * only needs a label does not pull the schemas in.
 */
import type { TemplateVersion } from './templates';

/** The four scoring categories of the rubric, in the order the rubric and the pages show them. */
export const CATEGORIES = ['completeness', 'accuracy', 'conformity', 'timeliness'] as const;
export type CategoryId = (typeof CATEGORIES)[number];
export const CATEGORY_LABEL: Record<CategoryId, string> = {
  completeness: '内容完整性',
  accuracy: '数据准确性',
  conformity: '格式规范性',
  timeliness: '发布及时性',
};

/** Grades from best to worst; the rubric gives each its lower bound. */
export const GRADES = ['优秀', '良好', '合格', '不合格'] as const;
export type GradeName = (typeof GRADES)[number];
/** ASCII names of the grades, for file names and command-line arguments. */
export const GRADE_SLUG: Record<GradeName, string> = { 优秀: 'excellent', 良好: 'good', 合格: 'pass', 不合格: 'fail' };

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type SeverityId = (typeof SEVERITIES)[number];
export const SEVERITY_LABEL: Record<SeverityId, string> = { error: '错误', warning: '警告', info: '提示' };

/** Account roles from most to least powerful. */
export const ROLES = ['admin', 'reviewer', 'viewer'] as const;
export type RoleId = (typeof ROLES)[number];
export const ROLE_LABEL: Record<RoleId, string> = { admin: '管理员', reviewer: '审核员', viewer: '查看者' };

/** 人民政府 or a department: decides the deadline and the government-only content. */
export const AGENCY_KINDS = ['government', 'department'] as const;
export type AgencyKindId = (typeof AGENCY_KINDS)[number];
export const KIND_LABEL: Record<AgencyKindId, string> = { government: '人民政府', department: '部门' };

/** A county-level administrative division code (GB/T 2260): six digits. */
export const REGION_CODE = /^\d{6}$/;
/** A region scope: a province (2 digits), a city (4) or a county (6). */
export const REGION_PREFIX = /^\d{2}(\d{2}(\d{2})?)?$/;
/** What a user is told when a region scope does not match REGION_PREFIX. */
export const REGION_PREFIX_HINT = '地区代码应为 2、4 或 6 位数字';

export const TEMPLATE_IDS = ['2019', '2021', 'unknown'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const TEMPLATE_SHORT: Record<TemplateId, string> = { '2019': '2019 版', '2021': '2021 版', unknown: '未识别' };
export const TEMPLATE_LABEL: Record<TemplateId, string> = {
  '2019': '2019 版（国办公开办函〔2019〕60号）',
  '2021': '2021 版（国办公开办函〔2021〕30号）',
  unknown: '未识别',
};

/** A unit's standing for a year in the office's roster (报送情况), as of a cut-off date. */
export const UNIT_STATUSES = ['on-time', 'late', 'missing', 'not-due', 'exempt'] as const;
export type UnitStatusId = (typeof UNIT_STATUSES)[number];
export const UNIT_STATUS_LABEL: Record<UnitStatusId, string> = {
  'on-time': '已按时发布',
  late: '逾期发布',
  missing: '未发布',
  'not-due': '未到期',
  exempt: '免报',
};

/** An item of a rectification case (整改台账). */
export const ITEM_STATUSES = ['pending', 'fixed', 'overdue'] as const;
export type ItemStatusId = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABEL: Record<ItemStatusId, string> = { pending: '待整改', fixed: '已整改', overdue: '逾期未改' };

/**
 * The template a report of `year` must follow: the 2021 format from the 2021 reports on, the 2019
 * one before. An unknown year answers 2019, as the parser and the audit have always read such a
 * report (the dashboard draws the table the audit checked).
 */
export function templateOf(year: number | null | undefined): TemplateVersion {
  return year != null && year >= 2021 ? '2021' : '2019';
}

/**
 * The template a report's cells follow: the one detected from its tables (never from the year), else,
 * when detection failed, the one its year calls for — as the parser and the audit read the cells.
 */
export function templateFor(template: string, year: number | null | undefined): TemplateVersion {
  return template === '2019' || template === '2021' ? template : templateOf(year);
}

/** One value per key of a domain list (`recordOf(GRADES, () => 0)`): every key present, typed as such. */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}
