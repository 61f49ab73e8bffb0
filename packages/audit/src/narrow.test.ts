/**
 * Issue 12: every seed and corpus report, printed to PDF with a label column narrow enough that its
 * labels wrap over two or three lines (packages/extract/scripts/make-narrow.ts), reads to the cells
 * and findings of its text version.
 */
import { join } from 'node:path';
import type { ParsedReport } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { REFERENCE_SOURCES as SOURCES, ROOT, analyzedReport as report } from './reference-reports';

const NARROW = join(ROOT, 'packages/extract/fixtures/narrow');
const cells = (r: ParsedReport) => Object.entries(r.cells).map(([k, c]) => [k, c.state, c.value]);
/** Findings; spaces in quoted headings (「1、 总体情况」) are the printer's, not the report's. */
const findings = (r: ParsedReport) => r.findings.map((f) => [f.severity, f.rule, f.message.replace(/\s+/g, '')]);

describe('reports printed with a narrow label column read as their text versions', () => {
  for (const source of SOURCES.slice(0, 4)) {
    const name = source.split('/').pop()!;
    it(`${name}: the same cells and findings`, async () => {
      const [text, pdf] = await Promise.all([report(source), report(join(NARROW, name.replace(/\.[^.]+$/, '.pdf')))]);
      expect(cells(pdf)).toEqual(cells(text));
      expect(findings(pdf)).toEqual(findings(text));
    });
  }

  it('suqian-shuyangxian-fazhangaigeju_2023: the row cut by the page break is not guessed — named for a person, never an error', async () => {
    const source = SOURCES[4]!;
    const [text, pdf] = await Promise.all([report(source), report(join(NARROW, 'suqian-shuyangxian-fazhangaigeju_2023.pdf'))]);
    const lost = (k: string) => k.startsWith('t3.denied.lawProhibited.');
    expect(cells(pdf).filter(([k]) => !lost(k as string))).toEqual(cells(text).filter(([k]) => !lost(k as string)));
    expect(pdf.reading).toEqual({ t3: { confidence: 'low', doubtfulRows: ['t3.denied.lawProhibited'] } });
    expect(findings(pdf).filter(([s]) => s === 'error')).toEqual([]);
    expect(findings(pdf)).toContainEqual(['info', 'extract.uncertain', '表三“（三）2.其他法律行政法规禁止公开”行的数字读取不确定，请人工核对原文']);
  });
});
