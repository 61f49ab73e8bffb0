/**
 * The seeds and the corpus reports printed to PDF with a label column narrow enough to wrap (3.5em),
 * by headless Chromium, as agencies' WPS/Word tables often are (issue 12):
 *
 *   npx tsx packages/extract/scripts/make-narrow.ts
 *
 * writes packages/extract/fixtures/narrow/<name>.pdf. Each is read against its text version in
 * packages/audit/src/narrow.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/index';
import { documentHtml, printPdfs } from '../src/testing/print-pdf';

const ROOT = join(import.meta.dirname, '../../..');
export const NARROW_SOURCES = [
  join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'),
  join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'),
  join(ROOT, '../shared/corpus/shanghai-shi-kexue-jishu-weiyuanhui_2024.md'),
  join(ROOT, '../shared/corpus/shanghai-shi-renminzhengfu-bangongting_2025.md'),
  join(ROOT, '../shared/corpus/suqian-shuyangxian-fazhangaigeju_2023.html'),
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const htmls: string[] = [];
  for (const f of NARROW_SOURCES) htmls.push(documentHtml(await extract(readFileSync(f), f), { labelWidth: '3.5em' }));
  const pdfs = await printPdfs(htmls);
  NARROW_SOURCES.forEach((f, i) => {
    const name = f.split('/').pop()!.replace(/\.[^.]+$/, '.pdf');
    writeFileSync(join(import.meta.dirname, '../fixtures/narrow', name), pdfs[i]!);
    console.log(name, pdfs[i]!.length);
  });
}
