/**
 * Scanned fixtures (issue 19): the seeds, the corpus reports and one generated report printed to PDF
 * with a watermark and a red seal over the 落款, rasterised, turned and sprinkled with noise,
 * wrapped back into image-only PDFs, and one table page kept as .png and .jpg:
 *
 *   npx tsx packages/extract/scripts/make-scanned.ts
 *
 * writes packages/extract/fixtures/scanned/ (the seeds at 200 dpi, the corpus at 150 dpi to keep the
 * files small, the generated report at 150 dpi). The benchmark makes many more the same way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProvince, NO_DEFECTS } from '@nianbao/generator';
import { extract } from '../src/index';
import { documentHtml, printPdfs } from '../src/testing/print-pdf';
import { SCAN_DEFAULT, SCAN_PRINT, scanPdf, squareTables, stampHtml } from '../src/testing/scan';
import { NARROW_SOURCES } from './make-narrow';

const OUT = join(import.meta.dirname, '../fixtures/scanned');

/** The generated report of the fixtures: the province of seed 19, its first 2025 report, without defects. */
export function generatedSource() {
  const { reports } = generateProvince({ seed: 19, agencies: 3, years: 1, formats: ['text'], rates: NO_DEFECTS });
  return reports[0]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const gen = generatedSource();
  const sources = [
    ...NARROW_SOURCES.map((f, i) => ({
      name: f.split('/').pop()!.replace(/\.[^.]+$/, ''),
      bytes: readFileSync(f),
      file: f.split('/').pop()!,
      dpi: f.includes('/samples/') ? 200 : 150,
      seed: 19 + 10 * i,
    })),
    { name: 'generated', bytes: Buffer.from(gen.bytes), file: gen.fileName, dpi: 150, seed: 20 },
  ];
  const htmls: string[] = [];
  for (const s of sources) htmls.push(stampHtml(documentHtml(squareTables(await extract(s.bytes, s.file)), SCAN_PRINT)));
  const pdfs = await printPdfs(htmls);
  for (const [i, s] of sources.entries()) {
    const style = { ...SCAN_DEFAULT, seed: s.seed, dpi: s.dpi };
    const scan = await scanPdf(pdfs[i]!, style);
    writeFileSync(join(OUT, `${s.name}.pdf`), scan.pdf);
    console.log(s.name, scan.images.length, 'pages', scan.pdf.length, 'bytes');
  }
  const generated = pdfs.at(-1)!;
  // one page as a photograph would come: .png and .jpg (the generated report's table page)
  const page = await scanPdf(generated, { ...SCAN_DEFAULT, seed: 7, angle: -0.8 }, { first: 2, last: 2 }, 'jpeg');
  writeFileSync(join(OUT, 'generated-p2.jpg'), page.images[0]!);
  const png = await scanPdf(generated, { ...SCAN_DEFAULT, seed: 8, angle: 0.4, dpi: 150 }, { first: 2, last: 2 }, 'png');
  writeFileSync(join(OUT, 'generated-p2.png'), png.images[0]!);
}
