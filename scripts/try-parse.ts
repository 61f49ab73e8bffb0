import { readFileSync } from 'node:fs';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
const f = process.argv[2]!;
const doc = await extract(readFileSync(f), f);
const r = parse(doc, { file: f, sha256: 'x' });
const mode = process.argv[3] ?? 'sum';
const { cells, ...rest } = r;
console.log(JSON.stringify({ ...rest, sections: Object.fromEntries(Object.entries(r.sections).map(([k, s]) => [k, s.present ? `${s.numbering}:${s.heading}` : 'MISSING'])) }, null, 0));
const byRow: Record<string, string[]> = {};
for (const [k, c] of Object.entries(cells)) { const row = k.split('.').slice(0, -1).join('.'); (byRow[row] ??= []).push(c.state === 'value' ? String(c.value) + (c.unit ? `[${c.unit}]` : '') + (c.note ? `{${c.note}}` : '') : c.state === 'blank' ? '_' : c.state === 'absent' ? 'ø' : `<${c.state}:${c.raw}>`); }
if (mode !== 'meta') for (const [k, v] of Object.entries(byRow)) console.log(k.padEnd(40), v.join(' '));
