/**
 * A finding's text, rendered in one place from its rule's `meta.messages` (after ESLint's): the rule
 * reports a message id and its parameters, and any view can render the message again — with a name
 * withheld for a user who may not see it, say — instead of editing the finished text.
 */
import type { Finding } from '@nianbao/model';
import type { RuleMeta } from './rule';
import { rules } from './rules';

export type MessageData = Record<string, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** A template filled with its data: `{name}` becomes `data.name` (left as written when data has no such key). */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

let byId: Map<string, RuleMeta> | null = null;
const metaOf = (rule: string) => (byId ??= new Map(rules.map((r) => [r.meta.id, r.meta]))).get(rule);

/** The text of message `messageId` of `rule` with `data`; throws for a message the rule does not declare. */
export function renderMessage(rule: string | RuleMeta, messageId: string, data?: MessageData): string {
  const meta = typeof rule === 'string' ? metaOf(rule) : rule;
  const template = meta?.messages[messageId];
  if (template === undefined) throw new Error(`rule ${typeof rule === 'string' ? rule : rule.id} has no message '${messageId}'`);
  return formatMessage(template, data);
}

export interface RenderOptions {
  /** Parameters to show otherwise: `{ agency: '其他地区的机关' }` puts those words where the agency's name was. */
  withhold?: MessageData;
}

type RenderableFinding = Pick<Finding, 'rule' | 'message' | 'messageId' | 'data'>;

/**
 * A finding rendered again, with the withheld parameters replaced in its data and in its message.
 * A finding stored before message ids and not filled by migration 0007 has no data to render from: its
 * text is the one its rule wrote then (that wording no longer changes), where the withheld names are
 * the quoted ones, in order (「与“甲局”同年度」).
 */
export function renderFinding<F extends RenderableFinding>(finding: F, options: RenderOptions = {}): F {
  const withhold = options.withhold ?? {};
  if (finding.messageId !== undefined && finding.data !== undefined && metaOf(finding.rule)?.messages[finding.messageId] !== undefined) {
    const data = { ...finding.data };
    for (const key of Object.keys(withhold)) if (key in data) data[key] = withhold[key]!;
    return { ...finding, data, message: renderMessage(finding.rule, finding.messageId, data) };
  }
  const values = Object.values(withhold);
  let i = 0;
  const message = finding.message.replace(/“[^”]*”/g, (quoted) => (i < values.length ? `“${values[i++]}”` : quoted));
  return { ...finding, message };
}
