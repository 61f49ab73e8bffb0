/**
 * Issue 12: a misreading must never become an error finding. The misread report (its web page, and
 * the same page printed to PDF with and without borders) audited end to end: the PDFs get exactly the
 * findings of the web page — no 勾稽关系, 缺行 or 空白 error from the shapes that broke the reading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';

const FIXTURES = join(import.meta.dirname, '../../extract/fixtures');

async function findings(name: string) {
  const r = await analyze(readFileSync(join(FIXTURES, name)), name);
  if ('error' in r) throw new Error(r.error.message);
  return r.report.findings.map((f) => [f.severity, f.rule, f.message]);
}

const CONTENT = [
  ['warning', 'meta.date-missing', '报告末尾没有落款日期（发布日期2025-01-20仅见于网页或文件信息）'],
  ['warning', 'narrative.overview-thin', expect.stringContaining('总体情况')],
];

describe('the misread report, audited', () => {
  it('as a web page: its two rows printed without figures are blank, nothing else in the tables is wrong', async () => {
    const f = await findings('misread.html');
    expect(f.filter(([, rule]) => rule !== 'table.cell-blank')).toEqual(CONTENT);
    expect(f.filter(([, rule]) => rule === 'table.cell-blank')).toHaveLength(1);
  });

  for (const name of ['misread.ruled.pdf', 'misread.loose.pdf'])
    it(`printed to PDF (${name}): the findings of its web page, no more`, async () => {
      expect(await findings(name)).toEqual(await findings('misread.html'));
    });
});
