import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'packages/extract/fixtures');
const CORPUS = join(ROOT, '../shared/corpus');

async function parseFile(path: string): Promise<ParsedReport> {
  const name = path.split('/').pop()!;
  return parse(await extract(readFileSync(path), name), { file: name, sha256: '' });
}

describe('a cell of a PDF report knows its page and box (for the report page to box it on the original)', () => {
  it.each([
    ['000_91e0e63c20f568b3.pdf', FIXTURES],
    ['004_52ba3b16510502cd.pdf', FIXTURES],
    ['huaian-shi-renminzhengfu_2024.pdf', CORPUS],
  ])('%s: every cell read from a table has one', async (name, dir) => {
    const r = await parseFile(join(dir, name));
    const read = Object.entries(r.cells).filter(([, c]) => c.state !== 'absent' && c.span);
    expect(read.length).toBeGreaterThan(40);
    expect(read.filter(([, c]) => !c.position).map(([k]) => k)).toEqual([]);
    for (const [, c] of read) expect(c.position!.box[0]).toBeLessThan(c.position!.box[2]);
  });

  it("南开 2019 (PDF): 表三's 本年新收 总计, blank, is the last cell of its row on page 3", async () => {
    const r = await parseFile(join(FIXTURES, '000_91e0e63c20f568b3.pdf'));
    const total = r.cells['t3.newReceived.total']!;
    expect(total.state).toBe('blank');
    expect(total.position).toEqual({ page: 3, box: [522.4, 241.7, 567, 260.8] });
    // the row below, the same column
    expect(r.cells['t3.carriedOver.total']!.position).toEqual({ page: 3, box: [522.4, 260.8, 567, 292] });
    // a truncated table's missing rows are on no page
    expect(r.cells['t3.carriedForward.total']!.position).toBeUndefined();
  });

  it('a Word or text report has none: there is no page to box', async () => {
    const r = await parseFile(join(FIXTURES, '000_91e0e63c20f568b3.docx'));
    expect(Object.values(r.cells).filter((c) => c.position)).toEqual([]);
  });
});
