/**
 * What rules share: cell access and labels, the way a cell is shown in a message, spans, and the
 * identities (勾稽关系) of tables 三 and 四 with their evaluation. Nothing here reports findings.
 */
import {
  rowName,
  SECTIONS,
  TABLE_LABEL,
  T3_COLUMNS,
  T3_OTHER_HANDLING_2019,
  TEMPLATES,
  templateFor,
  cellDef,
  type Cell,
  type ParsedReport,
  type RowDef,
  type Section,
  type SectionId,
  type Span,
  type TableId,
  type TemplateVersion,
} from '@nianbao/model';
import { parseDate, splitHeading } from '@nianbao/parser';

export const ABSENT: Cell = Object.freeze({ raw: '', state: 'absent', value: null, span: null }) as Cell;


/** The template the cells follow: detected, or the one of the report's year (as the parser does). */
export const versionOf = (report: ParsedReport): TemplateVersion => templateFor(report.template, report.year);

export const tableOf = (key: string) => key.slice(0, 2) as TableId;
export const rowOf = (key: string) => key.slice(0, key.lastIndexOf('.'));
export const columnOf = (key: string) => key.slice(key.lastIndexOf('.') + 1);

const rowDefs = new Map<string, RowDef>();
function rowDef(version: TemplateVersion, row: string): RowDef | undefined {
  const k = `${version}:${row}`;
  if (!rowDefs.size) {
    for (const v of ['2019', '2021'] as const)
      for (const t of TEMPLATES[v].tables) for (const r of t.rows) rowDefs.set(`${v}:${r.key}`, r);
    rowDefs.set(`2021:${T3_OTHER_HANDLING_2019.key}`, T3_OTHER_HANDLING_2019);
  }
  return rowDefs.get(k);
}

/** A row as a reviewer names it: 「（一）予以公开」「（三）1.属于国家秘密」「行政诉讼（复议后起诉）」. */
export function rowLabel(version: TemplateVersion, row: string): string {
  const def = rowDef(version, row);
  return def ? rowName(def) : row;
}

export function columnLabel(version: TemplateVersion, key: string): string {
  return cellDef(version, key)?.column.label.replace(/（单位：[^）]*）/, '') ?? columnOf(key);
}

/** 「表三“（一）予以公开”行“自然人”列」 */
export function cellLabel(version: TemplateVersion, key: string): string {
  return `${TABLE_LABEL[tableOf(key)]}“${rowLabel(version, rowOf(key))}”行“${columnLabel(version, key)}”列`;
}

/** A number as people write it: no trailing float noise. */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

/** A cell inside a message: its number, 空 (blank), 缺 (absent), or what was written. */
export function show(cell: Cell): string {
  switch (cell.state) {
    case 'value':
      return fmt(cell.value!);
    case 'blank':
      return '空';
    case 'absent':
      return '缺';
    default:
      return `“${cell.raw.trim()}”`;
  }
}

/** The smallest span covering the given spans (nulls skipped). */
export function unionSpan(spans: (Span | null | undefined)[]): Span | null {
  let s = Infinity;
  let e = -Infinity;
  for (const sp of spans) {
    if (!sp) continue;
    s = Math.min(s, sp[0]);
    e = Math.max(e, sp[1]);
  }
  return s === Infinity ? null : [s, e];
}

const sectionDef = (id: SectionId) => SECTIONS.find((s) => s.id === id)!;
export const sectionTitle = (id: SectionId) => sectionDef(id).title;
export const sectionOrdinal = (id: SectionId) => sectionDef(id).ordinal;
/** 「第五部分“存在的主要问题及改进情况”」 */
export const sectionName = (id: SectionId) => `第${sectionOrdinal(id)}部分“${sectionTitle(id)}”`;

/** The text of a section without its heading line (empty when the section is absent). */
export function sectionBody(report: ParsedReport, text: string, id: SectionId): string {
  const s = report.sections[id];
  if (!s?.present || !s.span) return '';
  const body = text.slice(s.span[0], s.span[1]);
  const nl = body.indexOf('\n');
  return nl < 0 ? '' : body.slice(nl + 1);
}

/** Characters that carry content: whitespace and page furniture like 「-3-」「— 1 —」 do not count. */
export function contentLength(s: string): number {
  return s.replace(/[-—]\s*\d+\s*[-—]/g, '').replace(/[\s\u3000\u00a0]/g, '').length;
}

// ---------------------------------------------------------------------------------------------
// Identities (勾稽关系)

export type IdentityKind = 't3-flow' | 't3-outcomes' | 't3-applicants' | 't4-totals';

export interface Term {
  key: string;
  /** How the term is named in a message: 「本年新收」. */
  name: string;
}

export interface Identity {
  kind: IdentityKind;
  /** What the instance is about, for fingerprints: the column (t3-flow, t3-outcomes) or the row. */
  key: string;
  /** 「表三“自然人”列」 */
  where: string;
  lhs: Term[];
  rhs: Term[];
  /** Names the right-hand side as one figure in messages when it has many terms. */
  rhsName?: string;
}

export type IdentityStatus =
  /** Every cell filled and the identity holds. */
  | 'ok'
  /** Every cell blank, absent, a placeholder or text: nothing to check (other rules report the gaps). */
  | 'empty'
  /** Cells are missing, and reading them as 0 (「无则填0」) the identity holds. */
  | 'consistent'
  /** The identity is broken whatever the missing cells hold. */
  | 'broken'
  /** A cell it needs is in a row the table does not have (a truncated table): `table.row-absent` is the finding. */
  | 'absent'
  /** Cells are missing and the identity holds only if they hold `gap`. */
  | 'unverifiable';

export interface IdentityResult {
  identity: Identity;
  status: IdentityStatus;
  lhs: number;
  rhs: number;
  /** The cells that hold no number. */
  missing: string[];
}

const T3_OUTCOME_HEAD = [
  't3.granted',
  't3.partiallyGranted',
  't3.denied.stateSecret',
  't3.denied.lawProhibited',
  't3.denied.safetyStability',
  't3.denied.thirdParty',
  't3.denied.internalAffairs',
  't3.denied.processInfo',
  't3.denied.enforcementFile',
  't3.denied.queryMatter',
  't3.unable.notHeld',
  't3.unable.needsCreation',
  't3.unable.unclear',
  't3.notProcessed.complaint',
  't3.notProcessed.duplicate',
  't3.notProcessed.publication',
  't3.notProcessed.massRepeated',
  't3.notProcessed.confirmation',
];
const OTHER_2021 = ['t3.otherHandling.overdueCorrection', 't3.otherHandling.overdueFee', 't3.otherHandling.other'];

/** Does a 2021 report keep the single （六）其他处理 row of 2019 instead of its three rows? */
export function keepsLegacyOtherHandling(report: ParsedReport, version: TemplateVersion): boolean {
  if (version !== '2021') return false;
  const has = (row: string) => T3_COLUMNS.some((c) => (report.cells[`${row}.${c.key}`]?.state ?? 'absent') !== 'absent');
  return has(T3_OTHER_HANDLING_2019.key) && !OTHER_2021.some(has);
}

const T4_GROUPS = ['t4.review', 't4.litigationDirect', 't4.litigationAfterReview'];
const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'];
const T3_PARTS = T3_COLUMNS.filter((c) => c.key !== 'total');

const identityCache = new Map<string, Identity[]>();

/** Every identity instance of a report, in reading order (built once per layout: they depend on no value). */
export function identitiesOf(report: ParsedReport, version: TemplateVersion): Identity[] {
  const legacy = keepsLegacyOtherHandling(report, version);
  const cacheKey = `${version}:${legacy}`;
  const cached = identityCache.get(cacheKey);
  if (cached) return cached;
  const out: Identity[] = [];
  const t3Rows = TEMPLATES[version].tables.find((t) => t.id === 't3')!.rows.map((r) => r.key);
  const rows = legacy ? [...t3Rows.filter((r) => !OTHER_2021.includes(r)), T3_OTHER_HANDLING_2019.key] : t3Rows;
  for (const col of T3_COLUMNS) {
    const c = col.key;
    out.push({
      kind: 't3-flow',
      key: c,
      where: `表三“${col.label}”列`,
      lhs: [
        { key: `t3.newReceived.${c}`, name: '本年新收' },
        { key: `t3.carriedOver.${c}`, name: '上年结转' },
      ],
      rhs: [
        { key: `t3.totalProcessed.${c}`, name: '办理结果总计' },
        { key: `t3.carriedForward.${c}`, name: '结转下年度' },
      ],
    });
  }
  const outcomes = legacy || version === '2019' ? [...T3_OUTCOME_HEAD, T3_OTHER_HANDLING_2019.key] : [...T3_OUTCOME_HEAD, ...OTHER_2021];
  for (const col of T3_COLUMNS) {
    const c = col.key;
    out.push({
      kind: 't3-outcomes',
      key: c,
      where: `表三“${col.label}”列`,
      lhs: [{ key: `t3.totalProcessed.${c}`, name: '（七）总计' }],
      rhs: outcomes.map((r) => ({ key: `${r}.${c}`, name: rowLabel(version, r) })),
      rhsName: '（一）至（六）各项之和',
    });
  }
  for (const row of rows) {
    out.push({
      kind: 't3-applicants',
      key: row,
      where: `表三“${rowLabel(version, row)}”行`,
      lhs: [{ key: `${row}.total`, name: '总计' }],
      rhs: T3_PARTS.map((col) => ({ key: `${row}.${col.key}`, name: col.label })),
      rhsName: '各申请人列之和',
    });
  }
  for (const g of T4_GROUPS) {
    out.push({
      kind: 't4-totals',
      key: g,
      where: `表四“${rowLabel(version, g)}”`,
      lhs: [{ key: `${g}.total`, name: '总计' }],
      rhs: T4_PARTS.map((p) => ({ key: `${g}.${p}`, name: columnLabel(version, `${g}.${p}`) })),
    });
  }
  identityCache.set(cacheKey, out);
  return out;
}

const EPS = 1e-6;

/**
 * Checks one identity. Missing cells (blank, placeholder, text) are unknown non-negative numbers: the
 * identity is `broken` only when no filling could make it hold. One cause, one finding: where a cell
 * it needs is absent (its row is not in the table) nothing is compared, and a side with no figure at
 * all is at most unverifiable — the blank or absent cells are what the completeness rules report.
 */
export function evaluate(identity: Identity, cell: (key: string) => Cell): IdentityResult {
  let lSum = 0;
  let rSum = 0;
  let lMissing = 0;
  let rMissing = 0;
  let absent = false;
  let missing: string[] | null = null;
  for (const t of identity.lhs) {
    const c = cell(t.key);
    if (c.state === 'value') lSum += c.value!;
    else {
      lMissing++;
      absent ||= c.state === 'absent';
      (missing ??= []).push(t.key);
    }
  }
  for (const t of identity.rhs) {
    const c = cell(t.key);
    if (c.state === 'value') rSum += c.value!;
    else {
      rMissing++;
      absent ||= c.state === 'absent';
      (missing ??= []).push(t.key);
    }
  }
  const lEmpty = lMissing === identity.lhs.length;
  const rEmpty = rMissing === identity.rhs.length;
  let status: IdentityStatus;
  if (lEmpty && rEmpty) status = 'empty';
  else if (absent) status = 'absent';
  else if (!lMissing && !rMissing) status = Math.abs(lSum - rSum) < EPS ? 'ok' : 'broken';
  // a fully known side smaller than what the other side already holds
  else if ((!lMissing && rSum > lSum + EPS) || (!rMissing && lSum > rSum + EPS)) status = 'broken';
  else if (Math.abs(lSum - rSum) < EPS) status = 'consistent';
  else status = 'unverifiable';
  return { identity, status, lhs: lSum, rhs: rSum, missing: missing ?? [] };
}

/**
 * 「本年新收(0)+上年结转(1)」; a long sum (the twenty-odd outcome rows) as its total, naming the rows
 * that hold something other than 0.
 */
export function showTerms(terms: Term[], cell: (key: string) => Cell, name = '各项之和'): string {
  if (terms.length <= 6) return terms.map((t) => `${t.name}(${show(cell(t.key))})`).join('+');
  let sum = 0;
  let missing = 0;
  const notable: string[] = [];
  for (const t of terms) {
    const c = cell(t.key);
    if (c.state === 'value') sum += c.value!;
    else missing++;
    if (c.state !== 'value' || c.value !== 0) notable.push(`${t.name}(${show(c)})`);
  }
  const detail = missing > 6 ? `，其中${missing}格未填数字` : notable.length && notable.length <= 6 ? `：${notable.join('+')}` : '';
  return `${name}(${fmt(sum)}${detail})`;
}

/**
 * The parameters of a broken identity's message (「{where}：{lhs}≠{rhs}」):
 * 「表三“自然人”列」, 「本年新收(0)+上年结转(1)」, 「办理结果总计(空)+结转下年度(缺)」.
 */
export function identityData(res: IdentityResult, cell: (key: string) => Cell) {
  const { identity } = res;
  return { where: identity.where, lhs: showTerms(identity.lhs, cell), rhs: showTerms(identity.rhs, cell, identity.rhsName) };
}

/**
 * For an identity that holds only if its missing cells hold the difference: the parameters of its
 * message, the two sides, the `gap` and the `missing` cells that would need to hold it.
 */
export function gapData(res: IdentityResult, cell: (key: string) => Cell) {
  const { identity } = res;
  const cells = res.missing.map((k) => {
    const term = [...identity.lhs, ...identity.rhs].find((t) => t.key === k)!;
    return `${term.name}(${show(cell(k))})`;
  });
  const missing = cells.length > 4 ? `${cells.slice(0, 4).join('、')}等${cells.length}格` : cells.join('、');
  return { ...identityData(res, cell), gap: fmt(Math.abs(res.lhs - res.rhs)), missing };
}

/** The heading line of a section (its first line, leading whitespace skipped). */
export function headingSpan(text: string, section: Section): Span | null {
  if (!section.span) return null;
  let [start] = section.span;
  const nl = text.indexOf('\n', start);
  const end = nl < 0 || nl > section.span[1] ? section.span[1] : nl;
  while (start < end && /[\s\u3000]/.test(text[start]!)) start++;
  return [start, end];
}

/**
 * A section's title, its heading without the numbering, as the parser read it (split again, by the
 * parser, for a report stored before sections kept their titles).
 */
export const titleOf = (section: Section) => section.title ?? splitHeading(section.heading ?? '').title;

/** The numbering a section's heading carries, as written: 「5、」「一、」 (empty when none). */
export const numberOf = (section: Section) => splitHeading(section.heading ?? '').number;

/** A heading quoted in a message: runs of spaces folded. */
export const quoteHeading = (heading: string) => heading.trim().replace(/[\s\u3000]+/g, ' ');

// ---------------------------------------------------------------------------------------------
// Runs of cells in the same state, for findings a reviewer can read (「表三自“（一）”至“（四）3.”共13行全部为空」)

export interface RowPlan {
  row: RowDef;
  /** The cell key of each column, in order. */
  keys: string[];
}

export interface TablePlan {
  table: TableId;
  rows: RowPlan[];
  cellCount: number;
}

const planCache = new Map<string, TablePlan[]>();

/**
 * The rows of each table as the report should have them (a kept 2019 （六） row stands for the 2021
 * three), with their cell keys: built once per layout, so that rules do not build key strings per report.
 */
export function tablePlan(report: ParsedReport, version: TemplateVersion): TablePlan[] {
  const legacy = keepsLegacyOtherHandling(report, version);
  const cacheKey = `${version}:${legacy}`;
  let plan = planCache.get(cacheKey);
  if (!plan) {
    plan = TEMPLATES[version].tables.map((t) => {
      let rows = t.rows;
      if (t.id === 't3' && legacy) {
        rows = t.rows.filter((r) => !OTHER_2021.includes(r.key));
        rows.splice(rows.findIndex((r) => r.key === 't3.totalProcessed'), 0, T3_OTHER_HANDLING_2019);
      }
      const planned = rows.map((row) => ({ row, keys: row.columns.map((c) => `${row.key}.${c.key}`) }));
      return { table: t.id, rows: planned, cellCount: planned.reduce((n, r) => n + r.keys.length, 0) };
    });
    planCache.set(cacheKey, plan);
  }
  return plan;
}

export interface CellGroup {
  table: TableId;
  rows: RowDef[];
  /** Column keys matched in every row of the group. */
  columns: string[];
  cells: string[];
  /** Every cell of its rows matched. */
  full: boolean;
  /** The group is every cell of its table. */
  wholeTable: boolean;
}

/** Consecutive rows whose matching cells fall in the same columns, table by table. */
export function cellGroups(
  report: ParsedReport,
  version: TemplateVersion,
  cell: (key: string) => Cell,
  match: (c: Cell) => boolean,
): CellGroup[] {
  const out: CellGroup[] = [];
  for (const { table, rows, cellCount } of tablePlan(report, version)) {
    let current: CellGroup | null = null;
    let signature = '';
    const start = out.length;
    for (const { row, keys } of rows) {
      let cols: string[] | null = null;
      let cells: string[] | null = null;
      for (let i = 0; i < keys.length; i++) {
        if (!match(cell(keys[i]!))) continue;
        (cols ??= []).push(row.columns[i]!.key);
        (cells ??= []).push(keys[i]!);
      }
      if (!cols || !cells) {
        current = null;
        continue;
      }
      const sig = cols.length === keys.length ? '*' : cols.join(',');
      if (current && sig === signature && (sig === '*' || keys.length === current.rows[0]!.columns.length)) {
        current.rows.push(row);
        current.cells.push(...cells);
      } else {
        current = { table, rows: [row], columns: cols, cells, full: sig === '*', wholeTable: false };
        signature = sig;
        out.push(current);
      }
    }
    const groups = out.slice(start);
    if (groups.length === 1 && groups[0]!.cells.length === cellCount) groups[0]!.wholeTable = true;
  }
  return out;
}

/**
 * Where a group is, in words: `rows` 「表四全部15格」「表三自“A”至“B”共8行」「表三“A”行」, and for a group
 * that covers only some columns of its rows, `columns` 「“商业企业”“科研机构”列」.
 */
export function groupWhere(version: TemplateVersion, g: CellGroup): { rows: string; columns: string | null; where: string } {
  const name = TABLE_LABEL[g.table];
  if (g.wholeTable) return { rows: `${name}全部${g.cells.length}格`, columns: null, where: `${name}全部${g.cells.length}格` };
  const first = rowLabel(version, g.rows[0]!.key);
  const rows = g.rows.length === 1 ? `${name}“${first}”行` : `${name}自“${first}”至“${rowLabel(version, g.rows.at(-1)!.key)}”共${g.rows.length}行`;
  if (g.full && g.rows.length > 1) return { rows, columns: null, where: rows };
  if (g.full && g.columns.length > 1) return { rows, columns: null, where: `${rows}${g.cells.length}格` };
  const columns = `${g.columns.map((c) => `“${columnLabel(version, `${g.rows[0]!.key}.${c}`)}”`).join('')}列`;
  return { rows, columns, where: `${rows}${g.rows.length > 1 ? '的' : ''}${columns}` };
}

/** The fingerprint key of a group: its rows and columns, not its values. */
export const groupKey = (g: CellGroup) =>
  `${g.rows[0]!.key}${g.rows.length > 1 ? `..${g.rows.at(-1)!.key}` : ''}:${g.full ? '*' : g.columns.join(',')}`;

export const cellsSpan = (cells: string[], cell: (key: string) => Cell) => unionSpan(cells.map((k) => cell(k).span));

/** A date on one of the last lines: the 落款 (the publication date of portal metadata does not count). */
export function signatureDate(text: string): string | null {
  let seen = 0;
  let end = text.length;
  while (end > 0 && seen < 6) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    end = start - 1;
    if (!line) continue;
    seen++;
    if (line.length <= 24) {
      const d = parseDate(line);
      if (d) return d;
    }
  }
  return null;
}
