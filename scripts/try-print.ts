import { iterateProvince, toPrintHtml } from '@nianbao/generator';
import { PDFDocument, PDFDict, PDFName, PDFArray, PDFRef } from 'pdf-lib';
import { writeFileSync } from 'node:fs';
const { chromium } = await import('playwright-core');
const N = Number(process.argv[2] ?? 20);
const p = iterateProvince({ seed: 7, agencies: N, years: 1, formats: ['text'] });
const reports = [...p.reports];
let t = Date.now();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const htmls = reports.map((r) => toPrintHtml(r.document, 'ruled'));
const bodies = htmls.map((h) => h.replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, ''));
const all = htmls[0]!.replace(/<body>[\s\S]*<\/body>/, '<body>' + bodies.map((b) => `<section style="break-before: page">${b}</section>`).join('') + '</body>');
t = Date.now();
await page.setContent(all);
const a = Date.now() - t;
const pdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
console.log(`combined ${N}: setContent`, a, 'pdf', Date.now() - t - a, pdf.length);
await browser.close();
t = Date.now();
const doc = await PDFDocument.load(pdf);
const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
let item = outlines.lookup(PDFName.of('First'), PDFDict) as PDFDict | undefined;
const pages = doc.getPages().map((pg) => pg.ref.toString());
const starts: number[] = [];
while (item) {
  const dest = item.lookup(PDFName.of('Dest'));
  console.log(item.lookup(PDFName.of('Title'))?.toString().slice(0, 40), dest?.toString().slice(0, 80));
  if (dest instanceof PDFArray) starts.push(pages.indexOf((dest.get(0) as PDFRef).toString()));
  item = item.lookup(PDFName.of('Next')) as PDFDict | undefined;
}
console.log(starts, doc.getPageCount(), 'parse', Date.now() - t);
t = Date.now();
for (let i = 0; i < starts.length; i++) {
  const out = await PDFDocument.create();
  const idx = Array.from({ length: (starts[i + 1] ?? doc.getPageCount()) - starts[i]! }, (_, k) => starts[i]! + k);
  const copied = await out.copyPages(doc, idx);
  copied.forEach((pg) => out.addPage(pg));
  const bytes = await out.save();
  writeFileSync(`/tmp/wt12/split${i}.pdf`, bytes);
}
console.log('split', Date.now() - t);
