import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContextCache } from './context-cache';
import { Store } from './store';

const ROOT = join(import.meta.dirname, '../../..');
const XINYU = readFileSync(join(ROOT, 'data/samples/004_52ba3b16510502cd.txt'), 'utf8');

/** 新余's 2019 report with its 自然人 and 总计 columns of `row` set to 1 (0 in the original). */
function withOne(text: string, row: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(row));
  lines[i + 1] = '\t\u00a01'; // 自然人
  lines[i + 7] = '\t\u00a01'; // 总计
  return lines.join('\n');
}
const CARRIED_OVER = '二、上年结转政府信息公开申请数量';
const CARRIED_FORWARD = '四、结转下年度继续办理';
/** 2019 as first filed (nothing carried forward), and corrected (1 carried forward). */
const Y2019 = Buffer.from(XINYU);
const Y2019_CORRECTED = Buffer.from(withOne(XINYU, CARRIED_FORWARD));
/** 2020: 1 carried over from 2019. */
const Y2020 = Buffer.from(withOne(XINYU, CARRIED_OVER).replace(/2020/g, '2021').replace(/2019/g, '2020'));

const carryOver = async (store: Store, reportId: number) =>
  (await store.queries.report(reportId))!.findings.filter((f) => f.rule === 'history.carry-over')
    .map((f) => f.message);
const MISMATCH = ['表三“自然人”列：本年度“上年结转”(1)≠2019年度报告“结转下年度继续办理”(0)', '表三“总计”列：本年度“上年结转”(1)≠2019年度报告“结转下年度继续办理”(0)'];

let dir: string;
const stores: Store[] = [];
const open = () => {
  const s = new Store({ path: join(dir, 'test.db') });
  stores.push(s);
  return s;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-cache-'));
});
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the previous year kept in memory during ingest', () => {
  it('compares 2020 with the 2019 report as stored (the uncorrected one flags the carry-over)', async () => {
    const store = open();
    const [, y2020] = await store.ingest([
      { name: '2019.txt', bytes: Y2019 },
      { name: '2020.txt', bytes: Y2020 },
    ]);
    expect(await carryOver(store, y2020!.reportId!)).toEqual(MISMATCH);
  });

  it('sees a previous-year report replaced in the same ingest', async () => {
    const store = open();
    const [v1, v2, y2020] = await store.ingest([
      { name: '2019.txt', bytes: Y2019 },
      { name: '2019-corrected.txt', bytes: Y2019_CORRECTED },
      { name: '2020.txt', bytes: Y2020 },
    ]);
    expect([v1!.status, v2!.status, y2020!.status]).toEqual(['ingested', 'new-version', 'ingested']);
    expect(await carryOver(store, y2020!.reportId!)).toEqual([]);
    expect((await store.queries.report(y2020!.reportId!))!.previousReportId).toBe(v2!.reportId);
  });

  it('sees a previous-year report another connection put under the same id', async () => {
    const store = open();
    const [first] = await store.ingest([{ name: '2019.txt', bytes: Y2019, demo: true }]);
    // another process removes the demo and stores a corrected 2019: SQLite hands out the same id again
    const other = open();
    expect(await other.removeDemo()).toEqual({ reports: 1 });
    const [again] = await other.ingest([{ name: '2019-corrected.txt', bytes: Y2019_CORRECTED, demo: true }]);
    expect(again!.reportId).toBe(first!.reportId);
    const [y2020] = await store.ingest([{ name: '2020.txt', bytes: Y2020, demo: true }]);
    expect(await carryOver(store, y2020!.reportId!)).toEqual([]);
  });

  it('sees the previous year a merge of agencies brought in', async () => {
    const store = open();
    const [a, b] = await store.ingest([
      { name: '2019.txt', bytes: Y2019 },
      { name: '2019-other-name.txt', bytes: Y2019_CORRECTED, overrides: { agency: '新余市文化广电新闻出版旅游局' } },
    ]);
    expect(b!.agency!.id).not.toBe(a!.agency!.id);
    // the corrected report, ingested later, becomes the current 2019 version of the agency kept
    expect(await store.mergeAgencies(a!.agency!.id, b!.agency!.id)).toEqual({ ok: true, moved: 1 });
    const [y2020] = await store.ingest([{ name: '2020.txt', bytes: Y2020 }]);
    expect((await store.queries.report(y2020!.reportId!))!.previousReportId).toBe(b!.reportId);
    expect(await carryOver(store, y2020!.reportId!)).toEqual([]);
  });
});

describe('ContextCache', () => {
  const held = (n: number) => ({ cells: { [`k${n}`]: { raw: String(n), state: 'value' as const, value: n, span: null } }, sections: {} as never });

  it('is read only inside a batch, and forgets all when another writer came in between', () => {
    const cache = new ContextCache(10);
    cache.begin('1:0');
    cache.keep(1, held(1));
    expect(cache.get(1)).toEqual(held(1));
    cache.commit('5:0');
    expect(cache.get(1)).toBeUndefined(); // between batches
    cache.begin('5:0');
    expect(cache.get(1)).toEqual(held(1));
    cache.commit('7:0');
    cache.begin('7:1'); // another connection committed
    expect(cache.get(1)).toBeUndefined();
    cache.keep(2, held(2));
    cache.reset(); // a batch rolled back
    cache.begin('9:1');
    expect(cache.size).toBe(0);
  });

  it('keeps the most recently used reports up to its bound', () => {
    const cache = new ContextCache(2);
    cache.begin('t');
    cache.keep(1, held(1));
    cache.keep(2, held(2));
    expect(cache.get(1)).toEqual(held(1)); // 1 used after 2: 2 goes first
    cache.keep(3, held(3));
    expect([cache.get(1), cache.get(2), cache.get(3)]).toEqual([held(1), undefined, held(3)]);
  });
});
