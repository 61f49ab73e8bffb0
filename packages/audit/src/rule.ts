/**
 * What a rule is, after ESLint's rules: metadata beside a `check` that reports findings through its
 * context. Rules are pure functions of the parsed report, its text and the audit context.
 */
import type { Category, Cell, ParsedReport, Severity, Span, TemplateVersion } from '@nianbao/model';
import type { AuditContext } from './context';
import type { Rubric } from './rubric';

export interface RuleMeta {
  /** Stable id, `group.name`: the key of the rubric, of fingerprints and of the rules page. */
  id: string;
  category: Category;
  /** Default severity; the rubric may override it or turn the rule off. */
  severity: Severity;
  /** One line, Chinese: what the rule finds. */
  description: string;
  /** A longer explanation in Chinese, citing the 条例 article or the format notice behind the rule. */
  docs: string;
  /**
   * The rule's messages by id, after ESLint's `meta.messages`: Chinese templates, pasteable into a
   * rectification notice, whose `{name}` placeholders a finding's `data` fills.
   */
  messages: Record<string, string>;
}

/** What a rule reports; the engine adds rule, severity, category and the fingerprint. */
export interface Report {
  /** Which of the rule's `meta.messages` to show. */
  messageId: string;
  /** The message's parameters (numbers, names, places already put in words). */
  data?: Record<string, string | number>;
  /** Keys of the cells the finding is about. */
  cells?: string[];
  /** Where to highlight in the normalised text (a cell, a section, a sentence); null if nowhere. */
  span?: Span | null;
  /** What the finding is about, stable across re-parsing (defaults to the cells joined). */
  key?: string;
  /** A severity other than the rule's default for this finding (the rubric's override still wins). */
  severity?: Severity;
}

export interface RuleContext {
  readonly parsed: ParsedReport;
  /** The normalised text that section and cell spans point into. */
  readonly text: string;
  /** The template the cells follow (the detected one, or the year's when detection failed). */
  readonly version: TemplateVersion;
  readonly audit: AuditContext;
  readonly rubric: Rubric;
  /** The cell under `key`, an `absent` cell when the report has none. */
  cell(key: string): Cell;
  /** Computes a value once per report and shares it between rules (identities, narrative figures). */
  memo<T>(key: string, compute: () => T): T;
  report(finding: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export const defineRule = (rule: Rule): Rule => rule;
