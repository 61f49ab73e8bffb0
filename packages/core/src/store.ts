/**
 * The store: ingest (extract → parse → audit → store, one transaction per report), the cross-report
 * rules run against what is stored (previous year, peers of the same year), review, rescoring, and
 * agency aliases and merges. It talks to the database through the `Storage` interface (storage.ts);
 * reads for the API live in @nianbao/db's queries.
 */
import { createHash } from 'node:crypto';
import { DEMO_ALIAS_PREFIX, encodeSections, inScope, lineage, lineageNames, messageOf, normaliseName, scoreColumns, SqliteStorage, regionLevel, type Db, type ReadQueries } from '@nianbao/db';
import { detectKind, expandZip, extract, type Document, type ZipError } from '@nianbao/extract';
import { cellDef, templateFor, type Finding, type ParsedReport, type ReportError, type Score } from '@nianbao/model';
import type { Overrides } from '@nianbao/parser';
import { defaultAuditor, narrative, type Analysis, type Auditor, type Peer, type Signature, type StoreContext } from './auditor';
import { ContextCache } from './context-cache';
import { AnalysisPool } from './pool';
import type { ReportRow, Storage } from './storage';

export interface InputFile {
  /** The path or upload name as given (zip members: `archive.zip/inner.txt`). */
  name: string;
  bytes: Uint8Array;
  overrides?: Overrides;
  /** A region subtree (GB/T 2260 code) the report's agency must lie in: a region-scoped user's import. */
  scope?: string | null;
  /** A generated report of the demo province: it and its agency are flagged, and kept apart from real ones. */
  demo?: boolean;
  /**
   * Called, in a scoped import, for each report outside `scope` that the new report copies or is
   * copied by: that report is not re-audited (an import in one region never changes another
   * region's scores; an administrator's rescore does), so the caller records the evidence.
   */
  onPeerOutOfScope?: (peer: PeerOutOfScope) => void;
  /** The SHA-256 of `bytes` when already computed (a zip member hashed in a worker). */
  sha256?: string;
}

/** A report of another region sharing its narrative with a report imported under a region scope. */
export interface PeerOutOfScope {
  /** The report of the other region (not re-audited) and its agency's region. */
  reportId: number;
  agency: string;
  regionCode: string | null;
  /** The report just imported. */
  by: { reportId: number; file: string };
}

export type Decision = 'confirm' | 'dismiss';

export interface ReviewInput {
  decision: Decision;
  reason: string;
  /** The account deciding (null in single-user local mode) and its name as shown in the drill-down. */
  userId: number | null;
  userName: string;
}

/** A reviewer's correction of a cell's value: the value (null: blank) and why, by whom. */
export interface CorrectionInput {
  value: number | null;
  reason: string;
  userId: number | null;
  userName: string;
}

export type StoreOutcome = { ok: true } | { ok: false; code: string; message: string };

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
  /**
   * An already open storage (instead of `path`): a SqliteStorage, or a PgStorage (@nianbao/db/pg,
   * `openStorage(url)`) on PostgreSQL.
   */
  storage?: Storage;
  auditor?: Auditor;
  /**
   * Worker threads analysing files (extract → parse) while the store audits and writes; 0 (the
   * default) analyses on the calling thread. `defaultWorkers()`: ANALYSIS_WORKERS or one per core.
   * Workers run the default pipeline's `analyze` (an injected auditor's `analyze` runs only inline).
   */
  workers?: number;
}

/** A file on its way through `ingest`: its result once known, else its analysis once done. */
interface Pending {
  input: InputFile;
  /** The file given to `ingest` (the archive of a zip member). */
  source: InputFile;
  result?: IngestResult;
  analysis?: Analysis | ReportError;
  done: boolean;
  settled: Promise<void>;
}

/** The result of a file that could not be ingested, with its reason. */
export const failed = (file: string, code: string, message: string): IngestResult => ({
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

const now = () => new Date().toISOString();
const today = () => now().slice(0, 10);

const ORIGINALITY_PEER = 'originality.copied-across-agencies';
const OVERDUE_RULE = 'rectification.overdue';
/** At most this many candidate peers go to the originality rule (the most band-sharing first). */
const MAX_PEERS = 20;
/** At most this many reports are committed in one transaction (and analysed ahead of the writer). */
const MAX_BATCH = 64;
/**
 * Reports whose cells the store keeps in memory during an ingest, for the next year's report of the
 * same agency (≈ 30 KB each: 2,000 held raised the bench's peak RSS by ≈ 50 MB): a year of up to this
 * many agencies read in order hits it every time; a larger one reads the rest back from rows.
 */
const CONTEXT_CACHE_REPORTS = 1000;

export class Store {
  readonly auditor: Auditor;
  /** The storage the core works through (reads and writes of the office's loop too). */
  readonly storage: Storage;
  /** The same storage when it is SQLite's (whose reads the API uses), else null. */
  private readonly sqliteStorage: SqliteStorage | null;
  private readonly pool: AnalysisPool | null;
  /** Cells of stored reports during ingest batches (the previous year's models). */
  private readonly cache = new ContextCache(CONTEXT_CACHE_REPORTS);

  constructor(options: StoreOptions = {}) {
    this.storage = options.storage ?? new SqliteStorage(options.path);
    this.sqliteStorage = this.storage instanceof SqliteStorage ? this.storage : null;
    this.auditor = options.auditor ?? defaultAuditor();
    this.pool = options.workers ? new AnalysisPool(options.workers) : null;
  }

  /**
   * The SQLite storage, whose synchronous connection (`db`) the API still uses: on PostgreSQL it is
   * not there, and asking for it is an error that says so.
   */
  get sqlite(): SqliteStorage {
    if (!this.sqliteStorage) throw new Error('当前数据库为 PostgreSQL：此项查询暂只支持 SQLite 数据库');
    return this.sqliteStorage;
  }

  /** Reads for the API, exports and dashboard: the storage's, on either engine. */
  get queries(): ReadQueries {
    return this.storage.queries;
  }

  get db(): Db {
    return this.sqlite.db;
  }

  /**
   * A file read again (the report page's original tables): in the analysis workers when there are
   * any, as a scan's OCR would otherwise hold the API's event loop for seconds.
   */
  extract(bytes: Uint8Array, fileName: string): Promise<Document> {
    return this.pool ? this.pool.extract(bytes, fileName) : extract(bytes, fileName);
  }

  /** Stops the analysis workers and closes the storage; resolves once both are done (a pool's connections ended). */
  async close(): Promise<void> {
    await Promise.all([this.pool?.close(), this.storage.close()]);
  }

  /** The SQLite file, or the PostgreSQL server and database (without the password). */
  get path(): string {
    return this.storage.path;
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.storage.anyReport(null));
  }

  /** True when the demo province has been ingested. */
  hasDemo(): Promise<boolean> {
    return this.storage.anyReport(true);
  }

  /** Removes the demo province (reports, agencies, their decisions and regions only they used). */
  removeDemo(): Promise<{ reports: number }> {
    return this.storage.withTransaction(async (tx) => {
      const reports = await tx.deleteDemo();
      const used = new Set((await tx.agencyRegionCodes()).flatMap((c) => lineage(c)));
      for (const code of await tx.regionCodes()) if (!used.has(code)) await tx.deleteRegion(code);
      return { reports };
    });
  }

  // ───────────────────────── ingest ─────────────────────────

  /**
   * Ingests files in order; zip archives are expanded and each report inside gets its own result. A
   * file that fails is a result with its reason; the batch goes on. With an analysis pool, the next
   * files are analysed in worker threads while this thread stores; reports whose analysis is done
   * are stored together in one transaction, each in its own savepoint (a failing report leaves
   * nothing, the others are kept). `onResult` is called once a report is committed.
   */
  async ingest(
    inputs: Iterable<InputFile> | AsyncIterable<InputFile>,
    onResult?: (result: IngestResult, input: InputFile) => void,
  ): Promise<IngestResult[]> {
    const out: IngestResult[] = [];
    const queue: Pending[] = [];
    // files under way: enough for the workers to stay ahead of the writer, and for batches to form
    const window = this.pool ? Math.min(MAX_BATCH, this.pool.size * 16) : 1;
    const storeReady = async () => {
      await queue[0]!.settled;
      let n = 1;
      while (n < queue.length && n < MAX_BATCH && queue[n]!.done) n++;
      const batch = queue.splice(0, n);
      // results known before storing (unchanged, empty, refused zip members) need no transaction: on
      // PostgreSQL each is several round trips, 5,000 members of a refused zip took 13 s instead of 1
      const results = batch.every((p) => p.result) ? batch.map((p) => p.result!) : await this.batch(async (tx) => {
        const done: IngestResult[] = [];
        for (const p of batch) done.push(p.result ?? (await this.finish(tx, p.input, p.analysis!)));
        return done;
      });
      results.forEach((r, i) => {
        out.push(r);
        onResult?.(r, batch[i]!.source);
      });
    };
    for await (const file of inputs) {
      for await (const input of this.expand(file)) {
        queue.push(await this.begin(input, file));
        while (queue.length >= window) await storeReady();
      }
    }
    while (queue.length) await storeReady();
    return out;
  }

  /**
   * A file, or the members of a zip archive (recursively) and the results of those it cannot read.
   * With an analysis pool the archive is inflated in a worker: never on this (the API's) thread.
   */
  private async *expand(input: InputFile): AsyncGenerator<InputFile | IngestResult> {
    if (!isZip(input)) return yield input;
    let expanded: { entries: { name: string; bytes: Uint8Array; sha256?: string }[]; errors: ZipError[] };
    try {
      expanded = this.pool ? await this.pool.expand(input.bytes, input.name) : expandZip(input.bytes, input.name);
    } catch (e) {
      return yield failed(input.name, 'corrupt', `${input.name}：压缩包无法解开（${messageOf(e)}）`);
    }
    for (const e of expanded.errors) yield failed(e.file, e.error.code, e.error.message);
    for (const entry of expanded.entries) yield* this.expand({ ...input, name: `${input.name}/${entry.name}`, bytes: entry.bytes, sha256: entry.sha256 });
  }

  /** One report file: unchanged when its bytes are already stored, else its analysis is started. */
  private async begin(item: InputFile | IngestResult, source: InputFile): Promise<Pending> {
    const settle = (result: IngestResult): Pending => ({ input: source, source, result, done: true, settled: Promise.resolve() });
    if (!('bytes' in item)) return settle(item);
    const { name, bytes } = item;
    if (!bytes.length) return settle(failed(name, 'empty', `${name}：文件为空`));
    // hashed once here: the analysis takes the hash along instead of hashing the bytes again
    const input = { ...item, sha256: item.sha256 ?? createHash('sha256').update(bytes).digest('hex') };
    const known = await this.storage.reportBySha(input.sha256);
    if (known) return settle((await this.outOfScope(this.storage, name, input.scope, known.agencyId)) ?? (await this.resultOf(this.storage, name, 'unchanged', known)));
    const p: Pending = { input, source, done: false, settled: Promise.resolve() };
    p.settled = (async () => {
      try {
        p.analysis = await (this.pool ?? this.auditor).analyze(bytes, name, input.overrides ?? {}, input.sha256);
      } catch (e) {
        p.result = failed(name, 'internal', `${name}：审查时出错（${messageOf(e)}）`);
      }
      p.done = true;
    })();
    return p;
  }

  /** Stores an analysed report (in the caller's transaction, in a savepoint of its own). */
  private async finish(tx: Storage, input: InputFile, analysis: Analysis | ReportError): Promise<IngestResult> {
    const { name, bytes } = input;
    if ('error' in analysis) return failed(name, analysis.error.code, analysis.error.message);
    const report = analysis.report;
    if (!report.agency.name) {
      return failed(name, 'no-agency', `${name}：无法识别报告的发布机关，请在导入时指定机关名称`);
    }
    if (report.year === null) return failed(name, 'no-year', `${name}：无法识别报告年度，请在导入时指定年度`);
    try {
      const result = await tx.withTransaction((sp) => this.store(sp, name, bytes, { ...analysis, report }, input));
      // its savepoint released: its cells are what the next year's report is compared with
      if (result.status === 'ingested' || result.status === 'new-version') this.cache.keep(result.reportId!, report);
      return result;
    } catch (e) {
      if (e instanceof OutOfScope) return e.result;
      return failed(name, 'store-failed', `${name}：写入数据库失败（${messageOf(e)}）`);
    }
  }

  /**
   * Several reports in one transaction: when the commit itself fails, each is stored on its own. The
   * context cache is read and filled in the batch, and trusted again by the next one only if nothing
   * else wrote in between.
   */
  private async batch(fn: (tx: Storage) => Promise<IngestResult[]>): Promise<IngestResult[]> {
    try {
      let token = '';
      const out = await this.storage.withTransaction(async (tx) => {
        this.cache.begin(await tx.changeVersion());
        const done = await fn(tx);
        // read before the commit (which leaves it as it is): a writer waiting for this one may come next
        token = await tx.changeVersion();
        return done;
      });
      this.cache.commit(token);
      return out;
    } catch {
      this.cache.reset();
      const out: IngestResult[] = [];
      for (const r of await fn(this.storage)) out.push(r);
      return out;
    }
  }

  private async resultOf(s: Storage, file: string, status: IngestStatus, row: ReportRow): Promise<IngestResult> {
    const agency = await s.agency(row.agencyId);
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

  /** The refusal of a report whose agency lies outside `scope` (none without a scope). */
  private async outOfScope(s: Storage, file: string, scope: string | null | undefined, agencyId: number): Promise<IngestResult | null> {
    if (!scope || inScope((await s.agency(agencyId))?.regionCode, scope)) return null;
    return failed(file, 'out-of-scope', `${file}：报告所属机关不在您的地区范围（${scope}）内，不能导入`);
  }

  /** Everything for one report, in the caller's transaction (a savepoint): nothing is half-written. */
  private async store(
    tx: Storage,
    file: string,
    bytes: Uint8Array,
    { doc, report }: Analysis,
    { scope, demo = false, onPeerOutOfScope }: Pick<InputFile, 'scope' | 'demo' | 'onPeerOutOfScope'>,
  ): Promise<IngestResult> {
    const year = report.year!;
    const again = await tx.reportBySha(report.sha256);
    if (again) return (await this.outOfScope(tx, file, scope, again.agencyId)) ?? (await this.resultOf(tx, file, 'unchanged', again));

    const agencyId = await this.resolveAgency(tx, report, demo, scope);
    const refused = await this.outOfScope(tx, file, scope, agencyId);
    if (refused) throw new OutOfScope(refused); // rolls back the agency it may have created
    const prior = await tx.lastVersion(agencyId, year);
    if (prior !== undefined) await tx.supersede(agencyId, year);

    // the audit, with the cross-report context from the store
    const ingestedAt = now();
    const similarity = this.auditor.similarity;
    // computed once: it finds the candidate peers, is stored, and the originality rules take it along
    const own = similarity ? similarity.signature(report, doc.text) : null;
    const bandKeys = own ? similarity!.bandKeys(own) : [];
    const ctx = await this.context(tx, { agencyId, year, ingestedAt, bandKeys, demo });
    const { findings: found, score } = await this.auditReport(tx, { ...report, findings: [], score: null }, { ...ctx, text: doc.text, signature: own }, { agencyId, year, version: (prior ?? 0) + 1, current: true });
    // decisions reviewers took on an earlier version hold for this one where the finding is the same
    const judged = await this.judged(tx, report, agencyId, year, found, score);

    await tx.insertSource({ sha256: report.sha256, fileName: file, size: bytes.length, bytes: Buffer.from(bytes), text: doc.text });
    const id = await tx.insertReport({
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
      sections: encodeSections(report.sections),
      signature: own ? Buffer.from(own.hashes.buffer, own.hashes.byteOffset, own.hashes.byteLength) : null,
      signatureSize: own ? own.size : null,
      demo,
      ocr: report.ocr === true,
      reading: report.reading ? JSON.stringify(report.reading) : null,
      ...scoreColumns(judged.counted, judged.score),
    });
    await tx.insertCells(id, report.cells);
    await tx.insertFindings(id, found, judged.counted);
    await tx.insertBands(id, year, bandKeys);
    if (score?.rubricVersion) await tx.upsertSetting('rubricVersion', score.rubricVersion, ingestedAt);

    // reports whose cross-report findings this one changes: next year's (history), and the peers it copies or is copied by
    const next = await tx.currentReportId(agencyId, year + 1);
    if (next !== undefined) await this.reaudit(tx, next);
    if (found.some((f) => f.rule === ORIGINALITY_PEER)) {
      for (const p of ctx.peers ?? []) {
        const peerAgency = await tx.agency((await tx.reportById(p.reportId))?.agencyId ?? -1);
        if (inScope(peerAgency?.regionCode, scope)) await this.reaudit(tx, p.reportId);
        else onPeerOutOfScope?.({ reportId: p.reportId, agency: p.agency, regionCode: peerAgency?.regionCode ?? null, by: { reportId: id, file } });
      }
    }

    return this.resultOf(tx, file, prior !== undefined ? 'new-version' : 'ingested', (await tx.reportById(id))!);
  }

  /**
   * The agency a report belongs to: by any of its names, else a new agency. An agency without a
   * region takes the one a report gives, unless the import is region-scoped: a scoped reviewer must
   * not pull agencies into their region (and so gain their reports); an administrator or the roster
   * places them.
   */
  private async resolveAgency(tx: Storage, report: ParsedReport, demo: boolean, scope: string | null | undefined): Promise<number> {
    const name = report.agency.name!;
    const alias = (demo ? DEMO_ALIAS_PREFIX : '') + normaliseName(name);
    const found = await tx.agencyOfAlias(alias);
    const region = report.agency.region;
    if (found !== undefined) {
      const id = (await tx.canonicalAgency(found)) ?? found;
      // an agency first seen without a region takes the first one an unscoped import gives
      if (region && !scope && !(await tx.agency(id))?.regionCode) {
        await this.ensureRegion(tx, region.code, region.name);
        await tx.setAgencyRegion(id, region.code, regionLevel(region.code));
      }
      return id;
    }
    if (region) await this.ensureRegion(tx, region.code, region.name);
    const id = await tx.insertAgency({
      name,
      regionCode: region?.code ?? null,
      level: region ? regionLevel(region.code) : null,
      kind: report.agency.kind ?? 'department',
      createdAt: now(),
      demo,
    });
    await tx.insertAlias(alias, id);
    return id;
  }

  private async ensureRegion(tx: Storage, code: string, fullName: string) {
    const names = lineageNames(code, fullName);
    for (const [i, r] of names.entries()) await tx.upsertRegion({ code: r.code, name: r.name, parentCode: i ? names[i - 1]!.code : null, level: regionLevel(r.code) });
  }

  setting(key: string): Promise<string | null> {
    return this.storage.setting(key);
  }

  /**
   * What the cross-report rules need from the store: the agency's previous-year report (model and
   * narrative signature) and the candidate peers of the same year (reports sharing an LSH band).
   * `today` is the day the report was collected, for a report without a date.
   */
  private async context(s: Storage, at: { agencyId: number; year: number; ingestedAt: string; bandKeys: string[]; demo: boolean }): Promise<Omit<StoreContext, 'text'>> {
    const ctx: Omit<StoreContext, 'text'> = { today: at.ingestedAt.slice(0, 10) };
    const prevRow = await s.currentReport(at.agencyId, at.year - 1);
    if (prevRow) {
      // bare: the history rules read its cells, year and template, not its findings or score
      const cached = this.cache.get(prevRow.id);
      ctx.previous = await s.reportModel(prevRow, true, cached);
      if (!cached) this.cache.keep(prevRow.id, ctx.previous);
      ctx.previousSignature = signatureOf(prevRow);
      if (!ctx.previousSignature) ctx.previousText = narrative(await s.sourceText(prevRow.sha256), ctx.previous.sections);
    }
    if (at.bandKeys.length) ctx.peers = await this.peers(s, at.year, at.agencyId, at.demo, at.bandKeys);
    return ctx;
  }

  /** Current reports of other agencies in the same year sharing an LSH band: the originality candidates. */
  private async peers(s: Storage, year: number, agencyId: number, demo: boolean, bandKeys: string[]): Promise<Peer[]> {
    // candidates come from band keys, so they have signatures: the rule compares those, not texts
    const out: Peer[] = [];
    // the rows in one read: on PostgreSQL a round trip each was 20 per report, 400 per ingest re-auditing 20 peers
    for (const row of await s.peers(await s.peerCandidates(year, agencyId, demo, bandKeys, MAX_PEERS))) {
      const signature = signatureOf(row);
      if (signature) out.push({ reportId: row.id, agency: row.agencyName, text: '', signature });
    }
    return out;
  }

  /** Re-runs the audit of a stored report (no re-parse) against the store as it is now. */
  private async reaudit(tx: Storage, reportId: number): Promise<boolean> {
    const row = await tx.reportById(reportId);
    if (!row) return false;
    const report = await tx.reportModel(row, true);
    const text = await tx.sourceText(row.sha256);
    const signature = signatureOf(row);
    // the band keys stored at ingest are those of the stored signature: computed again, not read back
    const bandKeys = signature && this.auditor.similarity ? this.auditor.similarity.bandKeys(signature) : [];
    const ctx = await this.context(tx, { agencyId: row.agencyId, year: row.year, ingestedAt: row.ingestedAt, bandKeys, demo: row.demo });
    const { findings: found, score } = await this.auditReport(tx, report, { ...ctx, text, signature }, row);
    const judged = await this.judged(tx, report, row.agencyId, row.year, found, score);
    const columns = scoreColumns(judged.counted, judged.score);
    const changed = columns.score !== row.score || columns.grade !== row.grade || columns.errors !== row.errors || columns.warnings !== row.warnings;
    await tx.deleteFindings(reportId);
    await tx.insertFindings(reportId, found, judged.counted);
    await tx.updateScore(reportId, columns);
    if (score?.rubricVersion) await tx.upsertSetting('rubricVersion', score.rubricVersion, now());
    return changed;
  }

  /**
   * The audit, with the unit's rectification case: the current report of a year whose case is past
   * its 整改期限 (today) with items of the notice still found in it is charged 逾期未改. Which items are
   * open is read off this audit's own findings, so the rule runs in a second pass, only then.
   */
  private async auditReport(s: Storage, report: ParsedReport, ctx: StoreContext, at: { agencyId: number; year: number; version: number; current: boolean }) {
    const first = this.auditor.audit(report, ctx);
    if (!at.current) return first;
    const c = await s.rectificationCase(at.agencyId, at.year);
    const asOf = today();
    if (!c || asOf <= c.dueOn || at.version < c.baseVersion) return first;
    const present = new Set(first.findings.map((f) => f.fingerprint));
    const open = c.fingerprints.filter((fp) => present.has(fp)).length;
    if (!open) return first;
    return this.auditor.audit(report, { ...ctx, rectification: { issuedOn: c.issuedOn, dueOn: c.dueOn, asOf, items: c.fingerprints.length, open } });
  }

  /** Re-audits the current report of an agency's year: its rectification case was opened or its 整改期限 moved. */
  reauditCurrent(agencyId: number, year: number): Promise<boolean> {
    return this.storage.withTransaction(async (tx) => {
      const id = await tx.currentReportId(agencyId, year);
      return id !== undefined && (await this.reaudit(tx, id));
    });
  }

  private settledOn: string | null = null;

  /**
   * Charges 逾期未改 where a case's 整改期限 passed since its report was last audited: nothing else
   * happens on that day, so the reads of scores call this (it does its work once a day unless `force`d).
   */
  async settleOverdue(force = false): Promise<number> {
    const day = today();
    if (this.settledOn === day && !force) return 0;
    this.settledOn = day;
    const ids = await this.storage.overdueUncharged(day, OVERDUE_RULE);
    let changed = 0;
    if (ids.length) {
      await this.storage.withTransaction(async (tx) => {
        for (const id of ids) if (await this.reaudit(tx, id)) changed++;
      });
    }
    return changed;
  }

  /**
   * The score and the counted findings once reviewers' decisions on the agency's report of the year
   * apply: a dismissed finding stays listed (with its decision) but costs no points and is not
   * counted among errors, warnings or the most frequent findings.
   */
  private async judged(s: Storage, report: ParsedReport, agencyId: number, year: number, found: Finding[], score: Score | null): Promise<{ score: Score | null; counted: Finding[] }> {
    const dismissed = new Set((await s.decisionsOf(agencyId, year)).filter((d) => d.decision === 'dismiss').map((d) => d.fingerprint));
    const kept: number[] = [];
    found.forEach((f, i) => {
      if (!f.fingerprint || !dismissed.has(f.fingerprint)) kept.push(i);
    });
    if (kept.length === found.length || !score || !this.auditor.score) return { score, counted: found };
    const counted = kept.map((i) => found[i]!);
    const rescored = this.auditor.score(report, counted);
    // deductions name their findings by index: back to indexes into the full list
    const deductions = rescored.deductions?.map((d) => ({ ...d, findings: d.findings.map((i) => kept[i]!) }));
    return { score: deductions ? { ...rescored, deductions } : rescored, counted };
  }

  // ───────────────────────── review decisions ─────────────────────────

  /**
   * A reviewer confirms or dismisses a finding of a report. The decision is kept for the agency and
   * year by the finding's fingerprint, so it holds for every version of the report and through
   * rescoring; the versions are re-scored at once.
   */
  review(reportId: number, fingerprint: string, input: ReviewInput): Promise<StoreOutcome> {
    return this.storage.withTransaction(async (tx): Promise<StoreOutcome> => {
      const row = await tx.reportById(reportId);
      if (!row) return { ok: false, code: 'not-found', message: `未找到编号为 ${reportId} 的报告` };
      if (!(await tx.hasFinding(reportId, fingerprint))) {
        return { ok: false, code: 'finding-not-found', message: `报告 ${reportId} 中没有标识为“${fingerprint}”的问题` };
      }
      await tx.upsertDecision({
        agencyId: row.agencyId,
        year: row.year,
        fingerprint,
        decision: input.decision,
        reason: input.reason,
        reportId,
        userId: input.userId,
        userName: input.userName,
        decidedAt: now(),
      });
      for (const id of await tx.versionIds(row.agencyId, row.year)) await this.reaudit(tx, id);
      return { ok: true };
    });
  }

  /** Withdraws the decision on a finding of a report (its points count again). */
  unreview(reportId: number, fingerprint: string): Promise<StoreOutcome> {
    return this.storage.withTransaction(async (tx): Promise<StoreOutcome> => {
      const row = await tx.reportById(reportId);
      if (!row) return { ok: false, code: 'not-found', message: `未找到编号为 ${reportId} 的报告` };
      if (!(await tx.deleteDecision(row.agencyId, row.year, fingerprint))) {
        return { ok: false, code: 'decision-not-found', message: `报告 ${reportId} 的问题“${fingerprint}”尚无审核意见` };
      }
      for (const id of await tx.versionIds(row.agencyId, row.year)) await this.reaudit(tx, id);
      return { ok: true };
    });
  }

  // ───────────────────────── cell corrections ─────────────────────────

  /**
   * A reviewer corrects the value of a cell as read (an OCR misreading), with who and why; `null`
   * withdraws the correction. The parsed cell stays as read; the correction overlays it in every
   * audit, so the report is re-audited now, and the next year's, whose history rules read this one.
   */
  correctCell(reportId: number, cell: string, input: CorrectionInput | null): Promise<StoreOutcome> {
    return this.storage.withTransaction(async (tx): Promise<StoreOutcome> => {
      const row = await tx.reportById(reportId);
      if (!row) return { ok: false, code: 'not-found', message: `未找到编号为 ${reportId} 的报告` };
      if (input) {
        if (!cellDef(templateFor(row.template, row.year), cell)) return { ok: false, code: 'cell-not-found', message: '该报告所用格式的统计表中没有这个单元格' };
        await tx.upsertCorrection({ reportId, cell, value: input.value, reason: input.reason, userId: input.userId, userName: input.userName, correctedAt: now() });
      } else if (!(await tx.deleteCorrection(reportId, cell))) {
        return { ok: false, code: 'correction-not-found', message: '该单元格没有更正，无需撤销' };
      }
      await this.reaudit(tx, reportId);
      const next = row.current ? await tx.currentReportId(row.agencyId, row.year + 1) : undefined;
      if (next !== undefined) await this.reaudit(tx, next);
      return { ok: true };
    });
  }

  // ───────────────────────── rescore ─────────────────────────

  /**
   * Re-audits every stored report (every version) from its stored model and text, after a rubric or
   * rule change. Reports are processed oldest year first so history rules see rescored predecessors.
   */
  async rescore(onProgress?: (done: number, total: number) => void): Promise<{ reports: number; changed: number }> {
    const ids = await this.storage.allReportIds();
    let changed = 0;
    const batch = 200;
    for (let i = 0; i < ids.length; i += batch) {
      await this.storage.withTransaction(async (tx) => {
        for (const id of ids.slice(i, i + batch)) if (await this.reaudit(tx, id)) changed++;
      });
      onProgress?.(Math.min(i + batch, ids.length), ids.length);
    }
    return { reports: ids.length, changed };
  }

  // ───────────────────────── agencies ─────────────────────────

  /** Another name for an agency (新余市文化广电新闻出版旅游局 for 新余市文广新旅局). */
  addAlias(agencyId: number, name: string): Promise<StoreOutcome> {
    const alias = normaliseName(name);
    return this.storage.withTransaction(async (tx): Promise<StoreOutcome> => {
      const id = await tx.canonicalAgency(agencyId);
      if (id === undefined) return { ok: false, code: 'not-found', message: `未找到编号为 ${agencyId} 的机关` };
      const existing = await tx.agencyOfAlias(alias);
      if (existing !== undefined && ((await tx.canonicalAgency(existing)) ?? existing) !== id) {
        return {
          ok: false,
          code: 'alias-taken',
          message: `名称“${name}”已属于另一机关（编号 ${existing}），如为同一机关请合并`,
        };
      }
      if (existing === undefined) await tx.insertAlias(alias, id);
      return { ok: true };
    });
  }

  /**
   * Merges agency `fromId` into `intoId` (two names that ingest split): its names, reports and review
   * decisions move, reports of the same year become versions ordered by ingest, and the audit is re-run.
   */
  mergeAgencies(intoId: number, fromId: number): Promise<{ ok: true; moved: number } | { ok: false; code: string; message: string }> {
    return this.storage.withTransaction(async (tx) => {
      const into = await tx.canonicalAgency(intoId);
      const from = await tx.canonicalAgency(fromId);
      if (into === undefined || from === undefined) {
        return { ok: false as const, code: 'not-found', message: `未找到要合并的机关（${intoId}、${fromId}）` };
      }
      if (into === from) return { ok: false as const, code: 'same-agency', message: '不能将机关与其自身合并' };
      const moved = await tx.agencyReportCount(from);
      await tx.moveAgency(from, into);
      for (const id of await tx.renumberVersions(into)) await this.reaudit(tx, id);
      return { ok: true as const, moved };
    });
  }
}

class OutOfScope extends Error {
  constructor(readonly result: IngestResult) {
    super(result.error!.message);
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

export type { Finding };
