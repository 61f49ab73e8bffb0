/**
 * `pnpm bench`: throughput of the pure core on one core — extract (decode + grids), parse, and audit —
 * over the seed reports and the text/HTML corpus. Prints figures; targets are in the README.
 *   pnpm bench [--json] [--seconds N]
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { audit } from '@nianbao/audit';
import { extractText, detectKind } from '@nianbao/extract';
import { parse } from '@nianbao/parser';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, seconds: { type: 'string', default: '3' } } });
const seconds = Number(values.seconds);

const root = join(import.meta.dirname, '..');
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
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`core throughput on one core, ${inputs.length} documents (seeds + corpus text/HTML), ${result.averageKb} KB on average`);
  for (const r of [parseOnly, full]) {
    console.log(`  ${r.label.padEnd(22)} ${String(r.reportsPerSecond).padStart(7)} reports/s  (${r.reports} in ${r.seconds}s; target ≥ ${result.target})`);
  }
}
