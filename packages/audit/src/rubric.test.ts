import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from './engine';
import { DEFAULT_RUBRIC } from './paths';
import { RubricError, getDefaultRubric, loadRubric, validateRubric } from './rubric';
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
