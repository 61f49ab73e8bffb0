/**
 * The API contract: every request and response shape, declared once with zod. Fastify validates with
 * them, the OpenAPI document is generated from them, and the dashboard imports the inferred types
 * (`import type { RankingsResponse } from '@nianbao/contract'`). Change only by adding.
 */
import { z } from 'zod';
import { RuleReference } from './rubric';
import { AgencyKind, Category, Cell, Finding, GRADES, ParsedReport, REGION_CODE, REGION_PREFIX, REGION_PREFIX_HINT, Score, Template, type GradeName } from '@nianbao/model';

// ───────────────────────── shared pieces ─────────────────────────

/** Ids and pages are bounded: `1e308` is an integer to JavaScript, not to SQLite's offsets. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const MAX_PAGE = 1_000_000;
export const Grade = Score.shape.grade;
export type Grade = z.infer<typeof Grade>;
export { AgencyKind, Category };

export const ErrorBody = z
  .object({
    error: z.object({
      /** Stable machine code: `not-found`, `invalid-request`, `unsupported-format`, `not-a-report`, … */
      code: z.string(),
      /** For people, in Simplified Chinese. */
      message: z.string(),
    }),
  })
  .describe('错误');
export type ErrorBody = z.infer<typeof ErrorBody>;

export const RegionRef = z.object({ code: z.string().regex(REGION_CODE), name: z.string() });
export type RegionRef = z.infer<typeof RegionRef>;

export const RegionLevel = z.enum(['province', 'city', 'county']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** An agency as rankings and lists show it. `level` follows its region code (province/city/county). */
export const AgencyRef = z.object({
  id: z.number().int(),
  name: z.string(),
  region: RegionRef.nullable(),
  kind: AgencyKind,
  level: RegionLevel.nullable(),
  /** A synthetic agency of the demo province (`npm start -- --demo`): badge it 示例数据. */
  demo: z.boolean(),
});
export type AgencyRef = z.infer<typeof AgencyRef>;

export const ByCategory = z.record(Category, z.number());
/** One value per grade, every grade present. */
const perGrade = <T extends z.ZodTypeAny>(value: T) =>
  z.object(Object.fromEntries(GRADES.map((g) => [g, value])) as Record<GradeName, T>);
export const GradeShares = perGrade(z.number());
export type GradeShares = z.infer<typeof GradeShares>;

const page = z.coerce.number().int().min(1).max(MAX_PAGE).default(1);
const pageSize = z.coerce.number().int().min(1).max(1000).default(50);
const year = z.coerce.number().int().min(2000).max(2100);
/** A region code; the filter takes its whole subtree (360000 → the province, 360500 → the city). */
/**
 * `demo=true`: include the demo province (示例数据, `npm start -- --demo`) beside the real reports;
 * left out by default, so that real rankings, figures and exports stay real.
 */
const showDemo = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true')
  .describe('是否包含示例数据（true 包含；默认不包含）');
/** A region scope: a province (2 digits), a city (4) or a county (6). */
export const RegionPrefix = z.string().regex(REGION_PREFIX, REGION_PREFIX_HINT);
const regionFilter = RegionPrefix;

// ───────────────────────── health ─────────────────────────

export const HealthResponse = z.object({
  status: z.literal('ok'),
  /** Current reports and agencies the caller may see (its region's subtree); absent when not signed in. */
  reports: z.number().int().optional(),
  agencies: z.number().int().optional(),
  /** Of `reports`, those of the demo province (示例数据): the dashboard offers its switch when there are any. */
  demoReports: z.number().int().optional(),
  /** Version of the rubric the stored scores were computed with (null before any score). */
  rubricVersion: z.string().nullable(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

// ───────────────────────── ingest ─────────────────────────

export const IngestStatus = z.enum(['ingested', 'unchanged', 'new-version', 'failed']);
export type IngestStatus = z.infer<typeof IngestStatus>;

/** One file's outcome. A zip archive yields one result per report inside (`file` = `archive.zip/inner.txt`). */
export const IngestResult = z.object({
  file: z.string(),
  status: IngestStatus,
  reportId: z.number().int().nullable(),
  agency: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  year: z.number().int().nullable(),
  /** 1 for the first report of an agency and year, 2 for the first correction, … */
  version: z.number().int().nullable(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const IngestSummary = z.object({
  ingested: z.number().int(),
  unchanged: z.number().int(),
  newVersions: z.number().int(),
  failed: z.number().int(),
});
export type IngestSummary = z.infer<typeof IngestSummary>;

export const IngestResponse = z.object({ results: z.array(IngestResult), summary: IngestSummary });
export type IngestResponse = z.infer<typeof IngestResponse>;

/** A calendar date that exists (`2025-13-45` and `2025-02-30` do not). */
const realDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** Form fields of `POST /api/reports` besides the files (they apply to every file of the request). */
export const IngestFields = z.object({
  agency: z.string().min(1).optional(),
  year: year.optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '发布日期应为 YYYY-MM-DD')
    .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || realDate(d), (d) => ({
      message: `发布日期不存在：${d}`,
    }))
    .optional(),
});
export type IngestFields = z.infer<typeof IngestFields>;

// ───────────────────────── import jobs ─────────────────────────

/**
 * An import job: the files a page declared, uploaded in batches and analysed in the server's worker
 * pool while the page follows its progress (and finds it again after a reload, by its id).
 * A file is `waiting` (declared, not uploaded yet), `queued` (uploaded), `processing`, or `done`
 * with its results (one per report; a zip archive has one per file inside).
 */
export const ImportFileState = z.enum(['waiting', 'queued', 'processing', 'done']);
export type ImportFileState = z.infer<typeof ImportFileState>;

export const ImportJobFile = z.object({
  /** Position in the declared list: the multipart part `file-<index>` carries its bytes. */
  index: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  state: ImportFileState,
  results: z.array(IngestResult),
});
export type ImportJobFile = z.infer<typeof ImportJobFile>;

/** `uploading`: files still to come; `running`: all received, some not analysed yet; `done`. */
export const ImportJobState = z.enum(['uploading', 'running', 'done']);
export type ImportJobState = z.infer<typeof ImportJobState>;

export const ImportJob = z.object({
  id: z.string(),
  state: ImportJobState,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Files declared, received (uploaded) and done. */
  total: z.number().int(),
  received: z.number().int(),
  done: z.number().int(),
  summary: IngestSummary,
  files: z.array(ImportJobFile),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** `POST /api/imports`: the files to come (name and size, in upload order) and the fields for all of them. */
export const NewImportJob = IngestFields.extend({
  files: z
    .array(z.object({ name: z.string().min(1).max(1000), size: z.number().int().min(0) }))
    .min(1, '请至少选择一个文件')
    .max(20_000, '一次最多导入 20000 个文件，请分批导入'),
});
export type NewImportJob = z.infer<typeof NewImportJob>;

export const ImportJobParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '导入任务编号无效') });

/** The jobs of the caller, newest first (the import page offers the unfinished ones again). */
export const ImportJobList = z.object({
  items: z.array(ImportJob.omit({ files: true })),
});
export type ImportJobList = z.infer<typeof ImportJobList>;

// ───────────────────────── reports ─────────────────────────

export const ReportParams = z.object({ id: Id });

export const ReportVersion = z.object({
  id: z.number().int(),
  version: z.number().int(),
  current: z.boolean(),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  publishedOn: z.string().nullable(),
  ingestedAt: z.string(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

// ───────────────────────── review decisions ─────────────────────────

export const Decision = z.enum(['confirm', 'dismiss']);
export type Decision = z.infer<typeof Decision>;

/** A reviewer's decision on a finding: `dismiss` (a false positive: it costs no points) or `confirm`. */
export const FindingReview = z.object({
  decision: Decision,
  reason: z.string(),
  /** Who decided (the account name; 本机（单用户模式） in local mode). */
  user: z.string(),
  /** When (ISO 8601). */
  at: z.string(),
  /** The version it was taken on: a decision holds for every version of the agency's report of the year. */
  reportId: z.number().int(),
});
export type FindingReview = z.infer<typeof FindingReview>;

/** A finding of a stored report, with the reviewers' decision on it (null: none yet). */
export const ReviewedFinding = Finding.extend({ review: FindingReview.nullable() });
export type ReviewedFinding = z.infer<typeof ReviewedFinding>;

export const ReviewParams = z.object({ id: Id, fingerprint: z.string().min(1) });
export const ReviewBody = z.object({
  decision: Decision,
  reason: z.string().trim().min(1, '请填写审核理由').max(2000),
});
export type ReviewBody = z.infer<typeof ReviewBody>;
/** The finding named in the body: fingerprints of table cells can be longer than a path segment should be. */
const Fingerprint = z.string().min(1).max(2000);
export const FindingReviewBody = ReviewBody.extend({ fingerprint: Fingerprint });
export const FindingRef = z.object({ fingerprint: Fingerprint });

// ───────────────────────── cell corrections ─────────────────────────

/** A reviewer's correction of a cell as read: the cell as read, its value now, who, when and why. */
export const CellCorrection = z.object({
  /** The cell as read from the file (null: the file gave no such cell). */
  original: Cell.pick({ raw: true, state: true, value: true }).nullable(),
  /** The value as corrected (null: the cell is blank). */
  value: z.number().nullable(),
  reason: z.string(),
  user: z.string(),
  /** When (ISO 8601). */
  at: z.string(),
});
export type CellCorrection = z.infer<typeof CellCorrection>;

export const CellParams = z.object({
  id: Id,
  key: z.string().max(200).regex(/^t[234](?:\.[A-Za-z0-9]+)+$/, '单元格标识无效'),
});
export const PageImageParams = z.object({ id: Id, page: z.coerce.number().int().min(1).max(1000) });

/** The value a cell should have read (null: blank), and why: the statistics count and sum, so never below zero. */
export const CorrectionBody = z.object({
  value: z
    .number({ invalid_type_error: '更正后的数值应为数字（空白请填 null）', required_error: '请填写更正后的数值' })
    .finite('更正后的数值应为有限的数字')
    .min(0, '更正后的数值不能为负数')
    .max(1e12, '更正后的数值过大')
    .nullable(),
  reason: z.string().trim().min(1, '请填写更正理由').max(2000, '更正理由不能超过 2000 字'),
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

/**
 * A stored report in the canonical model (spec/report-model.md) with its findings and score, plus
 * where it sits in the store: its id, its agency, and every version of the same agency and year.
 * `score` is after review decisions: a dismissed finding stays in `findings` (with its `review`)
 * but costs nothing and is not counted in `errors` / `warnings`.
 */
export const ReportDetail = ParsedReport.extend({
  findings: z.array(ReviewedFinding),
  id: z.number().int(),
  agencyId: z.number().int(),
  /** The agency as registered (the report's own wording of the name is `agency.name`). */
  registeredAgency: AgencyRef,
  version: z.number().int(),
  current: z.boolean(),
  ingestedAt: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The same agency's current report of the previous year, if stored. */
  previousReportId: z.number().int().nullable(),
  versions: z.array(ReportVersion),
  /** A generated report of the demo province (示例数据). */
  demo: z.boolean(),
  /** Reviewers' corrections by cell key: `cells` and the audit have the corrected values, these the cells as read. */
  corrections: z.record(z.string(), CellCorrection),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

export const ReportSource = z.object({
  reportId: z.number().int(),
  fileName: z.string(),
  /** The normalised text that every `span` of the report points into. */
  text: z.string(),
});
export type ReportSource = z.infer<typeof ReportSource>;

/**
 * The tables of the original file as the file lays them out (its own rows, columns and merged cells,
 * not the template's), read again from the stored file: for a Word or web-page report, where the
 * reviewer sees a cell in the original's table. Every cell's `span` points into the report's text,
 * as the cells' of the model do, when `sameText` (the file reads as it did when imported).
 */
export const OriginalCell = z.object({
  text: z.string(),
  span: z.tuple([z.number().int(), z.number().int()]),
  colSpan: z.number().int(),
  rowSpan: z.number().int(),
});
export const ReportOriginal = z.object({
  reportId: z.number().int(),
  format: z.enum(['text', 'layout', 'markdown', 'html', 'docx', 'doc', 'pdf']),
  /** Whether the file reads to the text stored at import (else spans may not match and no cell is marked). */
  sameText: z.boolean(),
  tables: z.array(z.object({ rows: z.array(z.array(OriginalCell)) })),
});
export type ReportOriginal = z.infer<typeof ReportOriginal>;

// ───────────────────────── agencies ─────────────────────────

export const AgenciesQuery = z.object({
  region: regionFilter.optional(),
  kind: AgencyKind.optional(),
  demo: showDemo,
  q: z.string().optional(),
  page,
  pageSize,
});
export type AgenciesQuery = z.infer<typeof AgenciesQuery>;

export const AgencyListItem = AgencyRef.extend({
  aliases: z.array(z.string()),
  reports: z.number().int(),
  latest: z
    .object({ year: z.number().int(), reportId: z.number().int(), score: z.number().nullable(), grade: Grade.nullable() })
    .nullable(),
});
export type AgencyListItem = z.infer<typeof AgencyListItem>;

export const AgenciesResponse = z.object({ total: z.number().int(), items: z.array(AgencyListItem) });
export type AgenciesResponse = z.infer<typeof AgenciesResponse>;

/** One year of an agency: its current report's score by category, and how many versions it has. */
export const AgencyYear = z.object({
  year: z.number().int(),
  reportId: z.number().int(),
  versions: z.number().int(),
  template: Template,
  publishedOn: z.string().nullable(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  byCategory: ByCategory.nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Score delta against the previous year's report (null when there is none). */
  change: z.number().nullable(),
  /** Rank among all current reports of that year (1 = best). */
  rank: z.number().int().nullable(),
});
export type AgencyYear = z.infer<typeof AgencyYear>;

export const AgencyDetail = AgencyRef.extend({
  aliases: z.array(z.string()),
  /** Agencies merged into this one (their ids now resolve here). */
  mergedIds: z.array(z.number().int()),
  reports: z.array(AgencyYear),
});
export type AgencyDetail = z.infer<typeof AgencyDetail>;

export const AgencyParams = z.object({ id: Id });
export const AliasBody = z.object({ alias: z.string().min(2) });
export const MergeBody = z.object({ from: z.number().int().positive() });

// ───────────────────────── rankings ─────────────────────────

export const RankingSort = z.enum(['rank', '-rank', 'score', '-score', 'change', '-change', 'name', '-name', 'errors', '-errors']);

export const RankingsQuery = z.object({
  /** Defaults to the latest year in the store. */
  year: year.optional(),
  region: regionFilter.optional(),
  kind: AgencyKind.optional(),
  grade: Grade.optional(),
  /** Part of the agency's name or of one of its aliases. */
  q: z.string().optional(),
  /** `rank` (default: best first); a leading `-` reverses. */
  sort: RankingSort.default('rank'),
  demo: showDemo,
  page,
  pageSize,
});
export type RankingsQuery = z.infer<typeof RankingsQuery>;

export const RankingItem = z.object({
  /** Rank by score within the filtered set; ties share a rank (1, 2, 2, 4). */
  rank: z.number().int(),
  reportId: z.number().int(),
  agency: z.object({
    id: z.number().int(),
    name: z.string(),
    region: RegionRef.nullable(),
    kind: AgencyKind,
  }),
  year: z.number().int(),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  byCategory: ByCategory.nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** Score minus the agency's previous-year score (null without one). */
  change: z.number().nullable(),
  publishedOn: z.string().nullable(),
  /** A report of the demo province (示例数据). */
  demo: z.boolean(),
});
export type RankingItem = z.infer<typeof RankingItem>;

export const RankingsResponse = z.object({
  year: z.number().int().nullable(),
  total: z.number().int(),
  items: z.array(RankingItem),
});
export type RankingsResponse = z.infer<typeof RankingsResponse>;

export const ExportQuery = RankingsQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

// ───────────────────────── trends ─────────────────────────

export const TrendsQuery = z.object({
  region: regionFilter.optional(),
  kind: AgencyKind.optional(),
  demo: showDemo,
  from: year.optional(),
  to: year.optional(),
});
export type TrendsQuery = z.infer<typeof TrendsQuery>;

export const FindingCount = z.object({
  rule: z.string(),
  /** Reports of the year with at least one finding of the rule. */
  reports: z.number().int(),
  share: z.number(),
});
export type FindingCount = z.infer<typeof FindingCount>;

export const TrendYear = z.object({
  year: z.number().int(),
  reports: z.number().int(),
  averageScore: z.number().nullable(),
  /** Share (0–1) of the year's scored reports in each grade. */
  grades: GradeShares,
  averageByCategory: ByCategory.nullable(),
  topFindings: z.array(FindingCount),
});
export type TrendYear = z.infer<typeof TrendYear>;

export const TrendsResponse = z.object({ items: z.array(TrendYear) });
export type TrendsResponse = z.infer<typeof TrendsResponse>;

// ───────────────────────── overview ─────────────────────────

export const OverviewQuery = z.object({ year: year.optional(), region: regionFilter.optional(), kind: AgencyKind.optional(), demo: showDemo });
export const YearsQuery = z.object({ demo: showDemo });
export type OverviewQuery = z.infer<typeof OverviewQuery>;

export const OverviewResponse = z.object({
  year: z.number().int().nullable(),
  /** Current reports received for the year. */
  reports: z.number().int(),
  /** Agencies known to the store (with a report in any year). */
  agencies: z.number().int(),
  /** Units past their deadline with no report for the year: the roster's, else the agencies that reported in some year, none before its first report. */
  missing: z.object({
    count: z.number().int(),
    items: z.array(AgencyRef.extend({ lastYear: z.number().int().nullable() })),
  }),
  averageScore: z.number().nullable(),
  /** Share (0–1) of scored reports graded 不合格. */
  failShare: z.number().nullable(),
  grades: perGrade(z.number().int()),
  /** Reports with a `time.late` finding. */
  lateCount: z.number().int(),
  /** Ten buckets of ten points: [0,10) … [90,100]. */
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  worst: z.array(RankingItem),
  mostImproved: z.array(RankingItem),
  topFindings: z.array(FindingCount),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

// ───────────────────────── years, regions, rules ─────────────────────────

export const YearsResponse = z.object({
  items: z.array(z.object({ year: z.number().int(), reports: z.number().int(), averageScore: z.number().nullable() })),
});
export type YearsResponse = z.infer<typeof YearsResponse>;

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  /** Agencies registered in this region or below it. */
  agencies: number;
  children: RegionNode[];
}
/** Province → city → county: three levels, spelled out so that the OpenAPI document needs no recursion. */
const regionNode = <C extends z.ZodTypeAny>(children: C) =>
  z.object({ code: z.string(), name: z.string(), level: RegionLevel, agencies: z.number().int(), children: z.array(children) });
export const RegionNodeSchema = regionNode(regionNode(regionNode(z.unknown())));
export const RegionsResponse = z.object({ items: z.array(RegionNodeSchema) });
export type RegionsResponse = { items: RegionNode[] };

/** One audit rule as the rules reference page shows it (metadata declared beside each rule). */
export const RuleRef = RuleReference;
export type RuleRef = z.infer<typeof RuleRef>;
export const RulesResponse = z.array(RuleRef);



export type RulesResponse = z.infer<typeof RulesResponse>;

// ───────────────────────── findings across reports (work queues) ─────────────────────────

export const FindingsQuery = z.object({
  /** A rule id (`table.row-absent`): the reports that have this problem. */
  rule: z.string().max(100).optional(),
  year: year.optional(),
  region: regionFilter.optional(),
  kind: AgencyKind.optional(),
  severity: Finding.shape.severity.optional(),
  /** `pending`: not yet confirmed or dismissed (the 待复核 queue); `confirm` / `dismiss`; `all` (default). */
  review: z.enum(['pending', 'confirm', 'dismiss', 'all']).default('all'),
  /** Part of the agency's name. */
  q: z.string().max(100).optional(),
  demo: showDemo,
  page,
  pageSize,
});
export type FindingsQuery = z.infer<typeof FindingsQuery>;

export const FindingListItem = z.object({
  reportId: z.number().int(),
  year: z.number().int(),
  agency: z.object({ id: z.number().int(), name: z.string(), region: RegionRef.nullable() }),
  score: z.number().nullable(),
  grade: Grade.nullable(),
  demo: z.boolean(),
  rule: z.string(),
  severity: Finding.shape.severity,
  category: Category,
  message: z.string(),
  fingerprint: z.string().nullable(),
  cells: z.array(z.string()),
  review: FindingReview.nullable(),
});
export type FindingListItem = z.infer<typeof FindingListItem>;

export const FindingsResponse = z.object({ total: z.number().int(), items: z.array(FindingListItem) });
export type FindingsResponse = z.infer<typeof FindingsResponse>;

/** One decision for many findings (bulk confirm or dismiss from the queue), each in its own report. */
export const BulkReviewBody = ReviewBody.extend({
  items: z
    .array(z.object({ reportId: z.number().int().positive(), fingerprint: z.string().min(1).max(2000) }))
    .min(1, '请至少选择一个问题')
    .max(500, '一次最多审核 500 个问题'),
});
export type BulkReviewBody = z.infer<typeof BulkReviewBody>;

export const BulkReviewResponse = z.object({
  results: z.array(
    z.object({ reportId: z.number().int(), fingerprint: z.string(), ok: z.boolean(), message: z.string().optional() }),
  ),
  summary: z.object({ done: z.number().int(), failed: z.number().int() }),
});
export type BulkReviewResponse = z.infer<typeof BulkReviewResponse>;
