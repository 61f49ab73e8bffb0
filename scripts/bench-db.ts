/**
 * `pnpm bench:db` / `npx tsx scripts/bench-db.ts [--real N] [--agencies N] [--years N] [--runs N] [--json] [--keep PATH]`
 *
 * The store's figures:
 *  1. ingest throughput through the real pipeline (extract → parse → audit → store, one transaction
 *     per report) over variants of the seed report: distinct agencies, their own narratives;
 *  2. store-only throughput (analysis precomputed) while building a province-sized database,
 *     agencies × years reports (default 10,000 × 10 = 100,000);
 *  3. route latencies on that database through the real Fastify app (`app.inject`).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '@nianbao/audit';
import { defaultAuditor, Store, type Auditor } from '@nianbao/core';
import { GRADES, type ParsedReport, type Score } from '@nianbao/model';
import { buildApp } from '@nianbao/api';

const { values } = parseArgs({
  options: {
    real: { type: 'string', default: '2000' },
    agencies: { type: 'string', default: '10000' },
    years: { type: 'string', default: '10' },
    runs: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
    keep: { type: 'string' },
  },
});
const REAL = Number(values.real);
const AGENCIES = Number(values.agencies);
const YEARS = Number(values.years);
const RUNS = Number(values.runs);
const log = (s: string) => {
  if (!values.json) console.log(s);
};

const root = join(import.meta.dirname, '..');
const seedText = readFileSync(join(root, 'data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));

// ───────────── synthetic reports: the seed with another agency and its own narrative ─────────────

let rngState = 42;
const rand = () => {
  rngState = (Math.imul(rngState, 1664525) + 1013904223) >>> 0;
  return rngState / 2 ** 32;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const NAME_CHARS = '安宁和平康乐永福泰丰华兴盛昌明德新东南西北中山水林田河湖海江城云龙凤祥瑞文武'.split('');
/** A distinct agency name per index, inside 新余市 (so the parser finds region 360500). */
const agencyName = (i: number) => {
  let s = '';
  for (let n = i, k = 0; k < 3; k++, n = Math.floor(n / NAME_CHARS.length)) s += NAME_CHARS[n % NAME_CHARS.length];
  return `新余市${s}局`;
};
// phrases of the seed's narrative, recombined so that each report reads differently
const phrases = seedText
  .split(/[，。；;、\n]/)
  .map((p) => p.trim())
  .filter((p) => p.length >= 6 && !/[表|\t]|^\d|^[一二三四五六七八九十]、|（[一二三四五六七八九十]）/.test(p));
const firstHeading = seedText.indexOf('一、');
const fifth = seedText.indexOf('五、政府信息公开工作存在的主要问题');
const sixth = seedText.indexOf('六、需要说明的其他事项');
const paragraph = (n: number) => Array.from({ length: n }, () => pick(phrases)).join('，') + '。';

function variant(i: number): Buffer {
  const name = agencyName(i);
  const s1Head = seedText.indexOf('\n', firstHeading) + 1;
  const s2 = seedText.indexOf('二、主动公开政府信息情况');
  const s5Head = seedText.indexOf('\n', fifth) + 1;
  const s6Head = seedText.indexOf('\n', sixth) + 1;
  const tail = seedText.indexOf('新余市文广新旅局\n', s6Head);
  const text =
    seedText.slice(0, s1Head).replace(/新余市文广新旅局/g, name) +
    `${paragraph(14)}\n${paragraph(12)}\n` +
    seedText.slice(s2, s5Head) +
    `${paragraph(10)}\n` +
    seedText.slice(sixth, s6Head) +
    `${paragraph(4)}\n` +
    seedText.slice(tail).replace(/新余市文广新旅局/g, name);
  return Buffer.from(text);
}

// ───────────── 1. the real pipeline ─────────────

async function realIngest() {
  const store = new Store({ path: join(dir, 'real.db') });
  const inputs = Array.from({ length: REAL }, (_, i) => ({ name: `bench/${i}.txt`, bytes: variant(i) }));
  // warm up the parser and the statements on a separate database
  const warm = new Store({ path: join(dir, 'warm.db') });
  await warm.ingest(inputs.slice(0, 50));
  warm.close();
  const started = process.hrtime.bigint();
  const results = await store.ingest(inputs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const failed = results.filter((r) => r.status !== 'ingested');
  if (failed.length) console.error(`real ingest: ${failed.length} not ingested, e.g. ${JSON.stringify(failed[0])}`);
  const again = process.hrtime.bigint();
  await store.ingest(inputs);
  const unchangedSeconds = Number(process.hrtime.bigint() - again) / 1e9;
  store.close();
  return {
    reports: REAL,
    seconds: round(seconds, 2),
    reportsPerSecond: Math.round(REAL / seconds),
    reingestPerSecond: Math.round(REAL / unchangedSeconds),
  };
}

// ───────────── 2. a province-sized store from precomputed analyses ─────────────

async function buildLarge() {
  const base = await analyze(Buffer.from(seedText), 'seed.txt');
  if ('error' in base) throw new Error(base.error.message);
  const real = defaultAuditor();
  const grades: readonly Score['grade'][] = GRADES;
  // reports are told apart by their file name: the precomputed analysis gets a name, a region, a year
  const meta = new Map<string, { agency: string; code: string; year: number; kind: 'government' | 'department' }>();
  const auditor: Auditor = {
    ...real,
    similarity: undefined,
    analyze: async (_bytes, file) => {
      const m = meta.get(file)!;
      const report: ParsedReport = {
        ...base.report,
        file,
        sha256: file,
        year: m.year,
        agency: { name: m.agency, source: 'text', region: { code: m.code, name: `江西省第${m.code.slice(2, 4)}市第${m.code.slice(4)}县` }, kind: m.kind },
      };
      return { doc: base.doc, report };
    },
    audit: (report) => {
      // a deterministic score and a handful of findings, so that rankings, grades and trends vary
      const h = hash(report.file);
      const total = Math.round((40 + (h % 6000) / 100) * 10) / 10;
      const grade = grades[total >= 90 ? 0 : total >= 80 ? 1 : total >= 60 ? 2 : 3]!;
      const findings = base.report.findings.slice(0, h % 5).concat(
        h % 7 === 0 ? [{ rule: 'time.late', severity: 'error' as const, category: 'timeliness' as const, cells: [], message: '逾期发布', span: null }] : [],
      );
      return {
        findings,
        score: { total, grade, byCategory: { completeness: total * 0.4, accuracy: total * 0.3, conformity: total * 0.2, timeliness: total * 0.1 }, rubricVersion: 'bench' },
      };
    },
  };
  const path = values.keep ?? join(dir, 'large.db');
  rmSync(path, { force: true });
  const store = new Store({ path, auditor });
  const firstYear = 2025 - YEARS + 1;
  const agencies = Array.from({ length: AGENCIES }, (_, i) => {
    const city = 1 + (i % 11);
    const county = 1 + (Math.floor(i / 11) % 20);
    return {
      name: `江西省第${city}市第${county}县${agencyName(i).slice(3)}`,
      code: `36${String(city).padStart(2, '0')}${String(county).padStart(2, '0')}`,
      kind: (i % 25 === 0 ? 'government' : 'department') as 'government' | 'department',
    };
  });
  let n = 0;
  const inputs = (function* () {
    for (let y = 0; y < YEARS; y++) {
      for (let a = 0; a < AGENCIES; a++) {
        if ((a * 7 + y) % 50 === 0) continue; // 2% missing reports
        const file = `large/${a}-${firstYear + y}.txt`;
        meta.set(file, { agency: agencies[a]!.name, code: agencies[a]!.code, year: firstYear + y, kind: agencies[a]!.kind });
        n++;
        yield { name: file, bytes: Buffer.from(file) };
      }
    }
  })();
  const started = process.hrtime.bigint();
  let lastShown = 0;
  await store.ingest(inputs, () => {
    if (!values.json && n - lastShown >= 10000) {
      lastShown = n;
      process.stderr.write(`  …${n} reports\r`);
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { store, reports: n, seconds: round(seconds, 1), reportsPerSecond: Math.round(n / seconds), lastYear: firstYear + YEARS - 1 };
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function latencies(store: Store, year: number) {
  const app = await buildApp({ store, webRoot: null, checkResponses: false });
  const someReport = (await store.queries.rankings({ year }, 1, 1)).items[0]!.reportId;
  const someAgency = (await store.queries.rankings({ year }, 1, 1)).items[0]!.agency.id;
  const urls = [
    `/api/rankings?year=${year}`,
    `/api/rankings?year=${year}&page=100`,
    `/api/rankings?year=${year}&region=3605`,
    `/api/rankings?year=${year}&region=360502&kind=department`,
    `/api/rankings?year=${year}&sort=-change`,
    `/api/rankings?year=${year}&grade=不合格&q=${encodeURIComponent('安')}`,
    `/api/reports/${someReport}`,
    `/api/agencies/${someAgency}`,
    `/api/agencies?region=3605`,
    `/api/overview?year=${year}`,
    `/api/trends`,
    `/api/years`,
    `/api/regions`,
    `/api/rankings/export?format=csv&year=${year}`,
    `/api/rankings/export?format=xlsx&year=${year}&region=3605`,
  ];
  const out: { url: string; medianMs: number; p95Ms: number }[] = [];
  for (const url of urls) {
    const r0 = await app.inject(url);
    if (r0.statusCode !== 200) throw new Error(`${url}: ${r0.statusCode} ${r0.body.slice(0, 200)}`);
    const runs = url.includes('export') || url.includes('trends') || url.includes('overview') ? Math.min(RUNS, 8) : RUNS;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      await app.inject(url);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    out.push({ url: decodeURIComponent(url), medianMs: round(times[Math.floor(times.length / 2)]!, 1), p95Ms: round(times[Math.floor(times.length * 0.95)] ?? times.at(-1)!, 1) });
  }
  await app.close();
  return out;
}

log(`ingest through the real pipeline: ${REAL} variants of the seed report, distinct agencies …`);
const realResult = await realIngest();
log(`  ${realResult.reportsPerSecond} reports/s (${realResult.reports} in ${realResult.seconds}s); re-ingest of the same files (no-op): ${realResult.reingestPerSecond} files/s`);
log(`building a store of ${AGENCIES} agencies × ${YEARS} years from precomputed analyses …`);
const large = await buildLarge();
log(`  store only: ${large.reportsPerSecond} reports/s (${large.reports} reports with 198 cells each in ${large.seconds}s)`);
log(`route latencies on ${large.reports} reports (app.inject, median / p95):`);
const routes = await latencies(large.store, large.lastYear);
for (const r of routes) log(`  ${String(r.medianMs).padStart(7)} ms  ${String(r.p95Ms).padStart(7)} ms  ${r.url}`);
large.store.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
if (values.json) console.log(JSON.stringify({ realIngest: realResult, store: { reports: large.reports, seconds: large.seconds, reportsPerSecond: large.reportsPerSecond }, routes }));
