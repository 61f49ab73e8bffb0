/**
 * A report's findings as a region-scoped user reads them (applied by plugins/scope.ts to the routes
 * of scope `report`). Moved here unchanged from plugins/auth.ts: it edits one rule's finished
 * message, which findings carrying message ids and parameters will make unnecessary.
 */

export interface PeerFinding {
  rule: string;
  message: string;
  fingerprint?: string;
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
    return { ...f, message: f.message.replace(/“[^”]*”/, `“${OTHER_REGION_AGENCY}”`) };
  });
}
