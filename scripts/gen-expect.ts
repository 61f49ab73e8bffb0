// Writes what the parser reads from each real document to packages/parser/src/__expected__/<name>.json.
// Each file was reviewed cell by cell against its source; regenerate only to review a deliberate change:
//   npx tsx scripts/gen-expect.ts ../shared/seeds/*.txt ../shared/corpus/*.{md,html,txt}
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { expectedOf } from '@nianbao/parser/testing';

for (const file of process.argv.slice(2)) {
  const r = parse(await extract(readFileSync(file), file), { file, sha256: '' });
  const out = `packages/parser/src/__expected__/${basename(file)}.json`;
  writeFileSync(out, JSON.stringify(expectedOf(r), null, 2) + '\n');
  console.log(out);
}
