import { generateProvince } from '..';
import { readBack } from '../accuracy';
import { narrativeSignature, similarity, containment } from '@nianbao/audit';
const p = generateProvince({ seed: 11, agencies: 1200, years: 2, formats: ['text'] });
const byYear = new Map<number, { r: any; sig: any }[]>();
for (const r of p.reports) {
  const rb = await readBack(r);
  const sig = narrativeSignature(rb.report, rb.doc.text);
  (byYear.get(r.year) ?? byYear.set(r.year, []).get(r.year)!).push({ r, sig });
}
const ys = [...byYear.keys()].sort();
const cur = byYear.get(ys[1]!)!; const prev = new Map(byYear.get(ys[0]!)!.map((x) => [x.r.agency.id, x]));
let maxJ = 0, maxC = 0; const hist: number[] = new Array(11).fill(0);
for (let i = 0; i < cur.length; i++) for (let j = i + 1; j < cur.length; j++) {
  const copy = cur[i]!.r.truth.defects.some((d: any) => d.kind === 'copied-across-agencies') && cur[j]!.r.truth.defects.some((d: any) => d.kind === 'copied-across-agencies');
  const s = similarity(cur[i]!.sig, cur[j]!.sig);
  if (copy && s > 0.5) { console.log('copy pair', cur[i]!.r.agency.name, cur[j]!.r.agency.name, s); continue; }
  if (s > maxJ) maxJ = s; hist[Math.floor(s * 10)]++;
}
const cs: number[] = [];
for (const x of cur) { const q = prev.get(x.r.agency.id); if (!q) continue; const c = containment(x.sig, q.sig); if (x.r.truth.defects.some((d: any) => d.kind === 'copied-from-last-year')) { console.log('lastyear copy', c); continue; } cs.push(c); }
cs.sort((a, b) => b - a);
console.log('max peer J (non-copy)', maxJ, hist, 'top containment', cs.slice(0, 8));
