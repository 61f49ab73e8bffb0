/**
 * A scanned PDF's cells are placed in the points of its page, as a text PDF's are (issue 19): the
 * report page draws the scan with pdf.js and boxes the cells over it, so a box must lie over its
 * cell of the scan as given — the page's turn that OCR straightened turned back again. The fixture's
 * page 2 is 604.8 pt across (1260 px at 150 dpi, turned 0.6°); the cell of table 三's 本年新收 总计
 * (180) is ruled, on the scan, at x 476.7–516.1 pt and y 219.9–235.7 pt from the top left.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../index';

const FIXTURE = join(import.meta.dirname, '../../fixtures/scanned/generated.pdf');

describe('cell positions of a scanned PDF', () => {
  it('boxes table 三 新收 总计 over its cell of the scan, in points of page 2', async () => {
    const doc = await extract(readFileSync(FIXTURE), 'generated.pdf');
    expect(doc.ocr).toBe(true);
    const row = doc.tables.flatMap((t) => t.rows).find((r) => r.some((c) => c.text.endsWith('本年新收政府信息公开申请数量')))!;
    const total = row.filter((c) => c.text.trim()).at(-1)!;
    expect(total.text).toBe('180');
    expect(total.position?.page).toBe(2);
    const [x0, y0, x1, y1] = total.position!.box;
    const ruled = [476.7, 219.9, 516.1, 235.7];
    for (const [i, v] of [x0, y0, x1, y1].entries()) expect(Math.abs(v - ruled[i]!)).toBeLessThanOrEqual(2);
  }, 180_000);
});
