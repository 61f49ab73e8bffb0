// Prints what the parser reads from a file: metadata, sections and every cell (see cellRows).
// Usage: npx tsx scripts/try-parse.ts FILE
import { readFileSync } from 'node:fs';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { cellRows } from '@nianbao/parser/testing';

const file = process.argv[2]!;
const r = parse(await extract(readFileSync(file), file), { file, sha256: '' });
const sections = Object.fromEntries(
  Object.entries(r.sections).map(([k, s]) => [k, s.present ? `${s.numbering}:${s.heading}` : 'MISSING']),
);
console.log(JSON.stringify({ agency: r.agency, year: r.year, template: r.template, publishedOn: r.publishedOn, sections }));
for (const [row, values] of Object.entries(cellRows(r.cells))) console.log(row.padEnd(40), values);
