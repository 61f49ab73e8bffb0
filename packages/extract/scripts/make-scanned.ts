/**
 * Scanned fixtures (issue 19): the seeds and one generated report printed to PDF with a watermark
 * and a red seal over the 落款, rasterised, turned and sprinkled with noise, wrapped back into
 * image-only PDFs, and one table page kept as .png and .jpg:
 *
 *   npx tsx packages/extract/scripts/make-scanned.ts
 *
 * writes packages/extract/fixtures/scanned/. The benchmark makes many more the same way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProvince, NO_DEFECTS } from '@nianbao/generator';
import { extract } from '../src/index';
import { documentHtml, printPdfs } from '../src/testing/print-pdf';
import { SCAN_DEFAULT, SCAN_PRINT, scanPdf, squareTables, stampHtml } from '../src/testing/scan';

const ROOT = join(import.meta.dirname, '../../..');
const OUT = join(import.meta.dirname, '../fixtures/scanned');

/** The generated report of the fixtures: the province of seed 19, its first 2025 report, without defects. */
export function generatedSource() {
  const { reports } = generateProvince({ seed: 19, agencies: 3, years: 1, formats: ['text'], rates: NO_DEFECTS });
  return reports[0]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const gen = generatedSource();
  const sources = [
    { name: '000_91e0e63c20f568b3', bytes: readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt')), file: '000.txt' },
    { name: 'generated', bytes: Buffer.from(gen.bytes), file: gen.fileName },
  ];
  const htmls: string[] = [];
  for (const s of sources) htmls.push(stampHtml(documentHtml(squareTables(await extract(s.bytes, s.file)), SCAN_PRINT)));
  const pdfs = await printPdfs(htmls);
  for (const [i, s] of sources.entries()) {
    const style = { ...SCAN_DEFAULT, seed: 19 + i, dpi: i === 1 ? 150 : 200 };
    const scan = await scanPdf(pdfs[i]!, style);
    writeFileSync(join(OUT, `${s.name}.pdf`), scan.pdf);
    console.log(s.name, scan.images.length, 'pages', scan.pdf.length, 'bytes');
  }
  // one page as a photograph would come: .png and .jpg (the generated report's table page)
  const page = await scanPdf(pdfs[1]!, { ...SCAN_DEFAULT, seed: 7, angle: -0.8 }, { first: 2, last: 2 }, 'jpeg');
  writeFileSync(join(OUT, 'generated-p2.jpg'), page.images[0]!);
  const png = await scanPdf(pdfs[1]!, { ...SCAN_DEFAULT, seed: 8, angle: 0.4, dpi: 150 }, { first: 2, last: 2 }, 'png');
  writeFileSync(join(OUT, 'generated-p2.png'), png.images[0]!);
}
