/**
 * Findings → Score under a rubric. Every point lost is traced to the findings behind it, and the
 * deduction is monotone: a further finding never raises a score (deductions are non-negative, caps
 * are minima, proportional costs grow with the cells covered, a category's scaling keeps its total).
 */
import { CATEGORIES, cellKeys, type Category, type Finding, type Score, type TemplateVersion } from '@nianbao/model';
import { pointsOf, type Rubric } from './rubric';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function gradeOf(total: number, rubric: Rubric): Score['grade'] {
  return (rubric.grades.find((g) => total >= g.min) ?? rubric.grades.at(-1)!).grade;
}

/**
 * Scores findings. `version` gives the number of required cells that proportional rules (blank,
 * placeholder, absent cells) measure their share against.
 */
export function score(findings: Finding[], version: TemplateVersion, rubric: Rubric): Score {
  const required = cellKeys(version).length;
  const byRule = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const list = byRule.get(f.rule);
    if (list) list.push(i);
    else byRule.set(f.rule, [i]);
  });

  const lost: Record<Category, { rule: string; points: number; findings: number[] }[]> = {
    completeness: [],
    accuracy: [],
    conformity: [],
    timeliness: [],
  };
  for (const [rule, indices] of byRule) {
    const conf = rubric.rules[rule] ?? {};
    const category = findings[indices[0]!]!.category;
    let points = 0;
    if (conf.mode === 'proportional') {
      for (const i of indices) {
        const f = findings[i]!;
        points += (pointsOf(rubric, rule, f.severity) * f.cells.length) / required;
      }
    } else {
      for (const i of indices) points += pointsOf(rubric, rule, findings[i]!.severity);
    }
    if (conf.cap !== undefined) points = Math.min(points, conf.cap);
    if (points > 0) lost[category].push({ rule, points, findings: indices });
  }

  const byCategory = {} as Record<Category, number>;
  const deductions: NonNullable<Score['deductions']> = [];
  for (const c of CATEGORIES) {
    const weight = rubric.weights[c];
    const sum = lost[c].reduce((s, d) => s + d.points, 0);
    // a category cannot go below 0: its rules share the weight in proportion to what they cost
    const scale = sum > weight ? weight / sum : 1;
    for (const d of lost[c]) deductions.push({ category: c, rule: d.rule, points: round(d.points * scale, 2), findings: d.findings });
    byCategory[c] = round(weight - Math.min(sum, weight), 1);
  }
  const total = round(CATEGORIES.reduce((s, c) => s + byCategory[c], 0), 1);
  return { total, grade: gradeOf(total, rubric), byCategory, rubricVersion: rubric.version, deductions };
}
