/**
 * The cross-report context an ingest batch reads again and again, kept in memory by the store instead
 * of being rebuilt from rows for every report: the cells and sections of stored reports (a report's
 * previous-year model is its ≈200 cell rows), most recently used first, up to a bound.
 *
 * A stored report's cells and sections never change under its id, so an entry stays right as long as no report is
 * deleted or rolled back (an id SQLite would hand out again). The cache holds only while nothing but
 * its own ingest wrote: each batch starts by comparing the database's change token with the one its
 * last commit left, and forgets everything when another writer (a review, a merge, another process)
 * came in between, or when a batch rolls back.
 */
import type { ParsedReport } from '@nianbao/model';

/** What of a stored report is costly to read back and never changes under its id. */
export type Stored = Pick<ParsedReport, 'cells' | 'sections'>;

export class ContextCache {
  private readonly reports = new Map<number, Stored>();
  /** The change token right after this cache's last commit. */
  private token: string | null = null;
  /** True inside a batch whose start found the cache valid: only then is it read. */
  private active = false;

  constructor(readonly limit: number) {}

  /** The start of a batch, with the database's change token: forgets all if someone else wrote. */
  begin(token: string) {
    if (token !== this.token) this.reports.clear();
    this.active = true;
  }

  /** The batch committed; `token`, the change token after it. */
  commit(token: string) {
    this.token = token;
    this.active = false;
  }

  /** The batch rolled back, or an unknown state: nothing held is trusted any more. */
  reset() {
    this.reports.clear();
    this.token = null;
    this.active = false;
  }

  /** A report: just stored by the batch under way (its savepoint released), or read back. */
  keep(reportId: number, { cells, sections }: Stored) {
    if (!this.active) return;
    this.reports.delete(reportId);
    this.reports.set(reportId, { cells, sections });
    for (const id of this.reports.keys()) {
      if (this.reports.size <= this.limit) break;
      this.reports.delete(id);
    }
  }

  /** A stored report's cells and sections when held (only inside a batch). */
  get(reportId: number): Stored | undefined {
    if (!this.active) return undefined;
    const held = this.reports.get(reportId);
    if (held) {
      // most recently used last: the first entries are evicted first
      this.reports.delete(reportId);
      this.reports.set(reportId, held);
    }
    return held;
  }

  get size(): number {
    return this.reports.size;
  }
}
