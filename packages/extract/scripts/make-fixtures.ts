/**
 * Regenerates packages/extract/fixtures/: the seeds rendered as HTML (seedToHtml, without portal
 * chrome: a Word document has none) and the corpus web page, converted by LibreOffice to .docx and
 * .doc, and the seeds to .pdf (for the PDF adapter); numbered.fodt (list numbering, a text box, a
 * header and footer: what a web page cannot carry) to .docx and .doc.
 *
 *   apt-get install -y libreoffice-writer-nogui
 *   npx tsx packages/extract/scripts/make-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { seedToHtml } from '../src/testing/seed-html';

const HERE = import.meta.dirname;
const OUT = join(HERE, '../fixtures');
const SEEDS = join(HERE, '../../../data/samples');
const CORPUS_HTML = join(HERE, '../../../../shared/corpus/suqian-shuyangxian-fazhangaigeju_2023.html');

const work = mkdtempSync(join(tmpdir(), 'nianbao-fixtures-'));
mkdirSync(OUT, { recursive: true });
const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
for (const f of seeds)
  writeFileSync(
    join(work, f.replace(/\.txt$/, '.html')),
    seedToHtml(readFileSync(join(SEEDS, f), 'utf8'), { chrome: false }),
  );
copyFileSync(CORPUS_HTML, join(work, basename(CORPUS_HTML)));

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

const htmls = readdirSync(work)
  .filter((f) => f.endsWith('.html'))
  .map((f) => join(work, f));
soffice('docx:MS Word 2007 XML', htmls);
soffice('doc:MS Word 97', htmls);
soffice(
  'pdf:writer_pdf_Export',
  htmls.filter((f) => !basename(f).startsWith('suqian')),
);
const numbered = [join(OUT, 'numbered.fodt')];
soffice('docx:MS Word 2007 XML', numbered, false);
soffice('doc:MS Word 97', numbered, false);
rmSync(work, { recursive: true, force: true });
for (const f of readdirSync(OUT).sort()) console.log(`${f}\t${statSync(join(OUT, f)).size} bytes`);
