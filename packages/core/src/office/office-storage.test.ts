import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageEngines } from '@nianbao/db/pg/test-engines';
import { Store } from '../store';
import { Office } from './office';
import { NANKAI, XINYU } from '../testing';


// every test on SQLite and on PostgreSQL (where a server can be had; under CI it must be)
describe.each(storageEngines())('storage.office on $name', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = new Store({ storage: await engine.open() });
  }, 60_000);
  afterEach(async () => {
    await store.storage.close();
  });
  afterAll(() => engine.stop(), 60_000);

  const findingsOf = async (id: number) => (await store.storage.reportModel((await store.storage.reportById(id))!)).findings;

  it('counts the reports breaking each rule and category, most first, without info findings or dismissed ones', async () => {
    const ids = (await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }, { name: 'xinyu.txt', bytes: XINYU }])).map((r) => r.reportId!);
    const faults = (await Promise.all(ids.map(async (id) => (await findingsOf(id)).filter((f) => f.severity !== 'info').map((f) => ({ id, ...f }))))).flat();
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

  it("runs the office's loop: settings, deadlines, a roster import, each unit's status, 报送日期 and a rectification case", async () => {
    const [nankai] = await store.ingest([{ name: 'nankai.txt', bytes: NANKAI }, { name: 'xinyu.txt', bytes: XINYU }]);
    const office = new Office(store);
    expect(await office.setSettings({ officeName: '江西省政务公开办公室', rectifyDays: 20 })).toEqual({ officeName: '江西省政务公开办公室', rectifyDays: 20 });
    expect((await office.setDeadline('360500', 'department', '02-28')).rules).toEqual([{ regionCode: '360500', kind: 'department', monthDay: '02-28' }]);

    const { results, summary } = await office.importRoster([
      { row: 2, name: '新余市文广新旅局' },
      { row: 3, name: '新余市财政局', regionCode: '360500', fromYear: 2019 },
      { row: 4, name: '新余市文广新旅局' },
    ]);
    expect(summary).toEqual({ added: 1, updated: 1, unchanged: 0, error: 1 });
    expect(results.map((r) => [r.row, r.status])).toEqual([
      [2, 'updated'],
      [3, 'added'],
      [4, 'error'],
    ]);
    const finance = results[1]!.agency!.id;

    const status = await office.status({ year: 2019, asOf: '2020-06-30' });
    expect(status.source).toBe('roster');
    // 南开 is not on the roster; the region's own deadline holds for 新余's departments
    expect(status.items.map((i) => [i.agency.name, i.status, i.deadline])).toEqual([
      ['新余市文广新旅局', 'on-time', '2020-02-28'],
      ['新余市财政局', 'missing', '2020-02-28'],
    ]);
    expect(await office.setFiling(finance, 2019, '2020-02-20')).toEqual({ ok: true });
    expect((await store.storage.office.unitRows({ year: 2019, roster: true })).map((r) => [r.name, r.filedOn])).toEqual([
      ['新余市文广新旅局', null],
      ['新余市财政局', '2020-02-20'],
    ]);
    expect(await office.setFiling(9999, 2019, '2020-02-20')).toMatchObject({ ok: false, code: 'not-found' });

    // a case on 南开's report: its items pending, then overdue past the 整改期限
    const fingerprints = (await findingsOf(nankai!.reportId!)).filter((f) => f.severity === 'error').map((f) => f.fingerprint!);
    await store.storage.withTransaction((tx) =>
      tx.office.insertCase(
        { agencyId: nankai!.agency!.id, year: 2019, reportId: nankai!.reportId!, issuedOn: '2020-03-01', dueOn: '2020-03-21', createdAt: '2020-03-01T08:00:00.000Z' },
        fingerprints.map((fingerprint, ordinal) => ({ ordinal, fingerprint, rule: fingerprint.split(':')[0]!, category: 'accuracy', message: '不一致', location: '表三', points: 5, requirement: '更正' })),
      ),
    );
    const pending = await office.cases({ asOf: '2020-03-10' });
    expect(pending.items.map((c) => [c.agency.name, c.status, c.items.map((i) => i.fingerprint)])).toEqual([['南开区文化和旅游局', 'pending', fingerprints]]);
    expect((await office.cases({ asOf: '2020-04-01' })).items.map((c) => c.status)).toEqual(['overdue']);
    expect(await store.storage.rectificationCase(nankai!.agency!.id, 2019)).toEqual({ issuedOn: '2020-03-01', dueOn: '2020-03-21', baseVersion: 1, fingerprints });
    expect(await store.storage.overdueUncharged('2020-04-01', 'rectification.overdue')).toEqual([nankai!.reportId]);
  });
});
