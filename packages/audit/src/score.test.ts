import fc from 'fast-check';
import { cellKeys, type Category, type Finding } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { audit } from './engine';
import { getDefaultRubric } from './rubric';
import { rules } from './rules';
import { gradeOf, score } from './score';
import { buildReport, type ReportSpec } from './testing';

const rubric = getDefaultRubric();
const finding = (rule: string, cells: string[] = [], severity: Finding['severity'] = 'warning'): Finding => {
  const meta = rules.find((r) => r.meta.id === rule)!.meta;
  return { rule, severity, category: meta.category, cells, message: '', span: null };
};
const keys2019 = cellKeys('2019');

describe('score', () => {
  it('a clean report scores 100 and grades 优秀, under the rubric version', () => {
    expect(score([], '2019', rubric)).toEqual({
      total: 100,
      grade: '优秀',
      byCategory: { completeness: 40, accuracy: 30, conformity: 20, timeliness: 10 },
      rubricVersion: rubric.version,
      deductions: [],
    });
  });

  it('blank cells cost their share of the required cells: 1 of 198 is cheap, 150 of 198 ruinous', () => {
    const one = score([finding('table.cell-blank', keys2019.slice(0, 1))], '2019', rubric);
    expect(one.byCategory.completeness).toBe(39.8); // 30 × 1/198 = 0.15
    const many = score([finding('table.cell-blank', keys2019.slice(0, 150))], '2019', rubric);
    expect(many.byCategory.completeness).toBe(17.3); // 30 × 150/198 = 22.7
    expect(many.deductions).toEqual([{ category: 'completeness', rule: 'table.cell-blank', points: 22.73, findings: [0] }]);
  });

  it('a rule costs at most its cap; a category at most its weight', () => {
    const flows = Array.from({ length: 7 }, () => finding('balance.t3-flow', [], 'error'));
    expect(score(flows, '2019', rubric).byCategory.accuracy).toBe(15); // 7 × 5, capped at 15
    const everything = [
      ...flows,
      ...Array.from({ length: 7 }, () => finding('balance.t3-outcomes', [], 'error')),
      ...Array.from({ length: 9 }, () => finding('balance.t3-applicants', [], 'error')),
    ];
    const s = score(everything, '2019', rubric);
    expect(s.byCategory.accuracy).toBe(0);
    // the 42 points the rules would cost share the 30 the category has, and every finding is traced
    const accuracy = s.deductions!.filter((d) => d.category === 'accuracy');
    expect(accuracy.reduce((t, d) => t + d.points, 0)).toBeCloseTo(30, 1);
    expect(accuracy.flatMap((d) => d.findings).sort((a, b) => a - b)).toEqual(everything.map((_, i) => i));
  });

  it('points per severity: a unit in a column whose template prints none costs nothing', () => {
    expect(score([finding('value.unit', ['t2.procurement.amount'], 'info')], '2019', rubric).total).toBe(100);
    expect(score([finding('value.unit', ['t2.fees.amount'], 'warning')], '2021', rubric).total).toBe(99.5);
  });

  it('grades at the rubric thresholds: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 below', () => {
    expect([100, 90, 89.9, 80, 79.9, 60, 59.9, 0].map((t) => gradeOf(t, rubric))).toEqual(['优秀', '优秀', '良好', '良好', '合格', '合格', '不合格', '不合格']);
    // a late report loses the whole of 发布及时性
    expect(score([finding('time.late', [], 'error')], '2021', rubric)).toMatchObject({ total: 90, grade: '优秀', byCategory: { timeliness: 0 } });
  });
});

describe('more defects never raise a score', () => {
  const ruleIds = rules.map((r) => r.meta.id);
  const arbFinding = fc
    .record({
      rule: fc.constantFrom(...ruleIds),
      severity: fc.constantFrom<Finding['severity']>('error', 'warning', 'info'),
      cells: fc.subarray(keys2019, { maxLength: 40 }),
    })
    .map((f) => finding(f.rule, f.cells, f.severity));

  it('adding any finding to any list of findings (the scorer)', () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 60 }), arbFinding, fc.nat(60), (findings, extra, at) => {
        const before = score(findings, '2019', rubric);
        const more = [...findings];
        more.splice(at % (findings.length + 1), 0, extra);
        const after = score(more, '2019', rubric);
        expect(after.total).toBeLessThanOrEqual(before.total);
        for (const c of Object.keys(before.byCategory) as Category[]) expect(after.byCategory[c]!).toBeLessThanOrEqual(before.byCategory[c]!);
      }),
      { numRuns: 500 },
    );
  });

  // Defects a reviewer could find in a clean report, each touching its own cells or sections.
  const DEFECTS: Record<string, (s: ReportSpec) => void> = {
    blankT2: (s) => void (s.cells!['t2.regulations.made'] = ''),
    blankT2Row: (s) => Object.assign(s.cells!, { 't2.coercion.previousCount': '', 't2.coercion.change': '', 't2.coercion.decisions': '' }),
    dashT2: (s) => void (s.cells!['t2.licensing.change'] = '—'),
    textT3: (s) => void (s.cells!['t3.granted.research'] = '见附件'),
    absentRows: (s) => Object.assign(s.cells!, Object.fromEntries(keys2019.filter((k) => k.startsWith('t3.carriedForward.')).map((k) => [k, null]))),
    brokenT4: (s) => void (s.cells!['t4.review.total'] = '5'),
    brokenApplicants: (s) => void (s.cells!['t3.denied.stateSecret.total'] = '2'),
    negative: (s) => void (s.cells!['t4.litigationDirect.upheld'] = '-1'),
    unit: (s) => void (s.cells!['t2.procurement.amount'] = '300元'),
    noSection6: (s) => void (s.sections!.s6 = false),
    arabicHeading: (s) => void (s.sections!.s5 = { heading: '5、存在的主要问题及改进情况', ordinal: '5' }),
    thinOverview: (s) => void (s.sections!.s1 = '2019年，我局做好政府信息公开工作。'),
    mismatch: (s) => void (s.sections!.s4 = '本年度因政府信息公开工作被申请行政复议3件。'),
    late: (s) => void (s.publishedOn = '2020-03-01'),
    noAgency: (s) => void (s.agency = null),
  };
  const names = Object.keys(DEFECTS);
  const build = (defects: string[]) => {
    const spec: ReportSpec = { year: 2019, cells: {}, sections: {} };
    for (const d of defects) DEFECTS[d]!(spec);
    const { report, text } = buildReport(spec);
    return audit(report, { text }).score;
  };

  it('the clean report scores 100', () => {
    expect(build([]).total).toBe(100);
  });

  it('each defect costs something (but a unit in the 2019 采购总金额, which prints none, only informs)', () => {
    for (const d of names) {
      if (d === 'unit') expect(build([d]).total).toBe(100);
      else expect(build([d]).total, d).toBeLessThan(100);
    }
  });

  it('adding defects to a report (rules and scorer together)', () => {
    fc.assert(
      fc.property(
        fc.subarray(names).chain((more) => fc.tuple(fc.subarray(more), fc.constant(more))),
        ([fewer, more]) => {
          const a = build(fewer);
          const b = build(more);
          expect(b.total).toBeLessThanOrEqual(a.total);
          for (const c of Object.keys(a.byCategory) as Category[]) expect(b.byCategory[c]!).toBeLessThanOrEqual(a.byCategory[c]!);
        },
      ),
      { numRuns: 150 },
    );
  });
});
