/**
 * Moving a database written with a row per cell (the `cells` table, before migration 0011 / pg 0001)
 * to packed cells, in place and resumably: reports are moved in batches, each batch its own
 * transaction (its packed rows written, its cell rows deleted), so an interrupted run leaves whole
 * reports on either side and the next open goes on from there. The table is dropped once empty.
 * Both engines share the row-to-cell reading here; SQL stays per engine.
 */
import type Database from 'better-sqlite3';
import type { Cell } from '@nianbao/model';
import type pg from 'pg';
import { packCellEntries } from './packed-cells';

/** A row of the former `cells` table, as both engines read it (snake_case, as stored). */
export interface LegacyCellRow {
  report_id: number;
  key_id: number;
  state: Cell['state'];
  value: number | null;
  raw: string;
  span_start: number | null;
  span_end: number | null;
  unit: string | null;
  note: string | null;
  position: string | null;
}

/** Reports moved per transaction: ≈ 200 rows each, a batch stays a few MB of memory. */
export const CELL_MOVE_BATCH = 500;

export interface MoveCellsOptions {
  batch?: number;
  /** Called after each committed batch with the reports moved so far (a test interrupts the move by throwing). */
  afterBatch?: (moved: number) => void;
}

/** A cell as its former row held it (as the model was read back from rows before packing). */
function legacyCell(r: LegacyCellRow): Cell {
  const cell: Cell = {
    raw: r.raw,
    state: r.state,
    value: r.value,
    span: r.span_start !== null && r.span_end !== null ? [r.span_start, r.span_end] : null,
  };
  if (r.unit !== null) cell.unit = r.unit;
  if (r.note !== null) cell.note = r.note;
  if (r.position !== null) {
    const [page = 0, x0 = 0, top = 0, x1 = 0, bottom = 0] = r.position.split(',').map(Number);
    cell.position = { page, box: [x0, top, x1, bottom] };
  }
  return cell;
}

/** Rows ordered by report then key, packed per report. */
function packedByReport(rows: LegacyCellRow[]): { reportId: number; data: Buffer }[] {
  const out: { reportId: number; data: Buffer }[] = [];
  let entries: [number, Cell][] = [];
  rows.forEach((r, i) => {
    entries.push([r.key_id, legacyCell(r)]);
    if (rows[i + 1]?.report_id !== r.report_id) {
      out.push({ reportId: r.report_id, data: packCellEntries(entries) });
      entries = [];
    }
  });
  return out;
}

/** SQLite: moves what is left of `cells` into `report_cells`; the number of reports moved. */
export function moveCellsSqlite(sqlite: Database.Database, options: MoveCellsOptions = {}): number {
  const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'cells'").get();
  if (!exists) return 0;
  const batch = options.batch ?? CELL_MOVE_BATCH;
  // the reports of the next batch, by the primary key (report_id, key_id): the smallest ids left
  const upTo = sqlite.prepare(
    'select max(report_id) as last from (select distinct report_id from cells order by report_id limit ?)',
  );
  const rowsOf = sqlite.prepare('select * from cells where report_id <= ? order by report_id, key_id');
  const insert = sqlite.prepare('insert or replace into report_cells (report_id, data) values (?, ?)');
  const remove = sqlite.prepare('delete from cells where report_id <= ?');
  let moved = 0;
  const step = sqlite.transaction((): boolean => {
    const last = (upTo.get(batch) as { last: number | null }).last;
    if (last === null) {
      sqlite.exec('drop table cells');
      return false;
    }
    const packed = packedByReport(rowsOf.all(last) as LegacyCellRow[]);
    for (const p of packed) insert.run(p.reportId, p.data);
    remove.run(last);
    moved += packed.length;
    return true;
  });
  while (step()) options.afterBatch?.(moved);
  return moved;
}

/** PostgreSQL: as `moveCellsSqlite`, each batch a transaction of its own on `client`. */
export async function moveCellsPg(client: pg.Client, options: MoveCellsOptions = {}): Promise<number> {
  const { rows: found } = await client.query(
    "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'cells'",
  );
  if (!found.length) return 0;
  const batch = options.batch ?? CELL_MOVE_BATCH;
  let moved = 0;
  for (;;) {
    await client.query('begin');
    try {
      const { rows: lastRows } = await client.query<{ last: number | null }>(
        'select max(report_id) as last from (select distinct report_id from cells order by report_id limit $1) as b',
        [batch],
      );
      const last = lastRows[0]?.last ?? null;
      if (last === null) {
        await client.query('drop table cells');
        await client.query('commit');
        return moved;
      }
      const { rows } = await client.query<LegacyCellRow>(
        'select * from cells where report_id <= $1 order by report_id, key_id',
        [last],
      );
      const packed = packedByReport(rows);
      await client.query(
        'insert into report_cells (report_id, data) select * from unnest($1::integer[], $2::bytea[]) on conflict (report_id) do update set data = excluded.data',
        [packed.map((p) => p.reportId), packed.map((p) => p.data)],
      );
      await client.query('delete from cells where report_id <= $1', [last]);
      await client.query('commit');
      moved += packed.length;
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
    options.afterBatch?.(moved);
  }
}
