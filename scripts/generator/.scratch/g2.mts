import { generateProvince } from '..';
import { AccuracyMeter, readBack, differences } from '../accuracy';
const p = generateProvince({ seed: 7, agencies: 60, years: 7 });
const meter = new AccuracyMeter();
let bad = 0;
for (const r of p.reports) {
  const rb = await readBack(r).catch((e) => null);
  if (rb) { const d = differences(r, rb.report); if (d.length) { bad++; if (bad < 12) console.log(r.fileName, r.truth.defects.map(x=>x.kind).join(','), d.slice(0, 4)); } }
  await meter.add(r);
}
const a = meter.result();
console.log('bad readbacks', bad, 'of', p.reports.length);
console.log(JSON.stringify({ ...a, examples: undefined }, null, 0));
console.log(JSON.stringify(a.examples, null, 1).slice(0, 5000));
