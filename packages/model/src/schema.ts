/**
 * The canonical report model of spec/report-model.md, declared once with zod; the TypeScript types,
 * the API validation and the OpenAPI document all derive from these schemas.
 */
import { z } from 'zod';
import { AGENCY_KINDS, CATEGORIES, GRADES, REGION_CODE, SEVERITIES, TEMPLATE_IDS } from './domain';

export const Span = z.tuple([z.number().int(), z.number().int()]);
export type Span = z.infer<typeof Span>;

export const CellState = z.enum(['value', 'blank', 'dash', 'text', 'absent']);
export type CellState = z.infer<typeof CellState>;

/**
 * Where a cell is on the page of the original PDF: the page (1 = first) and the cell's box
 * [left, top, right, bottom] in points, from the top-left corner of the page as displayed (its
 * rotation applied), so that at a scale s the box is s times these numbers on the rendered page.
 */
export const CellPosition = z.object({
  page: z.number().int().min(1),
  box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type CellPosition = z.infer<typeof CellPosition>;

export const Cell = z.object({
  raw: z.string(),
  state: CellState,
  value: z.number().nullable(),
  span: Span.nullable(),
  /** Unit written inside the cell when it differs from the column's (`98850元` in a 万元 column). */
  unit: z.string().optional(),
  /** An annotation written beside the number (「22（其中修订 16 件）」 keeps 「（其中修订 16 件）」). */
  note: z.string().optional(),
  /** For a PDF: where the cell is on its page (absent for other formats and cells not found on a page). */
  position: CellPosition.optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Numbering = z.enum(['chinese', 'arabic', 'none']);
export const Section = z.object({
  present: z.boolean(),
  heading: z.string().nullable(),
  numbering: Numbering.nullable(),
  span: Span.nullable(),
  /** The ordinal the heading carries (一 … 六, or 1 … 6), when numbered. */
  ordinal: z.string().nullable().optional(),
  /** The heading without its numbering (「5、 存在的主要问题及改进情况」 → 「存在的主要问题及改进情况」). */
  title: z.string().nullable().optional(),
});
export type Section = z.infer<typeof Section>;

export const Region = z.object({ code: z.string().regex(REGION_CODE), name: z.string() });
export type Region = z.infer<typeof Region>;

export const AgencyKind = z.enum(AGENCY_KINDS);
export const Agency = z.object({
  name: z.string().nullable(),
  source: z.enum(['text', 'metadata', 'filename']).nullable(),
  region: Region.nullable(),
  /** 人民政府 or a department: decides the deadline and the government-only content. */
  kind: AgencyKind.optional(),
});
export type Agency = z.infer<typeof Agency>;

export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  category: Category,
  cells: z.array(z.string()),
  /** The rendered Chinese text: the rule's message `messageId` filled with `data`. */
  message: z.string(),
  /** Which of its rule's `meta.messages` the finding is (absent on findings stored before message ids). */
  messageId: z.string().optional(),
  /** The message's parameters, so that a view can render it again (with a name withheld, say). */
  data: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  span: Span.nullable(),
  /** Stable identity of the finding across re-parsing and rescoring (rule + what it is about). */
  fingerprint: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const Score = z.object({
  total: z.number(),
  grade: Grade,
  byCategory: z.record(Category, z.number()),
  rubricVersion: z.string().optional(),
  /** Per category: points lost and the findings (by index into `findings`) that cost them. */
  deductions: z
    .array(z.object({ category: Category, rule: z.string(), points: z.number(), findings: z.array(z.number()) }))
    .optional(),
});
export type Score = z.infer<typeof Score>;

export const Template = z.enum(TEMPLATE_IDS);

/**
 * How sure the reading of one table is: `low` where figures could not be placed for sure (another row
 * fits them as well, or none does); `doubtfulRows` names those rows (keys without the column).
 * Findings about cells read with low confidence are not raised against the agency.
 */
export const TableReading = z.object({
  confidence: z.enum(['high', 'low']),
  doubtfulRows: z.array(z.string()),
});
export type TableReading = z.infer<typeof TableReading>;

export const ParsedReport = z.object({
  file: z.string(),
  sha256: z.string(),
  agency: Agency,
  year: z.number().int().nullable(),
  template: Template,
  publishedOn: z.string().nullable(),
  /** Where `publishedOn` comes from: the 落款 (signature), the web page's date (page), or given (metadata). */
  publishedFrom: z.enum(['signature', 'page', 'metadata']).optional(),
  sections: z.record(z.string(), Section),
  cells: z.record(z.string(), Cell),
  findings: z.array(Finding),
  score: Score.nullable(),
  /**
   * Per table (t2, t3, t4) read with low confidence; tables read for sure are not listed. `sections`:
   * of a report read by OCR, the sections whose heading was not read with its numeral (ids s1–s6).
   */
  reading: z.record(z.string(), TableReading).optional(),
  /** Read by OCR from page images (a scanned PDF, photographs of pages), not from the file's text. */
  ocr: z.boolean().optional(),
});
export type ParsedReport = z.infer<typeof ParsedReport>;

export const ReportError = z.object({
  file: z.string(),
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ReportError = z.infer<typeof ReportError>;

export const AuditOutput = z.union([ParsedReport, ReportError]);
export type AuditOutput = z.infer<typeof AuditOutput>;
