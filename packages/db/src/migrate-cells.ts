/**
 * Moving a database written with a row per cell (the `cells` table, before migration 0011 / pg 0001)
 * to packed cells, and its band keys from text to integers, in place and resumably: reports are moved in batches, each batch its own
 * transaction (its packed rows written, its cell rows deleted), so an interrupted run leaves whole
 * reports on either side and the next open goes on from there. The table is dropped once empty.
 * Both engines share the row-to-cell reading here; SQL stays per engine.
 */
import type Database from 'better-sqlite3';
import type { Cell } from '@nianbao/model';
import type pg from 'pg';
import { bandOf } from './band-keys';
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

/** A former table's rows of the reports up to `last`, in `order`, rewritten; the reports written. */
type Rewrite<Row, R> = (rows: Row[]) => R;

/**
 * SQLite: moves what is left of the former table `from` (keyed by report first) in batches of
 * reports, `write` storing each batch's rows anew; drops it once empty. The number of reports moved.
 */
function moveSqlite<Row>(
  sqlite: Database.Database,
  from: string,
  order: string,
  write: Rewrite<Row, number>,
  options: MoveCellsOptions,
): number {
  if (!sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(from)) return 0;
  // the reports of the next batch, by the primary key (report first): the smallest ids left
  const upTo = sqlite.prepare(
    `select max(report_id) as last from (select distinct report_id from ${from} order by report_id limit ?)`,
  );
  const rowsOf = sqlite.prepare(`select * from ${from} where report_id <= ? order by ${order}`);
  const remove = sqlite.prepare(`delete from ${from} where report_id <= ?`);
  let moved = 0;
  const step = sqlite.transaction((): boolean => {
    const last = (upTo.get(options.batch ?? CELL_MOVE_BATCH) as { last: number | null }).last;
    if (last === null) {
      sqlite.exec(`drop table ${from}`);
      return false;
    }
    moved += write(rowsOf.all(last) as Row[]);
    remove.run(last);
    return true;
  });
  while (step()) options.afterBatch?.(moved);
  return moved;
}

/** PostgreSQL: as `moveSqlite`, each batch a transaction of its own on `client`. */
async function movePg<Row extends pg.QueryResultRow>(
  client: pg.Client,
  from: string,
  order: string,
  write: Rewrite<Row, Promise<number>>,
  options: MoveCellsOptions,
): Promise<number> {
  const { rows: found } = await client.query(
    'select 1 from information_schema.tables where table_schema = current_schema() and table_name = $1',
    [from],
  );
  if (!found.length) return 0;
  let moved = 0;
  for (;;) {
    await client.query('begin');
    try {
      const { rows: lastRows } = await client.query<{ last: number | null }>(
        `select max(report_id) as last from (select distinct report_id from ${from} order by report_id limit $1) as b`,
        [options.batch ?? CELL_MOVE_BATCH],
      );
      const last = lastRows[0]?.last ?? null;
      if (last === null) {
        await client.query(`drop table ${from}`);
        await client.query('commit');
        return moved;
      }
      moved += await write(
        (await client.query<Row>(`select * from ${from} where report_id <= $1 order by ${order}`, [last]))
          .rows,
      );
      await client.query(`delete from ${from} where report_id <= $1`, [last]);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
    options.afterBatch?.(moved);
  }
}

/** A row of the former `report_bands` (kept as `report_bands_text` by the migration): the key as text. */
interface LegacyBandRow {
  report_id: number;
  year: number;
  key: string;
}

/** Reports in a batch of band rows (each has one row per band). */
const reportCount = (rows: { report_id: number }[]) => new Set(rows.map((r) => r.report_id)).size;

/**
 * SQLite: what is left of the former cell rows and band keys moved to their packed forms (the data
 * step of migration 0011); the number of reports whose cells were moved.
 */
export function moveCellsSqlite(sqlite: Database.Database, options: MoveCellsOptions = {}): number {
  const insertCells = sqlite.prepare('insert or replace into report_cells (report_id, data) values (?, ?)');
  const moved = moveSqlite<LegacyCellRow>(
    sqlite,
    'cells',
    'report_id, key_id',
    (rows) => {
      const packed = packedByReport(rows);
      for (const p of packed) insertCells.run(p.reportId, p.data);
      return packed.length;
    },
    options,
  );
  const insertBand = sqlite.prepare(
    'insert or ignore into report_bands (year, band, report_id) values (?, ?, ?)',
  );
  moveSqlite<LegacyBandRow>(
    sqlite,
    'report_bands_text',
    'report_id',
    (rows) => {
      for (const r of rows) insertBand.run(r.year, bandOf(r.key), r.report_id);
      return reportCount(rows);
    },
    options,
  );
  return moved;
}

/** PostgreSQL: as `moveCellsSqlite` (the data step of migration 0001), each batch a transaction on `client`. */
export async function moveCellsPg(client: pg.Client, options: MoveCellsOptions = {}): Promise<number> {
  const moved = await movePg<LegacyCellRow>(
    client,
    'cells',
    'report_id, key_id',
    async (rows) => {
      const packed = packedByReport(rows);
      await client.query(
        'insert into report_cells (report_id, data) select * from unnest($1::integer[], $2::bytea[]) on conflict (report_id) do update set data = excluded.data',
        [packed.map((p) => p.reportId), packed.map((p) => p.data)],
      );
      return packed.length;
    },
    options,
  );
  await movePg<LegacyBandRow>(
    client,
    'report_bands_text',
    'report_id',
    async (rows) => {
      await client.query(
        'insert into report_bands (year, band, report_id) select * from unnest($1::integer[], $2::bigint[], $3::integer[]) on conflict do nothing',
        [rows.map((r) => r.year), rows.map((r) => bandOf(r.key)), rows.map((r) => r.report_id)],
      );
      return reportCount(rows);
    },
    options,
  );
  return moved;
}
