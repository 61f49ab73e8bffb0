import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../store';

const ROOT = join(import.meta.dirname, '../../../..');
const NANKAI = readFileSync(join(ROOT, 'data/samples/000_91e0e63c20f568b3.txt'));
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'));

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-office-'));
  store = new Store({ path: join(dir, 'test.db') });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('storage.office (SQLite)', () => {
  it('counts the reports breaking each rule and category, most first, without info findings or dismissed ones', async () => {
    const ids = (await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }, { name: 'xinyu.txt', bytes: XINYU }])).map((r) => r.reportId!);
    const reports = await Promise.all(ids.map((id) => store.queries.report(id)));
    const faults = ids.flatMap((id, i) => reports[i]!.findings.filter((f) => f.severity !== 'info').map((f) => ({ id, ...f })));
    /** The expected counts, from the reports' own findings: distinct reports per key, most first, then by key. */
    const expected = (by: 'rule' | 'category', left = faults) => {
      const reports = new Map<string, Set<number>>();
      for (const f of left) reports.set(f[by], (reports.get(f[by]) ?? new Set()).add(f.id));
      return [...reports].map(([key, s]) => ({ key, reports: s.size })).sort((a, b) => b.reports - a.reports || (a.key < b.key ? -1 : 1));
    };
    const before = await store.storage.office.brokenBy(ids, 'rule');
    expect(before).toEqual(expected('rule'));
    expect(before.length).toBeGreaterThan(2);
    expect(await store.storage.office.brokenBy(ids, 'category')).toEqual(expected('category'));

    // a rule 南开 breaks once: dismissed, it no longer counts
    const lone = faults.find((f) => f.id === ids[0] && faults.filter((g) => g.rule === f.rule).length === 1)!;
    await store.review(ids[0]!, lone.fingerprint!, { decision: 'dismiss', reason: '核实无误', userId: null, userName: '甲' });
    const after = await store.storage.office.brokenBy(ids, 'rule');
    expect(after).toEqual(expected('rule', faults.filter((f) => f !== lone)));
    expect(after.map((p) => p.key)).not.toContain(lone.rule);
    expect(await store.storage.office.brokenBy([], 'rule')).toEqual([]);
  });

  it('lists the units of a year: without a roster the agencies that reported, with one its units only', async () => {
    const [nankai, xinyu] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }, { name: 'xinyu.txt', bytes: XINYU }]);
    const office = store.storage.office;
    const names = async (roster: boolean, region?: string) => (await office.unitRows({ year: 2019, roster, region })).map((r) => [r.name, r.reportId, r.firstYear, r.unitId]);
    expect(await names(false)).toEqual([
      ['南开区文化和旅游局', nankai!.reportId, 2019, null],
      ['新余市文广新旅局', xinyu!.reportId, 2019, null],
    ]);
    expect(await names(false, '3605')).toEqual([['新余市文广新旅局', xinyu!.reportId, 2019, null]]);
    expect(await office.hasRoster()).toBe(false);
    await store.storage.withTransaction((tx) => tx.office.insertRosterUnits([xinyu!.agency!.id], '2026-01-01T00:00:00.000Z'));
    expect(await office.hasRoster()).toBe(true);
    expect(await names(true)).toEqual([['新余市文广新旅局', xinyu!.reportId, 2019, xinyu!.agency!.id]]);
    expect(await office.reportingAgencies()).toEqual([nankai!.agency!.id, xinyu!.agency!.id].sort((a, b) => a - b));
  });
});
