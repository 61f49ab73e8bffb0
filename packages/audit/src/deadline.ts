import type { RuleContext } from './rule';

/** The publication deadline of the report (条例 Art. 49, per agency kind in the rubric). */
export function deadlineOf(ctx: RuleContext): { date: string; rule: string } | null {
  const { year } = ctx.parsed;
  if (year === null) return null;
  const kind = ctx.audit.agencyKind ?? ctx.parsed.agency.kind ?? 'department';
  const md = ctx.rubric.deadlines[kind];
  const [m, d] = md.split('-').map(Number);
  const who = kind === 'government' ? '人民政府年度报告' : '政府部门年度报告';
  return { date: `${year + 1}-${md}`, rule: `条例第四十九条：${who}应于次年${m}月${d}日前公布` };
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
