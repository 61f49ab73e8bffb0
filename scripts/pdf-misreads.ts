/**
 * What the PDF stress set misreads, report by report (issue 12): every wrong cell (layout, table, row,
 * column, printed and read) and every finding that disagrees with the truth, grouped by layout and
 * row. Reads the PDFs `pnpm bench --pdf-reports N` printed into the cache (same seed, same order).
 *
 *   npx tsx scripts/pdf-misreads.ts [--reports 250] [--seed 2026] [--cache data/bench-pdf] [--layout narrow] [--verbose]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AccuracyMeter } from '@nianbao/generator/accuracy';
import { iterateProvince, PDF_LAYOUTS, toPrintHtml, type GeneratedReport, type PdfLayout } from '@nianbao/generator';

const { values } = parseArgs({
  options: {
    reports: { type: 'string', default: '250' },
    seed: { type: 'string', default: '2026' },
    cache: { type: 'string', default: 'data/bench-pdf' },
    layout: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const n = Number(values.reports);
const key = (html: string) => createHash('sha256').update(html).digest('hex').slice(0, 24);
const years = 7;
const p = iterateProvince({ seed: Number(values.seed), agencies: Math.ceil(n / years), years, formats: ['text'] });
const picked: { r: GeneratedReport; layout: PdfLayout; file: string }[] = [];
for (const r of p.reports) {
  if (picked.length >= n) break;
  const layout = PDF_LAYOUTS[picked.length % PDF_LAYOUTS.length]!;
  picked.push({ r, layout, file: join(values.cache!, layout, `${key(toPrintHtml(r.document, layout))}.pdf`) });
}
const families = new Map<string, string[]>();
const add = (k: string, ex: string) => {
  const l = families.get(k) ?? [];
  l.push(ex);
  families.set(k, l);
};
const meter = new AccuracyMeter({
  onReport(r, layout, found, wrong) {
    const name = r.fileName.replace(/\.txt$/, `.${layout}.pdf`);
    const truth = new Set(r.truth.rules);
    const rules = new Set(found.map((f) => f.rule));
    for (const w of wrong) {
      const m = /^(t\d)\.([^.]+(?:\.[^.:]+)?)\.([^.:]+): (.*)$/.exec(w);
      add(`${layout} cell ${m ? `${m[1]} ${m[2]}` : w.split(':')[0]}`, `${name} ${w}`);
    }
    for (const f of found) {
      if (f.rule === 'extract.uncertain') add(`${layout} uncertain`, `${name} ${f.message}`);
      else if (!truth.has(f.rule)) add(`${layout} FP ${f.rule}`, `${name} ${f.message}`);
    }
    for (const t of truth) if (!rules.has(t)) add(`${layout} FN ${t}`, `${name}`);
  },
});
let missing = 0;
const paths = new Map<string, string>();
for (const x of picked) {
  if (values.layout && x.layout !== values.layout) continue;
  if (!existsSync(x.file)) {
    missing++;
    continue;
  }
  paths.set(x.r.fileName, x.file);
  await meter.add({ ...x.r, bytes: new Uint8Array(readFileSync(x.file)), fileName: x.r.fileName }, x.layout);
}
const a = meter.result();
if (values.verbose) for (const [name, file] of paths) console.log(`file ${name} ${file}`);
if (missing) console.log(`${missing} PDFs not in the cache (run the bench first)`);
for (const [g, v] of Object.entries(a.groups))
  console.log(`${g}: cells ${v.cellAccuracy} (${v.wrongCells} wrong), uncertain ${v.uncertain}/${v.reports}, min precision ${v.minPrecision}, min recall ${v.minRecall}`);
for (const [k, list] of [...families].sort()) {
  console.log(`\n## ${k}: ${list.length}`);
  for (const e of list.slice(0, values.verbose ? 1000 : 4)) console.log(`   ${e}`);
}
