/**
 * Decisions of `parse` itself that mutation testing (issue 20, scripts/MUTATION.md) found untested by
 * the parser's own tests: a table found by its first label when its section heading is lost, the
 * title read only before the first section, and a report read by OCR (figures read with low
 * confidence, section headings that may be misread), each on a document shaped as the adapters give it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml, fromText, normaliseText } from '@nianbao/extract';
import { parse } from './index';
import { T3_ROWS_HTML, cellRows, tr } from './testing';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'), 'utf8');

/** The rows of cells whose key starts with `prefix`. */
const rowsOf = (cells: Parameters<typeof cellRows>[0], prefix: string) =>
  Object.fromEntries(Object.entries(cellRows(cells)).filter(([k]) => k.startsWith(prefix)));

describe('table 四 whose section heading is lost (a Word export, the heading a paragraph the converter dropped)', () => {
  // section 一 names 行政复议 too, before table 三: table 四 is looked for after table 三 only; its
  // header cells are spaced out with ideographic spaces as Word tables often are (「行　政　复　议」)
  const html = `<html><head><title>测试县人民政府2024年政府信息公开工作年度报告</title></head><body>
<p>测试县人民政府2024年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>2024年，本机关认真贯彻《条例》，因政府信息公开被申请行政复议4件，被提起行政诉讼3件。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
${T3_ROWS_HTML}</table>
<table>
${tr('行　政　复　议', '行　政　诉　讼')}
${tr('结果维持', '结果纠正', '其他结果', '尚未审结', '总计')}
${tr('1', '2', '0', '1', '4', '0', '0', '0', '0', '0', '3', '0', '0', '0', '3')}
</table>
<p>五、存在的主要问题及改进情况</p><p>无。</p>
</body></html>`;

  it('is read where its first label 行政复议 appears after table 三, blanks inside the label ignored', () => {
    const r = parse(fromHtml(html, 'x.html'), { file: 'x.html', sha256: '' });
    expect(r.sections.s4?.present).toBe(false);
    expect(rowsOf(r.cells, 't4.')).toEqual({
      't4.review': '1 2 0 1 4',
      't4.litigationDirect': '0 0 0 0 0',
      't4.litigationAfterReview': '3 0 0 0 3',
    });
    expect(rowsOf(r.cells, 't3.newReceived')).toEqual({ 't3.newReceived': '10 0 0 0 0 0 10' });
    expect(r.reading).toBeUndefined();
  });
});

describe('the title is read before the first section only', () => {
  it('a page without a title line: a sentence of section 一 naming a year and a place before 政务公开 is not the title', () => {
    const text =
      [
        '当前位置：首页 > 政务公开 > 政府信息公开年报',
        '发布时间：2025-01-20　来源：沭阳县发展和改革局',
        '一、总体情况',
        '2024年，按照《2024年宿迁市政务公开工作要点》要求，本局认真贯彻《条例》，主动公开政府信息120条。',
        '五、存在的主要问题及改进情况',
        '无。',
        '沭阳县发展和改革局',
        '2025年1月20日',
      ].join('\n') + '\n';
    const r = parse(fromText(text), { file: 'x.txt', sha256: '' });
    expect(r.agency).toEqual({
      name: '沭阳县发展和改革局',
      source: 'text',
      region: { code: '321322', name: '江苏省宿迁市沭阳县' },
      kind: 'department',
    });
    expect(r.year).toBe(2024);
    expect(r.publishedOn).toBe('2025-01-20');
    expect(r.publishedFrom).toBe('signature');
  });
});

describe('a report read by OCR', () => {
  const doc = fromText(normaliseText(XINYU));
  /** The span of the grid cell holding the figure of template cell `key` (what OCR lists as uncertain). */
  const spanOf = (key: string) => parse(doc, { file: 'x.txt', sha256: '' }).cells[key]!.span!;

  it('figures read with low confidence make their rows doubtful, each row once, and no other row', () => {
    const uncertain = [spanOf('t3.newReceived.naturalPerson'), spanOf('t3.newReceived.total'), spanOf('t2.licensing.previousCount')];
    expect(uncertain.map(([a, b]) => doc.text.slice(a, b).trim())).toEqual(['0', '0', '17']);
    const r = parse({ ...doc, uncertain, ocr: true }, { file: 'x.txt', sha256: '' });
    expect(r.reading).toEqual({
      t2: { confidence: 'low', doubtfulRows: ['t2.licensing'] },
      t3: { confidence: 'low', doubtfulRows: ['t3.newReceived'] },
    });
    expect(r.ocr).toBe(true);
    // the figures are kept as read
    expect(cellRows(r.cells)['t2.licensing']).toBe('17 0 818');
  });
});
