import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_DOC } from './paths';
import { rulesMarkdown, rulesReference } from './reference';
import { getDefaultRubric, validateRubric } from './rubric';
import { rules } from './rules';

describe('rules reference', () => {
  it('lists every rule with its metadata and the active rubric’s deduction', () => {
    const ref = rulesReference();
    expect(ref.map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
    expect(ref.find((r) => r.id === 'table.cell-blank')).toMatchObject({
      category: 'completeness',
      severity: 'warning',
      enabled: true,
      deduction: { mode: 'proportional', points: 30, cap: null },
    });
    expect(ref.find((r) => r.id === 'balance.t3-flow')!.deduction).toEqual({ mode: 'each', points: 5, cap: 15 });
    expect(new Set(ref.map((r) => r.id)).size).toBe(ref.length);
  });

  it('rule ids are group.name, one file each', () => {
    for (const r of rules) expect(r.meta.id).toMatch(/^(structure|table|meta|narrative|balance|value|history|time|rectification|originality|extract)\.[a-z0-9-]+$/);
  });

  it('docs/rules.md is generated from it and up to date (npx tsx packages/audit/src/bin/rules-doc.ts)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(rulesMarkdown());
  });
});

describe('the reference under an office’s rubric', () => {
  const rubric = () => {
    const r = structuredClone(getDefaultRubric()) as ReturnType<typeof getDefaultRubric>;
    r.rules['meta.date-missing'] = { points: 3, severity: 'error' };
    r.rules['structure.section-title'] = { severity: 'off' };
    r.rules['time.late'] = { points: { error: 5, warning: 2 }, cap: 8 };
    return validateRubric(r);
  };

  it('a rule raised to 错误 is listed at that severity, a rule turned off keeps its own and is disabled', () => {
    const ref = rulesReference(rubric());
    expect(ref.find((r) => r.id === 'meta.date-missing')).toMatchObject({ severity: 'error', defaultSeverity: 'warning', enabled: true, deduction: { points: 3 } });
    expect(ref.find((r) => r.id === 'structure.section-title')).toMatchObject({ severity: 'info', enabled: false });
  });

  it('per-severity points and a cap are written out in the rules page', () => {
    const md = rulesMarkdown(rubric());
    expect(md).toContain('错误每条扣 5 分、警告每条扣 2 分，最多 8 分');
  });
});
