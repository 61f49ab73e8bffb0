import { readFileSync } from 'node:fs';
import { extract } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { compact, statedFigures } from './src/narrative';
for (const f of process.argv.slice(2)) {
  const doc = await extract(readFileSync(f), f);
  const r = parse(doc, { file: f, sha256: '' });
  const masks = Object.values(r.cells).flatMap((c) => (c.span ? [c.span] : []));
  const figs = statedFigures(compact(doc.text, masks as never), r.agency.kind === 'government');
  console.log('==', f.split('/').pop());
  for (const x of figs) console.log('  ', x.quantity, x.value, x.clause, x.includesCarriedOver ? '(含结转)' : '');
}
