/**
 * The rule engine: runs every rule the rubric leaves on over one parsed report, stamps each finding
 * with its rule, severity, category and fingerprint, and scores them.
 */
import type { Cell, Finding, ParsedReport, Score } from '@nianbao/model';
import type { AuditContext } from './context';
import { ABSENT, versionOf } from './helpers';
import { renderMessage } from './messages';
import type { Report, Rule, RuleContext } from './rule';
import { getDefaultRubric, type Rubric } from './rubric';
import { rules as allRules } from './rules';
import { score } from './score';

export type { AuditContext, PeerNarrative, RectificationContext } from './context';

class Context implements RuleContext {
  readonly findings: Finding[] = [];
  rule!: Rule;
  private severity: Finding['severity'] | null = null;
  private readonly cache = new Map<string, unknown>();
  readonly version;
  constructor(
    readonly parsed: ParsedReport,
    readonly audit: AuditContext,
    readonly rubric: Rubric,
  ) {
    this.version = versionOf(parsed);
  }
  get text() {
    return this.audit.text;
  }
  use(rule: Rule, severity: Finding['severity'] | null) {
    this.rule = rule;
    this.severity = severity;
  }
  cell(key: string): Cell {
    return this.parsed.cells[key] ?? ABSENT;
  }
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }
  report(r: Report): void {
    const { id, category, severity } = this.rule.meta;
    const cells = r.cells ?? [];
    if (misreadRisk(this.parsed, id, cells, r.key)) return;
    const data = r.data ?? {};
    this.findings.push({
      rule: id,
      severity: this.severity ?? r.severity ?? severity,
      category,
      cells,
      message: renderMessage(this.rule.meta, r.messageId, data),
      messageId: r.messageId,
      data,
      span: r.span ?? null,
      fingerprint: `${id}:${r.key ?? (cells.join('+') || 'report')}`,
    });
  }
}

/**
 * A finding that may come from a misreading rather than from the report: about a row whose figures
 * could not be placed for sure, or about the cells of a table read with low confidence (its gaps,
 * identities and figures: where one row was misplaced, its neighbours may be too), or about a section
 * heading of a report read by OCR that was not read with its numeral. Such a finding is
 * not raised against the agency; `extract.uncertain` asks a person to check the original instead.
 */
function misreadRisk(parsed: ParsedReport, rule: string, cells: string[], key?: string): boolean {
  const reading = parsed.reading;
  if (!reading || rule === 'extract.uncertain') return false;
  // a section heading OCR may have misread (its numeral lost, or run into the paragraph before it)
  if (rule.startsWith('structure.section-') && key && reading.sections?.doubtfulRows.includes(key)) return true;
  if (!cells.length) return false;
  const doubtful = Object.values(reading).flatMap((t) => t.doubtfulRows);
  if (cells.some((c) => doubtful.some((row) => c.startsWith(row + '.')))) return true;
  const lowTables = Object.entries(reading).filter(([, t]) => t.confidence === 'low').map(([id]) => id + '.');
  return /^(?:table|balance|narrative|value)\./.test(rule) && cells.some((c) => lowTables.some((t) => c.startsWith(t)));
}

/** Findings of one report: pure, no I/O, no clock. */
export function runRules(report: ParsedReport, ctx: AuditContext, rules: readonly Rule[] = allRules): Finding[] {
  const rubric = ctx.rubric ?? getDefaultRubric();
  const context = new Context(report, ctx, rubric);
  for (const rule of rules) {
    const override = rubric.rules[rule.meta.id]?.severity;
    if (override === 'off') continue;
    context.use(rule, override ?? null);
    rule.check(context);
  }
  return context.findings;
}

export function audit(report: ParsedReport, ctx: AuditContext): { findings: Finding[]; score: Score } {
  const rubric = ctx.rubric ?? getDefaultRubric();
  const findings = runRules(report, { ...ctx, rubric });
  return { findings, score: score(findings, versionOf(report), rubric) };
}
