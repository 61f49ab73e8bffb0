/**
 * The statements of the ingest and re-audit path, through drizzle's query builder: rows come back
 * typed (and booleans as booleans) from the schema. Those run for every report, or for every row of a
 * report (cells, findings, bands), are prepared once per connection with placeholders (`.prepare()`),
 * so that the builder's cost is paid once; the rare ones (merges, the demo province) are built per call.
 * Nothing here is SQLite-only but `changeVersion` (SQLite's change counters).
 */
import { and, count, desc, eq, exists, inArray, isNotNull, lt, max, ne, notExists, sql, type Placeholder } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from './client';
import type { RegionLevel } from './regions';
import { agencies, agencyAliases, cellKeys, cells, findings, regions, reportBands, reportRules, reports, reviewDecisions, settings, sources } from './schema';
import { rectificationCases, rectificationItems } from './schema-office';

export type ReportRow = typeof reports.$inferSelect;
export type CellRow = typeof cells.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type DecisionRow = typeof reviewDecisions.$inferSelect;
export type AgencyRow = Pick<typeof agencies.$inferSelect, 'id' | 'name' | 'regionCode' | 'mergedInto' | 'demo'>;
export type NewCell = Required<typeof cells.$inferInsert>;
export type NewFinding = Required<Omit<typeof findings.$inferInsert, 'id'>>;

const p = sql.placeholder;

/** `make()` on first use, then the same value (a statement is prepared when first run, not when the store opens). */
function once<T>(make: () => T): () => T {
  let box: { value: T } | undefined;
  return () => (box ??= { value: make() }).value;
}

/** `make(key)` once per key (statements whose text depends on a count, as an `in (…)` list). */
function perKey<K, T>(make: (key: K) => T): (key: K) => T {
  const cache = new Map<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = make(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** A placeholder per column, named as the column: a row object is the statement's parameters. */
const CELL_PLACEHOLDERS = {
  reportId: p('reportId'),
  keyId: p('keyId'),
  state: p('state'),
  value: p('value'),
  raw: p('raw'),
  spanStart: p('spanStart'),
  spanEnd: p('spanEnd'),
  unit: p('unit'),
  note: p('note'),
  position: p('position'),
} satisfies Record<keyof NewCell, Placeholder>;

const FINDING_PLACEHOLDERS = {
  reportId: p('reportId'),
  ordinal: p('ordinal'),
  rule: p('rule'),
  severity: p('severity'),
  category: p('category'),
  cells: p('cells'),
  message: p('message'),
  messageId: p('messageId'),
  data: p('data'),
  spanStart: p('spanStart'),
  spanEnd: p('spanEnd'),
  fingerprint: p('fingerprint'),
} satisfies Record<keyof NewFinding, Placeholder>;

export class Statements {
  constructor(readonly db: Db) {}

  // ── reports ──
  private readonly reportByShaQ = once(() => this.db.select().from(reports).where(eq(reports.sha256, p('sha256'))).prepare());
  reportBySha(sha256: string): ReportRow | undefined {
    return this.reportByShaQ().get({ sha256 });
  }

  private readonly reportByIdQ = once(() => this.db.select().from(reports).where(eq(reports.id, p('id'))).prepare());
  reportById(id: number): ReportRow | undefined {
    return this.reportByIdQ().get({ id });
  }

  private readonly currentOf = and(eq(reports.agencyId, p('agencyId')), eq(reports.year, p('year')), eq(reports.current, true));

  private readonly currentReportQ = once(() => this.db.select().from(reports).where(this.currentOf).prepare());
  currentReport(agencyId: number, year: number): ReportRow | undefined {
    return this.currentReportQ().get({ agencyId, year });
  }

  private readonly currentReportIdQ = once(() => this.db.select({ id: reports.id }).from(reports).where(this.currentOf).prepare());
  currentReportId(agencyId: number, year: number): number | undefined {
    return this.currentReportIdQ().get({ agencyId, year })?.id;
  }

  private readonly anyReportQ = once(() => this.db.select({ id: reports.id }).from(reports).limit(1).prepare());
  // a boolean is bound as a literal: drizzle encodes a placeholder's value only in inserts and updates
  private readonly anyReportOfQ = perKey((demo: boolean) => this.db.select({ id: reports.id }).from(reports).where(eq(reports.demo, demo)).limit(1).prepare());
  /** Whether any report is stored (`demo` true / false: any demo / real one; null: any at all). */
  anyReport(demo: boolean | null): boolean {
    return Boolean(demo === null ? this.anyReportQ().get() : this.anyReportOfQ(demo).get());
  }

  /** Every version of an agency's report for a year, oldest first. */
  private readonly versionIdsQ = once(() =>
    this.db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.agencyId, p('agencyId')), eq(reports.year, p('year'))))
      .orderBy(reports.version)
      .prepare(),
  );
  versionIds(agencyId: number, year: number): number[] {
    return this.versionIdsQ()
      .all({ agencyId, year })
      .map((r) => r.id);
  }

  /** Every stored report, oldest year first (rescoring order: history rules see rescored predecessors). */
  allReportIds(): number[] {
    return this.db
      .select({ id: reports.id })
      .from(reports)
      .orderBy(reports.year, reports.id)
      .all()
      .map((r) => r.id);
  }

  private readonly lastVersionQ = once(() =>
    this.db
      .select({ v: max(reports.version) })
      .from(reports)
      .where(and(eq(reports.agencyId, p('agencyId')), eq(reports.year, p('year'))))
      .prepare(),
  );
  lastVersion(agencyId: number, year: number): number | undefined {
    return this.lastVersionQ().get({ agencyId, year })?.v ?? undefined;
  }

  private readonly supersedeQ = once(() => this.db.update(reports).set({ current: false }).where(this.currentOf).prepare());
  supersede(agencyId: number, year: number) {
    this.supersedeQ().run({ agencyId, year });
  }

  insertReport(values: Omit<typeof reports.$inferInsert, 'id'>): number {
    return this.db.insert(reports).values(values).returning({ id: reports.id }).get().id;
  }

  updateScore(id: number, columns: Partial<typeof reports.$inferInsert>) {
    this.db.update(reports).set(columns).where(eq(reports.id, id)).run();
  }

  private readonly sourceTextQ = once(() => this.db.select({ text: sources.text }).from(sources).where(eq(sources.sha256, p('sha256'))).prepare());
  sourceText(sha256: string): string {
    return this.sourceTextQ().get({ sha256 })?.text ?? '';
  }

  insertSource(values: typeof sources.$inferInsert) {
    this.db.insert(sources).values(values).onConflictDoNothing({ target: sources.sha256 }).run();
  }

  // ── cells ──
  private readonly cellsOfQ = once(() => this.db.select().from(cells).where(eq(cells.reportId, p('reportId'))).orderBy(cells.keyId).prepare());
  cellsOf(reportId: number): CellRow[] {
    return this.cellsOfQ().all({ reportId });
  }

  private readonly insertCellQ = once(() => this.db.insert(cells).values(CELL_PLACEHOLDERS).prepare());
  /** A report's cells (≈ 250), one prepared insert each. */
  insertCells(rows: NewCell[]) {
    const st = this.insertCellQ();
    for (const row of rows) st.run(row);
  }

  cellKeys(): (typeof cellKeys.$inferSelect)[] {
    return this.db.select().from(cellKeys).all();
  }

  private readonly insertCellKeyQ = once(() => this.db.insert(cellKeys).values({ key: p('key') }).returning({ id: cellKeys.id }).prepare());
  insertCellKey(key: string): number {
    return this.insertCellKeyQ().get({ key }).id;
  }

  // ── findings ──
  private readonly findingsOfQ = once(() => this.db.select().from(findings).where(eq(findings.reportId, p('reportId'))).orderBy(findings.ordinal).prepare());
  findingsOf(reportId: number): FindingRow[] {
    return this.findingsOfQ().all({ reportId });
  }

  private readonly insertFindingQ = once(() => this.db.insert(findings).values(FINDING_PLACEHOLDERS).prepare());
  insertFinding(values: NewFinding) {
    this.insertFindingQ().run(values);
  }

  private readonly insertReportRuleQ = once(() => this.db.insert(reportRules).values({ reportId: p('reportId'), rule: p('rule'), count: p('count') }).prepare());
  insertReportRule(values: typeof reportRules.$inferInsert) {
    this.insertReportRuleQ().run(values);
  }

  private readonly deleteFindingsQ = once(() => this.db.delete(findings).where(eq(findings.reportId, p('reportId'))).prepare());
  private readonly deleteReportRulesQ = once(() => this.db.delete(reportRules).where(eq(reportRules.reportId, p('reportId'))).prepare());
  deleteFindings(reportId: number) {
    this.deleteFindingsQ().run({ reportId });
    this.deleteReportRulesQ().run({ reportId });
  }

  // ── agencies and regions ──
  private readonly agencyOfAliasQ = once(() =>
    this.db.select({ id: agencyAliases.agencyId }).from(agencyAliases).where(eq(agencyAliases.alias, p('alias'))).prepare(),
  );
  agencyOfAlias(alias: string): number | undefined {
    return this.agencyOfAliasQ().get({ alias })?.id;
  }

  private readonly agencyQ = once(() =>
    this.db
      .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, mergedInto: agencies.mergedInto, demo: agencies.demo })
      .from(agencies)
      .where(eq(agencies.id, p('id')))
      .prepare(),
  );
  agency(id: number): AgencyRow | undefined {
    return this.agencyQ().get({ id });
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
    return this.db
      .insert(agencies)
      .values({ mergedInto: null, ...values })
      .returning({ id: agencies.id })
      .get().id;
  }

  insertAlias(alias: string, agencyId: number) {
    this.db.insert(agencyAliases).values({ alias, agencyId }).run();
  }

  /** Agencies merged into `id` (their ids now resolve to it). */
  mergedInto(id: number): number[] {
    return this.db
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.mergedInto, id))
      .orderBy(agencies.id)
      .all()
      .map((r) => r.id);
  }

  /**
   * Moves agency `from` into `into`: its names, reports and review decisions (a decision `into`
   * already has for the same year and finding wins). Versions are renumbered by `renumberVersions`.
   */
  moveAgency(from: number, into: number) {
    const db = this.db;
    db.update(agencyAliases).set({ agencyId: into }).where(eq(agencyAliases.agencyId, from)).run();
    // park versions out of the way of the unique (agency, year, version) index
    db.update(reports)
      .set({ agencyId: into, version: sql`${reports.version} + 100000` })
      .where(eq(reports.agencyId, from))
      .run();
    const d = alias(reviewDecisions, 'd');
    db.delete(reviewDecisions)
      .where(
        and(
          eq(reviewDecisions.agencyId, from),
          exists(
            db
              .select({ id: d.id })
              .from(d)
              .where(and(eq(d.agencyId, into), eq(d.year, reviewDecisions.year), eq(d.fingerprint, reviewDecisions.fingerprint))),
          ),
        ),
      )
      .run();
    db.update(reviewDecisions).set({ agencyId: into }).where(eq(reviewDecisions.agencyId, from)).run();
    db.update(agencies).set({ mergedInto: into }).where(eq(agencies.id, from)).run();
  }

  /** Versions of each year of an agency renumbered 1, 2, … in ingest order, the last one current. */
  renumberVersions(agencyId: number): number[] {
    const all = this.db
      .select({ id: reports.id, year: reports.year })
      .from(reports)
      .where(eq(reports.agencyId, agencyId))
      .orderBy(reports.year, reports.id)
      .all();
    const byYear = new Map<number, number[]>();
    for (const r of all) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.id]);
    for (const ids of byYear.values()) {
      ids.forEach((id, i) =>
        this.db
          .update(reports)
          .set({ version: -(i + 1), current: i === ids.length - 1 })
          .where(eq(reports.id, id))
          .run(),
      );
    }
    this.db
      .update(reports)
      .set({ version: sql`-${reports.version}` })
      .where(and(eq(reports.agencyId, agencyId), lt(reports.version, 0)))
      .run();
    return all.map((r) => r.id);
  }

  agencyReportCount(id: number): number {
    return this.db.select({ n: count() }).from(reports).where(eq(reports.agencyId, id)).get()?.n ?? 0;
  }

  setAgencyRegion(id: number, regionCode: string, level: RegionLevel) {
    this.db.update(agencies).set({ regionCode, level }).where(eq(agencies.id, id)).run();
  }

  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  upsertRegion(values: typeof regions.$inferInsert) {
    this.db
      .insert(regions)
      .values(values)
      .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name` }, setWhere: eq(regions.name, regions.code) })
      .run();
  }

  private readonly settingQ = once(() => this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, p('key'))).prepare());
  setting(key: string): string | null {
    return this.settingQ().get({ key })?.value ?? null;
  }

  upsertSetting(key: string, value: string, updatedAt: string) {
    this.db
      .insert(settings)
      .values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } })
      .run();
  }

  // ── originality candidates ──
  private readonly bandKeysOfQ = once(() => this.db.select({ key: reportBands.key }).from(reportBands).where(eq(reportBands.reportId, p('reportId'))).prepare());
  bandKeysOf(reportId: number): string[] {
    return this.bandKeysOfQ()
      .all({ reportId })
      .map((r) => r.key);
  }

  private readonly insertBandQ = once(() => this.db.insert(reportBands).values({ reportId: p('reportId'), year: p('year'), key: p('key') }).prepare());
  insertBand(values: typeof reportBands.$inferInsert) {
    this.insertBandQ().run(values);
  }

  /**
   * Current reports of other agencies in the year sharing a band key, the most sharing first. Demo
   * reports are peers of demo reports only, so that the demo province never touches a real score.
   * Prepared per number of keys (the `in` list's placeholders k0, k1, …) and demo choice.
   */
  private readonly peerCandidatesQ = perKey((shape: string) => {
    const [keys = 0, demo] = shape.split(':').map(Number);
    const shared = count();
    return this.db
      .select({ reportId: reportBands.reportId, shared })
      .from(reportBands)
      .innerJoin(reports, eq(reports.id, reportBands.reportId))
      .where(
        and(
          eq(reportBands.year, p('year')),
          inArray(
            reportBands.key,
            Array.from({ length: keys }, (_, i) => p(`k${i}`)),
          ),
          eq(reports.current, true),
          ne(reports.agencyId, p('agencyId')),
          eq(reports.demo, demo === 1),
        ),
      )
      .groupBy(reportBands.reportId)
      .orderBy(desc(shared), reportBands.reportId)
      .limit(p('limit'))
      .prepare();
  });
  peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number) {
    const params: Record<string, unknown> = { year, agencyId, limit };
    keys.forEach((k, i) => (params[`k${i}`] = k));
    return this.peerCandidatesQ(`${keys.length}:${demo ? 1 : 0}`).all(params);
  }

  private readonly peerQ = once(() =>
    this.db
      .select({ id: reports.id, agencyName: reports.agencyName, signature: reports.signature, signatureSize: reports.signatureSize })
      .from(reports)
      .where(eq(reports.id, p('id')))
      .prepare(),
  );
  peer(id: number) {
    return this.peerQ().get({ id });
  }

  /**
   * Deletes the demo province: its reports with everything hanging off them, its agencies and their
   * names, and the regions no agency is left in. Returns the number of reports removed.
   */
  deleteDemo(): number {
    const db = this.db;
    const demoReports = db.select({ id: reports.id }).from(reports).where(eq(reports.demo, true));
    const demoAgencies = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.demo, true));
    db.delete(cells).where(inArray(cells.reportId, demoReports)).run();
    db.delete(findings).where(inArray(findings.reportId, demoReports)).run();
    db.delete(reportRules).where(inArray(reportRules.reportId, demoReports)).run();
    db.delete(reportBands).where(inArray(reportBands.reportId, demoReports)).run();
    db.delete(reviewDecisions).where(inArray(reviewDecisions.agencyId, demoAgencies)).run();
    const removed = db.delete(reports).where(eq(reports.demo, true)).run().changes;
    db.delete(sources)
      .where(notExists(db.select({ id: reports.id }).from(reports).where(eq(reports.sha256, sources.sha256))))
      .run();
    db.delete(agencyAliases).where(inArray(agencyAliases.agencyId, demoAgencies)).run();
    db.delete(agencies).where(eq(agencies.demo, true)).run();
    return removed;
  }

  regionRows(): { code: string; name: string }[] {
    return this.db.select({ code: regions.code, name: regions.name }).from(regions).all();
  }

  renameRegion(code: string, name: string) {
    this.db.update(regions).set({ name }).where(eq(regions.code, code)).run();
  }

  regionCodes(): string[] {
    return this.regionRows().map((r) => r.code);
  }

  agencyRegionCodes(): string[] {
    return this.db
      .selectDistinct({ code: agencies.regionCode })
      .from(agencies)
      .where(isNotNull(agencies.regionCode))
      .all()
      .flatMap((r) => (r.code === null ? [] : [r.code]));
  }

  deleteRegion(code: string) {
    this.db.delete(regions).where(eq(regions.code, code)).run();
  }

  // ── review decisions ──
  /** Decisions on the findings of an agency's report for a year (every version shares them). */
  private readonly decisionsOfQ = once(() =>
    this.db
      .select()
      .from(reviewDecisions)
      .where(and(eq(reviewDecisions.agencyId, p('agencyId')), eq(reviewDecisions.year, p('year'))))
      .orderBy(reviewDecisions.id)
      .prepare(),
  );
  decisionsOf(agencyId: number, year: number): DecisionRow[] {
    return this.decisionsOfQ().all({ agencyId, year });
  }

  /** Records a decision, replacing an earlier one on the same finding. */
  upsertDecision(values: Omit<typeof reviewDecisions.$inferInsert, 'id'>) {
    const { decision, reason, reportId, userId = null, userName, decidedAt } = values;
    this.db
      .insert(reviewDecisions)
      .values(values)
      .onConflictDoUpdate({
        target: [reviewDecisions.agencyId, reviewDecisions.year, reviewDecisions.fingerprint],
        set: { decision, reason, reportId, userId, userName, decidedAt },
      })
      .run();
  }

  /** Withdraws a decision; false when there was none. */
  deleteDecision(agencyId: number, year: number, fingerprint: string): boolean {
    return (
      this.db
        .delete(reviewDecisions)
        .where(and(eq(reviewDecisions.agencyId, agencyId), eq(reviewDecisions.year, year), eq(reviewDecisions.fingerprint, fingerprint)))
        .run().changes > 0
    );
  }

  // ── rectification cases (the office's loop) ──

  /** An agency's rectification case for a year: its dates, the version its notice was issued on, its items' findings. */
  private readonly caseQ = once(() =>
    this.db
      .select({ id: rectificationCases.id, issuedOn: rectificationCases.issuedOn, dueOn: rectificationCases.dueOn, baseVersion: reports.version })
      .from(rectificationCases)
      .innerJoin(reports, eq(reports.id, rectificationCases.reportId))
      .where(and(eq(rectificationCases.agencyId, p('agencyId')), eq(rectificationCases.year, p('year'))))
      .prepare(),
  );
  private readonly caseItemsQ = once(() =>
    this.db
      .select({ fingerprint: rectificationItems.fingerprint })
      .from(rectificationItems)
      .where(eq(rectificationItems.caseId, p('caseId')))
      .orderBy(rectificationItems.ordinal)
      .prepare(),
  );
  rectificationCase(agencyId: number, year: number): { issuedOn: string; dueOn: string; baseVersion: number; fingerprints: string[] } | undefined {
    const c = this.caseQ().get({ agencyId, year });
    if (!c) return undefined;
    const fingerprints = this.caseItemsQ()
      .all({ caseId: c.id })
      .map((r) => r.fingerprint);
    return { issuedOn: c.issuedOn, dueOn: c.dueOn, baseVersion: c.baseVersion, fingerprints };
  }

  /** Current reports of cases past their 整改期限 on `asOf` that carry no 逾期未改 finding yet. */
  overdueUncharged(asOf: string, rule: string): number[] {
    const db = this.db;
    return db
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
      .orderBy(reports.id)
      .all()
      .map((r) => r.id);
  }

  /**
   * A token that changes whenever the database does: a write through this connection
   * (`total_changes()`) or one committed by another connection or process (`data_version`).
   * SQLite's own change counters (a PostgreSQL storage would keep a version row of its own).
   */
  changeVersion(): string {
    const [row] = this.db.values<[number, number]>(sql`select total_changes(), (select data_version from pragma_data_version)`);
    return `${row?.[0]}:${row?.[1]}`;
  }
}
