import { readFileSync, writeFileSync } from 'node:fs';
import { extract } from '@nianbao/extract';
import { documentHtml, printPdfs } from '../packages/extract/src/testing/print-pdf';
import { parse } from '@nianbao/parser';
import { analyze } from '@nianbao/audit';

const files = ['data/samples/000_91e0e63c20f568b3.txt', 'data/samples/004_52ba3b16510502cd.txt', '../shared/corpus/suqian-shuyangxian-fazhangaigeju_2023.html', '../shared/corpus/shanghai-shi-kexue-jishu-weiyuanhui_2024.md', '../shared/corpus/shanghai-shi-renminzhengfu-bangongting_2025.md'];
const docs = await Promise.all(files.map(async (f) => extract(readFileSync(f), f)));
const pdfs = await printPdfs(docs.map((d) => documentHtml(d, { ruled: false })));
for (const [i, f] of files.entries()) {
  writeFileSync(`/tmp/wt12/${i}.pdf`, pdfs[i]!);
  const a = parse(docs[i]!, { file: f, sha256: '' });
  const b = parse(await extract(pdfs[i]!, 'x.pdf'), { file: 'x.pdf', sha256: '' });
  const diff = Object.keys(a.cells).filter((k) => a.cells[k]!.state !== b.cells[k]?.state || a.cells[k]!.value !== b.cells[k]?.value);
  console.log(f, diff.length, diff.slice(0, 40).map((k) => `${k}: ${a.cells[k]!.state}/${a.cells[k]!.value} vs ${b.cells[k]?.state}/${b.cells[k]?.value}`).join('\n  '));
  const fa = await analyze(readFileSync(f), f); const fb = await analyze(pdfs[i]!, 'x.pdf');
  if ('findings' in fa && 'findings' in fb) console.log('  findings text:', fa.findings.map((x) => x.rule).join(','), '\n  pdf:', fb.findings.map((x) => x.rule).join(','));
}
