import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from './engine';
import { DEFAULT_RUBRIC } from './paths';
import { RubricError, getDefaultRubric, loadRubric, pointsOf, validateRubric } from './rubric';
import { rules } from './rules';
import { buildReport } from './testing';

const json = () => JSON.parse(readFileSync(DEFAULT_RUBRIC, 'utf8'));
const write = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'rubric-')), 'rubric.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('the default rubric', () => {
  it('weights completeness 40, accuracy 30, conformity 20, timeliness 10', () => {
    expect(getDefaultRubric().weights).toEqual({ completeness: 40, accuracy: 30, conformity: 20, timeliness: 10 });
    expect(getDefaultRubric().grades.map((g) => [g.grade, g.min])).toEqual([['优秀', 90], ['良好', 80], ['合格', 60], ['不合格', 0]]);
  });

  it('sets the deduction of every rule, and names no rule that does not exist', () => {
    expect(Object.keys(getDefaultRubric().rules).sort()).toEqual(rules.map((r) => r.meta.id).sort());
  });

  it('is what loadRubric() returns without a path', () => {
    expect(loadRubric()).toBe(getDefaultRubric());
  });
});

describe('loadRubric(path)', () => {
  it('applies another office’s rubric: its version, weights, deductions, deadlines and switches', () => {
    const mine = json();
    mine.version = 'test-2';
    mine.deadlines.department = '02-28';
    mine.rules['time.unknown'] = { points: 10 };
    mine.rules['structure.section-title'] = { severity: 'off' };
    const rubric = loadRubric(write(mine));
    const { report, text } = buildReport({ year: 2023, publishedOn: '2024-02-20', sections: { s1: { heading: '一、基本情况' } } });
    const onTime = audit(report, { text, rubric });
    expect(onTime.findings.map((f) => f.rule)).not.toContain('time.late');
    expect(onTime.findings.map((f) => f.rule)).not.toContain('structure.section-title');
    expect(onTime.score.rubricVersion).toBe('test-2');
    const undated = buildReport({ publishedOn: null });
    expect(audit(undated.report, { text: undated.text, rubric }).score.byCategory.timeliness).toBe(0);
    expect(audit(undated.report, { text: undated.text }).score.byCategory.timeliness).toBe(10); // a 提示 costs nothing by default
  });

  it('overrides a rule’s severity', () => {
    const mine = json();
    mine.rules['meta.date-missing'] = { points: 3, severity: 'error' };
    const { report, text } = buildReport({ signature: '' });
    const f = audit(report, { text, rubric: loadRubric(write(mine)) }).findings.find((x) => x.rule === 'meta.date-missing');
    expect(f?.severity).toBe('error');
  });

  it('refuses a broken rubric with a message that says what is wrong', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a rubric being broken on purpose
    type Loose = Record<string, any>;
    const bad = (change: (r: Loose) => void) => {
      const r = json();
      change(r);
      return () => loadRubric(write(r));
    };
    expect(() => loadRubric(write('{ not json'))).toThrow(RubricError);
    expect(bad((r) => delete r.version)).toThrow('缺少版本号 version（字符串）');
    expect(bad((r) => (r.weights.accuracy = -1))).toThrow('weights.accuracy 应为非负数');
    expect(bad((r) => (r.rules['balance.t3-flo'] = { points: 1 }))).toThrow('rules 中有未知规则 “balance.t3-flo”');
    expect(bad((r) => (r.rules['time.late'] = { points: 'x' }))).toThrow('rules.time.late.points 应为非负数');
    expect(bad((r) => (r.deadlines.government = '3月31日'))).toThrow('deadlines.government 应为 “MM-DD”');
    expect(bad((r) => r.grades.reverse())).toThrow('grades 应按最低分从高到低排列');
    expect(bad((r) => (r.thresholds.peerSimilarit = 0.5))).toThrow('thresholds 中有未知项 “peerSimilarit”');
    expect(() => loadRubric('/nonexistent/rubric.json')).toThrow('无法读取评分规则文件');
  });

  it('fills thresholds and per-severity defaults a rubric leaves out', () => {
    const r = json();
    delete r.thresholds;
    delete r.defaults;
    delete r.rules['value.unit'];
    const rubric = validateRubric(r);
    expect(rubric.thresholds.peerSimilarity).toBe(0.7);
    expect(rubric.defaults).toEqual({ error: 3, warning: 1, info: 0 });
  });
});

describe('validateRubric: every problem of a rubric file, with the exact message', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a rubric being broken on purpose
  type Loose = Record<string, any>;
  const ids = rules.map((r) => r.meta.id);
  const messageOf = (input: unknown) => {
    try {
      validateRubric(input, ids);
    } catch (e) {
      expect(e).toBeInstanceOf(RubricError);
      expect((e as Error).name).toBe('RubricError');
      return (e as Error).message;
    }
    return null;
  };
  const broken = (change: (r: Loose) => void) => {
    const r = json();
    change(r);
    return messageOf(r);
  };

  it.each<[string, unknown, string]>([
    ['an array', [], '评分规则应为 JSON 对象'],
    ['null', null, '评分规则应为 JSON 对象'],
    ['a string', 'rubric', '评分规则应为 JSON 对象'],
  ])('%s is not a rubric', (_, input, message) => {
    expect(messageOf(input)).toBe(message);
  });

  it.each<[string, (r: Loose) => void, string]>([
    ['a blank version', (r) => (r.version = '  '), '缺少版本号 version（字符串）'],
    ['a numeric version', (r) => (r.version = 2), '缺少版本号 version（字符串）'],
    ['no weights', (r) => delete r.weights, '缺少分项权重 weights'],
    ['weights as a list', (r) => (r.weights = [40, 30, 20, 10]), '缺少分项权重 weights'],
    ['a weight left out', (r) => delete r.weights.timeliness, 'weights.timeliness 应为非负数'],
    ['a weight as text', (r) => (r.weights.completeness = '40'), 'weights.completeness 应为非负数'],
    ['an infinite weight', (r) => (r.weights.conformity = Infinity), 'weights.conformity 应为非负数'],
    ['an unknown category', (r) => (r.weights.originality = 5), 'weights 中有未知分项 “originality”'],
    ['no grades', (r) => delete r.grades, '缺少等次 grades'],
    ['an empty list of grades', (r) => (r.grades = []), '缺少等次 grades'],
    ['an unknown grade', (r) => (r.grades[0].grade = '优'), 'grades 每项应为 { "grade": "优秀|良好|合格|不合格", "min": 分数 }'],
    ['a grade without its minimum', (r) => delete r.grades[1].min, 'grades 每项应为 { "grade": "优秀|良好|合格|不合格", "min": 分数 }'],
    ['a grade that is not an object', (r) => (r.grades[2] = '合格'), 'grades 每项应为 { "grade": "优秀|良好|合格|不合格", "min": 分数 }'],
    ['two grades with the same minimum', (r) => (r.grades[1].min = 90), 'grades 应按最低分从高到低排列'],
    ['a lowest grade above 0', (r) => (r.grades[3].min = 10), 'grades 最后一项的 min 应为 0'],
    ['no deadlines', (r) => delete r.deadlines, '缺少发布期限 deadlines'],
    ['a department deadline left out', (r) => delete r.deadlines.department, 'deadlines.department 应为 “MM-DD”（报告年度次年的月日）'],
    ['month 13', (r) => (r.deadlines.government = '13-01'), 'deadlines.government 应为 “MM-DD”（报告年度次年的月日）'],
    ['day 32', (r) => (r.deadlines.government = '03-32'), 'deadlines.government 应为 “MM-DD”（报告年度次年的月日）'],
    ['a date with a year', (r) => (r.deadlines.department = '2024-01-31'), 'deadlines.department 应为 “MM-DD”（报告年度次年的月日）'],
    ['a negative threshold', (r) => (r.thresholds = { overviewMinChars: -1 }), 'thresholds.overviewMinChars 应为非负数'],
    ['a per-severity default as text', (r) => (r.defaults = { warning: '1' }), 'defaults.warning 应为非负数'],
    ['rules as a list', (r) => (r.rules = ['time.late']), 'rules 应为对象（规则编号 → 扣分设置）'],
    ['a rule set to a number', (r) => (r.rules['time.late'] = 3), 'rules.time.late 应为对象'],
    ['points for an unknown severity', (r) => (r.rules['time.late'] = { points: { fatal: 3 } }), 'rules.time.late.points 应为非负数，或按严重程度（error/warning/info）给出的分值'],
    ['negative points for a severity', (r) => (r.rules['time.late'] = { points: { error: -3 } }), 'rules.time.late.points 应为非负数，或按严重程度（error/warning/info）给出的分值'],
    ['a negative cap', (r) => (r.rules['time.late'] = { cap: -1 }), 'rules.time.late.cap 应为非负数'],
    ['an unknown mode', (r) => (r.rules['table.cell-blank'] = { mode: 'share' }), 'rules.table.cell-blank.mode 应为 “each” 或 “proportional”'],
    ['an unknown severity', (r) => (r.rules['time.late'] = { severity: 'fatal' }), 'rules.time.late.severity 应为 error、warning、info 或 off'],
  ])('%s', (_, change, message) => {
    expect(broken(change)).toBe(message);
  });

  it('accepts what an office may write: per-severity points, each mode, every severity and off, thresholds and defaults in part', () => {
    const r = json();
    r.rules['time.late'] = { points: { error: 5, warning: 2 }, cap: 0, mode: 'each', severity: 'warning' };
    r.rules['table.cell-blank'] = { points: 0, mode: 'proportional', severity: 'off' };
    r.rules['time.unknown'] = { severity: 'info' };
    r.rules['meta.date-missing'] = { severity: 'error' };
    r.thresholds = { overviewMinChars: 0 };
    r.defaults = { info: 0.5 };
    r.deadlines = { department: '02-28', government: '12-31' };
    r.description = '某市';
    const rubric = validateRubric(r, ids);
    expect(rubric.rules['time.late']).toEqual({ points: { error: 5, warning: 2 }, cap: 0, mode: 'each', severity: 'warning' });
    expect(rubric.thresholds).toEqual({ ...getDefaultRubric().thresholds, overviewMinChars: 0 });
    expect(rubric.defaults).toEqual({ error: 3, warning: 1, info: 0.5 });
    expect(rubric.deadlines).toEqual({ department: '02-28', government: '12-31' });
    expect(rubric.description).toBe('某市');
    expect(validateRubric({ ...r, description: 3, rules: undefined }, ids)).toMatchObject({ description: undefined, rules: {} });
  });

  it('accepts an unknown rule id when no list of rules is given', () => {
    const r = json();
    r.rules['local.extra-check'] = { points: 2 };
    expect(validateRubric(r).rules['local.extra-check']).toEqual({ points: 2 });
  });
});

describe('pointsOf', () => {
  it('per finding: the rule’s number, its per-severity points, else the rubric’s default for the severity', () => {
    const r = validateRubric({ ...json(), defaults: { error: 3, warning: 1, info: 0 }, rules: { 'time.late': { points: 4 }, 'meta.date-missing': { points: { warning: 2 } } } });
    expect(pointsOf(r, 'time.late', 'warning')).toBe(4);
    expect(pointsOf(r, 'meta.date-missing', 'warning')).toBe(2);
    expect(pointsOf(r, 'meta.date-missing', 'error')).toBe(3);
    expect(pointsOf(r, 'structure.section-title', 'info')).toBe(0);
    expect(pointsOf(r, 'structure.section-title', 'warning')).toBe(1);
  });
});
