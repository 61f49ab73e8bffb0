/**
 * `npx tsx scripts/bench-writer.ts [--reports N] [--seed S] [--db PATH] [--digest FILE]`: the two
 * halves of ingest measured apart on one thread, in CPU time (comparable on a shared machine):
 *
 *   analysis  extract and parse of each generated file, per format (what the workers do);
 *   writer    the store's single writer alone (audit with the cross-report context, store) over the
 *             analyses computed above (an auditor whose `analyze` hands them back).
 *
 * `--digest FILE` writes every stored report's findings and score, in file order, so that two
 * versions of the writer can be compared for identical outcomes (`cmp`); `--models FILE` writes, per
 * file, a hash of the extracted Document and of the parsed model (JSON), for the same check on the
 * workers' half.
 */
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { defaultAuditor, Store, type Analysis } from '@nianbao/core';
import { extract, metaFromFileName } from '@nianbao/extract';
import { iterateProvince } from '@nianbao/generator';
import { parse } from '@nianbao/parser';
import { createHash } from 'node:crypto';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '2026' },
    formats: { type: 'string', default: 'text,html' },
    db: { type: 'string' },
    digest: { type: 'string' },
    models: { type: 'string' },
  },
});

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e3;
};
const r2 = (n: number) => Math.round(n * 100) / 100;

const n = Number(values.reports);
const years = 7;
const p = iterateProvince({ seed: Number(values.seed), agencies: Math.ceil(n / years), years, formats: values.formats.split(',') as never, province: '36' });
const files: { name: string; bytes: Uint8Array; format: string }[] = [];
for (const r of p.reports) {
  if (files.length >= n) break;
  files.push({ name: r.fileName, bytes: r.bytes, format: r.format });
}

const analyses = new Map<string, Analysis>();
const modelLines: string[] = [];
const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const perFormat: Record<string, { files: number; extractMs: number; parseMs: number }> = {};
for (const f of files) {
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const t0 = process.cpuUsage();
  const doc = await extract(f.bytes, f.name);
  const extractMs = cpuMs(t0);
  const t1 = process.cpuUsage();
  const report = parse(doc, { file: f.name, sha256, overrides: {}, fromFileName: metaFromFileName(f.name) });
  const parseMs = cpuMs(t1);
  const s = (perFormat[f.format] ??= { files: 0, extractMs: 0, parseMs: 0 });
  s.files++;
  s.extractMs += extractMs;
  s.parseMs += parseMs;
  analyses.set(f.name, { doc, report });
  if (values.models) modelLines.push(`${f.name} ${hash(doc)} ${hash(report)}`);
}
if (values.models) writeFileSync(values.models, modelLines.join('\n') + '\n');

const dir = mkdtempSync(join(tmpdir(), 'nianbao-writer-'));
const dbPath = values.db ?? join(dir, 'writer.db');
const real = defaultAuditor();
const store = new Store({ path: dbPath, auditor: { ...real, analyze: async (_b, file) => analyses.get(file)! } });
const t = process.cpuUsage();
const wall = performance.now();
const results = await store.ingest(files.map((f) => ({ name: f.name, bytes: f.bytes })));
const writerMs = cpuMs(t);
const wallMs = performance.now() - wall;
store.close();

const out = {
  reports: files.length,
  failed: results.filter((r) => r.status === 'failed').length,
  writer: { cpuMsPerReport: r2(writerMs / files.length), wallMsPerReport: r2(wallMs / files.length) },
  analysis: Object.fromEntries(
    Object.entries(perFormat).map(([k, v]) => [k, { files: v.files, extractMs: r2(v.extractMs / v.files), parseMs: r2(v.parseMs / v.files) }]),
  ),
  heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
};

if (values.digest) {
  const db = new Database(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `select r.file_name as file, r.version, r.current, r.score, r.grade, r.errors, r.warnings,
        (select group_concat(f.rule || '|' || coalesce(f.fingerprint, '') || '|' || f.message || '|' || coalesce(f.cells, '') || '|' || coalesce(f.data, '') || '|' || coalesce(f.span_start, '') || '-' || coalesce(f.span_end, ''), char(10))
           from (select * from findings f where f.report_id = r.id order by f.id) f) as findings
       from reports r order by r.file_name, r.version`,
    )
    .all();
  db.close();
  writeFileSync(values.digest, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
if (!values.db) rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(out));
