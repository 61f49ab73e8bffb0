/**
 * The contract of the office's loop (issue 13): roster, unit status, notices, rectification cases,
 * the 通报 and the rankings by subordinate region. Declared with zod like schemas.ts.
 */
import { z } from 'zod';
import { GRADES, ITEM_STATUS_LABEL, ITEM_STATUSES, UNIT_STATUSES, recordOf } from '@nianbao/model';
import { AgencyKind, Category, Grade, RegionPrefix, RegionRef } from './schemas';

const year = z.coerce.number().int().min(2000).max(2100);
const regionFilter = RegionPrefix;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD 格式')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, '日期不存在');

// ───────────────────────── roster ─────────────────────────

export const RosterImportResult = z.object({
  /** The row of the file (the header is row 1). */
  row: z.number().int(),
  status: z.enum(['added', 'updated', 'unchanged', 'error']),
  agency: z.object({ id: z.number().int(), name: z.string() }).optional(),
  message: z.string().optional(),
});
export const RosterImportResponse = z.object({
  results: z.array(RosterImportResult),
  summary: z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
});
export type RosterImportResponse = z.infer<typeof RosterImportResponse>;

export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const RosterQuery = z.object({
  year: year.optional(),
  region: regionFilter.optional(),
  status: UnitStatus.optional(),
  /** Cut-off date: reports published after it count as not yet published (default today). */
  asOf: isoDate.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export const UnitStatusItem = z.object({
  agency: z.object({ id: z.number().int(), name: z.string(), region: RegionRef.nullable(), kind: AgencyKind }),
  year: z.number().int(),
  status: UnitStatus,
  deadline: z.string(),
  publishedOn: z.string().nullable(),
  filedOn: z.string().nullable(),
  daysLate: z.number().int().nullable(),
  reportId: z.number().int().nullable(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  /** What the roster says of the unit (null: not on the roster, or none imported). */
  unit: z
    .object({
      fromYear: z.number().int().nullable(),
      withdrawnFrom: z.number().int().nullable(),
      exemptFrom: z.number().int().nullable(),
      url: z.string().nullable(),
      parentName: z.string().nullable(),
    })
    .nullable(),
});
export type UnitStatusItem = z.infer<typeof UnitStatusItem>;

export const RosterResponse = z.object({
  year: z.number().int(),
  asOf: z.string(),
  /** `roster`: the imported 应报送名单; `reports`: none imported, the units that reported in some year. */
  source: z.enum(['roster', 'reports']),
  total: z.number().int(),
  items: z.array(UnitStatusItem),
});
export type RosterResponse = z.infer<typeof RosterResponse>;

export const AgencyIdParams = z.object({ id: z.coerce.number().int().positive() });

export const UnitPatch = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    fromYear: year.nullable().optional(),
    withdrawnFrom: year.nullable().optional(),
    exemptFrom: year.nullable().optional(),
    url: z.string().trim().regex(/^https?:\/\/\S+$/, '网址应以 http:// 或 https:// 开头').nullable().optional(),
  })
  .strict();
export type UnitPatch = z.infer<typeof UnitPatch>;

/** A unit added on the roster page: the columns of a roster file. */
export const NewUnit = z
  .object({
    name: z.string().trim().min(2, '请填写机关全称').max(100),
    regionCode: regionFilter.nullable().optional(),
    /** 类型 as the office writes it: 部门, 人民政府, 管委会 … */
    kindLabel: z.string().trim().max(20).nullable().optional(),
    parentName: z.string().trim().max(100).nullable().optional(),
    fromYear: year.nullable().optional(),
    url: z.string().trim().regex(/^https?:\/\/\S+$/, '网址应以 http:// 或 https:// 开头').nullable().optional(),
  })
  .strict();
export type NewUnit = z.infer<typeof NewUnit>;

export const FilingBody = z.object({ year, filedOn: isoDate.nullable() }).strict();
export const OkResponse = z.object({ ok: z.literal(true) });

export const DeadlinesResponse = z.object({
  defaults: z.object({ government: z.string(), department: z.string() }),
  rules: z.array(z.object({ regionCode: z.string(), kind: AgencyKind, monthDay: z.string() })),
});
export const DeadlineBody = z
  .object({
    region: z.union([regionFilter, z.literal('')]).default(''),
    kind: AgencyKind,
    /** `MM-DD` of the year after the report year; null removes the rule. */
    monthDay: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '期限应为 MM-DD 格式，如 02-28')
      .nullable(),
  })
  .strict();

export const OfficeSettings = z.object({ officeName: z.string(), rectifyDays: z.number().int() });
export const OfficeSettingsBody = z
  .object({ officeName: z.string().trim().min(2).max(60).optional(), rectifyDays: z.number().int().min(1).max(365).optional() })
  .strict();

// ───────────────────────── notices and rectification ─────────────────────────

export const NoticeQuery = z.object({
  format: z.enum(['docx', 'json']).default('docx'),
  /** 整改期限 (default: the issue date plus the office's rectification days). */
  due: isoDate.optional(),
  /** Only findings a reviewer confirmed (default: all errors and warnings not dismissed). */
  confirmedOnly: z.enum(['true', 'false']).optional(),
});
export const ReportIdParams = z.object({ id: z.coerce.number().int().positive() });

export const NoticeItem = z.object({
  ordinal: z.number().int(),
  fingerprint: z.string(),
  rule: z.string(),
  category: z.string(),
  message: z.string(),
  location: z.string(),
  points: z.number(),
  requirement: z.string(),
});
export const NoticeResponse = z.object({
  reportId: z.number().int(),
  agency: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  officeName: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  items: z.array(NoticeItem),
  caseId: z.number().int().nullable(),
});
export type NoticeResponse = z.infer<typeof NoticeResponse>;

export const NoticesQuery = z.object({ year, region: regionFilter.optional(), grade: Grade.optional(), due: isoDate.optional() });

export const ItemStatus = z.enum(ITEM_STATUSES);
const ITEM_STATUS_ZH: Record<string, string> = Object.fromEntries(ITEM_STATUSES.map((s) => [ITEM_STATUS_LABEL[s], s]));
export const RectificationsQuery = z.object({
  year: year.optional(),
  region: regionFilter.optional(),
  /** pending（待整改）, fixed（已整改）, overdue（逾期未改）; the Chinese words are accepted too. */
  status: z.preprocess((v) => (typeof v === 'string' && ITEM_STATUS_ZH[v] ? ITEM_STATUS_ZH[v] : v), ItemStatus).optional(),
  asOf: isoDate.optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const RectificationCase = z.object({
  id: z.number().int(),
  agency: z.object({ id: z.number().int(), name: z.string(), region: RegionRef.nullable() }),
  year: z.number().int(),
  reportId: z.number().int(),
  currentReportId: z.number().int().nullable(),
  issuedOn: z.string(),
  dueOn: z.string(),
  status: ItemStatus,
  statusLabel: z.string(),
  items: z.array(
    NoticeItem.extend({ status: ItemStatus, statusLabel: z.string(), fixedReportId: z.number().int().nullable(), fixedOn: z.string().nullable() }),
  ),
});
export const RectificationsResponse = z.object({ total: z.number().int(), items: z.array(RectificationCase) });
export type RectificationsResponse = z.infer<typeof RectificationsResponse>;

// ───────────────────────── bulletin and regional rankings ─────────────────────────

export const BulletinQuery = z.object({
  year: year.optional(),
  region: regionFilter.optional(),
  asOf: isoDate.optional(),
  format: z.enum(['json', 'docx', 'xlsx']).default('json'),
});
const BulletinUnit = z.object({
  agency: z.object({ id: z.number().int(), name: z.string(), region: RegionRef.nullable(), kind: AgencyKind }),
  reportId: z.number().int().nullable(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  publishedOn: z.string().nullable(),
  daysLate: z.number().int().nullable(),
  deadline: z.string(),
});
const GradeCounts = z.object(recordOf(GRADES, () => z.number().int()));
export const BulletinResponse = z.object({
  year: z.number().int(),
  asOf: z.string(),
  source: z.enum(['roster', 'reports']),
  regionName: z.string().nullable(),
  officeName: z.string(),
  figures: z.object({
    units: z.number().int(),
    published: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    notDue: z.number().int(),
    exempt: z.number().int(),
    grades: GradeCounts,
    averageScore: z.number().nullable(),
    /** Share of the units past their deadline that published on time. */
    onTimeRate: z.number().nullable(),
    /** The year before, as it stands on the cut-off (null when none of its reports was collected): the loop's trend in the 通报. */
    previous: z
      .object({
        year: z.number().int(),
        onTimeRate: z.number().nullable(),
        averageScore: z.number().nullable(),
        cases: z.number().int(),
        items: z.number().int(),
        itemsFixed: z.number().int(),
        casesOverdue: z.number().int(),
      })
      .nullable(),
  }),
  excellent: z.array(BulletinUnit),
  failing: z.array(BulletinUnit),
  missing: z.array(BulletinUnit),
  late: z.array(BulletinUnit),
  problems: z.array(z.object({ rule: z.string(), description: z.string(), units: z.number().int() })),
});
export type BulletinResponse = z.infer<typeof BulletinResponse>;

export const RegionRankingsQuery = z.object({ year: year.optional(), region: regionFilter.optional(), asOf: isoDate.optional() });
export const RegionRankingsResponse = z.object({
  year: z.number().int(),
  asOf: z.string(),
  region: z.object({ code: z.string(), name: z.string(), parent: z.string().nullable() }).nullable(),
  items: z.array(
    z.object({
      rank: z.number().int().nullable(),
      region: z.object({ code: z.string(), name: z.string(), own: z.boolean() }).nullable(),
      units: z.number().int(),
      reports: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
      onTimeRate: z.number().nullable(),
      averageScore: z.number().nullable(),
      grades: GradeCounts,
    }),
  ),
});
export type RegionRankingsResponse = z.infer<typeof RegionRankingsResponse>;

// ───────────────────────── trends of the loop ─────────────────────────

export const LoopTrendsQuery = z.object({ region: regionFilter.optional(), asOf: isoDate.optional() });
const rate = z.number().nullable();
export const LoopTrendYear = z.object({
  year: z.number().int(),
  /** Units that owe the year's report (exempt ones left out), and those that published it. */
  units: z.number().int(),
  published: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  notDue: z.number().int(),
  /** Shares of the units past their deadline (on time + late + missing); null when none is. */
  onTimeRate: rate,
  lateRate: rate,
  missingRate: rate,
  /** 整改通知 sent for the year (cases), fixed in full, overdue; their items and how many were fixed. */
  cases: z.number().int(),
  casesFixed: z.number().int(),
  casesOverdue: z.number().int(),
  items: z.number().int(),
  itemsFixed: z.number().int(),
  rectificationRate: rate,
  /** Per category: published reports with at least one fault of it (not dismissed), and their share. */
  problems: z.array(z.object({ category: Category, units: z.number().int(), share: rate })),
});
export const LoopTrendsResponse = z.object({ asOf: z.string(), source: z.enum(['roster', 'reports']), items: z.array(LoopTrendYear) });
export type LoopTrendsResponse = z.infer<typeof LoopTrendsResponse>;
