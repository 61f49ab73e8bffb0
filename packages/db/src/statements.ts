/**
 * The prepared statements of the ingest and re-audit path, compiled once per connection.
 *
 * Why not drizzle's query builder here: building a query costs it ~0.1–2 ms (a 200-row insert ~50 ms),
 * more than SQLite takes to run it, and ingest runs ~20 statements and ~250 row inserts per report.
 * The SQL is derived from the drizzle schema (column and table names), stays plain (no SQLite-only
 * syntax; `on conflict` as PostgreSQL has it), and lives only here.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { agencies, agencyAliases, cellKeys, cells, findings, regions, reportBands, reportRules, reports, settings, sources } from './schema';

export type ReportRow = typeof reports.$inferSelect;
export type CellRow = typeof cells.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;

type Params = Record<string, unknown>;

/** `"snake_case" as "camelCase"` for every column, so rows come back shaped like drizzle's. */
function selectList(table: Table, alias?: string): string {
  return Object.entries(getTableColumns(table))
    .map(([key, col]) => `${alias ? alias + '.' : ''}"${col.name}" as "${key}"`)
    .join(', ');
}

function insertSql(table: Table, omit: string[] = []): string {
  const cols = Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key));
  return `insert into "${getTableName(table)}" (${cols.map(([, c]) => `"${c.name}"`).join(', ')}) values (${cols.map(([k]) => '@' + k).join(', ')})`;
}

/** better-sqlite3 binds no booleans: true/false go in as 1/0, like drizzle's boolean mode stores them. */
function bindable(values: Params): Params {
  const out: Params = {};
  for (const k in values) {
    const v = values[k];
    out[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v;
  }
  return out;
}

const toReport = (row: unknown): ReportRow | undefined => {
  if (!row) return undefined;
  const r = row as Record<string, unknown>;
  r.current = r.current === 1 || r.current === true;
  r.late = r.late === 1 || r.late === true;
  return r as ReportRow;
};

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly sqlite: Database.Database) {}

  private s(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      this.cache.set(sql, st);
    }
    return st;
  }

  // ── reports ──
  private readonly reportColumns = selectList(reports);

  reportBySha(sha256: string): ReportRow | undefined {
    return toReport(this.s(`select ${this.reportColumns} from reports where sha256 = ?`).get(sha256));
  }

  reportById(id: number): ReportRow | undefined {
    return toReport(this.s(`select ${this.reportColumns} from reports where id = ?`).get(id));
  }

  currentReport(agencyId: number, year: number): ReportRow | undefined {
    return toReport(this.s(`select ${this.reportColumns} from reports where agency_id = ? and year = ? and current = 1`).get(agencyId, year));
  }

  currentReportId(agencyId: number, year: number): number | undefined {
    return (this.s('select id from reports where agency_id = ? and year = ? and current = 1').get(agencyId, year) as { id: number } | undefined)?.id;
  }

  lastVersion(agencyId: number, year: number): number | undefined {
    const r = this.s('select max(version) as v from reports where agency_id = ? and year = ?').get(agencyId, year) as { v: number | null };
    return r.v ?? undefined;
  }

  supersede(agencyId: number, year: number) {
    this.s('update reports set current = 0 where agency_id = ? and year = ? and current = 1').run(agencyId, year);
  }

  insertReport(values: Omit<typeof reports.$inferInsert, 'id'>): number {
    return Number(this.s(insertSql(reports, ['id'])).run(bindable(values)).lastInsertRowid);
  }

  updateScore(id: number, columns: Params) {
    const keys = Object.keys(columns);
    const colOf = getTableColumns(reports) as Record<string, { name: string }>;
    const sql = `update reports set ${keys.map((k) => `"${colOf[k]!.name}" = @${k}`).join(', ')} where id = @id`;
    this.s(sql).run(bindable({ ...columns, id }));
  }

  sourceText(sha256: string): string {
    return (this.s('select text from sources where sha256 = ?').get(sha256) as { text: string } | undefined)?.text ?? '';
  }

  insertSource(values: typeof sources.$inferInsert) {
    this.s(`${insertSql(sources)} on conflict (sha256) do nothing`).run(bindable(values));
  }

  // ── cells ──
  private readonly cellColumns = selectList(cells);

  cellsOf(reportId: number): CellRow[] {
    return this.s(`select ${this.cellColumns} from cells where report_id = ? order by key_id`).all(reportId) as CellRow[];
  }

  insertCell(values: typeof cells.$inferInsert) {
    this.s(insertSql(cells)).run(bindable(values));
  }

  cellKeys(): { id: number; key: string }[] {
    return this.s('select id, key from cell_keys').all() as { id: number; key: string }[];
  }

  insertCellKey(key: string): number {
    return Number(this.s(`insert into "${getTableName(cellKeys)}" (key) values (?)`).run(key).lastInsertRowid);
  }

  // ── findings ──
  private readonly findingColumns = selectList(findings);

  findingsOf(reportId: number): FindingRow[] {
    return this.s(`select ${this.findingColumns} from findings where report_id = ? order by ordinal`).all(reportId) as FindingRow[];
  }

  insertFinding(values: Omit<typeof findings.$inferInsert, 'id'>) {
    this.s(insertSql(findings, ['id'])).run(bindable(values));
  }

  insertReportRule(values: typeof reportRules.$inferInsert) {
    this.s(insertSql(reportRules)).run(bindable(values));
  }

  deleteFindings(reportId: number) {
    this.s('delete from findings where report_id = ?').run(reportId);
    this.s('delete from report_rules where report_id = ?').run(reportId);
  }

  // ── agencies and regions ──
  agencyOfAlias(alias: string): number | undefined {
    return (this.s(`select agency_id as id from "${getTableName(agencyAliases)}" where alias = ?`).get(alias) as { id: number } | undefined)?.id;
  }

  agency(id: number): { id: number; name: string; regionCode: string | null; mergedInto: number | null } | undefined {
    return this.s('select id, name, region_code as regionCode, merged_into as mergedInto from agencies where id = ?').get(id) as
      | { id: number; name: string; regionCode: string | null; mergedInto: number | null }
      | undefined;
  }

  insertAgency(values: Omit<typeof agencies.$inferInsert, 'id'>): number {
    return Number(this.s(insertSql(agencies, ['id'])).run(bindable({ mergedInto: null, ...values })).lastInsertRowid);
  }

  insertAlias(alias: string, agencyId: number) {
    this.s(insertSql(agencyAliases)).run({ alias, agencyId });
  }

  setAgencyRegion(id: number, regionCode: string, level: string) {
    this.s('update agencies set region_code = ?, level = ? where id = ?').run(regionCode, level, id);
  }

  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  upsertRegion(values: typeof regions.$inferInsert) {
    this.s(`${insertSql(regions)} on conflict (code) do update set name = excluded.name where regions.name = regions.code`).run(bindable(values));
  }

  upsertSetting(key: string, value: string, updatedAt: string) {
    this.s(`${insertSql(settings)} on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`).run({ key, value, updatedAt });
  }

  // ── originality candidates ──
  bandKeysOf(reportId: number): string[] {
    return (this.s('select key from report_bands where report_id = ?').all(reportId) as { key: string }[]).map((r) => r.key);
  }

  insertBand(values: typeof reportBands.$inferInsert) {
    this.s(insertSql(reportBands)).run(values);
  }

  /** Current reports of other agencies in the year sharing a band key, the most sharing first. */
  peerCandidates(year: number, agencyId: number, keys: string[], limit: number) {
    const sql =
      'select b.report_id as reportId, count(*) as shared from report_bands b join reports r on r.id = b.report_id ' +
      `where b.year = ? and b.key in (${keys.map(() => '?').join(', ')}) and r.current = 1 and r.agency_id <> ? ` +
      'group by b.report_id order by shared desc, b.report_id limit ?';
    return this.s(sql).all(year, ...keys, agencyId, limit) as { reportId: number; shared: number }[];
  }

  peer(id: number): { id: number; agencyName: string; signature: Buffer | null; signatureSize: number | null } | undefined {
    return this.s('select id, agency_name as agencyName, signature, signature_size as signatureSize from reports where id = ?').get(id) as
      | { id: number; agencyName: string; signature: Buffer | null; signatureSize: number | null }
      | undefined;
  }
}
