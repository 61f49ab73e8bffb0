/**
 * A report's findings as a region-scoped user reads them (applied by plugins/scope.ts to the routes
 * of scope `report`): the message is rendered again from its id and data with the other agency
 * withheld, never edited as text.
 */
import { renderFinding } from '@nianbao/audit';

export interface PeerFinding {
  rule: string;
  message: string;
  messageId?: string;
  data?: Record<string, string | number>;
  fingerprint?: string | null;
}

const COPIED_ACROSS = 'originality.copied-across-agencies';
export const OTHER_REGION_AGENCY = '其他地区的机关';

/**
 * Findings fit for a region-scoped user: a report copied from an agency outside the user's region
 * is still reported, but without that agency's name (its fingerprint, `rule:peerReportId`, names
 * no one, and the peer's id answers 404 to this user).
 */
export function redactPeers<T extends PeerFinding>(findings: T[], visible: (reportId: number) => boolean): T[] {
  return findings.map((f) => {
    if (f.rule !== COPIED_ACROSS) return f;
    const peer = peerOf(f);
    if (peer !== null && visible(peer)) return f;
    return renderFinding(f, { withhold: { agency: OTHER_REGION_AGENCY } });
  });
}

/** The report a finding names as copied from or by (null when it names none). */
function peerOf(f: PeerFinding): number | null {
  if (f.rule !== COPIED_ACROSS) return null;
  const peer = Number(f.fingerprint?.slice(COPIED_ACROSS.length + 1));
  return Number.isInteger(peer) ? peer : null;
}

/** The distinct reports the findings name as peers (to look up their regions before `redactPeers`). */
export function peerIdsOf(findings: PeerFinding[]): number[] {
  return [...new Set(findings.map(peerOf).filter((id) => id !== null))];
}
