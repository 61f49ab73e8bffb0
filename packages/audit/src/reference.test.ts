import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_DOC } from './paths';
import { rulesMarkdown, rulesReference } from './reference';
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
    for (const r of rules) expect(r.meta.id).toMatch(/^(structure|table|meta|narrative|balance|value|history|time|originality|extract)\.[a-z0-9-]+$/);
  });

  it('docs/rules.md is generated from it and up to date (npx tsx packages/audit/src/bin/rules-doc.ts)', () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(rulesMarkdown());
  });
});
