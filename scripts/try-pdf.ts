import { writeFileSync, mkdirSync } from 'node:fs';
import { iterateProvince, toPrintHtml, PDF_LAYOUTS, type PdfLayout } from '@nianbao/generator';
import { differences, readBack } from '@nianbao/generator/accuracy';
import { printPdfs } from '@nianbao/extract/testing/print-pdf';
import { audit } from '@nianbao/audit';

const per = Number(process.argv[2] ?? 6);
const only = (process.argv[3]?.split(',') ?? PDF_LAYOUTS) as PdfLayout[];
const p = iterateProvince({ seed: 7, agencies: 60, years: 3, formats: ['text'] });
const reports = [...p.reports].slice(0, per * only.length);
mkdirSync('/tmp/wt12/gen', { recursive: true });
const htmls = reports.map((r, i) => toPrintHtml(r.document, only[i % only.length]!));
const t = Date.now();
const pdfs = await printPdfs(htmls);
console.log('printed', pdfs.length, (Date.now() - t) / pdfs.length, 'ms each');
let cells = 0, wrong = 0;
for (const [i, r] of reports.entries()) {
  const layout = only[i % only.length]!;
  const name = r.fileName.replace(/\.txt$/, `.${layout}.pdf`);
  writeFileSync(`/tmp/wt12/gen/${name}`, pdfs[i]!);
  const rb = await readBack({ ...r, bytes: pdfs[i]!, fileName: name });
  const d = differences(r, rb.report).filter((x) => /^t\d/.test(x));
  const other = differences(r, rb.report).filter((x) => !/^t\d/.test(x));
  cells += Object.keys(r.truth.cells).length; wrong += d.length;
  const f = audit(rb.report, { text: rb.doc.text }).findings.map((x) => x.rule);
  const unc = f.includes('extract.uncertain');
  if (d.length || other.length || unc) console.log(layout, name, r.template, d.length, unc ? 'UNCERTAIN ' + JSON.stringify(rb.report.reading) : '', '\n   ', [...other, ...d].slice(0, 8).join('\n    '));
}
console.log('cells', cells, 'wrong', wrong);
