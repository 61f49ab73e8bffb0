import { readFileSync } from 'node:fs';
import { extractText } from '@nianbao/extract';
import { parse } from '@nianbao/parser';
import { audit } from './src/index';
const files = ['/work/shared/seeds/000_91e0e63c20f568b3.txt','/work/shared/seeds/004_52ba3b16510502cd.txt'];
const bytes = files.map(f => readFileSync(f));
const docs = files.map((f, j) => extractText(bytes[j], f, 'text'));
const parsed = docs.map((d, j) => parse(d, { file: files[j], sha256: '' }));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let round = 0; round < 4; round++) {
  let t0 = cpu();
  for (let i = 0; i < 4000; i++) { const j = i % 2; audit(parsed[j], { text: docs[j].text }); }
  const a = 4000 / (cpu() - t0) * 1000;
  t0 = cpu();
  for (let i = 0; i < 2000; i++) { const j = i % 2; const d = extractText(bytes[j], files[j], 'text'); parse(d, { file: files[j], sha256: '' }); }
  const p = 2000 / (cpu() - t0) * 1000;
  t0 = cpu();
  for (let i = 0; i < 2000; i++) { const j = i % 2; const d = extractText(bytes[j], files[j], 'text'); const r = parse(d, { file: files[j], sha256: '' }); audit(r, { text: d.text }); }
  const b = 2000 / (cpu() - t0) * 1000;
  console.log(`audit only ${a.toFixed(0)}/s cpu; extract+parse ${p.toFixed(0)}/s; extract+parse+audit ${b.toFixed(0)}/s cpu`);
}
