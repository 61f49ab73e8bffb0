/**
 * A database written with a row per cell (before SQLite migration 0011 / PostgreSQL 0001) is moved to
 * packed cells in place when opened, resumably (issue 17 item 1). The seeds and the corpus are stored
 * (one cell corrected), their cells put back as rows of the former `cells` table (its DDL replayed
 * from the committed migrations) and the migration marked not applied; a first open is interrupted
 * after its first batch, a second one finishes: every report's routes answer byte for byte as before.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '@nianbao/model';
import { decodeSections, openDatabase, ROOT, unpackCells } from '@nianbao/db';
import type { IngestResponse } from '@nianbao/contract';
import { corpusFiles, form, onSqlite, seedFiles, testApp, testDatabase } from './testing';

const files = [...seedFiles(), ...corpusFiles()];

/** Forgets that the migrations from `tag` on were applied, so that the next open applies them again. */
function forgetFrom(folder: string, tag: string, table: string): string {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return `delete from ${table} where created_at >= ${journal.entries.find((e) => e.tag === tag)!.when}`;
}

/** The statements of the committed migrations before `tag` that shaped the former `table`, in order. */
function formerDdl(folder: string, tag: string, table: string): string[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const before = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  return before.flatMap((e) =>
    readFileSync(join(folder, `${e.tag}.sql`), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => new RegExp(`^(CREATE|ALTER|DROP) (TABLE|INDEX) [\`"]${table}[\`"_]`).test(s)),
  );
}

/** A cell as a row of the former table (as rows.ts wrote it before packing). */
const formerRow = (reportId: number, keyId: number, c: Cell) => [
  reportId,
  keyId,
  c.state,
  c.value,
  c.raw,
  c.span ? c.span[0] : null,
  c.span ? c.span[1] : null,
  c.unit ?? null,
  c.note ?? null,
  c.position ? [c.position.page, ...c.position.box].join(',') : null,
];
const FORMER_COLUMNS = 'report_id, key_id, state, value, raw, span_start, span_end, unit, note, position';

/** A band row as the former table held it: the key as the audit writes it, `band:hash` (hash in base 36). */
const formerBand = (b: Band) => [
  b.report_id,
  b.year,
  `${Math.floor(b.band / 2 ** 32)}:${(b.band % 2 ** 32).toString(36)}`,
];
interface Band {
  year: number;
  band: number;
  report_id: number;
}
const BANDS = 'select year, band, report_id from report_bands order by year, band, report_id';
const BANDS_PG =
  'select year, band::float8 as band, report_id from report_bands order by year, band, report_id';

/** Every report's routes as the API answers them (bodies as text: byte for byte). */
async function answers(app: FastifyInstance, ids: number[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    for (const url of [`/api/reports/${id}`, `/api/reports/${id}/source`]) {
      const r = await app.inject({ url });
      out[url] = `${r.statusCode} ${r.headers['content-type']} ${r.body}`;
    }
  }
  for (const url of [
    '/api/reports',
    '/api/findings',
    '/api/reviews',
    '/api/rankings',
    '/api/overview',
    '/api/rankings/export?format=csv',
  ]) {
    const r = await app.inject({ url });
    out[url] = `${r.statusCode} ${r.body}`;
  }
  return out;
}

let dir: string;
let url: string;
let ids: number[];
let before: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-packed-'));
  url = await testDatabase(dir);
  const app = await testApp(url, { webRoot: null });
  const f = form(files);
  const r = await app.inject({ method: 'POST', url: '/api/reports', payload: f.payload, headers: f.headers });
  expect(r.statusCode, r.body).toBe(200);
  ids = (r.json() as IngestResponse).results.flatMap((x) => (x.reportId ? [x.reportId] : []));
  expect(ids.length).toBe(files.length);
  const corrected = await app.inject({
    method: 'PUT',
    url: `/api/reports/${ids[0]}/cells/t3.newReceived.total`,
    payload: { value: 7, reason: '原件为7' },
  });
  expect(corrected.statusCode, corrected.body).toBe(200);
  before = await answers(app, ids);
  await app.close();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!onSqlite)('moving cell rows to packed cells on SQLite', () => {
  it('resumes after an interrupted first batch and answers every route as before', async () => {
    const folder = join(ROOT, 'packages/db/drizzle');
    const sqlite = new Database(url);
    const keys = sqlite.prepare('select id, key from cell_keys').all() as { id: number; key: string }[];
    const idOf = new Map(keys.map((k) => [k.key, k.id]));
    const packed = sqlite
      .prepare('select report_id as id, data from report_cells order by report_id')
      .all() as { id: number; data: Buffer }[];
    expect(packed.map((p) => p.id)).toEqual([...ids].sort((a, b) => a - b));
    const bands = sqlite.prepare(BANDS).all() as Band[];
    expect(bands.length).toBe(32 * ids.length);
    // the database as the release before packing left it
    sqlite.transaction(() => {
      sqlite.exec('drop table report_cells');
      sqlite.exec('drop table report_bands');
      for (const s of formerDdl(folder, '0011_packed_cells', 'cells')) sqlite.exec(s);
      for (const s of formerDdl(folder, '0011_packed_cells', 'report_bands')) sqlite.exec(s);
      const insertBand = sqlite.prepare('insert into report_bands (report_id, year, key) values (?, ?, ?)');
      for (const b of bands) insertBand.run(...formerBand(b));
      const insert = sqlite.prepare(
        `insert into cells (${FORMER_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of packed) {
        const cells = unpackCells(p.data, (id) => keys.find((k) => k.id === id)!.key);
        for (const [key, c] of Object.entries(cells)) insert.run(...formerRow(p.id, idOf.get(key)!, c));
      }
      sqlite.exec(forgetFrom(folder, '0011_packed_cells', '__drizzle_migrations'));
    })();
    const rows = (sqlite.prepare('select count(*) as n from cells').get() as { n: number }).n;
    expect(rows).toBeGreaterThan(150 * ids.length);
    sqlite.close();

    // interrupted after its first batch of two reports: those are moved, the rest still rows
    expect(() =>
      openDatabase(url, {
        batch: 2,
        afterBatch: () => {
          throw new Error('power cut');
        },
      }),
    ).toThrow('power cut');
    const half = new Database(url, { readonly: true });
    expect((half.prepare('select count(*) as n from report_cells').get() as { n: number }).n).toBe(2);
    expect((half.prepare('select count(distinct report_id) as n from cells').get() as { n: number }).n).toBe(
      ids.length - 2,
    );
    half.close();

    const app = await testApp(url, { webRoot: null });
    try {
      expect(await answers(app, ids)).toEqual(before);
    } finally {
      await app.close();
    }
    const done = new Database(url, { readonly: true });
    expect(
      done.prepare("select name from sqlite_master where name in ('cells', 'report_bands_text')").all(),
    ).toEqual([]);
    expect(done.prepare(BANDS).all()).toEqual(bands);
    expect((done.prepare('select count(*) as n from report_cells').get() as { n: number }).n).toBe(
      ids.length,
    );
    done.close();
  });
});

describe.skipIf(onSqlite)('moving cell rows to packed cells on PostgreSQL', () => {
  it('resumes after an interrupted first batch and answers every route as before', async () => {
    const { migratePg } = await import('@nianbao/db/pg');
    const { pgQuery } = await import('@nianbao/db/pg/test-server');
    const folder = join(ROOT, 'packages/db/drizzle-pg');
    const keys = await pgQuery<{ id: number; key: string }>(url, 'select id, key from cell_keys');
    const idOf = new Map(keys.map((k) => [k.key, k.id]));
    const packed = await pgQuery<{ id: number; data: Buffer }>(
      url,
      'select report_id as id, data from report_cells order by report_id',
    );
    expect(packed.map((p) => p.id)).toEqual([...ids].sort((a, b) => a - b));
    const rows = packed.flatMap((p) =>
      Object.entries(unpackCells(p.data, (id) => keys.find((k) => k.id === id)!.key)).map(([key, c]) =>
        formerRow(p.id, idOf.get(key)!, c),
      ),
    );
    const column = (i: number) => rows.map((r) => r[i]);
    const bands = await pgQuery<Band>(url, BANDS_PG);
    expect(bands.length).toBe(32 * ids.length);
    const bandColumn = (i: number) => bands.map((b) => formerBand(b)[i]);
    const statements = [
      'drop table report_cells',
      'drop table report_bands',
      ...formerDdl(folder, '0001_packed_cells', 'cells'),
      ...formerDdl(folder, '0001_packed_cells', 'report_bands'),
      `insert into cells (${FORMER_COLUMNS}) select * from unnest($1::int[], $2::int[], $3::text[], $4::float8[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])`,
      // sections as JSON text, as that release wrote them
      "alter table reports alter column sections type text using ''",
      'update reports set sections = s.json from unnest($1::int[], $2::text[]) as s(id, json) where reports.id = s.id',
      forgetFrom(folder, '0001_packed_cells', 'drizzle.__drizzle_migrations'),
    ];
    const sections = await pgQuery<{ id: number; sections: Buffer }>(url, 'select id, sections from reports');
    const sectionColumns = [sections.map((r) => r.id), sections.map((r) => JSON.stringify(decodeSections(r.sections)))];
    for (const s of statements)
      await pgQuery(url, s, s.startsWith('insert') ? Array.from({ length: 10 }, (_, i) => column(i)) : s.startsWith('update') ? sectionColumns : []);
    await pgQuery(
      url,
      'insert into report_bands (report_id, year, key) select * from unnest($1::int[], $2::int[], $3::text[])',
      [0, 1, 2].map(bandColumn),
    );

    await expect(
      migratePg(url, {
        batch: 2,
        afterBatch: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(await pgQuery(url, 'select count(*)::int as n from report_cells')).toEqual([{ n: 2 }]);
    expect(await pgQuery(url, 'select count(distinct report_id)::int as n from cells')).toEqual([
      { n: ids.length - 2 },
    ]);

    const app = await testApp(url, { webRoot: null });
    try {
      expect(await answers(app, ids)).toEqual(before);
    } finally {
      await app.close();
    }
    expect(
      await pgQuery(url, "select table_name from information_schema.tables where table_name in ('cells', 'report_bands_text')"),
    ).toEqual([]);
    expect(await pgQuery(url, BANDS_PG)).toEqual(bands);
    expect(await pgQuery(url, 'select count(*)::int as n from report_cells')).toEqual([{ n: ids.length }]);
  });
});
