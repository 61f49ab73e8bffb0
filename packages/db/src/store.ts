/**
 * The store: ingest (extract → parse → audit → store, one transaction per report), the cross-report
 * rules run against what is stored (previous year, peers of the same year), rescoring, and agency
 * aliases and merges. Reads live in queries.ts.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { detectKind, expandZip, metaFromFileName } from '@nianbao/extract';
import type { Finding, ParsedReport, ReportError, Score } from '@nianbao/model';
import { regionOf, type Overrides } from '@nianbao/parser';
import { defaultAuditor, narrative, type Analysis, type Auditor, type Peer, type Signature, type StoreContext } from './auditor';
import { openDatabase, type Db } from './client';
import { Queries } from './queries';
import { lineageNames, regionLevel } from './regions';
import { CellKeys, insertCells, insertFindings, scoreColumns, toParsedReport } from './rows';
import { agencies, agencyAliases, reports, settings } from './schema';
import { Statements, type ReportRow } from './statements';


export interface InputFile {
  /** The path or upload name as given (zip members: `archive.zip/inner.txt`). */
  name: string;
  bytes: Uint8Array;
  overrides?: Overrides;
}

export type IngestStatus = 'ingested' | 'unchanged' | 'new-version' | 'failed';

export interface IngestResult {
  file: string;
  status: IngestStatus;
  reportId: number | null;
  agency: { id: number; name: string } | null;
  year: number | null;
  version: number | null;
  score: number | null;
  grade: Score['grade'] | null;
  error: { code: string; message: string } | null;
}

export interface IngestSummary {
  ingested: number;
  unchanged: number;
  newVersions: number;
  failed: number;
}

export interface StoreOptions {
  /** SQLite file; defaults to DATABASE_PATH or data/nianbao.db. */
  path?: string;
  auditor?: Auditor;
}

const failed = (file: string, code: string, message: string): IngestResult => ({
  file,
  status: 'failed',
  reportId: null,
  agency: null,
  year: null,
  version: null,
  score: null,
  grade: null,
  error: { code, message },
});

export const normaliseName = (name: string) => name.replace(/[\s\u3000]+/g, '');

const now = () => new Date().toISOString();

const ORIGINALITY_PEER = 'originality.copied-across-agencies';
/** At most this many candidate peers go to the originality rule (the most band-sharing first). */
const MAX_PEERS = 20;

export class Store {
  readonly db: Db;
  readonly auditor: Auditor;
  /** Reads for the API, exports and dashboard. */
  readonly queries: Queries;
  private readonly keys: CellKeys;
  private readonly st: Statements;

  constructor(options: StoreOptions = {}) {
    this.db = openDatabase(options.path);
    this.auditor = options.auditor ?? defaultAuditor();
    this.st = new Statements(this.db.$client);
    this.keys = new CellKeys(this.st);
    this.queries = new Queries(this.db, this.st, this.keys);
  }

  close() {
    this.db.$client.close();
  }

  get path(): string {
    return this.db.$client.name;
  }

  isEmpty(): boolean {
    return !this.db.$client.prepare('select 1 from reports limit 1').get();
  }

  // ───────────────────────── ingest ─────────────────────────

  /**
   * Ingests files one after another; zip archives are expanded and each report inside gets its own
   * result. A file that fails is a result with its reason; the batch goes on.
   */
  async ingest(
    inputs: Iterable<InputFile> | AsyncIterable<InputFile>,
    onResult?: (result: IngestResult, input: InputFile) => void,
  ): Promise<IngestResult[]> {
    const out: IngestResult[] = [];
    for await (const input of inputs) {
      for (const r of await this.ingestFile(input)) {
        out.push(r);
        onResult?.(r, input);
      }
    }
    return out;
  }

  async ingestFile(input: InputFile): Promise<IngestResult[]> {
    if (isZip(input)) return this.ingestZip(input);
    return [await this.ingestOne(input)];
  }

  private async ingestZip(input: InputFile): Promise<IngestResult[]> {
    let expanded;
    try {
      expanded = expandZip(input.bytes, input.name);
    } catch (e) {
      return [failed(input.name, 'corrupt', `${input.name}：压缩包无法解开（${(e as Error).message}）`)];
    }
    const out: IngestResult[] = expanded.errors.map((e) => failed(e.file, e.error.code, e.error.message));
    for (const entry of expanded.entries) {
      const member = { name: `${input.name}/${entry.name}`, bytes: entry.bytes, overrides: input.overrides };
      out.push(...(await this.ingestFile(member)));
    }
    return out;
  }

  /** One report file: unchanged when its bytes are already stored, else the full pipeline. */
  async ingestOne(input: InputFile): Promise<IngestResult> {
    const { name, bytes } = input;
    if (!bytes.length) return failed(name, 'empty', `${name}：文件为空`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.st.reportBySha(sha256);
    if (known) return this.resultOf(name, 'unchanged', known);
    let analysis: Analysis | ReportError;
    try {
      analysis = await this.auditor.analyze(bytes, name, input.overrides ?? {}, { today: now().slice(0, 10) });
    } catch (e) {
      return failed(name, 'internal', `${name}：审查时出错（${(e as Error).message}）`);
    }
    if ('error' in analysis) return failed(name, analysis.error.code, analysis.error.message);
    const report = withFileNameMeta(analysis.report, name);
    if (!report.agency.name) {
      return failed(name, 'no-agency', `${name}：无法识别报告的发布机关，请在导入时指定机关名称`);
    }
    if (report.year === null) return failed(name, 'no-year', `${name}：无法识别报告年度，请在导入时指定年度`);
    try {
      return this.store(name, bytes, { ...analysis, report });
    } catch (e) {
      // the transaction rolled back: forget cell keys it may have interned
      this.keys.reload();
      return failed(name, 'store-failed', `${name}：写入数据库失败（${(e as Error).message}）`);
    }
  }

  private resultOf(file: string, status: IngestStatus, row: ReportRow): IngestResult {
    const agency = this.st.agency(row.agencyId);
    return {
      file,
      status,
      reportId: row.id,
      agency: agency ? { id: agency.id, name: agency.name } : null,
      year: row.year,
      version: row.version,
      score: row.score,
      grade: row.grade,
      error: null,
    };
  }

  /** Everything for one report in one transaction: nothing is half-written. */
  private store(file: string, bytes: Uint8Array, { doc, report }: Analysis): IngestResult {
    const st = this.st;
    const year = report.year!;
    return this.transaction(() => {
      const again = st.reportBySha(report.sha256);
      if (again) return this.resultOf(file, 'unchanged', again);

      const agencyId = this.resolveAgency(report);
      const prior = st.lastVersion(agencyId, year);
      if (prior !== undefined) st.supersede(agencyId, year);

      // cross-report context from the store; the per-report audit of `analyze` is redone with it
      const ingestedAt = now();
      const similarity = this.auditor.similarity;
      const signature = similarity ? similarity.signature(report, doc.text) : null;
      const bandKeys = signature ? similarity!.bandKeys(signature) : [];
      const ctx = this.context({ agencyId, year, ingestedAt, bandKeys });
      let { findings: found, score } = report;
      if (ctx.previous || ctx.peers?.length) {
        ({ findings: found, score } = this.auditor.audit({ ...report, findings: [], score: null }, { ...ctx, text: doc.text }));
      }

      st.insertSource({ sha256: report.sha256, fileName: file, size: bytes.length, bytes: Buffer.from(bytes), text: doc.text });
      const id = st.insertReport({
        agencyId,
        year,
        version: (prior ?? 0) + 1,
        current: true,
        sha256: report.sha256,
        fileName: file,
        ingestedAt,
        template: report.template,
        publishedOn: report.publishedOn,
        agencyName: report.agency.name!,
        agencySource: report.agency.source,
        regionCode: report.agency.region?.code ?? null,
        regionName: report.agency.region?.name ?? null,
        agencyKind: report.agency.kind ?? null,
        sections: JSON.stringify(report.sections),
        signature: signature ? Buffer.from(signature.hashes.buffer, signature.hashes.byteOffset, signature.hashes.byteLength) : null,
        signatureSize: signature ? signature.size : null,
        ...scoreColumns(found, score),
      });
      insertCells(st, this.keys, id, report.cells);
      insertFindings(st, id, found);
      for (const key of bandKeys) st.insertBand({ reportId: id, year, key });
      if (score?.rubricVersion) st.upsertSetting('rubricVersion', score.rubricVersion, ingestedAt);

      // reports whose cross-report findings this one changes: next year's (history), and the peers it copies or is copied by
      const next = st.currentReportId(agencyId, year + 1);
      if (next !== undefined) this.reaudit(next);
      if (found.some((f) => f.rule === ORIGINALITY_PEER)) {
        for (const p of ctx.peers ?? []) this.reaudit(p.reportId);
      }

      return this.resultOf(file, prior !== undefined ? 'new-version' : 'ingested', st.reportById(id)!);
    });
  }

  /** better-sqlite3's transaction: BEGIN, COMMIT, or ROLLBACK when the function throws. */
  private transaction<T>(fn: () => T): T {
    return this.db.$client.transaction(fn)();
  }

  /** The agency a report belongs to: by any of its names, else a new agency. */
  private resolveAgency(report: ParsedReport): number {
    const st = this.st;
    const name = report.agency.name!;
    const alias = normaliseName(name);
    const found = st.agencyOfAlias(alias);
    const region = report.agency.region;
    if (found !== undefined) {
      const id = this.resolveMerged(found);
      // an agency first seen without a region takes the first one a report gives
      if (region && !st.agency(id)?.regionCode) {
        this.ensureRegion(region.code, region.name);
        st.setAgencyRegion(id, region.code, regionLevel(region.code));
      }
      return id;
    }
    if (region) this.ensureRegion(region.code, region.name);
    const id = st.insertAgency({
      name,
      regionCode: region?.code ?? null,
      level: region ? regionLevel(region.code) : null,
      kind: report.agency.kind ?? 'department',
      createdAt: now(),
    });
    st.insertAlias(alias, id);
    return id;
  }

  private resolveMerged(id: number): number {
    for (let i = 0; i < 16; i++) {
      const merged = this.st.agency(id)?.mergedInto;
      if (!merged) return id;
      id = merged;
    }
    return id;
  }

  private ensureRegion(code: string, fullName: string) {
    const names = lineageNames(code, fullName);
    names.forEach((r, i) => this.st.upsertRegion({ code: r.code, name: r.name, parentCode: i ? names[i - 1]!.code : null, level: regionLevel(r.code) }));
  }

  setting(key: string): string | null {
    return this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value ?? null;
  }

  /**
   * What the cross-report rules need from the store: the agency's previous-year report (model and
   * narrative signature) and the candidate peers of the same year (reports sharing an LSH band).
   * `today` is the day the report was collected, for a report without a date.
   */
  private context(at: { agencyId: number; year: number; ingestedAt: string; bandKeys: string[] }): Omit<StoreContext, 'text'> {
    const st = this.st;
    const ctx: Omit<StoreContext, 'text'> = { today: at.ingestedAt.slice(0, 10) };
    const prevRow = st.currentReport(at.agencyId, at.year - 1);
    if (prevRow) {
      ctx.previous = toParsedReport(st, this.keys, prevRow);
      ctx.previousSignature = signatureOf(prevRow);
      if (!ctx.previousSignature) ctx.previousText = narrative(st.sourceText(prevRow.sha256), ctx.previous.sections);
    }
    if (at.bandKeys.length) ctx.peers = this.peers(at.year, at.agencyId, at.bandKeys);
    return ctx;
  }

  /** Current reports of other agencies in the same year sharing an LSH band: the originality candidates. */
  private peers(year: number, agencyId: number, bandKeys: string[]): Peer[] {
    // candidates come from band keys, so they have signatures: the rule compares those, not texts
    return this.st.peerCandidates(year, agencyId, bandKeys, MAX_PEERS).flatMap(({ reportId }) => {
      const row = this.st.peer(reportId);
      const signature = row ? signatureOf(row) : null;
      return row && signature ? [{ reportId: row.id, agency: row.agencyName, text: '', signature }] : [];
    });
  }

  /** Re-runs the audit of a stored report (no re-parse) against the store as it is now. */
  private reaudit(reportId: number): boolean {
    const st = this.st;
    const row = st.reportById(reportId);
    if (!row) return false;
    const report = toParsedReport(st, this.keys, row, true);
    const text = st.sourceText(row.sha256);
    const ctx = this.context({ agencyId: row.agencyId, year: row.year, ingestedAt: row.ingestedAt, bandKeys: st.bandKeysOf(reportId) });
    const { findings: found, score } = this.auditor.audit(report, { ...ctx, text });
    const columns = scoreColumns(found, score);
    const changed = columns.score !== row.score || columns.grade !== row.grade || columns.errors !== row.errors || columns.warnings !== row.warnings;
    st.deleteFindings(reportId);
    insertFindings(st, reportId, found);
    st.updateScore(reportId, columns);
    if (score?.rubricVersion) st.upsertSetting('rubricVersion', score.rubricVersion, now());
    return changed;
  }

  // ───────────────────────── rescore ─────────────────────────

  /**
   * Re-audits every stored report (every version) from its stored model and text, after a rubric or
   * rule change. Reports are processed oldest year first so history rules see rescored predecessors.
   */
  rescore(onProgress?: (done: number, total: number) => void): { reports: number; changed: number } {
    const ids = this.db.select({ id: reports.id }).from(reports).orderBy(reports.year, reports.id).all();
    let changed = 0;
    const batch = 200;
    for (let i = 0; i < ids.length; i += batch) {
      this.transaction(() => {
        for (const { id } of ids.slice(i, i + batch)) if (this.reaudit(id)) changed++;
      });
      onProgress?.(Math.min(i + batch, ids.length), ids.length);
    }
    return { reports: ids.length, changed };
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Another name for an agency (新余市文化广电新闻出版旅游局 for 新余市文广新旅局). */
  addAlias(agencyId: number, name: string): { ok: true } | { ok: false; code: string; message: string } {
    const alias = normaliseName(name);
    return this.db.transaction((tx) => {
      const id = this.resolveMerged(agencyId);
      if (!tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).get()) {
        return { ok: false as const, code: 'not-found', message: `未找到编号为 ${agencyId} 的机关` };
      }
      const existing = tx.select().from(agencyAliases).where(eq(agencyAliases.alias, alias)).get();
      if (existing && this.resolveMerged(existing.agencyId) !== id) {
        return {
          ok: false as const,
          code: 'alias-taken',
          message: `名称“${name}”已属于另一机关（编号 ${existing.agencyId}），如为同一机关请合并`,
        };
      }
      if (!existing) tx.insert(agencyAliases).values({ alias, agencyId: id }).run();
      return { ok: true as const };
    });
  }

  /**
   * Merges agency `fromId` into `intoId` (two names that ingest split): its names and reports move,
   * reports of the same year become versions ordered by ingest, and history rules are re-run.
   */
  mergeAgencies(intoId: number, fromId: number): { ok: true; moved: number } | { ok: false; code: string; message: string } {
    return this.db.transaction((tx) => {
      const into = this.resolveMerged(intoId);
      const from = this.resolveMerged(fromId);
      const exists = (id: number) => !!tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, id)).get();
      if (!exists(into) || !exists(from)) {
        return { ok: false as const, code: 'not-found', message: `未找到要合并的机关（${intoId}、${fromId}）` };
      }
      if (into === from) return { ok: false as const, code: 'same-agency', message: '不能将机关与其自身合并' };
      const moved = tx.select({ id: reports.id }).from(reports).where(eq(reports.agencyId, from)).all().length;
      tx.update(agencyAliases).set({ agencyId: into }).where(eq(agencyAliases.agencyId, from)).run();
      // park versions out of the way of the unique (agency, year, version) index, then renumber
      tx.update(reports)
        .set({ agencyId: into, version: sql`${reports.version} + 100000` })
        .where(eq(reports.agencyId, from))
        .run();
      tx.update(agencies).set({ mergedInto: into }).where(eq(agencies.id, from)).run();
      const all = tx.select({ id: reports.id, year: reports.year }).from(reports).where(eq(reports.agencyId, into)).orderBy(reports.year, reports.id).all();
      const byYear = new Map<number, number[]>();
      for (const r of all) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r.id]);
      for (const ids of byYear.values()) {
        ids.forEach((id, i) => {
          tx.update(reports)
            .set({ version: -(i + 1), current: i === ids.length - 1 })
            .where(eq(reports.id, id))
            .run();
        });
      }
      tx.update(reports).set({ version: sql`-${reports.version}` }).where(and(eq(reports.agencyId, into), sql`${reports.version} < 0`)).run();
      for (const r of all) this.reaudit(r.id);
      return { ok: true as const, moved };
    });
  }
}

function signatureOf(row: Pick<ReportRow, 'signature' | 'signatureSize'>): Signature | null {
  if (!row.signature || row.signatureSize === null) return null;
  return { size: row.signatureSize, hashes: new Uint32Array(new Uint8Array(row.signature).buffer) };
}

function isZip(input: InputFile): boolean {
  const b = input.bytes;
  const zipMagic = b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);
  return zipMagic && detectKind(b, input.name) === 'zip';
}

/** Agency and year from the file name when the text names neither (沭阳县发展和改革局2023年….html). */
function withFileNameMeta(report: ParsedReport, name: string): ParsedReport {
  if (report.agency.name && report.year !== null) return report;
  const meta = metaFromFileName(name.split('/').pop() ?? name);
  const out = { ...report, agency: { ...report.agency } };
  if (!out.agency.name && meta.agency) {
    out.agency.name = meta.agency;
    out.agency.source = 'filename';
    out.agency.region = regionOf(meta.agency);
  }
  if (out.year === null && meta.year) out.year = meta.year;
  return out;
}

export type { Finding };
