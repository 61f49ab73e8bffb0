/** A report of the test rule whose message is `text`. */
const said = (text: string, rest: Omit<Report, 'messageId' | 'data'> = {}): Report => ({ messageId: 'said', data: { text }, ...rest });

/**
 * What the engine adds to what a rule reports: the rule's id, category and severity, and a
 * fingerprint that stays the same from run to run (its key, else its cells, else the report).
 */
import { describe, expect, it } from 'vitest';
import { runRules } from './engine';
import { defineRule, type Report } from './rule';
import { buildReport } from './testing';

const reporting = (...reports: Report[]) =>
  defineRule({
    meta: {
      id: 'test.rule',
      category: 'accuracy',
      severity: 'warning',
      description: '测试规则',
      docs: '仅用于测试引擎的规则说明。',
      messages: { said: '{text}', about: '“{agency}”的报告第{page}页有误' },
    },
    check(ctx) {
      for (const r of reports) ctx.report(r);
    },
  });

describe('runRules', () => {
  const { report, text } = buildReport();

  it('fingerprints by key, else by the cells joined, else as the whole report', () => {
    const found = runRules(report, { text }, [
      reporting(said('甲', { key: 'k' }), said('乙', { cells: ['t4.review.total', 't4.review.upheld'] }), said('丙', { cells: ['t4.review.total'] }), said('丁')),
    ]);
    expect(found.map((f) => [f.message, f.fingerprint, f.cells, f.span])).toEqual([
      ['甲', 'test.rule:k', [], null],
      ['乙', 'test.rule:t4.review.total+t4.review.upheld', ['t4.review.total', 't4.review.upheld'], null],
      ['丙', 'test.rule:t4.review.total', ['t4.review.total'], null],
      ['丁', 'test.rule:report', [], null],
    ]);
  });

  it('takes the rule’s category and severity, or the severity the finding gives', () => {
    const found = runRules(report, { text }, [reporting(said('甲', { span: [1, 2] }), said('乙', { severity: 'error' }))]);
    expect(found.map((f) => [f.rule, f.category, f.severity, f.span])).toEqual([
      ['test.rule', 'accuracy', 'warning', [1, 2]],
      ['test.rule', 'accuracy', 'error', null],
    ]);
  });

  it('renders the message from the rule’s message id and data, and keeps both on the finding', () => {
    const [found] = runRules(report, { text }, [reporting({ messageId: 'about', data: { agency: '甲局', page: 3 } })]);
    expect(found).toMatchObject({ message: '“甲局”的报告第3页有误', messageId: 'about', data: { agency: '甲局', page: 3 } });
  });

  it('refuses a message id the rule does not declare', () => {
    expect(() => runRules(report, { text }, [reporting({ messageId: 'nowhere' })])).toThrow("rule test.rule has no message 'nowhere'");
  });
});
