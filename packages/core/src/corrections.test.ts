/**
 * A reviewer corrects a cell of a scanned report (issue 19 item 4). The fixture is the generated
 * report printed, stamped, rasterised at 150 dpi and turned 0.6°: OCR misreads the 1 of 表四's
 * 行政诉讼（复议后起诉）·尚未审结 as 「↑」, a mark it gives for a figure it could not read, so that row
 * is doubtful (extract.uncertain) and nothing is raised against the agency for it. Correcting the
 * misread figure settles the table; a wrong correction is an error as any figure would be; withdrawn,
 * the reading counts again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackCells } from '@nianbao/db';
import { Store } from './store';

const ROOT = join(import.meta.dirname, '../../..');
const SCANNED = readFileSync(join(ROOT, 'packages/extract/fixtures/scanned/generated.pdf'));
const who = { userId: null, userName: '李审核' };

const T3_DOUBT =
  'extract.uncertain:t3 表三“（三）1.属于国家秘密”、“（四）3.补正后申请内容仍不明确”、“（七）总计”等行的数字读取不确定，请人工核对原文';
// (the headings 「一、总体情况」 and 「二、…」 are read since OCR joins a heading's number to its title: no sections doubt)
const T4_DOUBT = 'extract.uncertain:t4 表四“行政诉讼（复议后起诉）”行的数字读取不确定，请人工核对原文';

let dir: string;
let store: Store;
let id: number;
const report = async () => (await store.queries.report(id))!;
const findings = async () => (await report()).findings.map((f) => `${f.fingerprint} ${f.message}`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-corrections-'));
  store = new Store({ path: join(dir, 'test.db') });
  const [r] = await store.ingest([{ name: 'scanned.pdf', bytes: SCANNED }]);
  id = r!.reportId!;
}, 300_000);
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('correcting a cell of a scanned report', () => {
  it('is read with 表四 行政诉讼（复议后起诉） in doubt, and stays so through rescoring (the reading is stored)', async () => {
    expect((await report()).ocr).toBe(true);
    expect((await report()).reading!.t4!.doubtfulRows).toEqual(['t4.litigationAfterReview']);
    expect((await report()).cells['t4.litigationAfterReview.pending']).toMatchObject({ raw: '↑', state: 'text' });
    expect(await findings()).toEqual([T3_DOUBT, T4_DOUBT]);
    expect((await report()).score).toMatchObject({ total: 100, grade: '优秀' });
    expect(await store.rescore()).toEqual({ reports: 1, changed: 0 });
    expect(await findings()).toEqual([T3_DOUBT, T4_DOUBT]);
  });

  it('correcting the misread figure settles the table; the cell as read is kept beside the correction', async () => {
    expect(await store.correctCell(id, 't4.litigationAfterReview.pending', { value: 1, reason: '原件为1，识别为箭头', ...who })).toEqual({ ok: true });
    const r = await report();
    expect(await findings()).toEqual([T3_DOUBT]);
    expect(r.score).toMatchObject({ total: 100, grade: '优秀' });
    expect(r.cells['t4.litigationAfterReview.pending']).toMatchObject({ raw: '1', state: 'value', value: 1 });
    expect(r.corrections['t4.litigationAfterReview.pending']).toEqual({
      original: { raw: '↑', state: 'text', value: null },
      value: 1,
      reason: '原件为1，识别为箭头',
      user: '李审核',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // the parsed cell itself is as read
    const sqlite = store.db.$client;
    const keys = new Map(sqlite.prepare<[], { id: number; key: string }>('select id, key from cell_keys').all().map((k) => [k.id, k.key]));
    const { data } = sqlite.prepare<[number], { data: Buffer }>('select data from report_cells where report_id = ?').get(id)!;
    expect(unpackCells(data, (k) => keys.get(k)!)['t4.litigationAfterReview.pending']).toMatchObject({ raw: '↑' });
    // rescoring reads the corrections too
    expect(await store.rescore()).toEqual({ reports: 1, changed: 0 });
    expect(await findings()).toEqual([T3_DOUBT]);
  });

  it('a correction that breaks an identity is the balance finding (and the text now disagrees with the table)', async () => {
    expect(await store.correctCell(id, 't4.review.total', { value: 11, reason: '误改', ...who })).toEqual({ ok: true });
    expect(await findings()).toEqual([
      'balance.t4-totals:t4.review 表四“行政复议”：总计(11)≠结果维持(5)+结果纠正(2)+其他结果(1)+尚未审结(2)',
      'narrative.table-mismatch:review 正文“因政府信息公开工作被申请行政复议10件”所述10件，与表四“行政复议”行“总计”列(11)不一致',
      T3_DOUBT,
    ]);
    expect((await report()).score).toMatchObject({ total: 92, grade: '优秀' });
    expect((await report()).errors).toBe(2);
    expect((await store.queries.rankings({ year: 2025 })).items.map((i) => i.score)).toEqual([92]);
  });

  it('withdrawn, the reading counts again: the 「↑」 is in doubt once more', async () => {
    expect(await store.correctCell(id, 't4.review.total', null)).toEqual({ ok: true });
    expect(await findings()).toEqual([T3_DOUBT]);
    expect((await report()).cells['t4.review.total']).toMatchObject({ raw: '10', value: 10 });
    expect(await store.correctCell(id, 't4.litigationAfterReview.pending', null)).toEqual({ ok: true });
    expect(await findings()).toEqual([T3_DOUBT, T4_DOUBT]);
    expect((await report()).score).toMatchObject({ total: 100, grade: '优秀' });
    expect(Object.keys((await report()).corrections)).toEqual([]);
  });

  it('refuses an unknown report, a cell the template has not, and withdrawing what was never corrected', async () => {
    expect(await store.correctCell(99999, 't4.review.total', { value: 1, reason: 'x', ...who })).toEqual({ ok: false, code: 'not-found', message: '未找到编号为 99999 的报告' });
    expect(await store.correctCell(id, 't4.review.bogus', { value: 1, reason: 'x', ...who })).toEqual({
      ok: false,
      code: 'cell-not-found',
      message: '该报告所用格式的统计表中没有这个单元格',
    });
    expect(await store.correctCell(id, 't4.review.total', null)).toEqual({ ok: false, code: 'correction-not-found', message: '该单元格没有更正，无需撤销' });
  });
});
