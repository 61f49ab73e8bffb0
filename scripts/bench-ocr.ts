/**
 * The scanned stress set (issue 19): reports of the synthetic province printed to PDF (headless
 * Chromium) with a grey watermark and a red seal over the 落款, rasterised at `--dpi`, turned
 * slightly and sprinkled with noise, wrapped into image-only PDFs; then read back through the real
 * pipeline (extract → OCR → parse → audit) against the generator's truth:
 *
 *   cells right %   cells of the three tables read as printed (a cell in a row OCR marked doubtful
 *                   counts as unread, not right; a wrong cell is one read with another value)
 *   precision       per rule, against the truth manifest (`extract.uncertain` is a reading notice,
 *                   not counted); recall may drop where a doubtful row holds back a finding
 *   pages/s per core  pages read per CPU-second of the reading process (OCR included)
 *   peak RSS        of the reading process
 *
 *   npx tsx scripts/bench-ocr.ts [--reports N] [--seed S] [--dpi D[,D…]] [--json]
 *   npx tsx scripts/bench-ocr.ts --make DIR …    (only the scans, into DIR)
 *   npx tsx scripts/bench-ocr.ts --read DIR [--part k/K] …
 *       only the reading of DIR's scans, one line per report on stderr, each reading kept in DIR/read/;
 *       K processes `--part 0/K` … `--part K-1/K` read in parallel, then `--read DIR` alone gives the figures
 *       (`--kept`: of the reports read so far only)
 *
 * With several resolutions (`--dpi 150,200,250,300`) the reports take them in turn. The scans are
 * made in this process; the reading runs in a child, so its CPU and RSS are its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const options = {
  options: {
    reports: { type: 'string', default: '6' },
    seed: { type: 'string', default: '19' },
    dpi: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
    read: { type: 'string' },
    part: { type: 'string' },
    kept: { type: 'boolean', default: false },
    make: { type: 'string' },
  },
} as const;

const round = (n: number, d = 4) => Math.round(n * 10 ** d) / 10 ** d;

export interface ScannedResult {
  reports: number;
  pages: number;
  dpi: number[];
  engine: string;
  cells: number;
  cellsRight: number;
  cellsUnread: number;
  cellsWrong: number;
  cellsRightPct: number;
  wrong: string[];
  perRule: Record<string, { precision: number; recall: number; tp: number; fp: number; fn: number }>;
  minPrecision: number;
  minRecall: number;
  errors: { fileName: string; message: string }[];
  seconds: number;
  cpuSeconds: number;
  pagesPerSecondPerCore: number;
  secondsPerPage: number;
  peakRssMb: number;
  loadavg: number[];
}

async function province(n: number, seed: number) {
  const { generateProvince } = await import('@nianbao/generator');
  // enough agencies for n reports in the last year (defects at the generator's default rates)
  const p = generateProvince({ seed, agencies: n, years: 2, formats: ['text'] });
  return p.reports.filter((r) => r.year === p.years.at(-1)).slice(0, n);
}

/** Makes the scans of `n` reports into `dir` (as <fileName>.pdf); returns the page count. */
export async function makeScans(dir: string, n: number, seed: number, dpi: number[]): Promise<number> {
  const { extract } = await import('@nianbao/extract');
  const { documentHtml, printPdfs } = await import('@nianbao/extract/testing/print-pdf');
  const { SCAN_DEFAULT, SCAN_PRINT, scanPdf, squareTables, stampHtml } = await import('@nianbao/extract/testing/scan');
  const reports = await province(n, seed);
  mkdirSync(dir, { recursive: true });
  const htmls: string[] = [];
  for (const r of reports) htmls.push(stampHtml(documentHtml(squareTables(await extract(r.bytes, r.fileName)), SCAN_PRINT)));
  const pdfs = await printPdfs(htmls);
  let pages = 0;
  for (const [i, r] of reports.entries()) {
    const style = { ...SCAN_DEFAULT, dpi: dpi[i % dpi.length]!, seed: seed * 1000 + i, angle: [0.6, -0.4, 0.9, -0.8, 0.3][i % 5]! };
    const scan = await scanPdf(pdfs[i]!, style);
    pages += scan.images.length;
    const file = join(dir, r.fileName.replace(/\.[^.]+$/, '.pdf'));
    writeFileSync(file + '.part', scan.pdf);
    renameSync(file + '.part', file);
  }
  return pages;
}

/** A scan's bytes, waiting for one a `--make` still running has not written yet (it writes each at once). */
async function scanOf(file: string): Promise<Buffer> {
  for (let waited = 0; !existsSync(file); waited += 5) {
    if (waited > 1800) throw new Error(`${file}: no scan after 30 minutes`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  return readFileSync(file);
}

/** One report read back, kept as JSON beside the scans (so that parts read in parallel, and a run resumes). */
interface Kept {
  read: import('@nianbao/generator/accuracy').ReadBack;
  pages: number;
  cpuSeconds: number;
  seconds: number;
  rssMb: number;
}

/**
 * Reads the scans back (the child's work): cells and findings against the truth. Each report's
 * reading is kept in DIR/read/; with `part` [k, K] only every K-th report from the k-th is read
 * (K processes read in parallel), and the figures come from a last run without `part`.
 */
async function readScans(
  dir: string,
  n: number,
  seed: number,
  dpi: number[],
  engine: string,
  part?: [number, number],
  keptOnly = false,
): Promise<ScannedResult | undefined> {
  const { AccuracyMeter, readBack } = await import('@nianbao/generator/accuracy');
  const { cellDefs } = await import('@nianbao/model');
  const pdfName = (r: { fileName: string }) => r.fileName.replace(/\.[^.]+$/, '.pdf');
  // with `keptOnly`, the figures of the reports read so far (a run stopped before the end)
  const reports = (await province(n, seed)).filter((r) => !keptOnly || existsSync(join(dir, 'read', pdfName(r) + '.json')));
  mkdirSync(join(dir, 'read'), { recursive: true });
  /** The cells of one reading against the truth: right, unread (in a row marked doubtful), wrong. */
  const cellsOf = (r: (typeof reports)[number], read: Kept['read']) => {
    const doubtful = Object.values(read.report.reading ?? {}).flatMap((t) => t.doubtfulRows);
    const out = { cells: 0, right: 0, unread: 0, wrong: [] as string[] };
    for (const d of cellDefs(r.template)) {
      out.cells++;
      const want = r.truth.cells[d.key]!;
      const got = read.report.cells[d.key];
      if (got && got.state === want.state && got.value === want.value) out.right++;
      else if (doubtful.some((row) => d.key.startsWith(row + '.'))) out.unread++;
      else out.wrong.push(`${pdfName(r)} ${d.key}: read ${got?.state} ${JSON.stringify(got?.raw)}, printed ${want.state} ${JSON.stringify(want.raw)}`);
    }
    return out;
  };
  const kept: Kept[] = [];
  for (const [i, r] of reports.entries()) {
    if (part && i % part[1] !== part[0]) continue;
    const file = join(dir, 'read', pdfName(r) + '.json');
    if (existsSync(file)) {
      kept.push(JSON.parse(readFileSync(file, 'utf8')) as Kept);
      continue;
    }
    const bytes = await scanOf(join(dir, pdfName(r)));
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const read = await readBack({ ...r, bytes, fileName: pdfName(r) }).catch((e: unknown) => e as Error);
    const u = process.cpuUsage(cpu);
    if (read instanceof Error) {
      console.error(`${i + 1}/${reports.length} ${pdfName(r)}: ${read.message}`);
      continue;
    }
    const k: Kept = {
      read,
      pages: (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length,
      cpuSeconds: (u.user + u.system) / 1e6,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      rssMb: process.resourceUsage().maxRSS / 1024,
    };
    writeFileSync(file, JSON.stringify(k));
    kept.push(k);
    // progress, and what went wrong in this report, as it comes (a run of hundreds takes hours)
    const c = cellsOf(r, read);
    console.error(
      `${i + 1}/${reports.length} ${pdfName(r)} ${dpi[i % dpi.length]} dpi: ${c.right} right, ${c.unread} unread, ${c.wrong.length} wrong; ` +
        `${k.pages} pages, ${round(k.cpuSeconds, 1)} CPU s, ${round(k.seconds, 1)} s`,
    );
    for (const w of c.wrong) console.error('  ' + w);
  }
  if (part) return undefined;

  let cells = 0;
  let right = 0;
  let unread = 0;
  const wrong: string[] = [];
  const meter = new AccuracyMeter({
    ignore: (rule) => rule === 'extract.uncertain',
    onRead: (r, read) => {
      const c = cellsOf(r as (typeof reports)[number], read);
      cells += c.cells;
      right += c.right;
      unread += c.unread;
      wrong.push(...c.wrong);
    },
  });
  const byName = new Map(kept.map((k) => [k.read.report.file, k]));
  for (const r of reports) {
    const k = byName.get(pdfName(r));
    // a report that could not be read is read again here, so that the meter counts its failure
    await meter.add({ ...r, fileName: pdfName(r), bytes: k ? r.bytes : readFileSync(join(dir, pdfName(r))) }, undefined, k?.read);
  }
  const acc = meter.result();
  const sum = (f: (k: Kept) => number) => kept.reduce((t, k) => t + f(k), 0);
  const pages = sum((k) => k.pages);
  const cpuSeconds = sum((k) => k.cpuSeconds);
  const seconds = sum((k) => k.seconds);
  return {
    reports: reports.length,
    pages,
    dpi,
    engine,
    cells,
    cellsRight: right,
    cellsUnread: unread,
    cellsWrong: cells - right - unread,
    cellsRightPct: round((100 * right) / Math.max(1, cells), 2),
    wrong: wrong.slice(0, 40),
    perRule: acc.perRule,
    minPrecision: acc.minPrecision,
    minRecall: acc.minRecall,
    errors: acc.errors,
    seconds: round(seconds, 2),
    cpuSeconds: round(cpuSeconds, 2),
    pagesPerSecondPerCore: round(pages / cpuSeconds, 3),
    secondsPerPage: round(seconds / Math.max(1, pages), 2),
    peakRssMb: round(Math.max(...kept.map((k) => k.rssMb), process.resourceUsage().maxRSS / 1024), 1),
    loadavg: loadavg().map((l) => round(l, 2)),
  };
}

/** The whole stress set: scans made here, read in a child process. */
export async function scannedStress(opts: { reports: number; seed: number; dpi: number[]; engine: string }): Promise<ScannedResult> {
  const dir = mkdtempSync(join(tmpdir(), 'nb-scanned-'));
  try {
    console.error(`scanned: printing and scanning ${opts.reports} reports at ${opts.dpi} dpi …`);
    await makeScans(dir, opts.reports, opts.seed, opts.dpi);
    console.error(`scanned: reading them back by OCR (${opts.engine}) …`);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        import.meta.filename,
        '--read',
        dir,
        '--reports',
        String(opts.reports),
        '--seed',
        String(opts.seed),
        '--dpi',
        opts.dpi.join(','),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('@@ocr '));
    if (!line) throw new Error(`the reading child failed (${child.status})`);
    return JSON.parse(line.slice(6)) as ScannedResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as lines of Markdown. */
export function scannedMarkdown(r: ScannedResult): string {
  const rows = Object.entries(r.perRule).map(
    ([rule, v]) => `| \`${rule}\` | ${v.precision} | ${v.recall} | ${v.tp} | ${v.fp} | ${v.fn} |`,
  );
  return [
    `${r.reports} generated reports, ${r.pages} pages, scanned at ${r.dpi.join(', ')} dpi (watermark, seal over the 落款, noise, turned 0.3–0.9°), read by OCR (${r.engine}).`,
    '',
    `Cells right: **${r.cellsRightPct} %** (${r.cellsRight} of ${r.cells}; ${r.cellsUnread} unread in rows marked doubtful, ${r.cellsWrong} wrong). ` +
      `Min precision ${r.minPrecision}, min recall ${r.minRecall}. ` +
      `${r.pagesPerSecondPerCore} pages/s per core (${r.secondsPerPage} s per page wall), peak RSS ${r.peakRssMb} MB; load ${r.loadavg.join(' / ')}.`,
    '',
    '| Rule | Precision | Recall | TP | FP | FN |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs(options);
  const n = Number(values.reports);
  const seed = Number(values.seed);
  const dpi = values.dpi.split(',').map(Number);
  if (values.make) {
    console.log(await makeScans(values.make, n, seed, dpi), 'pages');
  } else if (values.read) {
    const part = values.part?.split('/').map(Number) as [number, number] | undefined;
    const r = await readScans(values.read, n, seed, dpi, 'paddle', part, values.kept);
    if (r) {
      process.stdout.write('@@ocr ' + JSON.stringify(r) + '\n');
      console.error(scannedMarkdown(r));
    }
  } else {
    const r = await scannedStress({ reports: n, seed, dpi, engine: 'paddle' });
    if (values.json) console.log(JSON.stringify(r, null, 2));
    else {
      console.log(scannedMarkdown(r));
      if (r.wrong.length) console.log('\nWrong cells:\n' + r.wrong.join('\n'));
      if (r.errors.length) console.log('\nErrors:\n' + r.errors.map((e) => `${e.fileName}: ${e.message}`).join('\n'));
    }
  }
}
