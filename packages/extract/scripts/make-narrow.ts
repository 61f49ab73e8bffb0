/**
 * The seeds and the corpus reports printed to PDF by headless Chromium as agencies' WPS/Word tables
 * often are (issue 12): with a label column narrow enough to wrap (3.5em), and without table borders
 * (text placed only by position):
 *
 *   npx tsx packages/extract/scripts/make-narrow.ts
 *
 * writes packages/extract/fixtures/narrow/<name>.pdf and packages/extract/fixtures/unruled/<name>.pdf.
 * Each is read against its text version in packages/audit/src/narrow.test.ts and
 * packages/parser/src/unruled.test.ts.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/index';
import { documentHtml, printPdfs, type PrintStyle } from '../src/testing/print-pdf';

const ROOT = join(import.meta.dirname, '../../..');
export const NARROW_SOURCES = [
  join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'),
  join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'),
  join(ROOT, '../shared/corpus/shanghai-shi-kexue-jishu-weiyuanhui_2024.md'),
  join(ROOT, '../shared/corpus/shanghai-shi-renminzhengfu-bangongting_2025.md'),
  join(ROOT, '../shared/corpus/suqian-shuyangxian-fazhangaigeju_2023.html'),
];

const SETS: [string, PrintStyle][] = [
  ['narrow', { labelWidth: '3.5em' }],
  ['unruled', { ruled: false }],
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv[2];
  for (const [dir, style] of SETS) {
    if (only && only !== dir) continue;
    const htmls: string[] = [];
    for (const f of NARROW_SOURCES) htmls.push(documentHtml(await extract(readFileSync(f), f), style));
    const pdfs = await printPdfs(htmls);
    mkdirSync(join(import.meta.dirname, '../fixtures', dir), { recursive: true });
    NARROW_SOURCES.forEach((f, i) => {
      const name = f.split('/').pop()!.replace(/\.[^.]+$/, '.pdf');
      writeFileSync(join(import.meta.dirname, '../fixtures', dir, name), pdfs[i]!);
      console.log(dir, name, pdfs[i]!.length);
    });
  }
}
