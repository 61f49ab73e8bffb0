/**
 * `pnpm bench`: the product's figures at the scale of a province, on this machine.
 *
 *   ingest    a synthetic province (@nianbao/generator, `--reports`, text and HTML by default) ingested
 *             into a fresh SQLite database through the store (extract and parse in worker threads,
 *             audit and store on one writer): reports/s, CPU time, peak RSS, and the ratio to a baseline that
 *             only reads, decodes and inserts the same files' raw text, so that the figure means
 *             something on a noisy machine;
 *   api       latency (median, p95) and requests/s of the rankings, overview, trends and report routes of
 *             the real Fastify server on 127.0.0.1 with `--stored` reports in the database, under
 *             concurrent load from autocannon; rankings, overview and trends uncached (a settings row
 *             written through a second connection before each request, so the server keeps nothing
 *             across requests, as during an ingest). The ingested province is copied in SQL (every table
 *             keyed by report or agency, new ids, `（副本k）` names) until `--stored` rows are stored:
 *             the queries run over that many real rows, only the source files of the copies are empty;
 *   accuracy  precision and recall, per rule, of the findings the store holds for the ingested
 *             reports against the generator's truth manifest;
 *   formats   throughput of the per-file pipeline (extract + parse + audit, what the store runs for
 *             each file) on one core, per format: generated text, HTML and .docx, and the .pdf and .doc
 *             fixtures of packages/extract.
 *
 *   accuracy.pdf  the PDF stress set (scripts/bench-pdf.ts): `--pdf-reports` generated reports (2,000 by
 *             default; 0 leaves it out) printed by headless Chromium in five layouts, read back and scored
 *             against the truth: min precision and recall over the rules, the share of cells read right,
 *             the share of reports flagged `extract.uncertain`, per layout. Printed PDFs are cached in
 *             `--pdf-cache` (data/bench-pdf); `--pdf-reports N` with `--only accuracy,formats` runs just
 *             this and the per-format throughput (no ingest), whose `pdf` row then reads a sample of
 *             these PDFs and times the first PDF read in a fresh process.
 *
 *   pnpm bench [--json] [--reports N] [--stored N] [--seed S] [--formats text,html] [--pdf-reports N] [--pdf-cache DIR]
 *              [--only ingest,api,accuracy,formats,scanned] [--scanned N] [--dpi D[,D…]]
 *              [--connections N] [--duration S] [--seconds S]
 *              [--keep DIR [--reuse]] [--profile DIR] [--markdown FILE]
 *
 *   scanned   the scanned stress set (scripts/bench-ocr.ts): `--scanned N` generated reports printed,
 *             stamped, rasterised at `--dpi` with noise and a slight turn, read back by OCR: cells
 *             right %, per-rule precision, pages/s per core and peak RSS of the reading process.
 *
 * --keep DIR keeps the work files (the generated province, ingest.db, stored.db) in DIR; with
 * --reuse and `--only api`, the API is measured on DIR/stored.db as it is (no generation, ingest or
 * copies: the server applies pending migrations at start), to iterate on the read path.
 *
 * With --json, stdout carries exactly one JSON object; progress goes to stderr. Ingest, baseline,
 * formats and the API server each run in a child process, so that their RSS and CPU are their own;
 * --database-url postgres://… (issue 18) runs the ingest and API figures a second time on that
 * PostgreSQL database (it must be empty: the same files would come back unchanged), beside SQLite's
 * in the same run: the same province ingested, copied on the server in SQL (scripts/bench-pg.ts) to
 * the same `--stored`, served by the same API (as DATABASE_URL serves it: reports, reads and accounts
 * on PostgreSQL), the routes measured in turn on each engine. In --json `engines.sqlite.{ingest,api}`
 * and `engines.postgres.{ingest,api}`, the `api` ones with the fields of `api`; every other field
 * stays SQLite's. `--database-url test` starts a throwaway server (packages/db/src/pg/test-server.ts:
 * DATABASE_URL_TEST, or the machine's initdb) and removes it at the end.
 *
 * --profile DIR writes V8 CPU profiles of each child to DIR/<child>/ (the largest file is the main
 * thread's; open it in Chrome DevTools).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { copyOf } from './bench-copy';
import type { StoredFacts, StoredFigures } from './bench-pg';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reports: { type: 'string', default: '10000' },
    stored: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2026' },
    formats: { type: 'string', default: 'text,html' },
    only: { type: 'string', default: 'ingest,api,accuracy,formats,scanned' },
    scanned: { type: 'string', default: '3' },
    dpi: { type: 'string', default: '200' },
    connections: { type: 'string', default: '4' },
    duration: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '3' },
    keep: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    profile: { type: 'string' },
    markdown: { type: 'string' },
    'pdf-reports': { type: 'string' },
    'pdf-cache': { type: 'string' },
    'database-url': { type: 'string' },
    // internal: the child processes
    'pdf-files': { type: 'string' },
    file: { type: 'string' },
    child: { type: 'string' },
    dir: { type: 'string' },
    db: { type: 'string' },
  },
});

// stdout is for the result: whatever a library prints goes to stderr
if (values.json || values.child) {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}

const root = join(import.meta.dirname, '..');
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 1);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const say = (s: string) => console.error(s);
const TARGETS = { ingestPerSecond: 1000, peakRssMb: 512, rankingsP95Ms: 20, precision: 0.99, recall: 0.99 };

// ───────────────────────────── children ─────────────────────────────

const RESULT = '@@bench ';
const emit = (o: unknown) => process.stdout.write(RESULT + JSON.stringify(o) + '\n');

interface ManifestFile {
  seed: number;
  province: { code: string; name: string };
  years: number[];
  reports: import('@nianbao/generator').ManifestEntry[];
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestFile;

interface BaselineResult {
  reports: number;
  seconds: number;
  cpuSeconds: number;
  reportsPerSecond: number;
  peakRssMb: number;
}

/** Read, decode and insert the raw text, one transaction per file: the floor under any ingest. */
async function childBaseline(dir: string, dbPath: string): Promise<BaselineResult> {
  const { default: Database } = await import('better-sqlite3');
  const { decodeText } = await import('@nianbao/extract');
  const files = readManifest(dir).reports.map((r) => r.fileName);
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, file TEXT NOT NULL, text TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO raw (file, text) VALUES (?, ?)');
  const one = db.transaction((file: string, text: string) => insert.run(file, text));
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const file of files) one(file, decodeText(readFileSync(join(dir, file)), file).text);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return {
    reports: files.length,
    seconds: round(seconds, 3),
    cpuSeconds: round(cpuSeconds(cpu), 3),
    reportsPerSecond: Math.round(files.length / seconds),
    peakRssMb: peakRssMb(),
  };
}

interface IngestChildResult {
  reports: number;
  ingested: number;
  failed: number;
  failures: { file: string; error: unknown }[];
  seconds: number;
  cpuSeconds: number;
  reportsPerSecond: number;
  peakRssMb: number;
  /** Wall time spent on each format's files (the time from one result to the next). */
  /** Every tenth of the way: how throughput and memory evolve as the database grows. */
  progress: { reports: number; seconds: number; reportsPerSecond: number; rssMb: number; heapMb: number }[];
}

/**
 * The baseline on PostgreSQL: the same raw text inserted into a table of the database at `url`, one
 * transaction per file (three round trips each, as the SQLite baseline's one transaction per file).
 */
async function childBaselinePg(dir: string, url: string): Promise<BaselineResult> {
  // through @nianbao/db's pool (the root has no `pg` of its own); the migrations it applies are the
  // ingest's, which follows on the same database
  const { openPg } = await import('@nianbao/db/pg');
  const { decodeText } = await import('@nianbao/extract');
  const files = readManifest(dir).reports.map((r) => r.fileName);
  const pool = (await openPg(url, { max: 1 })).$client;
  const client = await pool.connect();
  await client.query('create table if not exists bench_raw (id serial primary key, file text not null, text text not null)');
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const file of files) {
    const text = decodeText(readFileSync(join(dir, file)), file).text;
    await client.query('begin');
    await client.query('insert into bench_raw (file, text) values ($1, $2)', [file, text]);
    await client.query('commit');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.query('drop table bench_raw');
  client.release();
  await pool.end();
  return {
    reports: files.length,
    seconds: round(seconds, 3),
    cpuSeconds: round(cpuSeconds(cpu), 3),
    reportsPerSecond: Math.round(files.length / seconds),
    peakRssMb: peakRssMb(),
  };
}

/** Ingest through the store into the SQLite file `dbPath`, or into PostgreSQL when `url` is given. */
async function childIngest(dir: string, dbPath: string, url?: string): Promise<IngestChildResult> {
  const { Store, defaultWorkers } = await import('@nianbao/core');
  const entries = readManifest(dir).reports;
  const storage = url ? await (await import('@nianbao/db/pg')).openStorage(url) : undefined;
  const store = new Store(storage ? { storage, workers: defaultWorkers() } : { path: dbPath, workers: defaultWorkers() });
  let ingested = 0;
  let done = 0;
  const failures: IngestChildResult['failures'] = [];
  const progress: IngestChildResult['progress'] = [];
  const step = Math.max(1, Math.ceil(entries.length / 10));
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let lastMark = { reports: 0, at: started };
  await store.ingest(
    (function* () {
      for (const e of entries) yield { name: e.fileName, bytes: readFileSync(join(dir, e.fileName)) };
    })(),
    (r) => {
      const now = process.hrtime.bigint();
      done++;
      if (r.status === 'failed') {
        if (failures.length < 20) failures.push({ file: r.file, error: r.error });
      } else ingested++;
      if (done % step === 0 || done === entries.length) {
        const seconds = Number(now - started) / 1e9;
        progress.push({
          reports: done,
          seconds: round(seconds, 2),
          reportsPerSecond: Math.round((done - lastMark.reports) / (Number(now - lastMark.at) / 1e9)),
          rssMb: mb(process.memoryUsage().rss),
          // the writer's JavaScript heap (the rest of the RSS: the workers, SQLite's page cache, code)
          heapMb: mb(process.memoryUsage().heapUsed),
        });
        lastMark = { reports: done, at: now };
        say(`  ingest … ${done}/${entries.length} (${progress.at(-1)!.reportsPerSecond}/s, RSS ${progress.at(-1)!.rssMb} MB)`);
      }
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuS = cpuSeconds(cpu);
  // the workers stopped and the storage closed (PostgreSQL's pool ended) before the figures go out
  await store.close();
  return {
    reports: entries.length,
    ingested,
    failed: done - ingested,
    failures,
    seconds: round(seconds, 3),
    cpuSeconds: round(cpuS, 2),
    reportsPerSecond: Math.round(entries.length / seconds),
    peakRssMb: peakRssMb(),
    progress,
  };
}

/** Extract and parse apart, per format: CPU ms per report on one core (what the workers do per file). */
type AnalysisFigures = Record<string, { files: number; extractMs: number; parseMs: number }>;

/** Up to `sample` files of each format of the province, read once to warm up, then timed. */
async function childAnalysis(dir: string, sample = 100): Promise<AnalysisFigures> {
  const { extract, metaFromFileName } = await import('@nianbao/extract');
  const { parse } = await import('@nianbao/parser');
  const byFormat = new Map<string, { name: string; bytes: Uint8Array }[]>();
  for (const e of readManifest(dir).reports) {
    const format = e.fileName.split('.').pop()!;
    const files = byFormat.get(format) ?? [];
    if (files.length < sample) files.push({ name: e.fileName, bytes: readFileSync(join(dir, e.fileName)) });
    byFormat.set(format, files);
  }
  const out: AnalysisFigures = {};
  for (const [format, files] of byFormat) {
    let extractUs = 0;
    let parseUs = 0;
    for (const timed of [false, true]) {
      for (const f of files) {
        const a = process.cpuUsage();
        const doc = await extract(f.bytes, f.name);
        const b = process.cpuUsage();
        parse(doc, { file: f.name, sha256: '', overrides: {}, fromFileName: metaFromFileName(f.name) });
        const c = process.cpuUsage();
        if (!timed) continue;
        extractUs += b.user + b.system - a.user - a.system;
        parseUs += c.user + c.system - b.user - b.system;
      }
    }
    out[format] = { files: files.length, extractMs: round(extractUs / 1000 / files.length), parseMs: round(parseUs / 1000 / files.length) };
  }
  return out;
}

/** The API server on the SQLite file `dbPath`, or on PostgreSQL (reports, reads and accounts) when `url` is given. */
async function childServe(dbPath: string, url?: string) {
  const { Store } = await import('@nianbao/core');
  const { buildApp } = await import('@nianbao/api');
  // as apps/api/src/server.ts builds it for DATABASE_URL
  const pg = url ? await import('@nianbao/db/pg') : null;
  const store = pg ? new Store({ storage: await pg.openStorage(url) }) : new Store({ path: dbPath });
  const accounts = pg ? await pg.openAccounts(url) : undefined;
  const app = await buildApp({ store, accounts, webRoot: null, logger: false, checkResponses: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  emit({ port: address.port });
  process.on('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
  await new Promise(() => {});
}

interface FormatFigures {
  source: string;
  documents: number;
  averageKb: number;
  /** extract + parse + audit (what the store runs per file), per wall second and per CPU second. */
  reportsPerSecond: number;
  reportsPerCpuSecond: number;
  /** extract alone (decode, layout, tables). */
  extractPerSecond: number;
  failed: { file: string; error: string }[];
  /** The same as `reportsPerCpuSecond`: one core's throughput (issue 12's name for it). */
  reportsPerSecondPerCore?: number;
  /** PDF: average pages per file; ms a fresh `node dist/main.js audit` takes for one PDF, start to exit. */
  averagePages?: number;
  firstReadMs?: number;
}

/**
 * The first PDF in a fresh process, as the product reads it: the command line bundled as `npm start`
 * builds it (build.mjs's `bundle`, into a scratch folder, as dist/ may be serving), and
 * `node main.js audit FILE` timed from its spawn to its exit — Node's start, our modules, pdf.js in
 * its thread, the read, parse and audit. Until 2026-12-05 this was `extract` in a tsx process, which
 * compiles the workspace's TypeScript at run time: half a second or more the product never pays.
 */
async function childFirstPdf(file: string): Promise<{ firstReadMs: number }> {
  const { bundle } = await import('./build.mjs');
  const out = mkdtempSync(join(tmpdir(), 'nianbao-first-pdf-'));
  try {
    await bundle({ main: join(root, 'apps/cli/src/main.ts') }, out);
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(out, 'main.js'), 'audit', file], { encoding: 'utf8' });
    const firstReadMs = Math.round(performance.now() - started);
    if (run.status !== 0) throw new Error(`audit ${file} exited with ${run.status}: ${run.stdout}${run.stderr}`);
    return { firstReadMs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Per-format throughput of the per-file pipeline on one core, `seconds` per measure. */
async function childFormats(seconds: number, seed: number, pdfFiles: string[]): Promise<Record<string, FormatFigures>> {
  const { analyze } = await import('@nianbao/audit');
  const { extract } = await import('@nianbao/extract');
  const { generateProvince } = await import('@nianbao/generator');
  const p = generateProvince({ seed, agencies: 20, years: 3, formats: ['text', 'html', 'docx'] });
  const sets: Record<string, { source: string; files: { name: string; bytes: Uint8Array }[] }> = {};
  for (const f of ['text', 'html', 'docx'] as const) {
    sets[f] = { source: 'generated', files: p.reports.filter((r) => r.format === f).map((r) => ({ name: r.fileName, bytes: r.bytes })) };
  }
  const fixtures = join(root, 'packages/extract/fixtures');
  for (const ext of ['pdf', 'doc']) {
    const names = existsSync(fixtures) ? readdirSync(fixtures).filter((n) => n.endsWith(`.${ext}`)) : [];
    sets[ext] = { source: 'packages/extract/fixtures', files: names.map((n) => ({ name: n, bytes: readFileSync(join(fixtures, n)) })) };
  }
  // the PDF stress set's reports (generated, printed by Chromium in each layout), where it ran
  if (pdfFiles.length) {
    sets.pdf = { source: 'generated, printed by Chromium', files: pdfFiles.map((f) => ({ name: f.split('/').pop()!, bytes: readFileSync(f) })) };
  }
  const out: Record<string, FormatFigures> = {};
  for (const [format, set] of Object.entries(sets)) {
    const failed: FormatFigures['failed'] = [];
    const files: { name: string; bytes: Uint8Array }[] = [];
    for (const file of set.files) {
      const a = await analyze(file.bytes, file.name).catch((e: Error) => ({ error: { message: e.message } }));
      if ('error' in a) failed.push({ file: file.name, error: a.error.message });
      else files.push(file);
    }
    if (!files.length) {
      out[format] = { source: set.source, documents: 0, averageKb: 0, reportsPerSecond: 0, reportsPerCpuSecond: 0, extractPerSecond: 0, failed };
      continue;
    }
    const measure = async (fn: (f: (typeof files)[number]) => Promise<unknown>) => {
      for (const f of files) await fn(f); // warm up
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const budget = BigInt(Math.round(seconds * 1e9));
      let n = 0;
      while (process.hrtime.bigint() - started < budget) {
        for (const f of files) await fn(f);
        n += files.length;
      }
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      return { perSecond: Math.round(n / wall), perCpuSecond: Math.round(n / cpuSeconds(cpu)) };
    };
    const full = await measure((f) => analyze(f.bytes, f.name));
    const ex = await measure((f) => extract(f.bytes, f.name));
    out[format] = {
      source: set.source,
      documents: files.length,
      averageKb: round(files.reduce((s, f) => s + f.bytes.length, 0) / files.length / 1024, 1),
      reportsPerSecond: full.perSecond,
      reportsPerCpuSecond: full.perCpuSecond,
      extractPerSecond: ex.perSecond,
      failed,
      reportsPerSecondPerCore: full.perCpuSecond,
    };
    say(`  ${format.padEnd(5)} ${String(full.perSecond).padStart(6)} reports/s (${full.perCpuSecond}/CPU-s), extract alone ${ex.perSecond}/s`);
  }
  return out;
}

if (values.child) {
  const children: Record<string, () => Promise<unknown>> = {
    baseline: () => childBaseline(values.dir!, values.db!),
    ingest: () => childIngest(values.dir!, values.db!, values['database-url']),
    'baseline-pg': () => childBaselinePg(values.dir!, values['database-url']!),
    analysis: () => childAnalysis(values.dir!),
    formats: () => childFormats(Number(values.seconds), Number(values.seed), values['pdf-files'] ? values['pdf-files'].split(',') : []),
    'first-pdf': () => childFirstPdf(values.file!),
  };
  const run = (children[values.child] ?? (() => childServe(values.db!, values['database-url'])))();
  run.then(
    (r) => {
      emit(r);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  await main();
}

/**
 * Runs this script as a child; resolves with the first result it emits (the serve child keeps
 * running: kill `proc`). Its other output goes to stderr.
 */
function child<T>(args: string[]): Promise<{ result: T; proc: ChildProcess }> {
  // one directory per child: tsx's loader thread writes a profile of its own beside the main thread's
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(values.profile, args[1]!)}`] : [];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...profile, ...process.execArgv, import.meta.filename, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let done = false;
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith(RESULT)) {
          if (line.trim()) process.stderr.write(line + '\n');
          continue;
        }
        if (!done) {
          done = true;
          resolve({ result: JSON.parse(line.slice(RESULT.length)) as T, proc });
        }
      }
    });
    proc.on('exit', (code) => {
      if (!done) reject(new Error(`child ${args.slice(0, 2).join(' ')} exited with ${code}`));
    });
  });
}

// ───────────────────────────── the province ─────────────────────────────

/** Writes `reports` generated reports and their manifest to `dir` (agencies × years, year by year). */
async function writeProvince(dir: string, reports: number, seed: number, formats: string[]) {
  const { iterateProvince, manifestEntry } = await import('@nianbao/generator');
  const years = 7;
  const agencies = Math.ceil(reports / years);
  // a province large enough for the number of agencies asked (江西 holds ~7,600, 四川 ~14,000)
  const province = agencies <= 7000 ? '36' : agencies <= 13500 ? '51' : '41';
  const p = iterateProvince({ seed, agencies, years, formats: formats as never, province });
  mkdirSync(dir, { recursive: true });
  const entries: import('@nianbao/generator').ManifestEntry[] = [];
  let bytes = 0;
  for (const r of p.reports) {
    if (entries.length >= reports) break;
    writeFileSync(join(dir, r.fileName), r.bytes);
    entries.push(manifestEntry(r));
    bytes += r.bytes.length;
  }
  const manifest: ManifestFile = { seed, province: p.province, years: p.years, reports: entries };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { reports: entries.length, agencies: p.agencies.length, years: p.years, province: p.province.name, averageKb: round(bytes / entries.length / 1024, 1) };
}

// ───────────────────────────── accuracy ─────────────────────────────

type Accuracy = import('@nianbao/generator/accuracy').Accuracy;
/** The generator's accuracy figures, from the store or from the audit alone, with examples lighter than its own. */
interface AccuracyFigures extends Pick<Accuracy, 'reports' | 'perRule' | 'minPrecision' | 'minRecall'> {
  source: 'store' | 'audit';
  examples: Record<string, Pick<Accuracy['examples'][string][number], 'fileName' | 'kind'>[]>;
  failed: number;
}

/** The findings stored for each ingested report against the truth manifest. */
async function storedAccuracy(dbPath: string, dir: string): Promise<AccuracyFigures> {
  const { default: Database } = await import('better-sqlite3');
  const manifest = readManifest(dir);
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare('SELECT r.file_name AS file, f.rule AS rule FROM reports r LEFT JOIN findings f ON f.report_id = r.id WHERE r.current = 1')
    .all() as { file: string; rule: string | null }[];
  db.close();
  const found = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = found.get(r.file) ?? new Set<string>();
    if (r.rule) set.add(r.rule);
    found.set(r.file, set);
  }
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const examples: AccuracyFigures['examples'] = {};
  let failed = 0;
  for (const e of manifest.reports) {
    const got = found.get(e.fileName);
    if (!got) failed++;
    const truth = new Set(e.truth.rules);
    for (const rule of new Set([...(got ?? []), ...truth])) {
      let c = counts.get(rule);
      if (!c) counts.set(rule, (c = { tp: 0, fp: 0, fn: 0 }));
      const kind = got?.has(rule) && truth.has(rule) ? 'tp' : got?.has(rule) ? 'fp' : 'fn';
      c[kind]++;
      if (kind !== 'tp' && (examples[rule] ??= []).length < 5) examples[rule]!.push({ fileName: e.fileName, kind });
    }
  }
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const perRule: AccuracyFigures['perRule'] = {};
  for (const [rule, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perRule[rule] = { precision: c.tp + c.fp ? r4(c.tp / (c.tp + c.fp)) : 1, recall: c.tp + c.fn ? r4(c.tp / (c.tp + c.fn)) : 1, ...c };
  }
  const v = Object.values(perRule);
  return {
    source: 'store',
    reports: manifest.reports.length,
    perRule,
    minPrecision: v.length ? Math.min(...v.map((x) => x.precision)) : 1,
    minRecall: v.length ? Math.min(...v.map((x) => x.recall)) : 1,
    examples,
    failed,
  };
}

/** Without a store: the audit package's own pipeline over the same reports (@nianbao/generator/accuracy). */
async function auditAccuracy(reports: number, seed: number, formats: string[]): Promise<AccuracyFigures> {
  const { iterateProvince } = await import('@nianbao/generator');
  const { AccuracyMeter } = await import('@nianbao/generator/accuracy');
  const years = 7;
  const agencies = Math.ceil(reports / years);
  const province = agencies <= 7000 ? '36' : agencies <= 13500 ? '51' : '41';
  const p = iterateProvince({ seed, agencies, years, formats: formats as never, province });
  const meter = new AccuracyMeter();
  let n = 0;
  for (const r of p.reports) {
    if (n++ >= reports) break;
    await meter.add(r);
  }
  const a = meter.result();
  return {
    source: 'audit',
    reports: a.reports,
    perRule: a.perRule,
    minPrecision: a.minPrecision,
    minRecall: a.minRecall,
    examples: Object.fromEntries(Object.entries(a.examples).map(([k, v]) => [k, v.map((x) => ({ fileName: x.fileName, kind: x.kind }))])),
    failed: a.errors.length,
  };
}

// ───────────────────────────── a province-sized store ─────────────────────────────

/**
 * Copies the ingested reports in SQL until `target` reports are stored: every table keyed by report
 * (cells, findings, bands, rule counts …) or by agency is copied with new ids; agencies and their
 * aliases get a `（副本k）` suffix; the copies' source rows keep their size but not their bytes.
 */
async function replicate(src: string, dest: string, target: number): Promise<StoredFigures> {
  const { default: Database } = await import('better-sqlite3');
  rmSync(dest, { force: true });
  const from = new Database(src);
  await from.backup(dest);
  from.close();
  const db = new Database(dest);
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  const one = <T>(q: string) => db.prepare(q).get() as T;
  const base = one<{ n: number }>('SELECT count(*) AS n FROM reports').n;
  const maxR = one<{ n: number }>('SELECT max(id) AS n FROM reports').n;
  const maxA = one<{ n: number }>('SELECT max(id) AS n FROM agencies').n;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  const columns = (t: string) => db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; pk: number }[];
  const started = Date.now();
  /** Tables neither keyed by report nor by agency, left as they are (regions, settings, accounts …). */
  const skipped: string[] = [];
  let stored = base;
  for (let k = 1; stored < target && base > 0; k++) {
    const take = Math.min(base, target - stored);
    const lastId = one<{ id: number }>(`SELECT id FROM reports ORDER BY id LIMIT 1 OFFSET ${take - 1}`).id;
    const offR = k * maxR;
    const offA = k * maxA;
    const statements: string[] = [];
    for (const t of tables) {
      const cols = columns(t);
      const names = cols.map((c) => c.name);
      const rowid = (c: { name: string; type: string; pk: number }) => c.pk === 1 && c.name === 'id' && /int/i.test(c.type) && cols.filter((x) => x.pk).length === 1;
      const copy = copyOf(t, names, { k, offR, offA, maxA, lastId, emptyBytes: `x''` });
      if (!copy) {
        if (k === 1) skipped.push(t);
        continue;
      }
      const { subst, where } = copy;
      for (const c of cols) if (rowid(c) && !(c.name in subst)) subst[c.name] = 'NULL';
      const list = names.map((n) => `"${n}"`).join(', ');
      const select = names.map((n) => subst[n] ?? `"${n}"`).join(', ');
      statements.push(`INSERT INTO "${t}" (${list}) SELECT ${select} FROM "${t}" WHERE ${where}`);
    }
    db.transaction(() => {
      for (const s of statements) db.exec(s);
    })();
    stored += take;
    say(`  stored ${stored} reports (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const agencies = one<{ n: number }>('SELECT count(*) AS n FROM agencies').n;
  const cells = tables.includes('cells') ? one<{ n: number }>('SELECT count(*) AS n FROM cells').n : null;
  db.close();
  return { reports: stored, agencies, cells, seconds: round((Date.now() - started) / 1000, 1), databaseMb: mb(statSync(dest).size), skippedTables: skipped };
}

/**
 * Database bytes per report but its original file and text (the `sources` table and its index), by
 * SQLite's `dbstat` (pages in use, b-tree overhead and free space within them included), per table and
 * index as well, so that what a report costs can be traced to where.
 */
async function storeBytes(path: string): Promise<StoreFigures> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true });
  try {
    const reports = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const sources = new Set((db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'sources'").all() as { name: string }[]).map((r) => r.name));
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as { name: string; bytes: number }[];
    const kept = rows.filter((r) => !sources.has(r.name));
    const total = kept.reduce((n, r) => n + r.bytes, 0);
    const per = (bytes: number) => (reports ? Math.round(bytes / reports) : 0);
    return { reports, bytesPerReport: per(total), tables: Object.fromEntries(kept.map((r) => [r.name, per(r.bytes)])) };
  } finally {
    db.close();
  }
}

/** What `replicate` reports, of a database it built in an earlier run (--reuse). */
async function storedFigures(path: string): Promise<StoredFigures> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true });
  const one = (q: string) => (db.prepare(q).get() as { n: number }).n;
  const hasCells = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'cells'").get();
  const figures = { reports: one('SELECT count(*) AS n FROM reports'), agencies: one('SELECT count(*) AS n FROM agencies'), cells: hasCells ? one('SELECT count(*) AS n FROM cells') : null };
  db.close();
  return { ...figures, seconds: 0, databaseMb: mb(statSync(path).size), skippedTables: [] };
}

interface RouteFigures {
  paths: string[];
  p50Ms: number;
  p95Ms: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Load-tests the paths; with `write`, it runs before each request is sent (a settings row written
 * through a second connection), so the server's kept answers are dropped and the route is measured
 * uncached, as during an ingest. The write blocks the load generator, not the server's clock.
 */
async function loadTest(port: number, paths: string[], connections: number, duration: number, write?: () => void): Promise<RouteFigures> {
  const { default: autocannon } = await import('autocannon');
  const setupRequest = write && (<R>(request: R) => (write(), request));
  const fire = (seconds: number, times: number[] | null) =>
    new Promise<{ non2xx: number; errors: number; timeouts: number; duration: number }>((resolve, reject) => {
      const instance = autocannon(
        { url: `http://127.0.0.1:${port}`, connections, duration: seconds, requests: paths.map((path) => ({ method: 'GET', path, ...(setupRequest && { setupRequest }) })) },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      if (times) instance.on('response', (_c, _s, _b, ms) => times.push(ms));
    });
  await fire(Math.min(2, duration), null); // warm up: JIT, statement cache, SQLite page cache
  const times: number[] = [];
  const result = await fire(duration, times);
  times.sort((a, b) => a - b);
  const q = (p: number) => round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN, 2);
  return {
    paths: paths.length > 3 ? [...paths.slice(0, 3), `… ${paths.length} paths`] : paths,
    p50Ms: q(0.5),
    p95Ms: q(0.95),
    rps: Math.round(times.length / result.duration),
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * A write on PostgreSQL that drops what the server keeps: the change-version row bumped as a write
 * of PgStorage bumps it. autocannon's request hook cannot wait, so a worker thread holds the
 * connection and this thread waits on it (one round trip; spawning psql per request stalled the
 * load generator for longer than the routes took, and counted that in their latency). `close` ends it.
 */
function pgWrite(url: string): { write: () => void; close: () => Promise<number> } {
  const flag = new Int32Array(new SharedArrayBuffer(8)); // [done, failed]
  const code = `
    const { workerData, parentPort } = require('node:worker_threads');
    const { Client } = require(workerData.pg);
    const flag = new Int32Array(workerData.flag);
    const done = (failed) => { if (failed) Atomics.store(flag, 1, 1); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
    const client = new Client({ connectionString: workerData.url });
    const ready = client.connect();
    parentPort.on('message', () => ready.then(() => client.query(workerData.bump)).then(() => done(false), () => done(true)));
    parentPort.once('close', () => client.end());`;
  const bump = `insert into settings (key, value) values ('changeVersion', '1')
    on conflict (key) do update set value = (settings.value::bigint + 1)::text`;
  const pg = createRequire(join(process.cwd(), 'packages/db/package.json')).resolve('pg');
  const worker = new Worker(code, { eval: true, workerData: { url, pg, bump, flag: flag.buffer } });
  return {
    write: () => {
      Atomics.store(flag, 0, 0);
      worker.postMessage(0);
      if (Atomics.wait(flag, 0, 0, 10_000) === 'timed-out' || Atomics.load(flag, 1)) throw new Error('the change-version write on PostgreSQL failed');
    },
    close: () => worker.terminate(),
  };
}

/** Peak RSS of a running child (Linux: VmHWM), null elsewhere. */
function childPeakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

// ───────────────────────────── main ─────────────────────────────

interface IngestFigures {
  reports: number;
  seconds: number;
  reportsPerSecond: number;
  baselineRatio: number;
  peakRssMb: number;
  formats: string[];
  ingested: number;
  failed: number;
  failures: IngestChildResult['failures'];
  cpuSeconds: number;
  reportsPerCpuSecond: number;
  averageKb: number;
  progress: IngestChildResult['progress'];
  baseline: BaselineResult;
  /** Extract and parse apart, CPU ms per report on one core, per format (a sample of the province). */
  analysis?: AnalysisFigures;
}

interface ApiFigures {
  storedReports: number;
  rankings: RouteFigures;
  overview: RouteFigures;
  trends: RouteFigures;
  report: RouteFigures;
  rankingsOneConnection: RouteFigures;
  connections: number;
  durationSeconds: number;
  rankedInYear: number;
  year: number;
  serverPeakRssMb: number | null;
  store: StoredFigures;
}

type ApiError = { storedReports: null; rankings: null; overview: null; trends: null; report: null; error: string };

/** One engine's ingest figure (`engines.<engine>.ingest` in --json). */
interface EngineIngest {
  reports: number;
  seconds: number | null;
  reportsPerSecond: number | null;
  /** Ingest over the same engine's baseline (raw text inserted, one transaction per file). */
  baselineRatio: number | null;
  peakRssMb: number | null;
  baselineReportsPerSecond?: number;
  cpuSeconds?: number;
  failed?: number;
  error?: string;
}

interface Engines {
  sqlite: { ingest: EngineIngest; api: ApiFigures | ApiError | null };
  postgres: { ingest: EngineIngest; api: ApiFigures | ApiError | null };
}

interface StoreFigures {
  reports: number;
  /** Bytes of database per report but the original files and their text (`sources`). */
  bytesPerReport: number;
  /** The same per table and index, largest first. */
  tables: Record<string, number>;
}

interface Output {
  /**
   * With --database-url: each engine's figures side by side, the API's under the same names as `api`
   * (`engines.sqlite.api` is `api`); null where not measured (no `api` in --only).
   */
  engines?: Engines;
  ingest?: IngestFigures | { reports: number; seconds: null; reportsPerSecond: null; baselineRatio: null; peakRssMb: null; error: string };
  api?: ApiFigures | ApiError;
  accuracy?: (AccuracyFigures | Record<never, never>) & { pdf?: import('./bench-pdf').PdfStressFigures };
  formats?: Record<string, FormatFigures>;
  scanned?: import('./bench-ocr').ScannedResult;
  /** Of the ingested province's database (or, with --reuse, of the kept stored.db). */
  store?: StoreFigures;
  machine?: ReturnType<typeof machine> & { loadAverageAtEnd: number[]; totalSeconds: number };
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    freeMemoryGb: round(freemem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => round(l, 2)),
    date: new Date().toISOString(),
  };
}

async function main() {
  const only = new Set(values.only.split(',').map((s) => s.trim()));
  const reports = Number(values.reports);
  const stored = Number(values.stored);
  const seed = Number(values.seed);
  const formats = values.formats.split(',').map((s) => s.trim());
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const work = values.keep ?? mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  mkdirSync(work, { recursive: true });
  if (values.profile) mkdirSync(values.profile, { recursive: true });
  const out: Output = {};
  const started = Date.now();
  const m = machine();
  const pdfReports = values['pdf-reports'] !== undefined ? Number(values['pdf-reports']) : 2000;
  // --pdf-reports N without ingest or api: the PDF stress set alone stands for accuracy
  const pdfOnly = values['pdf-reports'] !== undefined && !only.has('ingest') && !only.has('api');
  say(`nianbao bench: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, node ${m.node}, load ${m.loadAverage.join(' ')}`);

  let ingestDb: string | null = null;
  const dir = join(work, 'province');
  // --reuse: the API alone, on the stored.db a previous run kept
  const reuse = values.reuse && values.keep !== undefined && only.size === 1 && only.has('api') && existsSync(join(work, 'stored.db'));
  if (values.reuse && !reuse) say('--reuse needs --keep DIR with a stored.db from a previous run and --only api: building it');
  // --database-url: PostgreSQL beside SQLite, from the ingest to the API's figures
  if (values['database-url'] !== undefined && reuse) say('--reuse measures the kept SQLite stored.db alone: PostgreSQL is left out');
  const pg = values['database-url'] !== undefined && !reuse && (only.has('ingest') || only.has('api')) ? await startPostgres(values['database-url']) : null;
  try {
    if (!reuse && (only.has('ingest') || (only.has('accuracy') && !pdfOnly) || only.has('api'))) {
      say(`generating ${reports} reports (${formats.join(', ')}) …`);
      const t = Date.now();
      const gen = await writeProvince(dir, reports, seed, formats);
      say(`  ${gen.reports} reports of ${gen.agencies} agencies of ${gen.province}, ${gen.years[0]}–${gen.years.at(-1)}, ${gen.averageKb} KB on average (${round((Date.now() - t) / 1000, 1)} s)`);
      say('baseline: read, decode and insert the raw text …');
      const { result: baseline } = await child<BaselineResult>(['--child', 'baseline', '--dir', dir, '--db', join(work, 'baseline.db')]);
      say(`  ${baseline.reportsPerSecond} reports/s, peak RSS ${baseline.peakRssMb} MB`);
      say('ingest through the store …');
      ingestDb = join(work, 'ingest.db');
      rmSync(ingestDb, { force: true });
      try {
        const { result: ingest } = await child<IngestChildResult>(['--child', 'ingest', '--dir', dir, '--db', ingestDb]);
        out.ingest = {
          reports: ingest.reports,
          seconds: ingest.seconds,
          reportsPerSecond: ingest.reportsPerSecond,
          baselineRatio: round(ingest.reportsPerSecond / baseline.reportsPerSecond, 4),
          peakRssMb: ingest.peakRssMb,
          formats,
          ingested: ingest.ingested,
          failed: ingest.failed,
          failures: ingest.failures.slice(0, 5),
          cpuSeconds: ingest.cpuSeconds,
          reportsPerCpuSecond: Math.round(ingest.reports / ingest.cpuSeconds),
          averageKb: gen.averageKb,
          progress: ingest.progress,
          baseline,
        };
        say(`  ${ingest.reportsPerSecond} reports/s (${ingest.reports} in ${ingest.seconds} s, ${ingest.failed} failed), peak RSS ${ingest.peakRssMb} MB`);
        const { result: analysis } = await child<AnalysisFigures>(['--child', 'analysis', '--dir', dir]);
        out.ingest.analysis = analysis;
        say(`  extract + parse per report, one core: ${analysisLine(analysis)}`);
        if (ingest.failed) say(`  first failures: ${JSON.stringify(ingest.failures.slice(0, 3))}`);
        out.store = await storeBytes(ingestDb);
        say(`  ${out.store.bytesPerReport} bytes of database per report besides its file and text: ${JSON.stringify(out.store.tables)}`);
      } catch (e) {
        say(`  ingest failed: ${(e as Error).message}`);
        out.ingest = { reports: gen.reports, seconds: null, reportsPerSecond: null, baselineRatio: null, peakRssMb: null, error: (e as Error).message };
        ingestDb = null;
      }
      if (pg) out.engines = { sqlite: { ingest: engineIngest(out.ingest!), api: null }, postgres: { ingest: await postgresIngest(pg, dir), api: null } };
    }

    if (only.has('api')) {
      if (ingestDb || reuse) {
        const dbPath = join(work, 'stored.db');
        if (!reuse) say(`storing ${stored} reports (copies of the ingested province) …`);
        const rep = reuse ? await storedFigures(dbPath) : await replicate(ingestDb!, dbPath, stored);
        if (reuse) out.store = await storeBytes(dbPath);
        say(`  ${rep.reports} reports of ${rep.agencies} agencies, ${rep.cells === null ? '' : `${rep.cells} cell rows, `}${rep.databaseMb} MB (${rep.seconds} s); not copied: ${rep.skippedTables.join(', ')}`);
        const { replicatePg, storedFactsPg, storedFactsSqlite } = await import('./bench-pg');
        const { default: Database } = await import('better-sqlite3');
        const writer = new Database(dbPath);
        writer.pragma('busy_timeout = 5000');
        const touch = writer.prepare(
          `insert into settings (key, value) values ('benchWrite', ?) on conflict (key) do update set value = excluded.value`,
        );
        let writes = 0;
        const closers: (() => Promise<unknown>)[] = [async () => writer.close()];
        const targets: ApiTarget[] = [
          { engine: 'SQLite', serve: ['--db', dbPath], write: () => touch.run(String(++writes)), store: rep, facts: await storedFactsSqlite(dbPath) },
        ];
        const engines = out.engines;
        if (engines && pg && 'url' in pg && engines.postgres.ingest.reportsPerSecond !== null) {
          try {
            say(`storing ${stored} reports on PostgreSQL (copies of the ingested province, in SQL on the server) …`);
            const pgRep = await replicatePg(pg.url, stored, say);
            say(`  ${pgRep.reports} reports of ${pgRep.agencies} agencies, ${pgRep.cells === null ? '' : `${pgRep.cells} cell rows, `}${pgRep.databaseMb} MB (${pgRep.seconds} s); not copied: ${pgRep.skippedTables.join(', ')}`);
            const pgWriter = pgWrite(pg.url);
            closers.push(pgWriter.close);
            targets.push({ engine: 'PostgreSQL', serve: ['--database-url', pg.url], write: pgWriter.write, store: pgRep, facts: await storedFactsPg(pg.url) });
          } catch (e) {
            say(`  PostgreSQL store failed: ${(e as Error).message}`);
            engines.postgres.api = apiError((e as Error).message);
          }
        } else if (engines) engines.postgres.api = apiError('no store ingested on PostgreSQL to copy');
        const [sqliteApi, pgApi] = await measureApi(targets, connections, duration).finally(() => Promise.all(closers.map((close) => close())));
        out.api = sqliteApi;
        if (engines) {
          engines.sqlite.api = sqliteApi!;
          if (pgApi) engines.postgres.api = pgApi;
        }
      } else {
        out.api = apiError('no ingested store to copy');
        if (out.engines) out.engines.sqlite.api = out.engines.postgres.api = out.api;
      }
    }
  } finally {
    if (pg && 'stop' in pg) await pg.stop?.();
  }

  let pdfSample: string[] = [];
  if (only.has('accuracy')) {
    if (!pdfOnly) {
      say(`accuracy of the findings against the truth …`);
      const a = ingestDb ? await storedAccuracy(ingestDb, dir) : await auditAccuracy(reports, seed, formats);
      out.accuracy = a;
      say(`  min precision ${a.minPrecision}, min recall ${a.minRecall} over ${a.reports} reports (${a.source})`);
    }
    if (pdfReports > 0) {
      say(`PDF stress set: ${pdfReports} generated reports printed in every layout, read back against the truth …`);
      const { pdfStress } = await import('./bench-pdf');
      const pdf = await pdfStress({ reports: pdfReports, seed, cacheDir: values['pdf-cache'] ?? join(root, 'data/bench-pdf'), say });
      out.accuracy = { ...(out.accuracy ?? {}), pdf };
      pdfSample = pdf.sample;
      say(`  min precision ${pdf.minPrecision}, min recall ${pdf.minRecall}, cells ${pdf.cellAccuracy}, uncertain ${pdf.uncertainRate} over ${pdf.reports} PDFs (printed ${pdf.printedNow} in ${pdf.printSeconds} s, read in ${pdf.readSeconds} s)`);
    }
  }

  if (only.has('formats')) {
    say(`per-format throughput of extract + parse + audit on one core (${values.seconds} s each) …`);
    const pdfFiles = pdfSample.length ? ['--pdf-files', pdfSample.join(',')] : [];
    const { result } = await child<Record<string, FormatFigures>>(['--child', 'formats', '--seconds', values.seconds, '--seed', values.seed, ...pdfFiles]);
    out.formats = result;
    const firstPdf = pdfSample[0] ?? join(root, 'packages/extract/fixtures/004_52ba3b16510502cd.pdf');
    if (result.pdf && existsSync(firstPdf)) {
      const { result: first } = await child<{ firstReadMs: number }>(['--child', 'first-pdf', '--file', firstPdf]);
      result.pdf.firstReadMs = first.firstReadMs;
      if (pdfSample.length && out.accuracy?.pdf) result.pdf.averagePages = out.accuracy.pdf.averagePages;
      say(`  pdf: first PDF in a fresh process (the built CLI's audit, start to exit) read in ${first.firstReadMs} ms`);
    }
  }

  if (only.has('scanned')) {
    const { scannedStress } = await import('./bench-ocr');
    out.scanned = await scannedStress({ reports: Number(values.scanned), seed: Number(values.seed), dpi: values.dpi.split(',').map(Number), engine: 'paddle' });
    const sc = out.scanned;
    say(`  scanned: ${sc.cellsRightPct} % of cells right, min precision ${sc.minPrecision}, ${sc.pagesPerSecondPerCore} pages/s per core, peak RSS ${sc.peakRssMb} MB`);
  }

  out.machine = { ...m, loadAverageAtEnd: loadavg().map((l) => round(l, 2)), totalSeconds: round((Date.now() - started) / 1000, 1) };
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  if (values.json) process.stdout.write(JSON.stringify(out) + '\n');
  else process.stdout.write(readable(out));
  if (values.markdown) {
    scannedModule = await import('./bench-ocr');
    writeFileSync(values.markdown, markdown(out, process.argv.slice(2).filter((a) => a !== '--json')));
    say(`figures written to ${values.markdown}`);
  }
}

// functions, not constants: main() runs at the top level before the constants below it are set
function apiError(error: string): ApiError {
  return { storedReports: null, rankings: null, overview: null, trends: null, report: null, error };
}

function engineIngest(i: NonNullable<Output['ingest']>): EngineIngest {
  return 'error' in i
    ? { reports: i.reports, seconds: null, reportsPerSecond: null, baselineRatio: null, peakRssMb: null, error: i.error }
    : {
        reports: i.reports,
        seconds: i.seconds,
        reportsPerSecond: i.reportsPerSecond,
        baselineRatio: i.baselineRatio,
        peakRssMb: i.peakRssMb,
        baselineReportsPerSecond: i.baseline.reportsPerSecond,
        cpuSeconds: i.cpuSeconds,
        failed: i.failed,
      };
}

/** The PostgreSQL database of --database-url, or a throwaway server's for `test` (`stop` removes it). */
async function startPostgres(url: string): Promise<{ url: string; stop?: () => Promise<void> } | { error: string }> {
  try {
    if (url === 'test') {
      say('PostgreSQL: starting a throwaway server …');
      const server = await (await import('@nianbao/db/pg/test-server')).startPgTestServer('nianbao_bench');
      return { url: server.url, stop: () => server.stop() };
    }
    if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`--database-url must be postgres://… or test, not ${url}`);
    return { url };
  } catch (e) {
    say(`  PostgreSQL failed: ${(e as Error).message}`);
    return { error: (e as Error).message };
  }
}

/**
 * The same province ingested into PostgreSQL, its baseline the raw text inserted there: beside
 * SQLite's figure.
 */
async function postgresIngest(pg: { url: string } | { error: string }, dir: string): Promise<EngineIngest> {
  const reports = readManifest(dir).reports.length;
  try {
    if ('error' in pg) throw new Error(pg.error);
    say('PostgreSQL baseline: read, decode and insert the raw text …');
    const { result: baseline } = await child<BaselineResult>(['--child', 'baseline-pg', '--dir', dir, '--database-url', pg.url]);
    say(`  ${baseline.reportsPerSecond} reports/s, peak RSS ${baseline.peakRssMb} MB`);
    say('ingest through the store into PostgreSQL …');
    const { result: r } = await child<IngestChildResult>(['--child', 'ingest', '--dir', dir, '--database-url', pg.url]);
    say(`  ${r.reportsPerSecond} reports/s (${r.reports} in ${r.seconds} s, ${r.failed} failed), peak RSS ${r.peakRssMb} MB`);
    return {
      reports: r.reports,
      seconds: r.seconds,
      reportsPerSecond: r.reportsPerSecond,
      baselineRatio: round(r.reportsPerSecond / baseline.reportsPerSecond, 4),
      peakRssMb: r.peakRssMb,
      baselineReportsPerSecond: baseline.reportsPerSecond,
      cpuSeconds: r.cpuSeconds,
      failed: r.failed,
    };
  } catch (e) {
    say(`  PostgreSQL ingest failed: ${(e as Error).message}`);
    return { reports, seconds: null, reportsPerSecond: null, baselineRatio: null, peakRssMb: null, error: (e as Error).message };
  }
}

/** A store to load-test: its engine, the serve child's arguments, what was stored and the facts read from it. */
interface ApiTarget {
  engine: string;
  serve: string[];
  /** A write through a connection of its own, so that the server keeps nothing across it (see `loadTest`). */
  write: () => void;
  store: StoredFigures;
  facts: StoredFacts;
}

/**
 * The API's figures of each target: the real server of each in its own process on 127.0.0.1, the
 * routes measured in turn, route by route on each engine, so that a change in the machine's load
 * falls on both engines rather than on one. (The PostgreSQL server's own memory and CPU are its own
 * processes': `serverPeakRssMb` is the API process's.)
 */
async function measureApi(targets: ApiTarget[], connections: number, duration: number): Promise<(ApiFigures | ApiError)[]> {
  say(`serving ${targets.map((t) => t.engine).join(' and ')}, ${connections} connections × ${duration} s per route${targets.length > 1 ? ', in turn' : ''} …`);
  const servers = await Promise.all(
    targets.map((t) =>
      child<{ port: number }>(['--child', 'serve', ...t.serve]).then(
        (s) => ({ port: s.result.port, proc: s.proc }),
        (e: Error) => ({ error: e.message }),
      ),
    ),
  );
  try {
    const paths = targets.map(({ facts: { year, inYear, ids } }) => {
      const pages = Math.max(1, Math.min(5, Math.ceil(inYear / 50)));
      const rankings = Array.from({ length: pages }, (_, i) => `/api/rankings?year=${year}${i ? `&page=${i + 1}` : ''}`);
      return {
        rankings,
        overview: [`/api/overview?year=${year}`],
        trends: ['/api/trends'],
        report: ids.map((id) => `/api/reports/${id}`),
        // one connection: the route's own time, without queueing behind the others
        rankingsOneConnection: rankings,
      };
    });
    const routes = ['rankings', 'overview', 'trends', 'report', 'rankingsOneConnection'] as const;
    const figures = targets.map(() => ({}) as Record<(typeof routes)[number], RouteFigures>);
    for (const route of routes) {
      for (const [i, t] of targets.entries()) {
        const server = servers[i]!;
        if ('error' in server) continue;
        const uncached = route === 'report' ? undefined : t.write;
        const r = await loadTest(server.port, paths[i]![route], route === 'rankingsOneConnection' ? 1 : connections, duration, uncached);
        figures[i]![route] = r;
        say(`  ${t.engine.padEnd(10)} ${route.padEnd(21)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  ${r.rps} req/s  (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`);
      }
    }
    return targets.map((t, i) => {
      const server = servers[i]!;
      if ('error' in server) return apiError(`the ${t.engine} server did not start: ${server.error}`);
      return {
        storedReports: t.store.reports,
        ...figures[i]!,
        connections,
        durationSeconds: duration,
        rankedInYear: t.facts.inYear,
        year: t.facts.year,
        serverPeakRssMb: childPeakRssMb(server.proc.pid),
        store: t.store,
      };
    });
  } finally {
    for (const s of servers) if ('proc' in s) s.proc.kill('SIGTERM');
  }
}

function engineLines(engines: Engines): string[] {
  const row = (name: string, i: EngineIngest) =>
    i.reportsPerSecond === null
      ? `  ${name.padEnd(10)} failed: ${i.error}`
      : `  ${name.padEnd(10)} ${String(i.reportsPerSecond).padStart(6)} reports/s   ${String(i.baselineRatio).padStart(7)} × its baseline (${i.baselineReportsPerSecond}/s)   peak RSS ${i.peakRssMb} MB   ${i.cpuSeconds} CPU-s`;
  const lines = [`INGEST ON BOTH ENGINES  ${engines.sqlite.ingest.reports} reports, the same files`, row('SQLite', engines.sqlite.ingest), row('PostgreSQL', engines.postgres.ingest), ''];
  const apis = [['SQLite', engines.sqlite.api], ['PostgreSQL', engines.postgres.api]] as const;
  if (apis.every(([, a]) => a === null)) return lines;
  const first = apis.map(([, a]) => a).find((a): a is ApiFigures => a !== null && !('error' in a));
  lines.push(`API ON BOTH ENGINES  p50 / p95 ms, req/s${first ? `; ${first.connections} connections (rankings also 1), ${first.durationSeconds} s per route, in turn` : ''}`);
  for (const [name, a] of apis) {
    if (a === null) continue;
    if ('error' in a) {
      lines.push(`  ${name.padEnd(10)} not measured: ${a.error}`);
      continue;
    }
    const cell = (r: RouteFigures) => `${r.p50Ms} / ${r.p95Ms} ms, ${r.rps}/s${r.non2xx || r.errors ? ` (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`;
    lines.push(`  ${name.padEnd(10)} ${a.storedReports} stored, ${a.store.databaseMb} MB; server RSS ${a.serverPeakRssMb} MB`);
    lines.push(`    rankings ${cell(a.rankings)} · overview ${cell(a.overview)} · trends ${cell(a.trends)} · report ${cell(a.report)} · rankings, 1 connection ${cell(a.rankingsOneConnection)}`);
  }
  lines.push('');
  return lines;
}

// ───────────────────────────── the readable report ─────────────────────────────

function analysisLine(a: AnalysisFigures): string {
  return Object.entries(a)
    .map(([format, v]) => `${format} ${v.extractMs} + ${v.parseMs} ms (${v.files} files)`)
    .join(', ');
}

let scannedModule: typeof import('./bench-ocr') | undefined;

function readable(out: Output): string {
  const lines: string[] = [];
  const ok = (pass: boolean) => (pass ? '✓' : '✗');
  const m = out.machine!;
  lines.push('', `nianbao benchmark — ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, node ${m.node}, ${m.date.slice(0, 10)}`);
  lines.push(`load average ${m.loadAverage.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end; ${m.totalSeconds} s in all`, '');
  const ingest = out.ingest;
  if (ingest && !('error' in ingest)) {
    lines.push(`INGEST  ${ingest.reports} generated reports (${ingest.formats.join(', ')}, ${ingest.averageKb} KB on average) into SQLite through the store`);
    lines.push(`  ${ingest.reportsPerSecond} reports/s   (${ingest.seconds} s; ${ingest.reportsPerCpuSecond} per CPU-second)   target ≥ ${TARGETS.ingestPerSecond}  ${ok(ingest.reportsPerSecond >= TARGETS.ingestPerSecond)}`);
    lines.push(`  peak RSS ${ingest.peakRssMb} MB   target < ${TARGETS.peakRssMb}  ${ok(ingest.peakRssMb < TARGETS.peakRssMb)}`);
    lines.push(`  baseline (read, decode, insert raw text) ${ingest.baseline.reportsPerSecond} reports/s: ingest = ${ingest.baselineRatio} × baseline`);
    if (ingest.analysis) lines.push(`  extract + parse per report, CPU on one core: ${analysisLine(ingest.analysis)}`);
    if (ingest.failed) lines.push(`  ${ingest.failed} reports failed, e.g. ${JSON.stringify(ingest.failures[0])}`);
    lines.push(`  as the database grows (RSS, writer's heap): ${ingest.progress.map((p) => `${p.reports}: ${p.reportsPerSecond}/s ${p.rssMb} MB (${p.heapMb ?? '?'})`).join(' · ')}`, '');
  } else if (ingest) lines.push(`INGEST  failed: ${ingest.error}`, '');
  if (out.engines) lines.push(...engineLines(out.engines));
  const api = out.api;
  if (api && !('error' in api)) {
    lines.push(`API  ${api.storedReports} reports stored (${api.rankedInYear} ranked in ${api.year}); autocannon, ${api.connections} connections, ${api.durationSeconds} s per route on 127.0.0.1`);
    for (const name of ['rankings', 'overview', 'trends', 'report'] as const) {
      const r = api[name];
      const target = name === 'rankings' ? `   target p95 < ${TARGETS.rankingsP95Ms} ms  ${ok(r.p95Ms < TARGETS.rankingsP95Ms)}` : '';
      lines.push(`  ${name.padEnd(9)} p50 ${String(r.p50Ms).padStart(7)} ms   p95 ${String(r.p95Ms).padStart(7)} ms   ${String(r.rps).padStart(5)} req/s${target}${r.non2xx || r.errors ? `   (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`);
    }
    const one = api.rankingsOneConnection;
    lines.push(`  rankings with 1 connection: p50 ${one.p50Ms} ms, p95 ${one.p95Ms} ms, ${one.rps} req/s`);
    lines.push(`  server peak RSS ${api.serverPeakRssMb} MB; database ${api.store.databaseMb} MB`, '');
  } else if (api) lines.push(`API  not measured: ${api.error}`, '');
  const acc = out.accuracy && 'perRule' in out.accuracy ? out.accuracy : null;
  const pdf = out.accuracy?.pdf;
  if (pdf) lines.push(...pdfLines(pdf, false), '');
  if (acc) {
    lines.push(`ACCURACY  findings ${acc.source === 'store' ? 'stored by the ingest' : 'of the audit'} against the truth manifest, ${acc.reports} reports`);
    lines.push(`  min precision ${acc.minPrecision}, min recall ${acc.minRecall}   target ≥ ${TARGETS.precision}  ${ok(acc.minPrecision >= TARGETS.precision && acc.minRecall >= TARGETS.recall)}`);
    for (const [rule, v] of Object.entries(acc.perRule)) {
      const below = v.precision < TARGETS.precision || v.recall < TARGETS.recall;
      lines.push(`  ${rule.padEnd(38)} precision ${v.precision.toFixed(4)}  recall ${v.recall.toFixed(4)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})${below ? '  ✗' : ''}`);
      if (below) lines.push(`      e.g. ${(acc.examples[rule] ?? []).slice(0, 3).map((x) => `${x.kind} ${x.fileName}`).join(', ')}`);
    }
    lines.push('');
  }
  const formats = out.formats;
  if (formats) {
    lines.push('FORMATS  extract + parse + audit of one file, one core');
    const p = formats.pdf;
    if (p?.firstReadMs !== undefined) lines.push(`  pdf: ${p.reportsPerSecondPerCore} reports per second per core${p.averagePages ? ` (${p.averagePages} pages on average)` : ''}, target ≥ 20 ${ok((p.reportsPerSecondPerCore ?? 0) >= 20)}; first PDF in a fresh process ${p.firstReadMs} ms, target < 1000 ${ok(p.firstReadMs < 1000)}`);
    for (const [f, v] of Object.entries(formats)) {
      lines.push(
        v.documents
          ? `  ${f.padEnd(5)} ${String(v.reportsPerSecond).padStart(6)} reports/s  (${v.reportsPerCpuSecond}/CPU-s; extract alone ${v.extractPerSecond}/s; ${v.documents} ${v.source} files, ${v.averageKb} KB)${v.failed.length ? `; ${v.failed.length} not readable as reports` : ''}`
          : `  ${f.padEnd(5)} no readable file (${v.failed.map((x) => x.error).join('; ') || 'none found'})`,
      );
    }
    lines.push('');
  }
  const sc = out.scanned;
  if (sc) {
    lines.push(`SCANNED  ${sc.reports} generated reports, ${sc.pages} pages at ${sc.dpi.join(', ')} dpi (watermark, seal, noise, turned), read by OCR`);
    lines.push(`  cells right ${sc.cellsRightPct} %   (${sc.cellsUnread} unread in doubtful rows, ${sc.cellsWrong} wrong)   target ≥ 99 %  ${ok(sc.cellsRightPct >= 99)}`);
    lines.push(`  precision, every rule (min) ${sc.minPrecision}   target ≥ ${TARGETS.precision}  ${ok(sc.minPrecision >= TARGETS.precision)}`);
    for (const [rule, v] of Object.entries(sc.perRule)) lines.push(`    ${rule.padEnd(36)} precision ${v.precision}  recall ${v.recall}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`);
    lines.push(`  ${sc.pagesPerSecondPerCore} pages/s per core   peak RSS ${sc.peakRssMb} MB`);
  }
  return lines.join('\n') + '\n';
}

/** The figures as a short markdown page (scripts/BENCH.md), for the README. */
function markdown(out: Output, args: string[]): string {
  const { scannedMarkdown } = scannedModule!;
  const m = out.machine!;
  const ok = (pass: boolean) => (pass ? '✅' : '❌');
  const l: string[] = ['# Benchmark figures', ''];
  l.push(`\`pnpm bench${args.length ? ' ' + args.join(' ') : ''}\` on ${m.date.slice(0, 10)}.`, '');
  l.push(`Machine: ${m.cpus} CPUs (\`nproc\`), ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}. Load average ${m.loadAverage.join(' / ')} at the start and ${m.loadAverageAtEnd.join(' / ')} at the end (the machine was shared: every figure below is under that load). ${m.totalSeconds} s in all.`, '');
  l.push('| Figure | Measured | Target | |', '|---|---|---|---|');
  const ingest = out.ingest && !('error' in out.ingest) ? out.ingest : null;
  if (ingest) {
    l.push(`| Ingest, ${ingest.reports} reports (${ingest.formats.join(' + ')}) | ${ingest.reportsPerSecond} reports/s | ≥ ${TARGETS.ingestPerSecond} | ${ok(ingest.reportsPerSecond >= TARGETS.ingestPerSecond)} |`);
    l.push(`| Ingest peak RSS | ${ingest.peakRssMb} MB | < ${TARGETS.peakRssMb} MB | ${ok(ingest.peakRssMb < TARGETS.peakRssMb)} |`);
  }
  const api = out.api && !('error' in out.api) ? out.api : null;
  if (api) l.push(`| Rankings p95, ${api.storedReports} stored | ${api.rankings.p95Ms} ms | < ${TARGETS.rankingsP95Ms} ms | ${ok(api.rankings.p95Ms < TARGETS.rankingsP95Ms)} |`);
  const acc = out.accuracy && 'perRule' in out.accuracy ? out.accuracy : null;
  const pdf = out.accuracy?.pdf;
  if (pdf) {
    l.push(`| PDF stress set, ${pdf.reports} reports: precision, every rule (min) | ${pdf.minPrecision} | ≥ 0.99 | ${ok(pdf.minPrecision >= 0.99)} |`);
    l.push(`| PDF stress set: recall, every rule (min) | ${pdf.minRecall} | ≥ 0.99 | ${ok(pdf.minRecall >= 0.99)} |`);
    l.push(`| PDF stress set: cells read right | ${pdf.cellAccuracy} | ≥ 0.999 | ${ok(pdf.cellAccuracy >= 0.999)} |`);
    l.push(`| PDF stress set: reports flagged extract.uncertain | ${pdf.uncertainRate} | < 0.01 | ${ok(pdf.uncertainRate < 0.01)} |`);
  }
  const pf = out.formats?.pdf;
  if (pf?.firstReadMs !== undefined) {
    l.push(`| PDF reports per second per core | ${pf.reportsPerSecondPerCore} | ≥ 20 | ${ok((pf.reportsPerSecondPerCore ?? 0) >= 20)} |`);
    l.push(`| First PDF read in a fresh process | ${pf.firstReadMs} ms | < 1000 ms | ${ok(pf.firstReadMs < 1000)} |`);
  }
  if (acc) {
    l.push(`| Precision, every rule (min) | ${acc.minPrecision} | ≥ ${TARGETS.precision} | ${ok(acc.minPrecision >= TARGETS.precision)} |`);
    l.push(`| Recall, every rule (min) | ${acc.minRecall} | ≥ ${TARGETS.recall} | ${ok(acc.minRecall >= TARGETS.recall)} |`);
  }
  l.push('');
  if (ingest) {
    l.push('## Ingest', '');
    l.push(`${ingest.reports} generated reports (${ingest.formats.join(', ')}, ${ingest.averageKb} KB on average) into a fresh SQLite database through the store (extract and parse in worker threads, then audit and store; up to 64 reports per transaction, a savepoint each): ${ingest.seconds} s, ${ingest.reportsPerSecond} reports/s (${ingest.reportsPerCpuSecond} per CPU-second), ${ingest.failed} failed, peak RSS ${ingest.peakRssMb} MB.`);
    l.push(`Baseline (read, decode and insert the raw text, one transaction per file): ${ingest.baseline.reportsPerSecond} reports/s, peak RSS ${ingest.baseline.peakRssMb} MB; ingest = **${ingest.baselineRatio} × baseline**.`, '');
    if (ingest.analysis) l.push(`Extract + parse per report (CPU, one core, a sample of each format): ${analysisLine(ingest.analysis)}.`, '');
    l.push(`As the database grows (reports: reports/s over the last tenth, RSS): ${ingest.progress.map((p) => `${p.reports}: ${p.reportsPerSecond}/s, ${p.rssMb} MB`).join(' · ')}.`, '');
  }
  if (out.engines) l.push('## Ingest on both engines', '', '```', ...engineLines(out.engines), '```', '');
  if (api) {
    l.push('## API', '');
    l.push(`${api.storedReports} reports stored (${api.store.agencies} agencies, ${api.store.cells ?? '?'} cells, ${api.store.databaseMb} MB; the ingested province copied in SQL), ${api.rankedInYear} ranked in ${api.year}. The real Fastify server on 127.0.0.1, autocannon with ${api.connections} connections for ${api.durationSeconds} s per route after a warm-up. Server peak RSS ${api.serverPeakRssMb} MB.`, '');
    l.push('| Route | p50 | p95 | req/s |', '|---|---|---|---|');
    for (const name of ['rankings', 'overview', 'trends', 'report'] as const) {
      const r = api[name];
      l.push(`| ${name} (\`${r.paths[0]}\`${r.paths.length > 1 ? ' …' : ''}) | ${r.p50Ms} ms | ${r.p95Ms} ms | ${r.rps} |`);
    }
    const one = api.rankingsOneConnection;
    l.push(`| rankings, 1 connection | ${one.p50Ms} ms | ${one.p95Ms} ms | ${one.rps} |`);
    l.push('');
  }
  if (acc) {
    l.push('## Accuracy', '');
    l.push(`Findings ${acc.source === 'store' ? 'stored by the ingest above' : 'of the audit'} against the generator's truth manifest, ${acc.reports} reports.`, '');
    l.push('| Rule | Precision | Recall | TP | FP | FN |', '|---|---|---|---|---|---|');
    for (const [rule, v] of Object.entries(acc.perRule)) {
      const below = v.precision < TARGETS.precision || v.recall < TARGETS.recall;
      l.push(`| ${below ? '❌ ' : ''}\`${rule}\` | ${v.precision} | ${v.recall} | ${v.tp} | ${v.fp} | ${v.fn} |`);
    }
    l.push('');
  }
  if (pdf) l.push('## PDF stress set', '', ...pdfLines(pdf, true), '');
  if (out.scanned) {
    const sc = out.scanned;
    l.push('## Scanned reports (OCR)', '');
    l.push(`Cells right ${ok(sc.cellsRightPct >= 99)} (target ≥ 99 %), precision of every rule ${ok(sc.minPrecision >= TARGETS.precision)} (target ≥ ${TARGETS.precision}).`, '');
    l.push(scannedMarkdown(sc), '');
  }
  if (out.formats) {
    l.push('## Per format', '', 'Extract + parse + audit of one file (the work the workers and the writer share per file), one core.', '');
    l.push('| Format | Files | Average size | Reports/s | Per CPU-second | Extract alone /s |', '|---|---|---|---|---|---|');
    for (const [f, v] of Object.entries(out.formats)) {
      l.push(`| ${f} | ${v.documents} ${v.source}${v.failed.length ? ` (+${v.failed.length} not reports)` : ''} | ${v.averageKb} KB | ${v.reportsPerSecond} | ${v.reportsPerCpuSecond} | ${v.extractPerSecond} |`);
    }
    l.push('');
  }
  return l.join('\n');
}

/** The PDF stress set's figures, per layout: plain lines, or markdown. */
function pdfLines(pdf: import('./bench-pdf').PdfStressFigures, md: boolean): string[] {
  const l: string[] = [];
  const head = `${pdf.reports} generated reports (${pdf.averagePages} pages on average) printed by headless Chromium, ${pdf.layouts.length} layouts in turn, read back through extract + parse + audit against the truth (printed ${pdf.printedNow} now in ${pdf.printSeconds} s, the rest from the cache; read in ${pdf.readSeconds} s)${pdf.failed.length ? `; ${pdf.failed.length} unreadable, e.g. ${pdf.failed[0]!.fileName}: ${pdf.failed[0]!.message}` : ''}.`;
  const rows: [string, import('@nianbao/generator/accuracy').GroupAccuracy | import('./bench-pdf').PdfStressFigures][] = [
    ...Object.entries(pdf.perLayout),
    ['all', pdf],
  ];
  if (md) {
    l.push(head, '', '| Layout | Reports | Min precision | Min recall | Cells right | Uncertain |', '|---|---|---|---|---|---|');
    for (const [name, g] of rows) l.push(`| ${name} | ${g.reports} | ${g.minPrecision} | ${g.minRecall} | ${g.cellAccuracy} | ${g.uncertainRate} |`);
    const below = Object.entries(pdf.perRule).filter(([, v]) => v.precision < 0.99 || v.recall < 0.99);
    if (below.length) {
      l.push('', 'Rules below 0.99 over all layouts:', '', '| Rule | Precision | Recall | TP | FP | FN |', '|---|---|---|---|---|---|');
      for (const [rule, v] of below) l.push(`| \`${rule}\` | ${v.precision} | ${v.recall} | ${v.tp} | ${v.fp} | ${v.fn} |`);
    }
    return l;
  }
  l.push(`ACCURACY, PDF  ${head}`);
  l.push(`  all layouts: min precision ${pdf.minPrecision}, min recall ${pdf.minRecall}, cells right ${pdf.cellAccuracy}, uncertain ${pdf.uncertainRate}   targets ≥ 0.99, ≥ 0.99, ≥ 0.999, < 0.01`);
  for (const [name, g] of rows.slice(0, -1)) {
    l.push(`  ${name.padEnd(9)} ${String(g.reports).padStart(5)} reports  min precision ${g.minPrecision.toFixed(4)}  min recall ${g.minRecall.toFixed(4)}  cells ${g.cellAccuracy.toFixed(5)}  uncertain ${g.uncertainRate.toFixed(4)}`);
    const wrong = 'misread' in g ? g.misread[0] : undefined;
    if (wrong) l.push(`      e.g. ${wrong.fileName}: ${wrong.differences.slice(0, 2).join('; ')}`);
  }
  for (const [rule, v] of Object.entries(pdf.perRule)) {
    if (v.precision >= 0.99 && v.recall >= 0.99) continue;
    l.push(`  ${rule.padEnd(38)} precision ${v.precision.toFixed(4)}  recall ${v.recall.toFixed(4)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})  ✗`);
    l.push(`      e.g. ${(pdf.examples[rule] ?? []).slice(0, 2).map((x) => `${x.kind} ${x.fileName}`).join(', ')}`);
  }
  return l;
}
