/**
 * The PostgreSQL implementation of the core's storage interface (`Storage` in @nianbao/core, issue
 * 18): the operations of SqliteStorage through drizzle's node-postgres driver on the mirrored schema
 * (schema.ts); the row mappers are the SQLite storage's (../rows.ts, ../corrections.ts).
 *
 * A transaction runs on one client of the pool (drizzle's `transaction`); a `withTransaction` on the
 * transaction's view is a savepoint of it. The transactions of one process wait for each other, as
 * on SQLite, and those of several processes (API servers behind a load balancer, a CLI import) for
 * an advisory transaction lock: one writer at a time, so that two processes ingesting the same file
 * cannot both miss it — the second finds the first's report once it holds the lock, and the unique
 * keys of `sources` and `reports` refuse a duplicate whatever happens. A report's cells are one packed
 * row; its findings, rule counts and band keys go in one statement each (`unnestInsert`, sql.ts).
 *
 * `changeVersion` is a settings row bumped by the first write of each transaction (and by each write
 * outside one): it is read and written under the transaction's own snapshot, so a reader never sees
 * a new version before the data it stands for, whatever process wrote.
 */
import { and, asc, count, desc, eq, exists, inArray, isNotNull, lt, max, ne, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Cell, Finding, ParsedReport } from '@nianbao/model';
import { withCorrections } from '../corrections';
import { chunks } from '../office';
import { bandOf } from '../band-keys';
import { packCells, unpackCells } from '../packed-cells';
import { regionFullName, type RegionLevel } from '../regions';
import { CellKeyCache, findingFromRow, findingRows, reportModelOf, ruleCountRows } from '../rows';
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
} from '../sqlite-storage';
import { openPg, type PgDb } from './client';
import { PgOfficeQueries } from './office';
import { PgQueries } from './queries';
import * as schema from './schema';
import { textAsc, unnestInsert, type PgConn } from './sql';

const {
  agencies,
  agencyAliases,
  cellCorrections,
  cellKeys,
  reportCells,
  findings,
  rectificationCases,
  rectificationItems,
  regions,
  reportBands,
  reportRules,
  reports,
  reviewDecisions,
  settings,
  sources,
} = schema;

/** Held by the transaction writing: any fixed 64-bit number other than migratePg's and migrate-to's. */
export const WRITER_LOCK = '7236105402727010163';

/** The settings row whose value is `changeVersion()`. */
export const CHANGE_VERSION_KEY = 'changeVersion';

/** SQLite's CURRENT_TIMESTAMP text (`YYYY-MM-DD HH:MM:SS`, UTC), as the settings rows carry it. */
const timestamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

/** What one storage shares with its transaction views: the pool, the cell keys, the queue of transactions. */
class Shared {
  readonly keys = new CellKeyCache();
  /** The cell keys may hold ids a rollback removed (or lack some another process added): read again before use. */
  keysStale = true;
  /** Settles when the transaction under way (if any) ends. */
  lock: Promise<void> = Promise.resolve();

  constructor(readonly db: PgDb) {}
}

/** A transaction under way: whether it has bumped the change version yet. */
interface TxState {
  bumped: boolean;
}

export class PgStorage {
  /** The office's loop (roster, 报送日期, deadlines, rectification cases): the core's `OfficeStorage`. */
  readonly office: PgOfficeQueries;
  /** Reads for the API, exports and dashboard. */
  readonly queries: PgQueries;

  private constructor(
    private readonly db: PgConn,
    private readonly shared: Shared,
    /** Null on the storage itself, the transaction's state on a transaction's view. */
    private readonly tx: TxState | null,
  ) {
    this.office = new PgOfficeQueries(db, () => this.wrote());
    // figures are kept only outside a transaction, whose writes may still be rolled back
    this.queries = new PgQueries(db, this, tx ? null : () => this.changeVersion());
  }

  /** The database at `url` (`postgres://…`), its migrations applied. */
  static async open(url: string, options: { max?: number } = {}): Promise<PgStorage> {
    const db = await openPg(url, options);
    const storage = new PgStorage(db, new Shared(db), null);
    await storage.repairRegionNames();
    return storage;
  }

  /** Regions stored under another name than their full GB/T 2260 one are renamed (as SqliteStorage does on open). */
  private async repairRegionNames() {
    const wrong = (await this.db.select({ code: regions.code, name: regions.name }).from(regions)).flatMap((r) => {
      const name = regionFullName(r.code);
      return name && name !== r.name ? [{ code: r.code, name }] : [];
    });
    if (!wrong.length) return;
    await this.withTransaction(async (tx) => {
      for (const r of wrong) await tx.db.update(regions).set({ name: r.name }).where(eq(regions.code, r.code));
      await tx.wrote();
    });
  }

  /** The server and database, without the password (for logs). */
  get path(): string {
    const url = new URL(this.shared.db.$client.options.connectionString ?? 'postgres://');
    url.password = '';
    return url.toString();
  }

  /** Ends the pool (once: a second close, as SQLite's, does nothing). */
  async close(): Promise<void> {
    const pool = this.shared.db.$client;
    if (!pool.ended && !pool.ending) await pool.end();
  }

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it rejects. Called on a
   * transaction's view, a savepoint of that transaction (a failing report leaves nothing, the batch
   * goes on). Transactions of this process wait for each other; those of other processes for the
   * writer's lock.
   */
  async withTransaction<T>(fn: (tx: PgStorage) => Promise<T>): Promise<T> {
    const shared = this.shared;
    if (this.tx) {
      const state = this.tx;
      const bumped = state.bumped;
      try {
        return await this.db.transaction((sp) => fn(new PgStorage(sp, shared, state)));
      } catch (e) {
        // the savepoint's writes are undone: its bump of the change version and the cell keys it added too
        state.bumped = bumped;
        shared.keysStale = true;
        throw e;
      }
    }
    const previous = shared.lock;
    let release!: () => void;
    shared.lock = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await this.db.transaction(async (t) => {
        await t.execute(sql`select pg_advisory_xact_lock(${WRITER_LOCK}::bigint)`);
        return fn(new PgStorage(t, shared, { bumped: false }));
      });
    } catch (e) {
      shared.keysStale = true;
      throw e;
    } finally {
      release();
    }
  }

  /** Bumps the change version: once per transaction (at its first write), at once outside one. */
  private async wrote(): Promise<void> {
    if (this.tx) {
      if (this.tx.bumped) return;
      this.tx.bumped = true;
    }
    await this.db
      .insert(settings)
      .values({ key: CHANGE_VERSION_KEY, value: '1', updatedAt: timestamp() })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`(${settings.value}::bigint + 1)::text`, updatedAt: sql`excluded.updated_at` } });
  }

  /** A token that changes whenever data does, written by this process or another. */
  async changeVersion(): Promise<string> {
    return (await this.setting(CHANGE_VERSION_KEY)) ?? '0';
  }

  // ── reports ──
  private async oneReport(where: SQL | undefined): Promise<ReportRow | undefined> {
    return (await this.db.select().from(reports).where(where).limit(1))[0];
  }
  private readonly currentOf = (agencyId: number, year: number) => and(eq(reports.agencyId, agencyId), eq(reports.year, year), eq(reports.current, true));

  async reportBySha(sha256: string): Promise<ReportRow | undefined> {
    return this.oneReport(eq(reports.sha256, sha256));
  }
  async reportById(id: number): Promise<ReportRow | undefined> {
    return this.oneReport(eq(reports.id, id));
  }
  async currentReport(agencyId: number, year: number): Promise<ReportRow | undefined> {
    return this.oneReport(this.currentOf(agencyId, year));
  }
  async currentReportId(agencyId: number, year: number): Promise<number | undefined> {
    return (await this.db.select({ id: reports.id }).from(reports).where(this.currentOf(agencyId, year)).limit(1))[0]?.id;
  }
  async anyReport(demo: boolean | null): Promise<boolean> {
    const rows = await this.db
      .select({ id: reports.id })
      .from(reports)
      .where(demo === null ? undefined : eq(reports.demo, demo))
      .limit(1);
    return rows.length > 0;
  }
  async versionIds(agencyId: number, year: number): Promise<number[]> {
    const rows = await this.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)))
      .orderBy(reports.version);
    return rows.map((r) => r.id);
  }
  async allReportIds(): Promise<number[]> {
    return (await this.db.select({ id: reports.id }).from(reports).orderBy(reports.year, reports.id)).map((r) => r.id);
  }
  async lastVersion(agencyId: number, year: number): Promise<number | undefined> {
    const rows = await this.db
      .select({ v: max(reports.version) })
      .from(reports)
      .where(and(eq(reports.agencyId, agencyId), eq(reports.year, year)));
    return rows[0]?.v ?? undefined;
  }
  async supersede(agencyId: number, year: number): Promise<void> {
    await this.db.update(reports).set({ current: false }).where(this.currentOf(agencyId, year));
    await this.wrote();
  }
  async insertReport(values: NewReport): Promise<number> {
    const [row] = await this.db.insert(reports).values(values).returning({ id: reports.id });
    await this.wrote();
    return row!.id;
  }
  async updateScore(id: number, columns: ReportScoreColumns): Promise<void> {
    await this.db.update(reports).set(columns).where(eq(reports.id, id));
    await this.wrote();
  }
  async sourceText(sha256: string): Promise<string> {
    return (await this.db.select({ text: sources.text }).from(sources).where(eq(sources.sha256, sha256)))[0]?.text ?? '';
  }
  async insertSource(values: NewSource): Promise<void> {
    await this.db.insert(sources).values(values).onConflictDoNothing({ target: sources.sha256 });
    await this.wrote();
  }

  /**
   * A stored report in the canonical model (with its cells, reviewers' corrections laid over them;
   * without findings and score when `bare`); `held`, its cells and sections when the caller holds them.
   */
  async reportModel(row: ReportRow, bare = false, held?: Pick<ParsedReport, 'cells' | 'sections'>): Promise<ParsedReport> {
    const [cellMap, found, corrections] = await Promise.all([
      held ? held.cells : this.cellsOf(row.id),
      bare ? [] : this.findingsOf(row.id),
      this.db.select().from(cellCorrections).where(eq(cellCorrections.reportId, row.id)).orderBy(textAsc(cellCorrections.cell)),
    ]);
    return withCorrections(reportModelOf(row, cellMap, found, bare, held?.sections), corrections);
  }

  /** A report's cells as read (before any correction). */
  async cellsOf(reportId: number): Promise<Record<string, Cell>> {
    const [row] = await this.db.select({ data: reportCells.data }).from(reportCells).where(eq(reportCells.reportId, reportId));
    if (!row) return {};
    const keys = await this.cellKeys();
    let missing = false;
    const read = unpackCells(row.data, (id) => keys.keyOf(id) ?? ((missing = true), `#${id}`));
    if (!missing) return read;
    // a key another process interned since the cache was read
    await this.reloadKeys();
    return unpackCells(row.data, (id) => keys.keyOf(id) ?? `#${id}`);
  }

  private async findingsOf(reportId: number): Promise<Finding[]> {
    return (await this.db.select().from(findings).where(eq(findings.reportId, reportId)).orderBy(findings.ordinal)).map(findingFromRow);
  }

  private async reloadKeys(): Promise<void> {
    this.shared.keys.fill(await this.db.select().from(cellKeys));
    this.shared.keysStale = false;
  }

  private async cellKeys(): Promise<CellKeyCache> {
    if (this.shared.keysStale) await this.reloadKeys();
    return this.shared.keys;
  }

  /**
   * The ids of `keys`, the missing ones inserted in one statement. Another process may have added a
   * key since the cache was read: the conflict then hands back its id.
   */
  private async keyIds(list: string[]): Promise<CellKeyCache> {
    const keys = await this.cellKeys();
    const missing = list.filter((k) => keys.idOf(k) === undefined);
    for (const part of chunks(missing, 5000)) {
      const rows = await this.db
        .insert(cellKeys)
        .values(part.map((key) => ({ key })))
        .onConflictDoUpdate({ target: cellKeys.key, set: { key: sql`excluded.key` } })
        .returning({ id: cellKeys.id, key: cellKeys.key });
      for (const r of rows) keys.add(r.key, r.id);
    }
    return keys;
  }

  async insertCells(reportId: number, cellMap: Record<string, Cell>): Promise<void> {
    const keys = await this.keyIds(Object.keys(cellMap));
    await this.db.insert(reportCells).values({ reportId, data: packCells(cellMap, (key) => keys.idOf(key)!) });
    await this.wrote();
  }
  /** Every finding of a report; the rules it breaks are folded from `counted` (those not dismissed). */
  async insertFindings(reportId: number, list: Finding[], counted: Finding[] = list): Promise<void> {
    const rows = findingRows(reportId, list);
    if (rows.length) await this.db.execute(unnestInsert(findings, rows));
    const counts = ruleCountRows(reportId, counted);
    if (counts.length) await this.db.execute(unnestInsert(reportRules, counts));
    await this.wrote();
  }
  async deleteFindings(reportId: number): Promise<void> {
    await this.db.delete(findings).where(eq(findings.reportId, reportId));
    await this.db.delete(reportRules).where(eq(reportRules.reportId, reportId));
    await this.wrote();
  }
  async hasFinding(reportId: number, fingerprint: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: findings.id })
      .from(findings)
      .where(and(eq(findings.reportId, reportId), eq(findings.fingerprint, fingerprint)))
      .limit(1);
    return rows.length > 0;
  }

  // ── agencies and regions ──
  async agency(id: number): Promise<AgencyRow | undefined> {
    const rows = await this.db
      .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, mergedInto: agencies.mergedInto, demo: agencies.demo })
      .from(agencies)
      .where(eq(agencies.id, id));
    return rows[0];
  }
  async agencyOfAlias(alias: string): Promise<number | undefined> {
    return (await this.db.select({ id: agencyAliases.agencyId }).from(agencyAliases).where(eq(agencyAliases.alias, alias)))[0]?.id;
  }
  async canonicalAgency(id: number): Promise<number | undefined> {
    for (let i = 0; i < 16; i++) {
      const a = await this.agency(id);
      if (!a) return undefined;
      if (!a.mergedInto) return id;
      id = a.mergedInto;
    }
    return id;
  }
  async insertAgency(values: NewAgency): Promise<number> {
    const [row] = await this.db.insert(agencies).values(values).returning({ id: agencies.id });
    await this.wrote();
    return row!.id;
  }
  async insertAlias(alias: string, agencyId: number): Promise<void> {
    await this.db.insert(agencyAliases).values({ alias, agencyId });
    await this.wrote();
  }
  async setAgencyRegion(id: number, regionCode: string, level: RegionLevel): Promise<void> {
    await this.db.update(agencies).set({ regionCode, level }).where(eq(agencies.id, id));
    await this.wrote();
  }
  /** Moves agency `from` into `into`: its names, reports and review decisions (a decision `into` has wins). */
  async moveAgency(from: number, into: number): Promise<void> {
    const db = this.db;
    await db.update(agencyAliases).set({ agencyId: into }).where(eq(agencyAliases.agencyId, from));
    // park versions out of the way of the unique (agency, year, version) index
    await db
      .update(reports)
      .set({ agencyId: into, version: sql`${reports.version} + 100000` })
      .where(eq(reports.agencyId, from));
    const d = alias(reviewDecisions, 'd');
    await db.delete(reviewDecisions).where(
      and(
        eq(reviewDecisions.agencyId, from),
        exists(
          db
            .select({ id: d.id })
            .from(d)
            .where(and(eq(d.agencyId, into), eq(d.year, reviewDecisions.year), eq(d.fingerprint, reviewDecisions.fingerprint))),
        ),
      ),
    );
    await db.update(reviewDecisions).set({ agencyId: into }).where(eq(reviewDecisions.agencyId, from));
    await db.update(agencies).set({ mergedInto: into }).where(eq(agencies.id, from));
    await this.wrote();
  }
  /** Versions of each year renumbered 1, 2, … in ingest order, the last current; every report id of the agency. */
  async renumberVersions(agencyId: number): Promise<number[]> {
    const all = await this.db.select({ id: reports.id, year: reports.year }).from(reports).where(eq(reports.agencyId, agencyId)).orderBy(reports.year, reports.id);
    const byYear = new Map<number, number[]>();
    for (const r of all) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.id]);
    for (const ids of byYear.values()) {
      for (const [i, id] of ids.entries()) {
        await this.db
          .update(reports)
          .set({ version: -(i + 1), current: i === ids.length - 1 })
          .where(eq(reports.id, id));
      }
    }
    await this.db
      .update(reports)
      .set({ version: sql`-${reports.version}` })
      .where(and(eq(reports.agencyId, agencyId), lt(reports.version, 0)));
    await this.wrote();
    return all.map((r) => r.id);
  }
  async agencyReportCount(id: number): Promise<number> {
    return (await this.db.select({ n: count() }).from(reports).where(eq(reports.agencyId, id)))[0]?.n ?? 0;
  }
  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  async upsertRegion(values: NewRegion): Promise<void> {
    await this.db
      .insert(regions)
      .values({ parentCode: null, ...values })
      .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name` }, setWhere: eq(regions.name, regions.code) });
    await this.wrote();
  }
  async regionCodes(): Promise<string[]> {
    return (await this.db.select({ code: regions.code }).from(regions)).map((r) => r.code);
  }
  async agencyRegionCodes(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ code: agencies.regionCode }).from(agencies).where(isNotNull(agencies.regionCode));
    return rows.flatMap((r) => (r.code === null ? [] : [r.code]));
  }
  async deleteRegion(code: string): Promise<void> {
    await this.db.delete(regions).where(eq(regions.code, code));
    await this.wrote();
  }
  /** Deletes the demo province's reports, agencies and everything hanging off them; the reports removed. */
  async deleteDemo(): Promise<number> {
    const db = this.db;
    const demoReports = db.select({ id: reports.id }).from(reports).where(eq(reports.demo, true));
    const demoAgencies = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.demo, true));
    await db.delete(reportCells).where(inArray(reportCells.reportId, demoReports));
    await db.delete(findings).where(inArray(findings.reportId, demoReports));
    await db.delete(reportRules).where(inArray(reportRules.reportId, demoReports));
    await db.delete(reportBands).where(inArray(reportBands.reportId, demoReports));
    await db.delete(reviewDecisions).where(inArray(reviewDecisions.agencyId, demoAgencies));
    const removed = (await db.delete(reports).where(eq(reports.demo, true))).rowCount ?? 0;
    await db.delete(sources).where(notExists(db.select({ id: reports.id }).from(reports).where(eq(reports.sha256, sources.sha256))));
    await db.delete(agencyAliases).where(inArray(agencyAliases.agencyId, demoAgencies));
    await db.delete(agencies).where(eq(agencies.demo, true));
    await this.wrote();
    return removed;
  }

  // ── settings ──
  async setting(key: string): Promise<string | null> {
    return (await this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)))[0]?.value ?? null;
  }
  async upsertSetting(key: string, value: string, updatedAt: string): Promise<void> {
    await this.db
      .insert(settings)
      .values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } });
    await this.wrote();
  }

  // ── originality candidates ──
  async insertBands(reportId: number, year: number, keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.db.execute(unnestInsert(reportBands, keys.map((key) => ({ year, band: bandOf(key), reportId }))));
    await this.wrote();
  }
  /** Current reports of other agencies of the year sharing a band key, the most sharing first (demo with demo only). */
  async peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number): Promise<number[]> {
    if (!keys.length) return [];
    const shared = count();
    const rows = await this.db
      .select({ reportId: reportBands.reportId, shared })
      .from(reportBands)
      .innerJoin(reports, eq(reports.id, reportBands.reportId))
      .where(
        and(
          eq(reportBands.year, year),
          inArray(reportBands.band, keys.map(bandOf)),
          eq(reports.current, true),
          ne(reports.agencyId, agencyId),
          eq(reports.demo, demo),
        ),
      )
      .groupBy(reportBands.reportId)
      .orderBy(desc(shared), reportBands.reportId)
      .limit(limit);
    return rows.map((r) => r.reportId);
  }
  async peer(id: number): Promise<PeerRow | undefined> {
    const rows = await this.db
      .select({ id: reports.id, agencyName: reports.agencyName, signature: reports.signature, signatureSize: reports.signatureSize })
      .from(reports)
      .where(eq(reports.id, id));
    return rows[0];
  }
  async peers(ids: number[]): Promise<PeerRow[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .select({ id: reports.id, agencyName: reports.agencyName, signature: reports.signature, signatureSize: reports.signatureSize })
      .from(reports)
      .where(inArray(reports.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  // ── review decisions ──
  async decisionsOf(agencyId: number, year: number): Promise<DecisionRow[]> {
    return this.db
      .select()
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.agencyId, agencyId), eq(reviewDecisions.year, year)))
      .orderBy(reviewDecisions.id);
  }
  /** Records a decision, replacing an earlier one on the same finding. */
  async upsertDecision(values: NewDecision): Promise<void> {
    const { decision, reason, reportId, userId = null, userName, decidedAt } = values;
    await this.db
      .insert(reviewDecisions)
      .values(values)
      .onConflictDoUpdate({
        target: [reviewDecisions.agencyId, reviewDecisions.year, reviewDecisions.fingerprint],
        set: { decision, reason, reportId, userId, userName, decidedAt },
      });
    await this.wrote();
  }
  /** Withdraws a decision; false when there was none. */
  async deleteDecision(agencyId: number, year: number, fingerprint: string): Promise<boolean> {
    const removed = await this.db
      .delete(reviewDecisions)
      .where(and(eq(reviewDecisions.agencyId, agencyId), eq(reviewDecisions.year, year), eq(reviewDecisions.fingerprint, fingerprint)));
    if (!removed.rowCount) return false;
    await this.wrote();
    return true;
  }

  // ── cell corrections ──
  /** Records a correction of a cell, replacing an earlier one of the same cell. */
  async upsertCorrection(values: NewCorrection): Promise<void> {
    const { reportId: _r, cell: _c, ...change } = values;
    await this.db
      .insert(cellCorrections)
      .values(values)
      .onConflictDoUpdate({ target: [cellCorrections.reportId, cellCorrections.cell], set: change });
    await this.wrote();
  }
  /** Withdraws a correction; false when there was none. */
  async deleteCorrection(reportId: number, cell: string): Promise<boolean> {
    const removed = await this.db.delete(cellCorrections).where(and(eq(cellCorrections.reportId, reportId), eq(cellCorrections.cell, cell)));
    if (!removed.rowCount) return false;
    await this.wrote();
    return true;
  }

  // ── rectification cases ──
  /** An agency's rectification case for a year: its dates, the version its notice was issued on, its items' findings. */
  async rectificationCase(agencyId: number, year: number): Promise<RectificationCaseRow | undefined> {
    const [c] = await this.db
      .select({ id: rectificationCases.id, issuedOn: rectificationCases.issuedOn, dueOn: rectificationCases.dueOn, baseVersion: reports.version })
      .from(rectificationCases)
      .innerJoin(reports, eq(reports.id, rectificationCases.reportId))
      .where(and(eq(rectificationCases.agencyId, agencyId), eq(rectificationCases.year, year)));
    if (!c) return undefined;
    const items = await this.db
      .select({ fingerprint: rectificationItems.fingerprint })
      .from(rectificationItems)
      .where(eq(rectificationItems.caseId, c.id))
      .orderBy(rectificationItems.ordinal);
    return { issuedOn: c.issuedOn, dueOn: c.dueOn, baseVersion: c.baseVersion, fingerprints: items.map((r) => r.fingerprint) };
  }
  /** Current reports of cases past their 整改期限 on `asOf` that carry no `rule` finding yet. */
  async overdueUncharged(asOf: string, rule: string): Promise<number[]> {
    const db = this.db;
    const rows = await db
      .select({ id: reports.id })
      .from(rectificationCases)
      .innerJoin(reports, and(eq(reports.agencyId, rectificationCases.agencyId), eq(reports.year, rectificationCases.year), eq(reports.current, true)))
      .where(
        and(
          lt(rectificationCases.dueOn, asOf),
          notExists(
            db
              .select({ id: findings.id })
              .from(findings)
              .where(and(eq(findings.reportId, reports.id), eq(findings.rule, rule))),
          ),
        ),
      )
      .orderBy(asc(reports.id));
    return rows.map((r) => r.id);
  }
}
