/**
 * What the store needs from the pure core: the per-file pipeline (`analyze`), the audit alone (to
 * re-run history and originality rules against stored reports, and to rescore), the narrative
 * signatures that find candidate peers, and the rules reference. Injected so that tests and
 * benchmarks can swap any part.
 */
import * as auditPackage from '@nianbao/audit';
import type { AuditContext, PeerNarrative } from '@nianbao/audit';
import { templateFor, type Finding, type ParsedReport, type ReportError, type Score } from '@nianbao/model';
import type { Overrides } from '@nianbao/parser';

export type Signature = auditPackage.Signature;
export type Analysis = auditPackage.Analysis;

/** Near-duplicate detection of the audit package, used to find candidate peers in the store. */
export interface Similarity {
  /** MinHash signature of the report's narrative sections (what the originality rules compare). */
  signature(report: ParsedReport, text: string): Signature;
  /** LSH band keys: reports sharing any key are candidates. */
  bandKeys(signature: Signature): string[];
}

/** A candidate peer of the same year for the originality rules (its text may be empty when `signature` is given). */
export type Peer = PeerNarrative & { reportId: number };

/** What the store passes to the audit: the audit package's `AuditContext` without the rubric and kind overrides. */
export type StoreContext = Omit<AuditContext, 'rubric' | 'agencyKind'> & { peers?: Peer[] };

export interface Auditor {
  /**
   * Extract → parse of one file (no audit: the store audits once, with its cross-report context);
   * `sha256`, the file's hash when the caller already has it.
   */
  analyze(bytes: Uint8Array, file: string, overrides: Overrides, sha256?: string): Promise<Analysis | ReportError>;
  audit(report: ParsedReport, ctx: StoreContext): { findings: Finding[]; score: Score | null };
  /** The score of a report's findings alone (what is left once reviewers dismissed some). */
  score?(report: ParsedReport, findings: Finding[]): Score;
  similarity?: Similarity;
  /** The rules reference (metadata declared beside each rule). */
  rulesReference?: () => unknown[];
  /** The rubric scores are computed with. */
  rubric?: () => auditPackage.Rubric;
}

/** The real pipeline of @nianbao/audit, under the default rubric or the one given (`loadRubric`). */
export function defaultAuditor(rubric: auditPackage.Rubric = auditPackage.getDefaultRubric()): Auditor {
  return {
    analyze: (bytes, file, overrides, sha256) => auditPackage.analyze(bytes, file, overrides, {}, { audit: false, sha256 }),
    audit: (report, ctx) => auditPackage.audit(report, { ...ctx, rubric }),
    score: (report, findings) => auditPackage.score(findings, templateFor(report.template, report.year), rubric),
    similarity: { signature: auditPackage.narrativeSignature, bandKeys: auditPackage.bandKeys },
    rulesReference: () => auditPackage.rulesReference(rubric),
    rubric: () => rubric,
  };
}


/** The narrative sections (一 总体情况, 五 问题及改进, 六 其他事项) of a report's text. */
export function narrative(text: string, sections: ParsedReport['sections']): string {
  return (['s1', 's5', 's6'] as const)
    .map((s) => sections[s])
    .filter((s): s is NonNullable<typeof s> => !!s?.present && !!s.span)
    .map((s) => text.slice(s.span![0], s.span![1]))
    .join('\n');
}
