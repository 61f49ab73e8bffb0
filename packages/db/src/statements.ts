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
import { agencies, agencyAliases, cellKeys, cells, findings, regions, reportBands, reportRules, reports, reviewDecisions, settings, sources } from './schema';

export type ReportRow = typeof reports.$inferSelect;
export type CellRow = typeof cells.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type DecisionRow = typeof reviewDecisions.$inferSelect;
type AgencyFull = typeof agencies.$inferSelect;
export type AgencyRow = Pick<AgencyFull, 'id' | 'name' | 'regionCode' | 'mergedInto' | 'demo'>;
/** A row as SQLite hands it back: boolean columns as 0/1. */
type Stored<T, K extends keyof T> = Omit<T, K> & Record<K, number>;
type Id = Pick<ReportRow, 'id'>;

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
const bind = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);

function bindable(values: Params): Params {
  const out: Params = {};
  for (const k in values) out[k] = bind(values[k]);
  return out;
}

/** Rows per multi-row insert: one statement run for up to this many rows. */
const ROWS_PER_INSERT = 100;

/** The reports' boolean columns, stored as 0/1. */
type Flags = 'current' | 'late' | 'demo' | 'ocr';

const toReport = (r: Stored<ReportRow, Flags> | undefined): ReportRow | undefined =>
  r && { ...r, current: r.current === 1, late: r.late === 1, demo: r.demo === 1, ocr: r.ocr === 1 };

/** The cells' columns in the order of the multi-row insert's values. */
/** Every column of `cells`, in the schema's order: a column added to the schema is written without a second list. */
const CELL_COLUMNS = Object.keys(getTableColumns(cells)) as (keyof typeof cells.$inferInsert)[];

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly sqlite: Database.Database) {}

  /** A statement prepared on first use, typed by what it binds (P) and the rows it returns (R). */
  private q<P extends unknown[], R>(text: string): () => Database.Statement<P, R> {
    let st: Database.Statement<P, R> | undefined;
    return () => (st ??= this.sqlite.prepare<P, R>(text));
  }

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

  private readonly reportByShaQ = this.q<[string], Stored<ReportRow, Flags>>(`select ${this.reportColumns} from reports where sha256 = ?`);
  reportBySha(sha256: string): ReportRow | undefined {
    return toReport(this.reportByShaQ().get(sha256));
  }

  private readonly reportByIdQ = this.q<[number], Stored<ReportRow, Flags>>(`select ${this.reportColumns} from reports where id = ?`);
  reportById(id: number): ReportRow | undefined {
    return toReport(this.reportByIdQ().get(id));
  }

  private readonly currentReportQ = this.q<[number, number], Stored<ReportRow, Flags>>(
    `select ${this.reportColumns} from reports where agency_id = ? and year = ? and current = 1`,
  );
  currentReport(agencyId: number, year: number): ReportRow | undefined {
    return toReport(this.currentReportQ().get(agencyId, year));
  }

  private readonly currentReportIdQ = this.q<[number, number], Id>('select id from reports where agency_id = ? and year = ? and current = 1');
  currentReportId(agencyId: number, year: number): number | undefined {
    return this.currentReportIdQ().get(agencyId, year)?.id;
  }

  /** Whether any report is stored (`demo` true / false: any demo / real one; null: any at all). */
  anyReport(demo: boolean | null): boolean {
    if (demo === null) return !!this.s('select 1 from reports limit 1').get();
    return !!this.s('select 1 from reports where demo = ? limit 1').get(demo ? 1 : 0);
  }

  /** Every version of an agency's report for a year, oldest first. */
  private readonly versionIdsQ = this.q<[number, number], Id>('select id from reports where agency_id = ? and year = ? order by version');
  versionIds(agencyId: number, year: number): number[] {
    return this.versionIdsQ().all(agencyId, year).map((r) => r.id);
  }

  /** Every stored report, oldest year first (rescoring order: history rules see rescored predecessors). */
  private readonly allReportIdsQ = this.q<[], Id>('select id from reports order by year, id');
  allReportIds(): number[] {
    return this.allReportIdsQ().all().map((r) => r.id);
  }

  private readonly lastVersionQ = this.q<[number, number], { v: number | null }>('select max(version) as v from reports where agency_id = ? and year = ?');
  lastVersion(agencyId: number, year: number): number | undefined {
    return this.lastVersionQ().get(agencyId, year)?.v ?? undefined;
  }

  supersede(agencyId: number, year: number) {
    this.s('update reports set current = 0 where agency_id = ? and year = ? and current = 1').run(agencyId, year);
  }

  insertReport(values: Omit<typeof reports.$inferInsert, 'id'>): number {
    return Number(this.s(insertSql(reports, ['id'])).run(bindable(values)).lastInsertRowid);
  }

  updateScore(id: number, columns: Partial<typeof reports.$inferInsert>) {
    const keys = Object.keys(columns);
    const colOf: Record<string, { name: string }> = getTableColumns(reports);
    const sql = `update reports set ${keys.map((k) => `"${colOf[k]!.name}" = @${k}`).join(', ')} where id = @id`;
    this.s(sql).run(bindable({ ...columns, id }));
  }

  private readonly sourceTextQ = this.q<[string], Pick<typeof sources.$inferSelect, 'text'>>('select text from sources where sha256 = ?');
  sourceText(sha256: string): string {
    return this.sourceTextQ().get(sha256)?.text ?? '';
  }

  insertSource(values: typeof sources.$inferInsert) {
    this.s(`${insertSql(sources)} on conflict (sha256) do nothing`).run(bindable(values));
  }

  // ── cells ──
  private readonly cellColumns = selectList(cells);

  private readonly cellsOfQ = this.q<[number], CellRow>(`select ${this.cellColumns} from cells where report_id = ? order by key_id`);
  cellsOf(reportId: number): CellRow[] {
    return this.cellsOfQ().all(reportId);
  }

  private readonly cellInserts = new Map<number, Database.Statement>();

  /** A report's cells, up to ROWS_PER_INSERT rows per statement run. */
  insertCells(rows: (typeof cells.$inferInsert)[]) {
    const cols = CELL_COLUMNS;
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      let st = this.cellInserts.get(chunk.length);
      if (!st) {
        const row = `(${cols.map(() => '?').join(', ')})`;
        const columns = getTableColumns(cells);
        const names = cols.map((k) => `"${columns[k].name}"`);
        st = this.sqlite.prepare(`insert into "${getTableName(cells)}" (${names.join(', ')}) values ${Array(chunk.length).fill(row).join(', ')}`);
        this.cellInserts.set(chunk.length, st);
      }
      const params: unknown[] = [];
      for (const r of chunk) for (const k of cols) params.push(bind(r[k]));
      st.run(params);
    }
  }

  private readonly cellKeysQ = this.q<[], typeof cellKeys.$inferSelect>('select id, key from cell_keys');
  cellKeys(): (typeof cellKeys.$inferSelect)[] {
    return this.cellKeysQ().all();
  }

  insertCellKey(key: string): number {
    return Number(this.s(`insert into "${getTableName(cellKeys)}" (key) values (?)`).run(key).lastInsertRowid);
  }

  // ── findings ──
  private readonly findingColumns = selectList(findings);

  private readonly findingsOfQ = this.q<[number], FindingRow>(`select ${this.findingColumns} from findings where report_id = ? order by ordinal`);
  findingsOf(reportId: number): FindingRow[] {
    return this.findingsOfQ().all(reportId);
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
  private readonly agencyOfAliasQ = this.q<[string], Id>(`select agency_id as id from "${getTableName(agencyAliases)}" where alias = ?`);
  agencyOfAlias(alias: string): number | undefined {
    return this.agencyOfAliasQ().get(alias)?.id;
  }

  private readonly agencyQ = this.q<[number], Stored<AgencyRow, 'demo'>>(
    'select id, name, region_code as regionCode, merged_into as mergedInto, demo from agencies where id = ?',
  );
  agency(id: number): AgencyRow | undefined {
    const row = this.agencyQ().get(id);
    return row && { ...row, demo: row.demo === 1 };
  }

  /** Follows merges: the id an agency is known by now (undefined when there is no such agency). */
  canonicalAgency(id: number): number | undefined {
    for (let i = 0; i < 16; i++) {
      const a = this.agency(id);
      if (!a) return undefined;
      if (!a.mergedInto) return id;
      id = a.mergedInto;
    }
    return id;
  }

  insertAgency(values: Omit<typeof agencies.$inferInsert, 'id'>): number {
    return Number(this.s(insertSql(agencies, ['id'])).run(bindable({ mergedInto: null, ...values })).lastInsertRowid);
  }

  insertAlias(alias: string, agencyId: number) {
    this.s(insertSql(agencyAliases)).run({ alias, agencyId });
  }

  /** Agencies merged into `id` (their ids now resolve to it). */
  private readonly mergedIntoQ = this.q<[number], Id>('select id from agencies where merged_into = ? order by id');
  mergedInto(id: number): number[] {
    return this.mergedIntoQ().all(id).map((r) => r.id);
  }

  /**
   * Moves agency `from` into `into`: its names, reports and review decisions (a decision `into`
   * already has for the same year and finding wins). Versions are renumbered by `renumberVersions`.
   */
  moveAgency(from: number, into: number) {
    this.s('update agency_aliases set agency_id = ? where agency_id = ?').run(into, from);
    // park versions out of the way of the unique (agency, year, version) index
    this.s('update reports set agency_id = ?, version = version + 100000 where agency_id = ?').run(into, from);
    this.s(
      'delete from review_decisions where agency_id = ? and exists (select 1 from review_decisions d where d.agency_id = ? and d.year = review_decisions.year and d.fingerprint = review_decisions.fingerprint)',
    ).run(from, into);
    this.s('update review_decisions set agency_id = ? where agency_id = ?').run(into, from);
    this.s('update agencies set merged_into = ? where id = ?').run(into, from);
  }

  /** Versions of each year of an agency renumbered 1, 2, … in ingest order, the last one current. */
  private readonly yearsOfQ = this.q<[number], Pick<ReportRow, 'id' | 'year'>>('select id, year from reports where agency_id = ? order by year, id');
  renumberVersions(agencyId: number): number[] {
    const all = this.yearsOfQ().all(agencyId);
    const byYear = new Map<number, number[]>();
    for (const r of all) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.id]);
    const set = this.s('update reports set version = ?, current = ? where id = ?');
    for (const ids of byYear.values()) ids.forEach((id, i) => set.run(-(i + 1), i === ids.length - 1 ? 1 : 0, id));
    this.s('update reports set version = -version where agency_id = ? and version < 0').run(agencyId);
    return all.map((r) => r.id);
  }

  private readonly agencyReportCountQ = this.q<[number], { n: number }>('select count(*) as n from reports where agency_id = ?');
  agencyReportCount(id: number): number {
    return this.agencyReportCountQ().get(id)?.n ?? 0;
  }

  setAgencyRegion(id: number, regionCode: string, level: string) {
    this.s('update agencies set region_code = ?, level = ? where id = ?').run(regionCode, level, id);
  }

  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  upsertRegion(values: typeof regions.$inferInsert) {
    this.s(`${insertSql(regions)} on conflict (code) do update set name = excluded.name where regions.name = regions.code`).run(bindable(values));
  }

  private readonly settingQ = this.q<[string], Pick<typeof settings.$inferSelect, 'value'>>('select value from settings where key = ?');
  setting(key: string): string | null {
    return this.settingQ().get(key)?.value ?? null;
  }

  upsertSetting(key: string, value: string, updatedAt: string) {
    this.s(`${insertSql(settings)} on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`).run({ key, value, updatedAt });
  }

  // ── originality candidates ──
  private readonly bandKeysOfQ = this.q<[number], Pick<typeof reportBands.$inferSelect, 'key'>>('select key from report_bands where report_id = ?');
  bandKeysOf(reportId: number): string[] {
    return this.bandKeysOfQ().all(reportId).map((r) => r.key);
  }

  insertBand(values: typeof reportBands.$inferInsert) {
    this.s(insertSql(reportBands)).run(values);
  }

  /**
   * Current reports of other agencies in the year sharing a band key, the most sharing first. Demo
   * reports are peers of demo reports only, so that the demo province never touches a real score.
   */
  private readonly peerCandidatesQ = new Map<number, Database.Statement<unknown[], { reportId: number; shared: number }>>();
  peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number) {
    let st = this.peerCandidatesQ.get(keys.length);
    if (!st) {
      st = this.sqlite.prepare<unknown[], { reportId: number; shared: number }>(
        'select b.report_id as reportId, count(*) as shared from report_bands b join reports r on r.id = b.report_id ' +
          `where b.year = ? and b.key in (${keys.map(() => '?').join(', ')}) and r.current = 1 and r.agency_id <> ? and r.demo = ? ` +
          'group by b.report_id order by shared desc, b.report_id limit ?',
      );
      this.peerCandidatesQ.set(keys.length, st);
    }
    return st.all(year, ...keys, agencyId, demo ? 1 : 0, limit);
  }

  private readonly peerQ = this.q<[number], Pick<ReportRow, 'id' | 'agencyName' | 'signature' | 'signatureSize'>>(
    'select id, agency_name as agencyName, signature, signature_size as signatureSize from reports where id = ?',
  );
  peer(id: number) {
    return this.peerQ().get(id);
  }

  /**
   * Deletes the demo province: its reports with everything hanging off them, its agencies and their
   * names, and the regions no agency is left in. Returns the number of reports removed.
   */
  deleteDemo(): number {
    const demoReports = 'select id from reports where demo = 1';
    for (const table of ['cells', 'findings', 'report_rules', 'report_bands']) {
      this.s(`delete from ${table} where report_id in (${demoReports})`).run();
    }
    this.s('delete from review_decisions where agency_id in (select id from agencies where demo = 1)').run();
    const removed = this.s('delete from reports where demo = 1').run().changes;
    this.s('delete from sources where not exists (select 1 from reports r where r.sha256 = sources.sha256)').run();
    this.s('delete from agency_aliases where agency_id in (select id from agencies where demo = 1)').run();
    this.s('delete from agencies where demo = 1').run();
    return removed;
  }

  private readonly regionRowsQ = this.q<[], { code: string; name: string }>('select code, name from regions');
  regionRows(): { code: string; name: string }[] {
    return this.regionRowsQ().all();
  }

  renameRegion(code: string, name: string) {
    this.s('update regions set name = ? where code = ?').run(name, code);
  }

  private readonly regionCodesQ = this.q<[], { code: string }>('select code from regions');
  regionCodes(): string[] {
    return this.regionCodesQ().all().map((r) => r.code);
  }

  private readonly agencyRegionCodesQ = this.q<[], { code: string }>('select distinct region_code as code from agencies where region_code is not null');
  agencyRegionCodes(): string[] {
    return this.agencyRegionCodesQ().all().map((r) => r.code);
  }

  deleteRegion(code: string) {
    this.s('delete from regions where code = ?').run(code);
  }

  // ── review decisions ──
  private readonly decisionColumns = selectList(reviewDecisions);

  /** Decisions on the findings of an agency's report for a year (every version shares them). */
  private readonly decisionsOfQ = this.q<[number, number], DecisionRow>(
    `select ${this.decisionColumns} from review_decisions where agency_id = ? and year = ? order by id`,
  );
  decisionsOf(agencyId: number, year: number): DecisionRow[] {
    return this.decisionsOfQ().all(agencyId, year);
  }

  /** Records a decision, replacing an earlier one on the same finding. */
  upsertDecision(values: Omit<typeof reviewDecisions.$inferInsert, 'id'>) {
    this.s(
      `${insertSql(reviewDecisions, ['id'])} on conflict (agency_id, year, fingerprint) do update set ` +
        'decision = excluded.decision, reason = excluded.reason, report_id = excluded.report_id, ' +
        'user_id = excluded.user_id, user_name = excluded.user_name, decided_at = excluded.decided_at',
    ).run(bindable(values));
  }

  /** Withdraws a decision; false when there was none. */
  deleteDecision(agencyId: number, year: number, fingerprint: string): boolean {
    return this.s('delete from review_decisions where agency_id = ? and year = ? and fingerprint = ?').run(agencyId, year, fingerprint).changes > 0;
  }

  // ── rectification cases (the office's loop) ──

  /** An agency's rectification case for a year: its dates, the version its notice was issued on, its items' findings. */
  private readonly caseQ = this.q<[number, number], { id: number; issuedOn: string; dueOn: string; baseVersion: number }>(
    'select c.id, c.issued_on as issuedOn, c.due_on as dueOn, r.version as baseVersion from rectification_cases c join reports r on r.id = c.report_id where c.agency_id = ? and c.year = ?',
  );
  private readonly caseItemsQ = this.q<[number], { fingerprint: string }>('select fingerprint from rectification_items where case_id = ? order by ordinal');
  rectificationCase(agencyId: number, year: number): { issuedOn: string; dueOn: string; baseVersion: number; fingerprints: string[] } | undefined {
    const c = this.caseQ().get(agencyId, year);
    if (!c) return undefined;
    const fingerprints = this.caseItemsQ().all(c.id).map((r) => r.fingerprint);
    return { issuedOn: c.issuedOn, dueOn: c.dueOn, baseVersion: c.baseVersion, fingerprints };
  }

  /** Current reports of cases past their 整改期限 on `asOf` that carry no 逾期未改 finding yet. */
  private readonly overdueQ = this.q<[string, string], Id>(
    `select r.id from rectification_cases c join reports r on r.agency_id = c.agency_id and r.year = c.year and r.current = 1
     where c.due_on < ? and not exists (select 1 from findings f where f.report_id = r.id and f.rule = ?) order by r.id`,
  );
  overdueUncharged(asOf: string, rule: string): number[] {
    return this.overdueQ().all(asOf, rule).map((r) => r.id);
  }

  /**
   * A token that changes whenever the database does: a write through this connection
   * (\`total_changes()\`) or one committed by another connection or process (\`data_version\`).
   * SQLite's own change counters (a PostgreSQL storage would keep a version row of its own).
   */
  private readonly changeVersionQ = this.q<[], { changes: number; version: number }>(
    'select total_changes() as changes, (select data_version from pragma_data_version) as version',
  );
  changeVersion(): string {
    const v = this.changeVersionQ().get();
    return `${v?.changes}:${v?.version}`;
  }
}
