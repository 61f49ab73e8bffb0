/**
 * Regenerates packages/extract/fixtures/ (see fixtures/README.md for what each file is and why):
 * every seed and corpus report as .docx, .doc and .pdf, made by LibreOffice from an HTML rendering
 * of its text version; numbered.fodt as .docx and .doc; paged.fodt (paged-fodt.ts) as .pdf;
 * locked.pdf, password-protected; and scanned.pdf, written here byte by byte.
 *
 *   apt-get install -y libreoffice-writer-nogui   # LibreOffice 7.4 (Debian 12) made the committed files
 *   npx tsx packages/extract/scripts/make-fixtures.ts
 *
 * The files are committed: CI has no LibreOffice, and tests never generate fixtures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fromPdf } from '../src/pdf';
import { seedToHtml } from '../src/testing/seed-html';
import { fromText } from '../src/text';
import { documentToHtml } from './document-html';
import { pagedFodt } from './paged-fodt';

const HERE = import.meta.dirname;
const OUT = join(HERE, '../fixtures');
const SEEDS = join(HERE, '../../../data/samples');
const CORPUS = join(HERE, '../../../../shared/corpus');

/** The report body of a portal page: its headline and article, without the portal's metadata table. */
function articleOf(page: string): string {
  const h1 = /<h1[^>]*>[^]*?<\/h1>/.exec(page)?.[0];
  const start = page.indexOf('<div class="article-content"');
  const end = page.lastIndexOf('</div>', page.indexOf('</body>'));
  if (!h1 || start < 0 || end < start) throw new Error('report body not found');
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n</head>\n<body>\n${h1}\n${page.slice(start, end + 6)}\n</body>\n</html>\n`;
}

/** Name → HTML of each report, as its author's Word document would hold it. */
async function reports(): Promise<Map<string, string>> {
  const html = new Map<string, string>();
  for (const f of readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort())
    html.set(f.replace(/\.txt$/, ''), seedToHtml(readFileSync(join(SEEDS, f), 'utf8'), { chrome: false }));
  for (const f of readdirSync(CORPUS).sort()) {
    const base = f.replace(/\..*$/, '');
    const path = join(CORPUS, f);
    if (f.endsWith('.html')) html.set(base, articleOf(readFileSync(path, 'utf8')));
    // each line of the Markdown a paragraph, each pipe table a table (no Markdown paragraph joining)
    else if (f.endsWith('.md') && f !== 'README.md')
      html.set(base, documentToHtml(fromText(readFileSync(path, 'utf8'))));
    // no Word original was published: the tables as read from the PDF, merged cells merged again
    else if (f.endsWith('.pdf'))
      html.set(base, documentToHtml(await fromPdf(readFileSync(path), f), { mergeDown: true }));
  }
  return html;
}

/**
 * A two-page PDF holding only a scanned image (1-bit, stripes where a scan has lines of text): what
 * an office gets when a printed report is scanned. No text layer at all.
 */
function scannedPdf(): Buffer {
  const [w, h] = [120, 170];
  const rowBytes = w / 8;
  const pixels = Buffer.alloc(rowBytes * h, 0xff);
  for (let y = 20; y < h - 20; y++) {
    if (y % 8 >= 4) continue;
    const len = y % 40 < 8 ? rowBytes - 6 : rowBytes - 2;
    for (let x = 2; x < len; x++) pixels[y * rowBytes + x] = (x * 37 + y * 11) % 5 === 0 ? 0xff : 0x00;
  }
  const image = deflateSync(pixels);
  const draw = 'q 495 0 0 701 50 70 cm /Im1 Do Q';
  const objects: (string | Buffer)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>'],
    [
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>',
    ],
    [
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 6 0 R >>',
    ],
    [
      `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`,
      image,
      '\nendstream',
    ],
    [`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`],
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const bytes = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      ...body.map((b) => (typeof b === 'string' ? Buffer.from(b, 'latin1') : b)),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(bytes);
    length += bytes.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

const work = mkdtempSync(join(tmpdir(), 'nianbao-fixtures-'));
mkdirSync(OUT, { recursive: true });
const soffice = (target: string, files: string[], html = true) =>
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      // import as a Writer document (not Writer/Web), so that it can be saved as Word or PDF
      ...(html ? ['--infilter=HTML (StarWriter)'] : []),
      '--convert-to',
      target,
      '--outdir',
      OUT,
      ...files,
    ],
    { stdio: 'inherit' },
  );

const pages = await reports();
for (const [name, html] of pages) writeFileSync(join(work, `${name}.html`), html);
const htmls = [...pages.keys()].map((name) => join(work, `${name}.html`));
soffice('docx:MS Word 2007 XML', htmls);
soffice('doc:MS Word 97', htmls);
// the 淮安 report is published as a PDF: that one is the PDF fixture (read from the corpus)
soffice(
  'pdf:writer_pdf_Export',
  htmls.filter((f) => !f.includes('huaian')),
);
const numbered = [join(OUT, 'numbered.fodt')];
soffice('docx:MS Word 2007 XML', numbered, false);
soffice('doc:MS Word 97', numbered, false);
writeFileSync(join(work, 'paged.fodt'), pagedFodt());
soffice('pdf:writer_pdf_Export', [join(work, 'paged.fodt')], false);
writeFileSync(join(OUT, 'scanned.pdf'), scannedPdf());
// a PDF that opens only with a password (「secret」)
writeFileSync(
  join(work, 'locked.html'),
  '<!DOCTYPE html><html><body><p>某某局政府信息公开工作年度报告</p></body></html>',
);
soffice(
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}',
  [join(work, 'locked.html')],
);
rmSync(work, { recursive: true, force: true });
let total = 0;
for (const f of readdirSync(OUT).sort()) {
  const size = statSync(join(OUT, f)).size;
  total += size;
  console.log(`${String(size).padStart(8)}  ${f}`);
}
console.log(`${String(total).padStart(8)}  total`);
