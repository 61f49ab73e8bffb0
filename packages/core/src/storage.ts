/**
 * What the application core asks of storage: the operations on reports, cells, findings, agencies,
 * regions, review decisions, rectification cases and settings that ingest, review, rescore and merge
 * need, and transactions. Asynchronous, because a database server's driver is: the SQLite
 * implementation (`SqliteStorage` in @nianbao/db) settles each promise at once; the PostgreSQL one
 * (`PgStorage` in @nianbao/db/pg) fills the same interface, and `openStorage(url)` there picks one.
 *
 * Inside `withTransaction(async (tx) => …)` every operation goes through `tx` (on a server, the
 * transaction's own connection); a `withTransaction` on `tx` is a savepoint of it.
 */
import type { Cell, Finding, ParsedReport } from '@nianbao/model';
import type {
  AgencyRow,
  DecisionRow,
  NewAgency,
  NewCorrection,
  NewDecision,
  NewRegion,
  NewReport,
  NewSource,
  PeerRow,
  RectificationCaseRow,
  ReportRow,
  ReportScoreColumns,
  RegionLevel,
  ReadQueries,
} from '@nianbao/db';
import type { OfficeStorage } from './office/storage';

export type { AgencyRow, DecisionRow, NewAgency, NewCorrection, NewDecision, NewRegion, NewReport, NewSource, PeerRow, RectificationCaseRow, ReportRow, ReportScoreColumns };

export interface Storage {
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it rejects. */
  withTransaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T>;
  /** A token that changes whenever stored data does (for caches of read results). */
  changeVersion(): Promise<string>;
  close(): Promise<void>;
  /** Where the data is (a SQLite file; a PostgreSQL server and database, without the password): for logs. */
  readonly path: string;
  /** The API's reads of this store. */
  readonly queries: ReadQueries;

  // reports
  reportBySha(sha256: string): Promise<ReportRow | undefined>;
  reportById(id: number): Promise<ReportRow | undefined>;
  currentReport(agencyId: number, year: number): Promise<ReportRow | undefined>;
  currentReportId(agencyId: number, year: number): Promise<number | undefined>;
  /** Whether any report is stored (`demo` true / false: any demo / real one; null: any at all). */
  anyReport(demo: boolean | null): Promise<boolean>;
  /** Every version of an agency's report for a year, oldest first. */
  versionIds(agencyId: number, year: number): Promise<number[]>;
  /** Every stored report, oldest year first (rescoring order). */
  allReportIds(): Promise<number[]>;
  lastVersion(agencyId: number, year: number): Promise<number | undefined>;
  /** The agency's current report of the year is current no more (a new version comes). */
  supersede(agencyId: number, year: number): Promise<void>;
  insertReport(values: NewReport): Promise<number>;
  updateScore(id: number, columns: ReportScoreColumns): Promise<void>;
  sourceText(sha256: string): Promise<string>;
  /** The file as ingested (kept once per content). */
  insertSource(values: NewSource): Promise<void>;
  /**
   * A stored report in the canonical model; without findings and score when `bare` (input to an
   * audit); `held`, its cells and sections when the caller holds them (not read again).
   */
  reportModel(row: ReportRow, bare?: boolean, held?: Pick<ParsedReport, 'cells' | 'sections'>): Promise<ParsedReport>;
  insertCells(reportId: number, cells: Record<string, Cell>): Promise<void>;
  /** Every finding of a report; the rules it breaks are counted from `counted` (those not dismissed). */
  insertFindings(reportId: number, list: Finding[], counted?: Finding[]): Promise<void>;
  deleteFindings(reportId: number): Promise<void>;
  hasFinding(reportId: number, fingerprint: string): Promise<boolean>;

  // agencies and regions
  agency(id: number): Promise<AgencyRow | undefined>;
  agencyOfAlias(alias: string): Promise<number | undefined>;
  /** Follows merges: the id an agency is known by now (undefined when there is no such agency). */
  canonicalAgency(id: number): Promise<number | undefined>;
  insertAgency(values: NewAgency): Promise<number>;
  insertAlias(alias: string, agencyId: number): Promise<void>;
  setAgencyRegion(id: number, regionCode: string, level: RegionLevel): Promise<void>;
  /** Moves agency `from`'s names, reports and review decisions into `into` (a decision `into` has wins). */
  moveAgency(from: number, into: number): Promise<void>;
  /** Versions of each year renumbered 1, 2, … in ingest order, the last current; every report id of the agency. */
  renumberVersions(agencyId: number): Promise<number[]>;
  agencyReportCount(id: number): Promise<number>;
  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  upsertRegion(values: NewRegion): Promise<void>;
  regionCodes(): Promise<string[]>;
  agencyRegionCodes(): Promise<string[]>;
  deleteRegion(code: string): Promise<void>;
  /** Deletes the demo province's reports, agencies and everything hanging off them; the reports removed. */
  deleteDemo(): Promise<number>;

  // settings
  setting(key: string): Promise<string | null>;
  upsertSetting(key: string, value: string, updatedAt: string): Promise<void>;

  // originality candidates
  insertBands(reportId: number, year: number, keys: string[]): Promise<void>;
  /** Current reports of other agencies of the year sharing a band key, the most sharing first (demo with demo only). */
  peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number): Promise<number[]>;
  peer(id: number): Promise<PeerRow | undefined>;
  /** The rows of these reports, in this order (those gone left out): one round trip for a report's peers. */
  peers(ids: number[]): Promise<PeerRow[]>;

  // review decisions
  decisionsOf(agencyId: number, year: number): Promise<DecisionRow[]>;
  /** Records a decision, replacing an earlier one on the same finding. */
  upsertDecision(values: NewDecision): Promise<void>;
  /** Withdraws a decision; false when there was none. */
  deleteDecision(agencyId: number, year: number, fingerprint: string): Promise<boolean>;

  // the office's loop: roster, 报送日期, deadlines, rectification cases and the reads of its figures
  readonly office: OfficeStorage;

  // cell corrections (laid over the cells `reportModel` reads)
  /** Records a correction of a cell, replacing an earlier one of the same cell. */
  upsertCorrection(values: NewCorrection): Promise<void>;
  /** Withdraws a correction; false when there was none. */
  deleteCorrection(reportId: number, cell: string): Promise<boolean>;

  // rectification cases
  rectificationCase(agencyId: number, year: number): Promise<RectificationCaseRow | undefined>;
  /** Current reports of cases past their 整改期限 on `asOf` that carry no `rule` finding yet. */
  overdueUncharged(asOf: string, rule: string): Promise<number[]>;
}
