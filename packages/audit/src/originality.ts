/** The narrative a report is compared on for originality, and its signature (what the store keeps). */
import type { ParsedReport } from '@nianbao/model';
import { sectionBody } from './helpers';
import { normalizeForSimilarity, signature, type Signature } from './similarity';

/**
 * The narrative sections' text — 总体情况, 存在的主要问题及改进情况, 其他需要报告的事项 — without the
 * tables, which repeat the template's labels in every report. The whole text when none is found.
 */
export function narrativeText(report: ParsedReport, text: string): string {
  const parts = (['s1', 's5', 's6'] as const).map((id) => sectionBody(report, text, id)).filter(Boolean);
  return parts.length ? parts.join('\n') : text;
}

/** Compute once per report at ingest and store it (with `bandKeys` of it for candidate queries). */
export function narrativeSignature(report: ParsedReport, text: string): Signature {
  return signature(normalizeForSimilarity(narrativeText(report, text)), { normalized: true });
}
