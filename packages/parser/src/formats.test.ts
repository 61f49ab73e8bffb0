import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';
import { expectedOf } from './testing';

/**
 * Every seed and corpus report as Word 2007 (.docx), Word 97 (.doc) and PDF parses to the cells of
 * its text version. The files are in packages/extract/fixtures/, made by LibreOffice from an HTML
 * rendering of the text version (packages/extract/scripts/make-fixtures.ts, fixtures/README.md);
 * the 淮安 PDF is the one the city published. What a format cannot carry is listed in LOSSES, with
 * the reason, and asserted exactly.
 */

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'packages/extract/fixtures');
const SEEDS = join(ROOT, 'data/samples');
const CORPUS = join(ROOT, '../shared/corpus');
const EXPECTED = join(import.meta.dirname, '__expected__');

const REPORTS = [
  { name: '000_91e0e63c20f568b3', text: join(SEEDS, '000_91e0e63c20f568b3.txt') },
  { name: '004_52ba3b16510502cd', text: join(SEEDS, '004_52ba3b16510502cd.txt') },
  { name: 'huaian-shi-renminzhengfu_2024', text: join(CORPUS, 'huaian-shi-renminzhengfu_2024.layout.txt') },
  {
    name: 'suqian-shuyangxian-fazhangaigeju_2023',
    text: join(CORPUS, 'suqian-shuyangxian-fazhangaigeju_2023.html'),
  },
  {
    name: 'shanghai-shi-kexue-jishu-weiyuanhui_2024',
    text: join(CORPUS, 'shanghai-shi-kexue-jishu-weiyuanhui_2024.md'),
  },
  {
    name: 'shanghai-shi-renminzhengfu-bangongting_2025',
    text: join(CORPUS, 'shanghai-shi-renminzhengfu-bangongting_2025.md'),
  },
];
const FORMATS = ['docx', 'doc', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

const fileOf = (name: string, format: Format) =>
  name.startsWith('huaian') && format === 'pdf'
    ? join(CORPUS, `${name}.pdf`)
    : join(FIXTURES, `${name}.${format}`);

async function parseFile(path: string): Promise<ParsedReport> {
  const name = path.split('/').pop()!;
  return parse(await extract(readFileSync(path), name), { file: name, sha256: '' });
}

type Expected = ReturnType<typeof expectedOf>;

/** What a format does not carry, where it matters: the change to the text version's result, and why. */
const LOSSES: { report: string; formats: Format[]; why: string; change: (e: Expected) => void }[] = [
  {
    report: '000_91e0e63c20f568b3',
    formats: ['docx', 'doc'],
    why:
      'The Word files were made from HTML, where runs of white space collapse: 「1、   总体情况」 became ' +
      '「1、 总体情况」 on its way into the document (a Word file itself could hold the three spaces).',
    change: (e) => {
      e.sections.s1 = 'arabic 1、 总体情况';
    },
  },
  {
    report: '000_91e0e63c20f568b3',
    formats: ['pdf'],
    why:
      'A PDF places glyphs; it has no space characters between Chinese ones, only distances, which ' +
      'letter-spacing and justification make too (「三 、本 年 度」). Spaces beside Chinese characters ' +
      'other than before or after a figure or a Latin word are therefore dropped.',
    change: (e) => {
      e.sections.s1 = 'arabic 1、总体情况';
      e.sections.s5 = 'arabic 5、存在的主要问题及改进情况';
    },
  },
];

const withLosses = (e: Expected, report: string, format: Format): Expected => {
  const copy = structuredClone(e);
  for (const l of LOSSES) if (l.report === report && l.formats.includes(format)) l.change(copy);
  return copy;
};

/** A cell as the audit uses it; its raw text without the white space around it. */
const cellsOf = (r: ParsedReport) =>
  Object.fromEntries(
    Object.entries(r.cells).map(([k, c]) => [
      k,
      {
        state: c.state,
        value: c.value,
        unit: c.unit,
        note: c.note,
        raw: c.raw.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''),
      },
    ]),
  );

describe.each(REPORTS)('$name as .docx, .doc and .pdf', ({ name, text }) => {
  const textVersion = parseFile(text);

  it.each(FORMATS)(
    `%s parses to the cells, sections and metadata of ${text.split('/').pop()}`,
    async (format) => {
      const [report, expected] = await Promise.all([parseFile(fileOf(name, format)), textVersion]);
      // the reviewed result of the text version (parse.test.ts holds the text version to it)
      const reviewed = JSON.parse(
        readFileSync(join(EXPECTED, `${text.split('/').pop()}.json`), 'utf8'),
      ) as Expected;
      expect(expectedOf(report)).toEqual(withLosses(reviewed, name, format));
      // Lost in every format: white space around a cell's text (the seeds' 「　10」, 「\u00a01」). A PDF
      // draws nothing for it; the Word files hold U+00A0 where the HTML had &nbsp;. The cell's state,
      // value, unit, note and the text itself are the same.
      expect(cellsOf(report)).toEqual(cellsOf(expected));
    },
  );
});

it('lists no loss for a report or format it does not test', () => {
  for (const l of LOSSES) {
    expect(REPORTS.map((r) => r.name)).toContain(l.report);
    expect(l.why.length).toBeGreaterThan(40);
  }
});
