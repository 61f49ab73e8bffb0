/**
 * Between the canonical model and the rows: a ParsedReport's cells, findings and score as rows, and
 * a stored report back as a ParsedReport (for the API, and as `previous` for the history rules).
 */
import { CATEGORIES, type Category, type Cell, type Finding, type ParsedReport, type Score } from '@nianbao/model';
import { cellKeysOf, deductionsOf, messageDataOf } from './json';
import { decodeSections } from './sections-codec';
import { packCells, unpackCells } from './packed-cells';
import type { FindingRow, ReportRow, Statements } from './statements';

/**
 * Demo agencies are looked up by their names under this prefix: a demo agency never takes a real
 * report, nor a real agency a demo one, even where the generator picked a real agency's name.
 */
export const DEMO_ALIAS_PREFIX = '示例数据:';

/** An agency's name as its aliases are looked up: without spaces (ASCII or ideographic). */
export const normaliseName = (name: string) => name.replace(/[\s\u3000]+/g, '');

export const CATEGORY_COLUMNS = {
  completeness: 'scoreCompleteness',
  accuracy: 'scoreAccuracy',
  conformity: 'scoreConformity',
  timeliness: 'scoreTimeliness',
} as const satisfies Record<Category, keyof ReportRow>;

/** The score and finding counts of a report as columns of its row. */
export function scoreColumns(findingList: Finding[], score: Score | null) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let late = false;
  for (const f of findingList) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
    if (f.rule === 'time.late') late = true;
  }
  const by: Partial<Record<Category, number>> | undefined = score?.byCategory;
  return {
    score: score ? score.total : null,
    grade: score ? score.grade : null,
    scoreCompleteness: by?.completeness ?? null,
    scoreAccuracy: by?.accuracy ?? null,
    scoreConformity: by?.conformity ?? null,
    scoreTimeliness: by?.timeliness ?? null,
    rubricVersion: score?.rubricVersion ?? null,
    deductions: score?.deductions ? JSON.stringify(score.deductions) : null,
    errors,
    warnings,
    infos,
    late,
  };
}

export function byCategoryOf(row: Pick<ReportRow, 'scoreCompleteness' | 'scoreAccuracy' | 'scoreConformity' | 'scoreTimeliness'>) {
  if (row.scoreCompleteness === null && row.scoreAccuracy === null && row.scoreConformity === null && row.scoreTimeliness === null) {
    return null;
  }
  const out: Partial<Record<Category, number>> = {};
  for (const c of CATEGORIES) {
    const v = row[CATEGORY_COLUMNS[c]];
    if (v !== null) out[c] = v;
  }
  return out;
}

export function scoreOf(row: ReportRow): Score | null {
  if (row.score === null || row.grade === null) return null;
  const score: Score = { total: row.score, grade: row.grade, byCategory: byCategoryOf(row) ?? {} };
  if (row.rubricVersion !== null) score.rubricVersion = row.rubricVersion;
  if (row.deductions !== null) score.deductions = deductionsOf(row.deductions);
  return score;
}

export function findingRows(reportId: number, list: Finding[]) {
  return list.map((f, ordinal) => ({
    reportId,
    ordinal,
    rule: f.rule,
    severity: f.severity,
    category: f.category,
    cells: JSON.stringify(f.cells),
    message: f.message,
    messageId: f.messageId ?? null,
    data: f.data ? JSON.stringify(f.data) : null,
    spanStart: f.span ? f.span[0] : null,
    spanEnd: f.span ? f.span[1] : null,
    fingerprint: f.fingerprint ?? null,
  }));
}

/** Cell keys interned as small integers: the ids and keys known on a connection, either way round. */
export class CellKeyCache {
  private ids = new Map<string, number>();
  private keys = new Map<number, string>();

  /** Forgets what was known and knows `rows` (the whole table, read again). */
  fill(rows: { id: number; key: string }[]) {
    this.ids.clear();
    this.keys.clear();
    for (const r of rows) this.add(r.key, r.id);
  }

  add(key: string, id: number) {
    this.ids.set(key, id);
    this.keys.set(id, key);
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  keyOf(id: number): string | undefined {
    return this.keys.get(id);
  }
}

/** SQLite's cell keys: the cache filled from the table once per store, a new key inserted at once. */
export class CellKeys extends CellKeyCache {
  constructor(private readonly st: Statements) {
    super();
    this.reload();
  }

  reload() {
    this.fill(this.st.cellKeys());
  }

  /** Id of a key, inserting it (inside the caller's transaction: `reload()` if that rolls back). */
  id(key: string): number {
    let id = this.idOf(key);
    if (id === undefined) {
      id = this.st.insertCellKey(key);
      this.add(key, id);
    }
    return id;
  }

  key(id: number): string {
    const key = this.keyOf(id);
    if (key === undefined) {
      this.reload();
      return this.keyOf(id) ?? `#${id}`;
    }
    return key;
  }
}

export function insertCells(st: Statements, keys: CellKeys, reportId: number, cellMap: Record<string, Cell>) {
  st.insertPackedCells(reportId, packCells(cellMap, (key) => keys.id(key)));
}

/** The rules a report breaks and how often, folded from `counted` (its findings not dismissed). */
export function ruleCountRows(reportId: number, counted: Finding[]): { reportId: number; rule: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of counted) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].map(([rule, count]) => ({ reportId, rule, count }));
}

/** Every finding of a report; the rules it breaks are folded from `counted` (those not dismissed). */
export function insertFindings(st: Statements, reportId: number, list: Finding[], counted: Finding[] = list) {
  for (const row of findingRows(reportId, list)) st.insertFinding(row);
  for (const row of ruleCountRows(reportId, counted)) st.insertReportRule(row);
}

export function findingFromRow(r: FindingRow): Finding {
  const f: Finding = {
    rule: r.rule,
    severity: r.severity,
    category: r.category,
    cells: cellKeysOf(r.cells),
    message: r.message,
    span: r.spanStart !== null && r.spanEnd !== null ? [r.spanStart, r.spanEnd] : null,
  };
  if (r.messageId !== null) f.messageId = r.messageId;
  if (r.data !== null) f.data = messageDataOf(r.data);
  if (r.fingerprint !== null) f.fingerprint = r.fingerprint;
  return f;
}

export function loadCells(st: Statements, keys: CellKeys, reportId: number): Record<string, Cell> {
  const data = st.packedCellsOf(reportId);
  return data ? unpackCells(data, (id) => keys.key(id)) : {};
}

export function loadFindings(st: Statements, reportId: number): Finding[] {
  return st.findingsOf(reportId).map(findingFromRow);
}

/**
 * A stored report in the canonical model from its row and what was read beside it: its cells and
 * sections (`held` when the caller holds them), its findings (none and no score when `bare`).
 */
export function reportModelOf(row: ReportRow, cells: Record<string, Cell>, findingList: Finding[], bare: boolean, sections?: ParsedReport['sections']): ParsedReport {
  return {
    file: row.fileName,
    sha256: row.sha256,
    agency: {
      name: row.agencyName,
      source: row.agencySource,
      region: row.regionCode ? { code: row.regionCode, name: row.regionName ?? row.regionCode } : null,
      ...(row.agencyKind ? { kind: row.agencyKind } : {}),
    },
    year: row.year,
    template: row.template,
    publishedOn: row.publishedOn,
    sections: sections ?? decodeSections(row.sections),
    cells,
    findings: bare ? [] : findingList,
    score: bare ? null : scoreOf(row),
    ...(row.ocr ? { ocr: true } : {}),
    ...(row.reading ? { reading: JSON.parse(row.reading) as NonNullable<ParsedReport['reading']> } : {}),
  };
}

/** A stored report in the canonical model; without findings and score when `bare` (input to an audit). */
export function toParsedReport(st: Statements, keys: CellKeys, row: ReportRow, bare = false, held?: Pick<ParsedReport, 'cells' | 'sections'>): ParsedReport {
  return reportModelOf(row, held?.cells ?? loadCells(st, keys, row.id), bare ? [] : loadFindings(st, row.id), bare, held?.sections);
}
