/**
 * A photograph of a table page read by OCR through `extract` (issue 19): a JPEG of the generated
 * report's table 三 page, scanned at 200 dpi with noise, a slight turn and a watermark across it
 * (packages/extract/scripts/make-scanned.ts). One page, some seconds of one core.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind, extract } from '../index';

const FIXTURE = join(import.meta.dirname, '../../fixtures/scanned/generated-p2.jpg');

describe('OCR of a scanned table page', () => {
  it('reads a .jpg page into table rows: every figure of table 三 rows as printed, 总计 included', async () => {
    const bytes = readFileSync(FIXTURE);
    expect(detectKind(bytes, '扫描第2页.jpg')).toBe('image');
    const doc = await extract(bytes, '扫描第2页.jpg');
    expect(doc.ocr).toBe(true);
    const rows = doc.tables.flatMap((t) => t.rows.map((r) => r.map((c) => c.text)));
    const figures = (label: string) => rows.find((r) => r.some((c) => c.endsWith(label)))?.filter((c) => /^\d+$/.test(c));
    expect(figures('上年结转政府信息公开申请数量')).toEqual(['0', '1', '0', '0', '0', '2', '3']);
    expect(figures('予以公开')).toEqual(['74', '3', '1', '0', '3', '6', '87']);
    expect(figures('部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['14', '2', '0', '0', '2', '1', '19']);
    expect(figures('本机关不掌握相关政府信息')).toEqual(['30', '2', '0', '0', '0', '5', '37']);
    expect(figures('信访举报投诉类申请')).toEqual(['5', '0', '0', '0', '1', '1', '7']);
    // the watermark across the page and the specks are not read as text
    expect(doc.text).not.toContain('内部审查');
  }, 180_000);
});
