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
    const peer = Number(f.fingerprint?.slice(COPIED_ACROSS.length + 1));
    if (Number.isInteger(peer) && visible(peer)) return f;
    return renderFinding(f, { withhold: { agency: OTHER_REGION_AGENCY } });
  });
}
