import { describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { copiedTables, PG_TABLES, pgShape, SQLITE_TABLES, sqliteShape } from './tables';

describe('the PostgreSQL schema', () => {
  const sqlite = new Map(SQLITE_TABLES.map((t) => [getTableConfig(t).name, sqliteShape(t)]));
  const pg = new Map(PG_TABLES.map((t) => { const s = pgShape(t); return [s.name, s]; }));

  it('has the same tables as the SQLite schema', () => {
    expect([...pg.keys()].sort()).toEqual([...sqlite.keys()].sort());
    expect(pg.size).toBe(22);
  });

  it.each([...sqlite.keys()])('mirrors %s: columns, types, nullability, defaults, keys and indexes', (name) => {
    expect(pg.get(name)).toEqual(sqlite.get(name));
  });

  it('describes an index column in descending order the same way on both engines', () => {
    expect(sqlite.get('reports')!.indexes.find((i) => i.name === 'reports_year_cover_idx')!.columns.slice(0, 4)).toEqual(['current', 'year', 'score desc', 'id']);
  });

  it('copies parents before children, each table once', () => {
    const order = copiedTables().map((t) => t.name);
    expect(new Set(order).size).toBe(22);
    for (const [name, shape] of sqlite) for (const fk of shape.foreignKeys) expect(order.indexOf(fk.table), `${name} → ${fk.table}`).toBeLessThan(order.indexOf(name));
    expect(copiedTables().find((t) => t.name === 'report_cells')).toMatchObject({ primaryKey: ['report_id'], identity: false });
    expect(copiedTables().find((t) => t.name === 'reports')).toMatchObject({ primaryKey: ['id'], identity: true });
  });
});
