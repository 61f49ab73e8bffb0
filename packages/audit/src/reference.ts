/**
 * The rules reference, generated from the rules' metadata and the active rubric: JSON for the API and
 * the dashboard, Markdown for docs/rules.md (written by `pnpm --filter @nianbao/audit docs:rules`).
 */
import { CATEGORY_LABEL, SEVERITY_LABEL, type Category, type Severity } from '@nianbao/model';
import type { RuleReference } from '@nianbao/contract';
import { pointsOf, getDefaultRubric, type Rubric } from './rubric';
import { rules } from './rules';

export type { RuleReference };

export function rulesReference(rubric: Rubric = getDefaultRubric()): RuleReference[] {
  return rules.map(({ meta }) => {
    const conf = rubric.rules[meta.id] ?? {};
    const severity = conf.severity && conf.severity !== 'off' ? conf.severity : meta.severity;
    return {
      id: meta.id,
      category: meta.category,
      severity,
      defaultSeverity: meta.severity,
      enabled: conf.severity !== 'off',
      description: meta.description,
      docs: meta.docs,
      deduction: {
        mode: conf.mode ?? 'each',
        points: pointsOf(rubric, meta.id, severity),
        cap: conf.cap ?? null,
        ...(typeof conf.points === 'object' ? { bySeverity: conf.points } : {}),
      },
    };
  });
}

const CATEGORY_NAMES = CATEGORY_LABEL;
const SEVERITY_NAMES = SEVERITY_LABEL;

function deductionText(r: RuleReference): string {
  const { mode, points, cap, bySeverity } = r.deduction;
  if (bySeverity && mode !== 'proportional') {
    const parts = (Object.entries(bySeverity) as [Severity, number][]).map(([s, p]) => `${SEVERITY_NAMES[s]}${p ? `每条扣 ${p} 分` : '不扣分'}`);
    return `${parts.join('、')}${cap !== null ? `，最多 ${cap} 分` : ''}`;
  }
  if (!points) return '不扣分';
  const base = mode === 'proportional' ? `按所占应填格比例扣分，全部应填格计 ${points} 分` : `每条扣 ${points} 分`;
  return cap !== null && mode !== 'proportional' ? `${base}，最多 ${cap} 分` : base;
}

/** docs/rules.md: never edited by hand. */
export function rulesMarkdown(rubric: Rubric = getDefaultRubric()): string {
  const ref = rulesReference(rubric);
  const out = [
    '# 审查规则',
    '',
    `<!-- Generated from the rules' metadata and rubric.json by \`npx tsx packages/audit/src/bin/rules-doc.ts\`; do not edit. -->`,
    '',
    `评分细则版本 ${rubric.version}。满分 100 分：${(Object.keys(CATEGORY_NAMES) as Category[]).map((c) => `${CATEGORY_NAMES[c]} ${rubric.weights[c]} 分`).join('，')}；每项扣分不超过该项分值。` +
      `等次：${rubric.grades.map((g) => (g.min ? `${g.grade} ≥ ${g.min}` : `${g.grade} < ${rubric.grades.at(-2)?.min ?? 0}`)).join('，')}。`,
    '',
    '| 规则 | 类别 | 严重程度 | 说明 | 扣分 |',
    '|---|---|---|---|---|',
    ...ref.map((r) => `| \`${r.id}\` | ${CATEGORY_NAMES[r.category]} | ${SEVERITY_NAMES[r.severity]} | ${r.description} | ${deductionText(r)} |`),
    '',
  ];
  for (const c of Object.keys(CATEGORY_NAMES) as Category[]) {
    out.push(`## ${CATEGORY_NAMES[c]}`, '');
    for (const r of ref.filter((x) => x.category === c)) {
      out.push(`### \`${r.id}\``, '', `**${r.description}**（${SEVERITY_NAMES[r.severity]}；${deductionText(r)}）`, '', r.docs, '');
    }
  }
  return out.join('\n');
}
