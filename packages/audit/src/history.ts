import type { ParsedReport } from '@nianbao/model';
import type { RuleContext } from './rule';

/** The agency's previous-year report, when given and really of the year before. */
export function previousOf(ctx: RuleContext): ParsedReport | null {
  const prev = ctx.audit.previous;
  if (!prev) return null;
  const { year } = ctx.parsed;
  if (year !== null && prev.year !== null && prev.year !== year - 1) return null;
  return prev;
}
