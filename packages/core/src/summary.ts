import type { IngestResult, IngestSummary } from './store';

/** Counts of a batch's results by outcome. */
export function summarise(results: IngestResult[]): IngestSummary {
  const s: IngestSummary = { ingested: 0, unchanged: 0, newVersions: 0, failed: 0 };
  for (const r of results) {
    if (r.status === 'ingested') s.ingested++;
    else if (r.status === 'unchanged') s.unchanged++;
    else if (r.status === 'new-version') s.newVersions++;
    else s.failed++;
  }
  return s;
}
