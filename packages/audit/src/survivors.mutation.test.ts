/**
 * Decisions of the audit that mutation testing (issue 20, scripts/MUTATION.md) found no test pinning
 * down: a cell shown as 缺, a section heading on the last line of a text, the 行政复议 figure less the cases
 * pending, a sentence wrapped onto an indented line, the template guard of history.item-count, rows
 * a reader doubts, the deadline format of a rubric, the grades in the rules reference, the order of
 * similar reports.
 *
 * The balance identities and row names, built once per layout and cached, are checked in
 * identities.mutation.test.ts; analyze with a failing reader in analyze.mutation.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRules } from './engine';
import { rulesMarkdown } from './reference';
import type { Rule } from './rule';
import { rules } from './rules';
import { validateRubric } from './rubric';
import { LshIndex, signature } from './similarity';
import { buildReport, DEFAULT_BODIES, t3Column, type ReportSpec } from './testing';

const rule = (id: string) => rules.find((r: Rule) => r.meta.id === id)!;
const run = (id: string, spec: ReportSpec, ctx: Record<string, unknown> = {}) => {
  const { report, text } = buildReport(spec);
  return runRules(report, { ...ctx, text }, [rule(id)]);
};
const messages = (fs: { message: string }[]) => fs.map((f) => f.message);

describe('a long sum shown as its total, with the terms that hold something other than 0', () => {
  it('（一）至（六）各项之和 names the one outcome that is not 0', async () => {
    const found = run('balance.t3-outcomes', {
      year: 2024,
      cells: { 't3.newReceived.total': '9', 't3.granted.total': '5', 't3.totalProcessed.total': '9' },
    });
    expect(messages(found)).toEqual(['表三“总计”列：（七）总计(9)≠（一）至（六）各项之和(5：（一）予以公开(5))']);
  });
});

describe('a cell the table does not have is shown as 缺', () => {
  it('narrative.table-mismatch: the text says 5 applications, the 总计 cell of 本年新收 absent', async () => {
    const found = run('narrative.table-mismatch', {
      year: 2024,
      cells: { 't3.newReceived.total': null },
      sections: { s1: `全年共收到政府信息公开申请5件。${DEFAULT_BODIES.s1}` },
    });
    expect(messages(found)).toEqual(['正文“全年共收到政府信息公开申请5件”所述5件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(缺)不一致']);
  });
});

describe('行政复议 in the text: the cases decided (总计 less 尚未审结) also agree', () => {
  const cells = { 't4.review.upheld': '2', 't4.review.corrected': '0', 't4.review.other': '1', 't4.review.pending': '2', 't4.review.total': '5' };
  it('「行政复议3件」 with 5 cases of which 2 pending: no finding', async () => {
    expect(messages(run('narrative.table-mismatch', { year: 2024, cells, sections: { s1: `本年度涉及政府信息公开的行政复议3件。${DEFAULT_BODIES.s1}` } }))).toEqual([]);
  });
  it('「行政复议4件」 is neither 5 nor 3: a finding', async () => {
    expect(messages(run('narrative.table-mismatch', { year: 2024, cells, sections: { s1: `本年度涉及政府信息公开的行政复议4件。${DEFAULT_BODIES.s1}` } }))).toEqual(['正文“本年度涉及政府信息公开的行政复议4件”所述4件，与表四“行政复议”行“总计”列(5)不一致']);
  });
});

describe('a sentence wrapped onto an indented line is one sentence', () => {
  it('「…收到政府信息公开申请」 then 「  12件…」 on the next line: the figure is read and compared', async () => {
    const found = run('narrative.table-mismatch', {
      year: 2024,
      cells: { ...t3Column('naturalPerson', { newReceived: 10 }), ...t3Column('total', { newReceived: 10 }) },
      sections: { s1: `本年度全年共收到政府信息公开申请\n  12件，均已按时答复。${DEFAULT_BODIES.s1}` },
    });
    expect(messages(found)).toEqual(['正文“本年度全年共收到政府信息公开申请12件”所述12件，与表三“一、本年新收政府信息公开申请数量”行“总计”列(10)不一致']);
  });
});

describe('a section heading on the last line of the text, without a line break after it', () => {
  it('structure.section-numbering points at the heading, to the end of the text', async () => {
    const built = buildReport({ year: 2024, sections: { s6: { heading: '6、其他需要报告的事项', ordinal: '6', body: '' } }, signature: '' });
    // a page that ends on the heading (its body and 落款 lost): no line break after it
    const text = built.text.replace(/\s+$/, '');
    const at = text.lastIndexOf('6、其他需要报告的事项');
    expect(text.slice(at)).toBe('6、其他需要报告的事项');
    const report = { ...built.report, sections: { ...built.report.sections, s6: { ...built.report.sections.s6!, span: [at, text.length] as [number, number] } } };
    const found = runRules(report, { text }, [rule('structure.section-numbering')]);
    expect(found.map((f) => [f.message, f.span])).toEqual([
      ['第六部分“其他需要报告的事项”的标题“6、其他需要报告的事项”使用阿拉伯数字序号“6、”，模板为“六、”', [at, text.length]],
    ]);
  });
});

describe('history.item-count compares two reports of the 2019 layout only', () => {
  it('a previous report whose layout was not recognised, though its cells are those of 2019: nothing compared', async () => {
    const previous = buildReport({ year: 2019, template: 'unknown', layout: '2019', cells: { 't2.licensing.previousCount': '15', 't2.licensing.change': '2' } }).report;
    expect(messages(run('history.item-count', { year: 2020, cells: { 't2.licensing.previousCount': '18' } }, { previous }))).toEqual([]);
  });
});

describe('rows the parser doubts', () => {
  it('a finding on a doubtful row is not raised against the agency, whatever the rule', async () => {
    const previous = buildReport({ year: 2023, cells: { 't2.normativeDocs.inForce': '50' } }).report;
    const { report, text } = buildReport({ year: 2024, cells: { 't2.normativeDocs.issued': '13', 't2.normativeDocs.repealed': '0', 't2.normativeDocs.inForce': '55' } });
    const ctx = { text, previous };
    expect(runRules(report, ctx, [rule('history.in-force')])).toHaveLength(1);
    const doubted = { ...report, reading: { t2: { confidence: 'low' as const, doubtfulRows: ['t2.normativeDocs'] } } };
    expect(runRules(doubted, ctx, [rule('history.in-force')])).toEqual([]);
  });
});

describe('rubric deadlines are written MM-DD, nothing more', () => {
  const rubric = async (government: unknown) => {
    const r = JSON.parse(readFileSync(join(import.meta.dirname, '../rubric.json'), 'utf8'));
    r.deadlines.government = government;
    return () => validateRubric(r);
  };
  const message = 'deadlines.government 应为 “MM-DD”（报告年度次年的月日）';

  it('「03-05」 and 「03-31」 are dates', async () => {
    expect((await rubric('03-05'))().deadlines.government).toBe('03-05');
    expect((await rubric('03-31'))().deadlines.government).toBe('03-31');
  });

  it('「03-311」, 「3-31」 and a list holding 「03-31」 are not', async () => {
    expect(await rubric('03-311')).toThrow(message);
    expect(await rubric('3-31')).toThrow(message);
    expect(await rubric(['03-31'])).toThrow(message);
  });
});

describe('the rules reference under another rubric', () => {
  const base = async () => {
    return JSON.parse(readFileSync(join(import.meta.dirname, '../rubric.json'), 'utf8'));
  };
  const gradesLine = (md: string) => md.split('\n').find((l) => l.includes('等次：'))!.replace(/^.*等次：/, '');

  it('three grades: the last is below the second-to-last one’s minimum', async () => {
    const r = await base();
    r.grades = [{ grade: '优秀', min: 85 }, { grade: '合格', min: 60 }, { grade: '不合格', min: 0 }];
    expect(gradesLine(rulesMarkdown(validateRubric(r)))).toBe('优秀 ≥ 85，合格 ≥ 60，不合格 < 60。');
  });

  it('a single grade: below 0', async () => {
    const r = await base();
    r.grades = [{ grade: '合格', min: 0 }];
    expect(gradesLine(rulesMarkdown(validateRubric(r)))).toBe('合格 < 0。');
  });

  it('a proportional rule given points by severity is still deducted in proportion', async () => {
    const r = await base();
    r.rules['table.cell-blank'] = { mode: 'proportional', points: { warning: 30, info: 0 } };
    const row = rulesMarkdown(validateRubric(r)).split('\n').find((l) => l.startsWith('| `table.cell-blank` '))!;
    expect(row.endsWith('| 按所占应填格比例扣分，全部应填格计 30 分 |')).toBe(true);
  });
});

describe('LshIndex: candidates, most similar first', () => {
  // a report's text: the first `n` of 300 characters shared, the rest its own (characters no other uses)
  const SHARED = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 53) % 3000))).join('');
  const report = (n: number, own: number) =>
    SHARED.slice(0, n) + Array.from({ length: 300 - n }, (_, i) => String.fromCharCode(0x6000 + own * 400 + i)).join('');

  it('an empty text is not indexed: nothing is its candidate', async () => {
    const index = new LshIndex<string>();
    index.add('empty', signature(''));
    expect(index.candidates(signature(''))).toEqual([]);
  });

  it('three reports sharing more or less of a text come back in order of similarity', async () => {
    const index = new LshIndex<string>();
    index.add('half', signature(report(200, 1)));
    index.add('all', signature(report(300, 2)));
    index.add('most', signature(report(260, 3)));
    const found = index.candidates(signature(report(300, 4)));
    expect(found.map((c) => c.id)).toEqual(['all', 'most', 'half']);
    expect(found[0]!.similarity).toBe(1);
  });
});

describe('blank cells grouped by row and column', () => {
  it('the same column blank in rows of different widths (2019 表二 行政强制, 行政事业性收费): two findings, not one group', () => {
    expect(run('table.cell-blank', { year: 2020, cells: { 't2.coercion.previousCount': '', 't2.fees.previousCount': '' } }).map((f) => [f.message, f.cells])).toEqual([
      ['表二“行政强制”行“上一年项目数量”列为空，无数据的应填“0”', ['t2.coercion.previousCount']],
      ['表二“行政事业性收费”行“上一年项目数量”列为空，无数据的应填“0”', ['t2.fees.previousCount']],
    ]);
  });
});
