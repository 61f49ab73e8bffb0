/**
 * Reviewers' corrections of cells as read (issue 19: a figure OCR misread). The parsed cell stays in
 * `cells` as read; a correction overlays it wherever the report is read as a model — its audit, the
 * next year's history rules, the report page — and, withdrawn, the reading counts again.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Cell, ParsedReport } from '@nianbao/model';
import type { Db } from './client';
import { cellCorrections } from './schema';

export type CorrectionRow = typeof cellCorrections.$inferSelect;

/** A corrected cell as the report page shows it: what was read, what it is now, who, when and why. */
export interface CellCorrectionView {
  /** The cell as read from the file (null: no such cell was read). */
  original: Pick<Cell, 'raw' | 'state' | 'value'> | null;
  value: number | null;
  reason: string;
  user: string;
  at: string;
}

export class Corrections {
  private readonly ofQ;

  constructor(private readonly db: Db) {
    this.ofQ = db
      .select()
      .from(cellCorrections)
      .where(eq(cellCorrections.reportId, sql.placeholder('reportId')))
      .orderBy(cellCorrections.cell)
      .prepare();
  }

  of(reportId: number): CorrectionRow[] {
    return this.ofQ.all({ reportId });
  }

  /** Records a correction, replacing an earlier one of the same cell. */
  upsert(values: CorrectionRow): void {
    const { reportId: _r, cell: _c, ...change } = values;
    this.db.insert(cellCorrections).values(values).onConflictDoUpdate({ target: [cellCorrections.reportId, cellCorrections.cell], set: change }).run();
  }

  /** Withdraws a correction; false when there was none. */
  remove(reportId: number, cell: string): boolean {
    return this.db.delete(cellCorrections).where(and(eq(cellCorrections.reportId, reportId), eq(cellCorrections.cell, cell))).run().changes > 0;
  }
}

const open = new WeakMap<Db, Corrections>();

/** The corrections of a database (statements prepared once per connection). */
export function correctionsOf(db: Db): Corrections {
  let c = open.get(db);
  if (!c) open.set(db, (c = new Corrections(db)));
  return c;
}

/** A corrected cell: where it was read stays (its span, its box on the page); the figure is the reviewer's. */
function corrected(read: Cell | undefined, value: number | null): Cell {
  const { unit: _unit, ...where } = read ?? { span: null };
  return { ...where, raw: value === null ? '' : String(value), state: value === null ? 'blank' : 'value', value };
}

/**
 * The report as its audit reads it: each corrected cell's value laid over the parsed one, and a row
 * a reviewer corrected a cell of no longer doubtful (they checked it against the original); a table
 * whose doubtful rows are all checked so is read for sure, and its identities are checked again.
 */
export function withCorrections(report: ParsedReport, corrections: CorrectionRow[]): ParsedReport {
  if (!corrections.length) return report;
  const cells = { ...report.cells };
  for (const c of corrections) cells[c.cell] = corrected(report.cells[c.cell], c.value);
  const out: ParsedReport = { ...report, cells };
  if (report.reading) {
    const checked = new Set(corrections.map((c) => c.cell.slice(0, c.cell.lastIndexOf('.'))));
    const reading: NonNullable<ParsedReport['reading']> = {};
    for (const [table, t] of Object.entries(report.reading)) {
      const doubtfulRows = t.doubtfulRows.filter((row) => !checked.has(row));
      if (t.doubtfulRows.length && !doubtfulRows.length) continue;
      reading[table] = { ...t, doubtfulRows };
    }
    if (Object.keys(reading).length) out.reading = reading;
    else delete out.reading;
  }
  return out;
}

/** The corrections of a report by cell, with each cell as read (`read`: the parsed cells). */
export function correctionViews(read: Record<string, Cell>, corrections: CorrectionRow[]): Record<string, CellCorrectionView> {
  const out: Record<string, CellCorrectionView> = {};
  for (const c of corrections) {
    const cell = read[c.cell];
    out[c.cell] = {
      original: cell ? { raw: cell.raw, state: cell.state, value: cell.value } : null,
      value: c.value,
      reason: c.reason,
      user: c.userName,
      at: c.correctedAt,
    };
  }
  return out;
}
