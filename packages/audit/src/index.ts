// Placeholder: the rule engine and scorer are being written. `audit` fills findings and score.
import type { Finding, ParsedReport, Score } from '@nianbao/model';

export interface PeerNarrative {
  reportId: string | number;
  agency: string;
  /** The narrative sections' text (s1, s5, s6) of a peer report of the same year. */
  text: string;
}

export interface AuditContext {
  /** The normalised text of the report (Document.text), which section and cell spans point into. */
  text: string;
  /** ISO date the timeliness rules measure against when the report has no date (defaults: none). */
  today?: string;
  /** The same agency's report of the previous year, for history.* rules. */
  previous?: ParsedReport | null;
  /** Peers of the same year, for originality.* rules. */
  peers?: PeerNarrative[];
}

export function audit(_report: ParsedReport, _ctx: AuditContext): { findings: Finding[]; score: Score | null } {
  return { findings: [], score: null };
}
export { analyze, type Analysis } from './analyze';
