/**
 * The SQLite implementation of the core's storage interface (`Storage` in @nianbao/core): every
 * operation the application needs, answered through the drizzle statements of statements.ts.
 * better-sqlite3 is synchronous, so each promise is already settled when returned; transactions are
 * serialised by a lock (one connection, one transaction at a time), a nested `withTransaction` is a
 * savepoint.
 */
import type Database from 'better-sqlite3';
import type { Cell, Finding, ParsedReport } from '@nianbao/model';
import { bandOf } from './band-keys';
import { openDatabase, type Db } from './client';
import { OfficeQueries } from './office';
import { correctionsOf, withCorrections, type CorrectionRow } from './corrections';
import { Queries } from './queries';
import { regionFullName, type RegionLevel } from './regions';
import { CellKeys, insertCells, insertFindings, loadCells, toParsedReport } from './rows';
import type { agencies, regions, reports, reviewDecisions, sources } from './schema';
import { Statements, type AgencyRow, type DecisionRow, type ReportRow } from './statements';

export type { AgencyRow, DecisionRow, ReportRow };
export type NewReport = Omit<typeof reports.$inferInsert, 'id'>;
export type ReportScoreColumns = Partial<typeof reports.$inferInsert>;
export type NewSource = typeof sources.$inferInsert;
export type NewAgency = Omit<typeof agencies.$inferInsert, 'id'>;
export type NewRegion = typeof regions.$inferInsert;
export type NewDecision = Omit<typeof reviewDecisions.$inferInsert, 'id'>;
export type NewCorrection = CorrectionRow;
export type PeerRow = Pick<ReportRow, 'id' | 'agencyName' | 'signature' | 'signatureSize'>;
export interface RectificationCaseRow {
  issuedOn: string;
  dueOn: string;
  baseVersion: number;
  fingerprints: string[];
}

/** What one connection shares between the storage and its transaction view. */
class Connection {
  readonly st: Statements;
  readonly keys: CellKeys;
  /** Settles when the transaction under way (if any) ends. */
  lock: Promise<void> = Promise.resolve();
  savepoints = 0;
  /** The multi-row inserts of band keys, by number of keys. */
  readonly bandInserts = new Map<number, Database.Statement>();

  constructor(readonly db: Db) {
    this.st = new Statements(db);
    this.keys = new CellKeys(this.st);
  }
}

export class SqliteStorage {
  readonly db: Db;
  /** Reads for the API, exports and dashboard (`ReadQueries`, as PgStorage's `PgQueries`). */
  readonly queries: Queries;
  /** The office's loop (roster, 报送日期, deadlines, rectification cases): the core's `OfficeStorage`. */
  readonly office: OfficeQueries;
  private readonly conn: Connection;
  private readonly st: Statements;
  /** The view of this connection inside a transaction; null on that view itself (whose `withTransaction` makes savepoints). */
  private readonly tx: SqliteStorage | null;

  constructor(path?: string | { conn: Connection; queries: Queries }) {
    const view = typeof path === 'object';
    this.conn = view ? path.conn : new Connection(openDatabase(path));
    this.db = this.conn.db;
    this.st = this.conn.st;
    this.queries = view ? path.queries : new Queries(this.conn.db, this.conn.st, this.conn.keys);
    this.office = new OfficeQueries(this.db);
    this.tx = view ? null : new SqliteStorage({ conn: this.conn, queries: this.queries });
    if (!view) this.repairRegionNames();
  }

  /**
   * Regions stored under a name a report or roster gave (「江西省赣州」, or the bare code) take their
   * full GB/T 2260 name: a database written before names came from the division list is mended on open.
   */
  private repairRegionNames() {
    const wrong = this.st.regionRows().flatMap((r) => {
      const name = regionFullName(r.code);
      return name && name !== r.name ? [{ code: r.code, name }] : [];
    });
    if (wrong.length) this.db.$client.transaction(() => wrong.forEach((r) => this.st.renameRegion(r.code, r.name)))();
  }

  get path(): string {
    return this.db.$client.name;
  }

  async close(): Promise<void> {
    this.db.$client.close();
  }

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it rejects. Called on a
   * transaction's view, a savepoint of that transaction (a failing report leaves nothing, the batch
   * goes on). Transactions of the same connection wait for each other.
   */
  async withTransaction<T>(fn: (tx: SqliteStorage) => Promise<T>): Promise<T> {
    const sqlite = this.db.$client;
    const conn = this.conn;
    if (!this.tx) {
      const name = `s${++conn.savepoints}`;
      sqlite.exec(`savepoint ${name}`);
      try {
        const out = await fn(this);
        sqlite.exec(`release ${name}`);
        return out;
      } catch (e) {
        sqlite.exec(`rollback to ${name}`);
        sqlite.exec(`release ${name}`);
        // cell keys the savepoint may have interned are gone
        conn.keys.reload();
        throw e;
      } finally {
        conn.savepoints--;
      }
    }
    const previous = conn.lock;
    let release!: () => void;
    conn.lock = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      sqlite.exec('begin');
      try {
        const out = await fn(this.tx);
        sqlite.exec('commit');
        return out;
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec('rollback');
        conn.keys.reload();
        throw e;
      }
    } finally {
      release();
    }
  }

  /**
   * A token that changes whenever the database does: a write through this connection
   * (`total_changes()`) or one committed by another connection or process (`data_version`).
   */
  async changeVersion(): Promise<string> {
    return this.st.changeVersion();
  }

  // ── reports ──
  async reportBySha(sha256: string): Promise<ReportRow | undefined> {
    return this.st.reportBySha(sha256);
  }
  async reportById(id: number): Promise<ReportRow | undefined> {
    return this.st.reportById(id);
  }
  async currentReport(agencyId: number, year: number): Promise<ReportRow | undefined> {
    return this.st.currentReport(agencyId, year);
  }
  async currentReportId(agencyId: number, year: number): Promise<number | undefined> {
    return this.st.currentReportId(agencyId, year);
  }
  async anyReport(demo: boolean | null): Promise<boolean> {
    return this.st.anyReport(demo);
  }
  async versionIds(agencyId: number, year: number): Promise<number[]> {
    return this.st.versionIds(agencyId, year);
  }
  async allReportIds(): Promise<number[]> {
    return this.st.allReportIds();
  }
  async lastVersion(agencyId: number, year: number): Promise<number | undefined> {
    return this.st.lastVersion(agencyId, year);
  }
  async supersede(agencyId: number, year: number): Promise<void> {
    this.st.supersede(agencyId, year);
  }
  async insertReport(values: NewReport): Promise<number> {
    return this.st.insertReport(values);
  }
  async updateScore(id: number, columns: ReportScoreColumns): Promise<void> {
    this.st.updateScore(id, columns);
  }
  async sourceText(sha256: string): Promise<string> {
    return this.st.sourceText(sha256);
  }
  async insertSource(values: NewSource): Promise<void> {
    this.st.insertSource(values);
  }
  /**
   * A stored report in the canonical model (with its cells, reviewers' corrections laid over them; without
   * findings and score when `bare`); `held`, its cells and sections as read when the caller holds them
   * already (the store's batch cache): the corrections are laid over them here too.
   */
  async reportModel(row: ReportRow, bare = false, held?: Pick<ParsedReport, 'cells' | 'sections'>): Promise<ParsedReport> {
    return withCorrections(toParsedReport(this.st, this.conn.keys, row, bare, held), correctionsOf(this.db).of(row.id));
  }
  /** A report's cells as read (before any correction). */
  async cellsOf(reportId: number): Promise<Record<string, Cell>> {
    return loadCells(this.st, this.conn.keys, reportId);
  }
  async insertCells(reportId: number, cells: Record<string, Cell>): Promise<void> {
    insertCells(this.st, this.conn.keys, reportId, cells);
  }
  /** Every finding of a report; the rules it breaks are folded from `counted` (those not dismissed). */
  async insertFindings(reportId: number, list: Finding[], counted: Finding[] = list): Promise<void> {
    insertFindings(this.st, reportId, list, counted);
  }
  async deleteFindings(reportId: number): Promise<void> {
    this.st.deleteFindings(reportId);
  }
  async hasFinding(reportId: number, fingerprint: string): Promise<boolean> {
    return this.st.findingsOf(reportId).some((f) => f.fingerprint === fingerprint);
  }

  // ── agencies and regions ──
  async agency(id: number): Promise<AgencyRow | undefined> {
    return this.st.agency(id);
  }
  async agencyOfAlias(alias: string): Promise<number | undefined> {
    return this.st.agencyOfAlias(alias);
  }
  async canonicalAgency(id: number): Promise<number | undefined> {
    return this.st.canonicalAgency(id);
  }
  async insertAgency(values: NewAgency): Promise<number> {
    return this.st.insertAgency(values);
  }
  async insertAlias(alias: string, agencyId: number): Promise<void> {
    this.st.insertAlias(alias, agencyId);
  }
  async setAgencyRegion(id: number, regionCode: string, level: RegionLevel): Promise<void> {
    this.st.setAgencyRegion(id, regionCode, level);
  }
  async moveAgency(from: number, into: number): Promise<void> {
    this.st.moveAgency(from, into);
  }
  async renumberVersions(agencyId: number): Promise<number[]> {
    return this.st.renumberVersions(agencyId);
  }
  async agencyReportCount(id: number): Promise<number> {
    return this.st.agencyReportCount(id);
  }
  async upsertRegion(values: NewRegion): Promise<void> {
    this.st.upsertRegion(values);
  }
  async regionCodes(): Promise<string[]> {
    return this.st.regionCodes();
  }
  async agencyRegionCodes(): Promise<string[]> {
    return this.st.agencyRegionCodes();
  }
  async deleteRegion(code: string): Promise<void> {
    this.st.deleteRegion(code);
  }
  async deleteDemo(): Promise<number> {
    return this.st.deleteDemo();
  }

  // ── settings ──
  async setting(key: string): Promise<string | null> {
    return this.st.setting(key);
  }
  async upsertSetting(key: string, value: string, updatedAt: string): Promise<void> {
    this.st.upsertSetting(key, value, updatedAt);
  }

  // ── originality candidates ──
  /** A report's band keys in one statement (32 single-row inserts cost ≈ 0.5 ms a report). */
  async insertBands(reportId: number, year: number, keys: string[]): Promise<void> {
    if (!keys.length) return;
    let insert = this.conn.bandInserts.get(keys.length);
    if (!insert) {
      insert = this.db.$client.prepare(`insert into report_bands (year, band, report_id) values ${keys.map(() => '(?, ?, ?)').join(', ')}`);
      this.conn.bandInserts.set(keys.length, insert);
    }
    insert.run(keys.flatMap((key) => [year, bandOf(key), reportId]));
  }
  async peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number): Promise<number[]> {
    return this.st.peerCandidates(year, agencyId, demo, keys, limit).map((r) => r.reportId);
  }
  async peer(id: number): Promise<PeerRow | undefined> {
    return this.st.peer(id);
  }
  async peers(ids: number[]): Promise<PeerRow[]> {
    return ids.flatMap((id) => this.st.peer(id) ?? []);
  }

  // ── review decisions ──
  async decisionsOf(agencyId: number, year: number): Promise<DecisionRow[]> {
    return this.st.decisionsOf(agencyId, year);
  }
  async upsertDecision(values: NewDecision): Promise<void> {
    this.st.upsertDecision(values);
  }
  async deleteDecision(agencyId: number, year: number, fingerprint: string): Promise<boolean> {
    return this.st.deleteDecision(agencyId, year, fingerprint);
  }

  // ── cell corrections ──
  async upsertCorrection(values: NewCorrection): Promise<void> {
    correctionsOf(this.db).upsert(values);
  }
  async deleteCorrection(reportId: number, cell: string): Promise<boolean> {
    return correctionsOf(this.db).remove(reportId, cell);
  }

  // ── rectification cases ──
  async rectificationCase(agencyId: number, year: number): Promise<RectificationCaseRow | undefined> {
    return this.st.rectificationCase(agencyId, year);
  }
  async overdueUncharged(asOf: string, rule: string): Promise<number[]> {
    return this.st.overdueUncharged(asOf, rule);
  }
}
