/**
 * Decisions of the audit that mutation testing (issue 20, scripts/MUTATION.md) found no test pinning
 * down: messages built once per layout and kept (the balance identities, the row names), a cell
 * shown as 缺, a section heading on the last line of a text, the 行政复议 figure less the cases
 * pending, a sentence wrapped onto an indented line, the template guard of history.item-count, rows
 * a reader doubts, the deadline format of a rubric, the grades in the rules reference, the order of
 * similar reports.
 *
 * Several helpers keep what they build (per layout) in a module-level cache; a test that finds it
 * built never runs the code that built it. Tests here that depend on such code load the modules
 * afresh (`fresh`), so that the code runs inside the test that checks its outcome.
 */
import { describe, expect, it, vi } from 'vitest';
import { T3_COLUMNS } from '@nianbao/model';
import type { Rule } from './rule';
import type { ReportSpec } from './testing';

/** The audit's modules evaluated anew, caches empty. */
async function fresh() {
  vi.resetModules();
  const [{ runRules }, { buildReport, DEFAULT_BODIES, t3Column }, { rules }] = await Promise.all([
    import('./engine'),
    import('./testing'),
    import('./rules'),
  ]);
  const rule = (id: string) => rules.find((r: Rule) => r.meta.id === id)!;
  const run = (id: string, spec: ReportSpec, ctx: Record<string, unknown> = {}) => {
    const { report, text } = buildReport(spec);
    return runRules(report, { ...ctx, text }, [rule(id)]);
  };
  return { run, buildReport, DEFAULT_BODIES, t3Column, runRules, rule };
}

const messages = (fs: { message: string }[]) => fs.map((f) => f.message);

describe('balance messages name their terms (identities built once per layout)', () => {
  it('表三 flow: 本年新收 + 上年结转 against 办理结果总计 + 结转下年度', async () => {
    const { run, t3Column } = await fresh();
    const found = run('balance.t3-flow', { year: 2024, cells: { ...t3Column('naturalPerson', { newReceived: 5, carriedOver: 1, granted: 5 }), 't3.totalProcessed.naturalPerson': '5', 't3.carriedForward.naturalPerson': '2' } });
    expect(messages(found)).toEqual(['表三“自然人”列：本年新收(5)+上年结转(1)≠办理结果总计(5)+结转下年度(2)']);
  });

  it('表三 outcomes of a 2021 report: its three （六） rows count, not the 2019 single row', async () => {
    const { run } = await fresh();
    const found = run('balance.t3-outcomes', {
      year: 2024,
      cells: {
        't3.newReceived.total': '10',
        't3.granted.total': '4',
        't3.otherHandling.overdueCorrection.total': '2',
        't3.otherHandling.other.total': '4',
        't3.totalProcessed.total': '10',
      },
    });
    expect(messages(found)).toEqual([]);
    const off = run('balance.t3-outcomes', {
      year: 2024,
      cells: { 't3.newReceived.total': '10', 't3.granted.total': '4', 't3.otherHandling.other.total': '4', 't3.totalProcessed.total': '10' },
    });
    expect(messages(off)).toEqual(['表三“总计”列：（七）总计(10)≠（一）至（六）各项之和(8：（一）予以公开(4)+（六）3.其他(4))']);
  });

  it('表四: each group’s 总计 against its four result columns', async () => {
    const { run } = await fresh();
    const found = run('balance.t4-totals', { year: 2024, cells: { 't4.review.upheld': '2', 't4.review.corrected': '1', 't4.review.total': '4' } });
    expect(messages(found)).toEqual(['表四“行政复议”：总计(4)≠结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(0)']);
  });

  it('a 2021 report keeping the 2019 （六）其他处理 row: that row named by its label', async () => {
    const { run } = await fresh();
    const legacy = Object.fromEntries([
      ...T3_COLUMNS.map((c) => [`t3.otherHandling.${c.key}`, c.key === 'total' ? '3' : c.key === 'naturalPerson' ? '2' : '0']),
      ...['overdueCorrection', 'overdueFee', 'other'].flatMap((r) => T3_COLUMNS.map((c) => [`t3.otherHandling.${r}.${c.key}`, null])),
    ]);
    const found = run('balance.t3-applicants', { year: 2024, cells: legacy });
    expect(messages(found)).toEqual(['表三“（六）其他处理”行：总计(3)≠自然人(2)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)']);
  });
});

describe('a long sum shown as its total, with the terms that hold something other than 0', () => {
  it('（一）至（六）各项之和 names the one outcome that is not 0', async () => {
    const { run } = await fresh();
    const found = run('balance.t3-outcomes', {
      year: 2024,
      cells: { 't3.newReceived.total': '9', 't3.granted.total': '5', 't3.totalProcessed.total': '9' },
    });
    expect(messages(found)).toEqual(['表三“总计”列：（七）总计(9)≠（一）至（六）各项之和(5：（一）予以公开(5))']);
  });
});

describe('a cell the table does not have is shown as 缺', () => {
  it('narrative.table-mismatch: the text says 5 applications, the 总计 cell of 本年新收 absent', async () => {
    const { run, DEFAULT_BODIES } = await fresh();
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
    const { run, DEFAULT_BODIES } = await fresh();
    expect(messages(run('narrative.table-mismatch', { year: 2024, cells, sections: { s1: `本年度涉及政府信息公开的行政复议3件。${DEFAULT_BODIES.s1}` } }))).toEqual([]);
  });
  it('「行政复议4件」 is neither 5 nor 3: a finding', async () => {
    const { run, DEFAULT_BODIES } = await fresh();
    expect(messages(run('narrative.table-mismatch', { year: 2024, cells, sections: { s1: `本年度涉及政府信息公开的行政复议4件。${DEFAULT_BODIES.s1}` } }))).toEqual(['正文“本年度涉及政府信息公开的行政复议4件”所述4件，与表四“行政复议”行“总计”列(5)不一致']);
  });
});

describe('a sentence wrapped onto an indented line is one sentence', () => {
  it('「…收到政府信息公开申请」 then 「  12件…」 on the next line: the figure is read and compared', async () => {
    const { run, DEFAULT_BODIES, t3Column } = await fresh();
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
    const { buildReport, runRules, rule } = await fresh();
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
    const { run, buildReport } = await fresh();
    const previous = buildReport({ year: 2019, template: 'unknown', layout: '2019', cells: { 't2.licensing.previousCount': '15', 't2.licensing.change': '2' } }).report;
    expect(messages(run('history.item-count', { year: 2020, cells: { 't2.licensing.previousCount': '18' } }, { previous }))).toEqual([]);
  });
});

describe('rows the parser doubts', () => {
  it('a finding on a doubtful row is not raised against the agency, whatever the rule', async () => {
    const { buildReport, runRules, rule } = await fresh();
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
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { validateRubric } = await import('./rubric');
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
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    return JSON.parse(readFileSync(join(import.meta.dirname, '../rubric.json'), 'utf8'));
  };
  const gradesLine = (md: string) => md.split('\n').find((l) => l.includes('等次：'))!.replace(/^.*等次：/, '');

  it('three grades: the last is below the second-to-last one’s minimum', async () => {
    const { validateRubric } = await import('./rubric');
    const { rulesMarkdown } = await import('./reference');
    const r = await base();
    r.grades = [{ grade: '优秀', min: 85 }, { grade: '合格', min: 60 }, { grade: '不合格', min: 0 }];
    expect(gradesLine(rulesMarkdown(validateRubric(r)))).toBe('优秀 ≥ 85，合格 ≥ 60，不合格 < 60。');
  });

  it('a single grade: below 0', async () => {
    const { validateRubric } = await import('./rubric');
    const { rulesMarkdown } = await import('./reference');
    const r = await base();
    r.grades = [{ grade: '合格', min: 0 }];
    expect(gradesLine(rulesMarkdown(validateRubric(r)))).toBe('合格 < 0。');
  });

  it('a proportional rule given points by severity is still deducted in proportion', async () => {
    const { validateRubric } = await import('./rubric');
    const { rulesMarkdown } = await import('./reference');
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
    const { LshIndex, signature } = await import('./similarity');
    const index = new LshIndex<string>();
    index.add('empty', signature(''));
    expect(index.candidates(signature(''))).toEqual([]);
  });

  it('three reports sharing more or less of a text come back in order of similarity', async () => {
    const { LshIndex, signature } = await import('./similarity');
    const index = new LshIndex<string>();
    index.add('half', signature(report(200, 1)));
    index.add('all', signature(report(300, 2)));
    index.add('most', signature(report(260, 3)));
    const found = index.candidates(signature(report(300, 4)));
    expect(found.map((c) => c.id)).toEqual(['all', 'most', 'half']);
    expect(found[0]!.similarity).toBe(1);
  });
});

describe('analyze: a reader failing in an unforeseen way', () => {
  it('is a corrupt file with the reader’s own words, not a crash', async () => {
    vi.resetModules();
    vi.doMock('@nianbao/extract', async (original) => ({
      ...(await original<typeof import('@nianbao/extract')>()),
      extract: async () => {
        throw new RangeError('Invalid typed array length: -8');
      },
    }));
    try {
      const { analyze } = await import('./analyze');
      expect(await analyze(new Uint8Array([0x25, 0x50, 0x44, 0x46]), '某局2024年报告.pdf')).toEqual({
        file: '某局2024年报告.pdf',
        error: { code: 'corrupt', message: '某局2024年报告.pdf：文件无法读取（Invalid typed array length: -8）' },
      });
    } finally {
      vi.doUnmock('@nianbao/extract');
      vi.resetModules();
    }
  });
});
