/**
 * `pnpm bench`: the product's figures on this machine.
 *   core      throughput of the pure core on one core — extract (decode + grids), parse, and audit —
 *             over the seed reports and the text/HTML corpus (what this script printed first);
 *   ingest    a synthetic province (scripts/generator) ingested into a fresh database through the
 *             store (extract → parse → audit → store, one transaction per report): reports/s and peak
 *             RSS, and the ratio to a baseline that only reads, decodes and inserts the same files'
 *             raw text into SQLite, so that the figure means something on a noisy machine;
 *   api       latency (median, p95) and requests/s of the rankings, trends and report routes with
 *             `--stored` reports in the database, under concurrent load from autocannon on 127.0.0.1;
 *   accuracy  precision and recall of the audit's findings, per rule, against the generator's truth.
 *
 *   pnpm bench [--json] [--seconds N] [--reports N] [--stored N] [--seed S] [--formats text,html]
 *              [--only core,ingest,api,accuracy] [--connections N] [--duration S]
 * Ingest, baseline and the API server each run in a child process, so that their RSS is their own.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { audit } from '@nianbao/audit';
import { extractText, detectKind } from '@nianbao/extract';
import { parse } from '@nianbao/parser';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    seconds: { type: 'string', default: '3' },
    reports: { type: 'string', default: '10000' },
    stored: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2026' },
    formats: { type: 'string', default: 'text,html' },
    only: { type: 'string', default: 'core,ingest,api,accuracy' },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '5' },
    keep: { type: 'string' },
    // internal: the child processes
    child: { type: 'string' },
    dir: { type: 'string' },
    db: { type: 'string' },
  },
});

const root = join(import.meta.dirname, '..');
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const peakRssMb = () => round(process.resourceUsage().maxRSS / 1024, 1);
const log = (s: string) => {
  if (!values.json) console.error(s);
};

// ───────────────────────────── core (unchanged figures) ─────────────────────────────

function core() {
  const seconds = Number(values.seconds);
  const files = readdirSync(join(root, 'data/samples')).map((f) => join(root, 'data/samples', f));
  const corpus = join(root, '../shared/corpus');
  if (existsSync(corpus)) {
    for (const f of readdirSync(corpus)) if (/\.(md|html|layout\.txt)$/.test(f) && f !== 'README.md') files.push(join(corpus, f));
  }
  const inputs = files.flatMap((file) => {
    const bytes = readFileSync(file);
    const kind = detectKind(bytes, file) as 'text' | 'html';
    try {
      extractText(bytes, file, kind);
      return [{ file, bytes, kind }];
    } catch (e) {
      console.error(`skipped ${file}: ${(e as Error).message}`);
      return [];
    }
  });
  function measure(label: string, step: (i: (typeof inputs)[number]) => void) {
    const start = process.hrtime.bigint();
    let n = 0;
    const budget = BigInt(seconds * 1e9);
    while (process.hrtime.bigint() - start < budget) {
      for (const input of inputs) step(input);
      n += inputs.length;
    }
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    return { label, reports: n, seconds: Number(s.toFixed(3)), reportsPerSecond: Math.round(n / s) };
  }
  const parseOnly = measure('extract+parse', ({ file, bytes, kind }) => {
    parse(extractText(bytes, file, kind), { file, sha256: '' });
  });
  const full = measure('extract+parse+audit', ({ file, bytes, kind }) => {
    const doc = extractText(bytes, file, kind);
    audit(parse(doc, { file, sha256: '' }), { text: doc.text });
  });
  const avgKb = inputs.reduce((s, i) => s + i.bytes.length, 0) / inputs.length / 1024;
  const result = { documents: inputs.length, averageKb: Number(avgKb.toFixed(1)), parse: parseOnly, audit: full, target: 1000 };
  log(`core throughput on one core, ${inputs.length} documents (seeds + corpus text/HTML), ${result.averageKb} KB on average`);
  for (const r of [parseOnly, full]) {
    log(`  ${r.label.padEnd(22)} ${String(r.reportsPerSecond).padStart(7)} reports/s  (${r.reports} in ${r.seconds}s; target ≥ ${result.target})`);
  }
  return result;
}

// ───────────────────────────── children ─────────────────────────────

/** The files of a generated province in ingest order (year by year), from its manifest. */
function filesOf(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { reports: { fileName: string }[] };
  return manifest.reports.map((r) => join(dir, r.fileName));
}

async function childBaseline(dir: string, dbPath: string) {
  const { default: Database } = await import('better-sqlite3');
  const { decodeText } = await import('@nianbao/extract');
  const files = filesOf(dir);
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS raw (id INTEGER PRIMARY KEY, file TEXT NOT NULL, text TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO raw (file, text) VALUES (?, ?)');
  const one = db.transaction((file: string, text: string) => insert.run(file, text));
  const started = process.hrtime.bigint();
  for (const file of files) {
    const bytes = readFileSync(file);
    one(file, decodeText(bytes, file).text);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { reports: files.length, seconds: round(seconds, 3), reportsPerSecond: Math.round(files.length / seconds), peakRssMb: peakRssMb() };
}

async function childIngest(dir: string, dbPath: string) {
  const { Store } = await import('@nianbao/db');
  const files = filesOf(dir);
  const store = new Store({ path: dbPath });
  let failed = 0;
  let firstError: unknown = null;
  const started = process.hrtime.bigint();
  await store.ingest(
    (function* () {
      for (const file of files) yield { name: file.slice(dir.length + 1), bytes: readFileSync(file) };
    })(),
    (r) => {
      if (r.status === 'failed') {
        failed++;
        firstError ??= r.error;
      }
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  store.close();
  return { reports: files.length, failed, firstError, seconds: round(seconds, 3), reportsPerSecond: Math.round(files.length / seconds), peakRssMb: peakRssMb() };
}

async function childServe(dbPath: string) {
  const { Store } = await import('@nianbao/db');
  const { buildApp } = await import('../apps/api/src/index');
  const store = new Store({ path: dbPath });
  const app = await buildApp({ store, webRoot: null, logger: false, checkResponses: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  process.stdout.write(JSON.stringify({ port: address.port }) + '\n');
  await new Promise(() => {});
}

if (values.child) {
  const run =
    values.child === 'baseline'
      ? childBaseline(values.dir!, values.db!)
      : values.child === 'ingest'
        ? childIngest(values.dir!, values.db!)
        : childServe(values.db!);
  run.then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
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

function child(args: string[], onLine?: (line: string, proc: ReturnType<typeof spawn>) => boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, import.meta.filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let done = false;
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        const parsed = JSON.parse(line);
        if (onLine) {
          if (!done && onLine(line, proc)) {
            done = true;
            resolve(parsed);
          }
        } else {
          done = true;
          resolve(parsed);
        }
      }
    });
    proc.on('exit', (code) => {
      if (!done) reject(new Error(`child ${args.join(' ')} exited with ${code}`));
    });
  });
}

// ───────────────────────────── main ─────────────────────────────

interface ChildResult {
  reports: number;
  failed: number;
  firstError?: unknown;
  seconds: number;
  reportsPerSecond: number;
  peakRssMb: number;
}

async function writeProvince(dir: string, reports: number, seed: number, formats: string[]) {
  const { iterateProvince, manifestEntry, LAST_YEAR } = await import('./generator');
  const years = 7;
  const agencies = Math.ceil(reports / years);
  // a province large enough for the number of agencies asked (江西 holds ~7,600, 四川 ~14,000)
  const province = agencies <= 7000 ? '36' : agencies <= 13500 ? '51' : '41';
  const p = iterateProvince({ seed, agencies, years, formats: formats as never, province });
  mkdirSync(dir, { recursive: true });
  const entries: unknown[] = [];
  let n = 0;
  for (const r of p.reports) {
    if (n >= reports) break;
    writeFileSync(join(dir, r.fileName), r.bytes);
    entries.push(manifestEntry(r));
    n++;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ seed, province: p.province, years: p.years, reports: entries }));
  return { reports: n, agencies: p.agencies.length, years: p.years, lastYear: LAST_YEAR, province: p.province.name };
}

async function accuracyOf(reports: number, seed: number, formats: string[]) {
  const { iterateProvince } = await import('./generator');
  const { AccuracyMeter } = await import('./generator/accuracy');
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
  return meter.result();
}

async function loadTest(port: number, path: string, connections: number, duration: number) {
  const { default: autocannon } = await import('autocannon');
  const times: number[] = [];
  const result = await new Promise<{ non2xx: number; errors: number; duration: number }>((resolve, reject) => {
    const instance = autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  const q = (p: number) => round(times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN, 2);
  return { path, p50Ms: q(0.5), p95Ms: q(0.95), rps: Math.round(times.length / result.duration), requests: times.length, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  const only = new Set(values.only.split(','));
  const reports = Number(values.reports);
  const stored = Number(values.stored);
  const seed = Number(values.seed);
  const formats = values.formats.split(',');
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  const work = values.keep ?? mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  const haveStore = existsSync(join(root, 'packages/db/src/index.ts'));
  const haveApi = existsSync(join(root, 'apps/api/src/index.ts'));

  if (only.has('ingest')) {
    const dir = join(work, 'province');
    log(`generating ${reports} reports (${formats.join(', ')}) …`);
    const gen = await writeProvince(dir, reports, seed, formats);
    log(`  ${gen.reports} reports of ${gen.agencies} agencies of ${gen.province}, ${gen.years[0]}–${gen.years.at(-1)}`);
    const baseline = (await child(['--child', 'baseline', '--dir', dir, '--db', join(work, 'baseline.db')])) as ChildResult;
    log(`  baseline (read, decode, insert raw text): ${baseline.reportsPerSecond} reports/s, peak RSS ${baseline.peakRssMb} MB`);
    if (haveStore) {
      const ingest = (await child(['--child', 'ingest', '--dir', dir, '--db', join(work, 'ingest.db')])) as ChildResult;
      out.ingest = {
        reports: ingest.reports,
        seconds: ingest.seconds,
        reportsPerSecond: ingest.reportsPerSecond,
        baselineRatio: round(ingest.reportsPerSecond / baseline.reportsPerSecond, 3),
        peakRssMb: ingest.peakRssMb,
        failed: ingest.failed,
        baseline,
      };
      log(`ingest: ${ingest.reportsPerSecond} reports/s (${ingest.reports} in ${ingest.seconds}s, ${ingest.failed} failed; ${round(ingest.reportsPerSecond / baseline.reportsPerSecond, 3)} × baseline), peak RSS ${ingest.peakRssMb} MB (targets ≥ 1000/s, < 512 MB)`);
      if (ingest.failed) log(`  first failure: ${JSON.stringify(ingest.firstError)}`);
    } else {
      missing.push('ingest: packages/db (Store) not found');
      out.ingest = { reports: gen.reports, seconds: null, reportsPerSecond: null, baselineRatio: null, peakRssMb: null, baseline };
    }
  }

  if (only.has('api')) {
    if (haveStore && haveApi) {
      const dir = join(work, 'stored');
      const dbPath = join(work, 'stored.db');
      log(`generating and ingesting ${stored} reports for the API …`);
      await writeProvince(dir, stored, seed + 1, formats);
      const ingest = (await child(['--child', 'ingest', '--dir', dir, '--db', dbPath])) as ChildResult;
      log(`  stored ${ingest.reports - ingest.failed} reports in ${ingest.seconds}s (${ingest.reportsPerSecond}/s)`);
      rmSync(dir, { recursive: true, force: true });
      let server: ReturnType<typeof spawn> | null = null;
      const info = (await child(['--child', 'serve', '--db', dbPath], (_line, proc) => {
        server = proc;
        return true;
      })) as { port: number };
      try {
        const connections = Number(values.connections);
        const duration = Number(values.duration);
        const year = 2025;
        const rankings = await loadTest(info.port, `/api/rankings?year=${year}`, connections, duration);
        const trends = await loadTest(info.port, `/api/trends`, connections, duration);
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(dbPath, { readonly: true });
        const ids = db.prepare('SELECT max(id) AS max FROM reports').get() as { max: number };
        db.close();
        const report = await loadTest(info.port, `/api/reports/${Math.max(1, Math.floor(ids.max / 2))}`, connections, duration);
        out.api = { storedReports: ingest.reports - ingest.failed, connections, durationSeconds: duration, rankings, trends, report };
        for (const [name, r] of Object.entries({ rankings, trends, report })) {
          log(`  ${name.padEnd(9)} p50 ${r.p50Ms} ms  p95 ${r.p95Ms} ms  ${r.rps} req/s  (${r.path}; ${r.non2xx} non-2xx)`);
        }
      } finally {
        (server as ReturnType<typeof spawn> | null)?.kill();
      }
    } else {
      missing.push(`api: ${haveStore ? '' : 'packages/db '}${haveApi ? '' : 'apps/api (buildApp)'} not found`);
      out.api = null;
    }
  }

  if (only.has('accuracy')) {
    log(`accuracy of the audit on ${reports} generated reports …`);
    const a = await accuracyOf(reports, seed, formats);
    out.accuracy = {
      reports: a.reports,
      perRule: Object.fromEntries(Object.entries(a.perRule).map(([k, v]) => [k, { precision: v.precision, recall: v.recall, tp: v.tp, fp: v.fp, fn: v.fn }])),
      minPrecision: a.minPrecision,
      minRecall: a.minRecall,
      examples: a.examples,
      errors: a.errors.slice(0, 5),
    };
    for (const [rule, v] of Object.entries(a.perRule)) {
      const flag = v.precision < 0.99 || v.recall < 0.99 ? '  ← below 0.99' : '';
      log(`  ${rule.padEnd(38)} precision ${v.precision.toFixed(4)}  recall ${v.recall.toFixed(4)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})${flag}`);
    }
  }

  if (only.has('core')) out.core = core();
  if (missing.length) out.missing = missing;
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  if (values.json) console.log(JSON.stringify(out));
}
