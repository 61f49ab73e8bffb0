import type { ParsedReport } from '@nianbao/model';
import type { Rubric } from './rubric';
import type { Signature } from './similarity';

export interface PeerNarrative {
  reportId: string | number;
  agency: string;
  /** The narrative sections' text (s1, s5, s6) of a peer report of the same year (see `narrativeText`). */
  text: string;
  /** Its MinHash signature, when the store keeps one (saves hashing the text again). */
  signature?: Signature;
}

export interface RectificationContext {
  /** The day the notice was issued and its 整改期限 (ISO dates). */
  issuedOn: string;
  dueOn: string;
  /** The day the case is judged on: rules never read the clock. */
  asOf: string;
  /** Items of the notice, and how many of them are still open in this report. */
  items: number;
  open: number;
}

export interface AuditContext {
  /** The normalised text of the report (Document.text), which section and cell spans point into. */
  text: string;
  /**
   * ISO date the report was known to exist (e.g. when it was collected): a report without a date
   * collected before its deadline is on time. Rules never read the clock.
   */
  today?: string;
  /** The same agency's report of the previous year, for history.* rules. */
  previous?: ParsedReport | null;
  /** The previous report's narrative (`narrativeText` of it), for originality.copied-from-last-year. */
  previousText?: string | null;
  /** …or its stored signature. */
  previousSignature?: Signature | null;
  /** This report's narrative signature (`narrativeSignature`) when the caller computed it already. */
  signature?: Signature | null;
  /** Peers of the same year (LSH candidates from the store), for originality.copied-across-agencies. */
  peers?: PeerNarrative[];
  /** The rubric to apply (`loadRubric`); the default one otherwise. */
  rubric?: Rubric;
  /**
   * The unit's rectification case for this report's year (opened by a 整改通知书), as the store sees it
   * on `asOf`: for rectification.overdue. `open` counts the notice's items whose finding this report
   * still has. Absent or null: no case.
   */
  rectification?: RectificationContext | null;
  /** Overrides the agency kind the parser inferred (decides the deadline and government-only content). */
  agencyKind?: 'government' | 'department';
}
