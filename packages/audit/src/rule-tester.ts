/**
 * Table-driven rule tests, after ESLint's RuleTester: reports that pass (no finding) and reports
 * that fail, each with the exact findings expected of the rule under test.
 */
import type { Finding, ParsedReport } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import type { AuditContext } from './context';
import { runRules } from './engine';
import type { Rule } from './rule';
import { buildReport, type ReportSpec } from './testing';

export interface RuleCase {
  name: string;
  /** A report to build, or one already built. */
  report: ReportSpec | { report: ParsedReport; text: string };
  ctx?: Omit<AuditContext, 'text'>;
}

export interface InvalidCase extends RuleCase {
  /** The rule's findings, in order: exact messages (string) or the fields to compare. */
  findings: (string | Partial<Finding>)[];
}

export function findingsOf(rule: Rule, c: RuleCase): Finding[] {
  const built = 'text' in c.report && 'report' in c.report ? c.report : buildReport(c.report as ReportSpec);
  return runRules(built.report, { ...c.ctx, text: built.text }, [rule]);
}

export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }) {
  describe(rule.meta.id, () => {
    it('declares its metadata', () => {
      expect(rule.meta.description).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.meta.docs.length).toBeGreaterThan(rule.meta.description.length);
    });
    for (const c of cases.valid) {
      it(`passes: ${c.name}`, () => {
        expect(findingsOf(rule, c).map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`fails: ${c.name}`, () => {
        const found = findingsOf(rule, c);
        expect(found).toHaveLength(c.findings.length);
        c.findings.forEach((want, i) => {
          const f = found[i]!;
          expect(f.rule).toBe(rule.meta.id);
          expect(f.category).toBe(rule.meta.category);
          if (typeof want === 'string') expect(f.message).toBe(want);
          else expect(f).toMatchObject(want);
        });
      });
    }
  });
}
