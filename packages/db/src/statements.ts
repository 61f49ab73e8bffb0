/**
 * The statements of the ingest and re-audit path, through drizzle's query builder: rows come back
 * typed (and booleans as booleans) from the schema. Those run for every report, or for every row of a
 * report (findings, bands), are prepared once per connection with placeholders (`.prepare()`),
 * so that the builder's cost is paid once; the rare ones (merges, the demo province) are built per call.
 * Nothing here is SQLite-only but `changeVersion` (SQLite's change counters).
 */
import { and, count, desc, eq, exists, getTableColumns, inArray, isNotNull, lt, max, ne, notExists, Placeholder, sql, type Column, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bandOf } from './band-keys';
import type { Db } from './client';
import type { RegionLevel } from './regions';
import { agencies, agencyAliases, cellKeys, findings, regions, reportBands, reportCells, reportRules, reports, reviewDecisions, settings, sources } from './schema';
import { rectificationCases, rectificationItems } from './schema-office';

export type ReportRow = typeof reports.$inferSelect;
export type FindingRow = typeof findings.$inferSelect;
export type DecisionRow = typeof reviewDecisions.$inferSelect;
export type AgencyRow = Pick<typeof agencies.$inferSelect, 'id' | 'name' | 'regionCode' | 'mergedInto' | 'demo'>;
export type NewFinding = Required<Omit<typeof findings.$inferInsert, 'id'>>;

const p = sql.placeholder;

/**
 * A placeholder bound as `column` stores it: drizzle encodes a placeholder's value (a boolean as 0/1)
 * in an insert's values, not in a condition or an update's set, which take this instead.
 */
const bound = (column: Column, name: string): SQL => sql`${sql.param(p(name), column)}`;

/** Parameters for a statement of `placeholders` from a row: the row's values, null for what it leaves out. */
function paramsOf(placeholders: object, row: object, suffix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(placeholders)) out[key + suffix] = null;
  for (const [key, value] of Object.entries(row)) out[key + suffix] = value ?? null;
  return out;
}

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

const REPORT_PLACEHOLDERS = {
  agencyId: p('agencyId'),
  year: p('year'),
  version: p('version'),
  current: p('current'),
  sha256: p('sha256'),
  fileName: p('fileName'),
  ingestedAt: p('ingestedAt'),
  template: p('template'),
  publishedOn: p('publishedOn'),
  agencyName: p('agencyName'),
  agencySource: p('agencySource'),
  regionCode: p('regionCode'),
  regionName: p('regionName'),
  agencyKind: p('agencyKind'),
  sections: p('sections'),
  score: p('score'),
  grade: p('grade'),
  scoreCompleteness: p('scoreCompleteness'),
  scoreAccuracy: p('scoreAccuracy'),
  scoreConformity: p('scoreConformity'),
  scoreTimeliness: p('scoreTimeliness'),
  rubricVersion: p('rubricVersion'),
  deductions: p('deductions'),
  errors: p('errors'),
  warnings: p('warnings'),
  infos: p('infos'),
  late: p('late'),
  signature: p('signature'),
  signatureSize: p('signatureSize'),
  demo: p('demo'),
  ocr: p('ocr'),
  reading: p('reading'),
} satisfies Record<keyof Omit<typeof reports.$inferInsert, 'id'>, Placeholder>;

const AGENCY_PLACEHOLDERS = {
  name: p('name'),
  regionCode: p('regionCode'),
  level: p('level'),
  kind: p('kind'),
  mergedInto: p('mergedInto'),
  createdAt: p('createdAt'),
  demo: p('demo'),
} satisfies Record<keyof Omit<typeof agencies.$inferInsert, 'id'>, Placeholder>;

const REPORT_COLUMNS: Record<string, SQLiteColumn> = getTableColumns(reports);

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
  private readonly anyReportOfQ = once(() =>
    this.db
      .select({ id: reports.id })
      .from(reports)
      .where(eq(reports.demo, bound(reports.demo, 'demo')))
      .limit(1)
      .prepare(),
  );
  /** Whether any report is stored (`demo` true / false: any demo / real one; null: any at all). */
  anyReport(demo: boolean | null): boolean {
    return Boolean(demo === null ? this.anyReportQ().get() : this.anyReportOfQ().get({ demo }));
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

  private readonly insertReportQ = once(() => this.db.insert(reports).values(REPORT_PLACEHOLDERS).returning({ id: reports.id }).prepare());
  insertReport(values: Omit<typeof reports.$inferInsert, 'id'>): number {
    return this.insertReportQ().get(paramsOf(REPORT_PLACEHOLDERS, values)).id;
  }

  /** Prepared per set of columns (`score,grade,…`): rescoring writes the same ones for every report. */
  private readonly updateScoreQ = perKey((keys: string) => {
    const set: Record<string, SQL> = {};
    for (const key of keys.split(',')) set[key] = bound(REPORT_COLUMNS[key]!, key);
    return this.db
      .update(reports)
      .set(set)
      .where(eq(reports.id, p('id')))
      .prepare();
  });
  updateScore(id: number, columns: Partial<typeof reports.$inferInsert>) {
    this.updateScoreQ(Object.keys(columns).join(',')).run({ ...columns, id });
  }

  private readonly sourceTextQ = once(() => this.db.select({ text: sources.text }).from(sources).where(eq(sources.sha256, p('sha256'))).prepare());
  sourceText(sha256: string): string {
    return this.sourceTextQ().get({ sha256 })?.text ?? '';
  }

  private readonly insertSourceQ = once(() =>
    this.db
      .insert(sources)
      .values({ sha256: p('sha256'), fileName: p('fileName'), size: p('size'), bytes: p('bytes'), text: p('text') })
      .onConflictDoNothing({ target: sources.sha256 })
      .prepare(),
  );
  insertSource(values: typeof sources.$inferInsert) {
    this.insertSourceQ().run(values);
  }

  // ── cells ──
  private readonly packedCellsOfQ = once(() => this.db.select({ data: reportCells.data }).from(reportCells).where(eq(reportCells.reportId, p('reportId'))).prepare());
  /** A report's cells as packed (packed-cells.ts); undefined for a report without any. */
  packedCellsOf(reportId: number): Buffer | undefined {
    return this.packedCellsOfQ().get({ reportId })?.data;
  }

  private readonly insertPackedCellsQ = once(() => this.db.insert(reportCells).values({ reportId: p('reportId'), data: p('data') }).prepare());
  insertPackedCells(reportId: number, data: Buffer) {
    this.insertPackedCellsQ().run({ reportId, data });
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

  private readonly insertAgencyQ = once(() => this.db.insert(agencies).values(AGENCY_PLACEHOLDERS).returning({ id: agencies.id }).prepare());
  insertAgency(values: Omit<typeof agencies.$inferInsert, 'id'>): number {
    return this.insertAgencyQ().get(paramsOf(AGENCY_PLACEHOLDERS, values)).id;
  }

  private readonly insertAliasQ = once(() => this.db.insert(agencyAliases).values({ alias: p('alias'), agencyId: p('agencyId') }).prepare());
  insertAlias(alias: string, agencyId: number) {
    this.insertAliasQ().run({ alias, agencyId });
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

  private readonly setAgencyRegionQ = once(() =>
    this.db
      .update(agencies)
      .set({ regionCode: bound(agencies.regionCode, 'regionCode'), level: bound(agencies.level, 'level') })
      .where(eq(agencies.id, p('id')))
      .prepare(),
  );
  setAgencyRegion(id: number, regionCode: string, level: RegionLevel) {
    this.setAgencyRegionQ().run({ id, regionCode, level });
  }

  private readonly upsertRegionQ = once(() =>
    this.db
      .insert(regions)
      .values({ code: p('code'), name: p('name'), parentCode: p('parentCode'), level: p('level') })
      .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name` }, setWhere: eq(regions.name, regions.code) })
      .prepare(),
  );
  /** A region row; a placeholder name (the code itself) is replaced when a real one comes. */
  upsertRegion(values: typeof regions.$inferInsert) {
    this.upsertRegionQ().run({ parentCode: null, ...values });
  }

  private readonly settingQ = once(() => this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, p('key'))).prepare());
  setting(key: string): string | null {
    return this.settingQ().get({ key })?.value ?? null;
  }

  private readonly upsertSettingQ = once(() =>
    this.db
      .insert(settings)
      .values({ key: p('key'), value: p('value'), updatedAt: p('updatedAt') })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } })
      .prepare(),
  );
  upsertSetting(key: string, value: string, updatedAt: string) {
    this.upsertSettingQ().run({ key, value, updatedAt });
  }

  // ── originality candidates ──
  /**
   * Current reports of other agencies in the year sharing a band key, the most sharing first. Demo
   * reports are peers of demo reports only, so that the demo province never touches a real score.
   * Prepared per number of keys (the `in` list's placeholders k0, k1, …).
   */
  private readonly peerCandidatesQ = perKey((keys: number) => {
    const shared = count();
    return this.db
      .select({ reportId: reportBands.reportId, shared })
      .from(reportBands)
      .innerJoin(reports, eq(reports.id, reportBands.reportId))
      .where(
        and(
          eq(reportBands.year, p('year')),
          inArray(
            reportBands.band,
            Array.from({ length: keys }, (_, i) => p(`k${i}`)),
          ),
          eq(reports.current, true),
          ne(reports.agencyId, p('agencyId')),
          eq(reports.demo, bound(reports.demo, 'demo')),
        ),
      )
      .groupBy(reportBands.reportId)
      .orderBy(desc(shared), reportBands.reportId)
      .limit(p('limit'))
      .prepare();
  });
  peerCandidates(year: number, agencyId: number, demo: boolean, keys: string[], limit: number) {
    const params: Record<string, unknown> = { year, agencyId, demo, limit };
    keys.forEach((k, i) => (params[`k${i}`] = bandOf(k)));
    return this.peerCandidatesQ(keys.length).all(params);
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
    db.delete(reportCells).where(inArray(reportCells.reportId, demoReports)).run();
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
   * SQLite's own change counters (PgStorage keeps a settings row of its own, pg/storage.ts).
   */
  private readonly changeVersionQ = once(() =>
    this.db
      .select({ changes: sql<number>`total_changes()`, version: sql<number>`data_version` })
      .from(sql`pragma_data_version`)
      .prepare(),
  );
  changeVersion(): string {
    const v = this.changeVersionQ().get();
    return `${v?.changes}:${v?.version}`;
  }
}
