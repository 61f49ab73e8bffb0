/**
 * Decisions of the parser that mutation testing (issue 20, scripts/MUTATION.md) found no test pinning
 * down, each on a document shaped as real reports are: tables 三 and 四 ruled as one grid, a grid row
 * short of a cell, a report without table 二, the figures' spans in a `pdftotext -layout` line, a
 * 2021 report keeping the 2019 （六） row, a county of a two-character name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml, fromText, normaliseText } from '@nianbao/extract';
import { parse } from './index';
import { splitLines } from './lines';
import { mostNamedOrgan } from './meta';
import { rowsIn } from './rows';
import { readT3 } from './tables';
import { T3_ROWS_HTML, cellRows, tr } from './testing';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const HUAIAN = readFileSync(
  join(import.meta.dirname, '../../../../shared/corpus/huaian-shi-renminzhengfu_2024.layout.txt'),
  'utf8',
);

/** The rows of a report's cells that hold something (absent rows left out), with the prefix given. */
const filled = (cells: Parameters<typeof cellRows>[0], prefix: string) =>
  Object.fromEntries(Object.entries(cellRows(cells)).filter(([k, v]) => k.startsWith(prefix) && v.split(' ').some((c) => c !== 'ø')));


describe('tables 三 and 四 ruled as one grid, section 四 heading a merged row of it (Word exports)', () => {
  const html = `<html><head><title>测试县人民政府2024年政府信息公开工作年度报告</title></head><body>
<p>一、总体情况</p><p>本机关认真贯彻《条例》。</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
${T3_ROWS_HTML}<tr><td colspan="8">四、政府信息公开行政复议、行政诉讼情况</td></tr>
${tr('行政复议', '行政诉讼')}
${tr('结果维持', '结果纠正', '其他结果', '尚未审结', '总计')}
${tr('1', '2', '0', '1', '4', '0', '0', '0', '0', '0', '3', '0', '0', '0', '3')}
</table>
<p>五、存在的主要问题及改进情况</p><p>无。</p>
</body></html>`;

  it('each table reads only the rows of its own section, although the grid spans both', () => {
    const r = parse(fromHtml(html, 'x.html'), { file: 'x.html', sha256: '' });
    expect(r.sections.s4?.heading).toBe('四、政府信息公开行政复议、行政诉讼情况');
    expect(filled(r.cells, 't3.')).toEqual({
      't3.newReceived': '10 0 0 0 0 0 10',
      't3.carriedOver': '2 0 0 0 0 0 2',
      't3.granted': '9 0 0 0 0 0 9',
      't3.totalProcessed': '9 0 0 0 0 0 9',
      't3.carriedForward': '3 0 0 0 0 0 3',
    });
    expect(filled(r.cells, 't4.')).toEqual({
      't4.review': '1 2 0 1 4',
      't4.litigationDirect': '0 0 0 0 0',
      't4.litigationAfterReview': '3 0 0 0 3',
    });
  });

  it('the grid rows are read once, through the grid, not again as lines of text', () => {
    const r = parse(fromHtml(html, 'x.html'), { file: 'x.html', sha256: '' });
    const span = r.cells['t3.newReceived.total']!.span!;
    expect(span[1] - span[0]).toBe(2);
    expect(r.reading).toBeUndefined();
  });
});

describe('a ruled table row short of a cell', () => {
  it('table 二 of 2021 in HTML: the cell the row lacks is absent (not there), not blank, nor taken from the row above', () => {
    const html = `<html><head><title>测试县人民政府2024年政府信息公开工作年度报告</title></head><body>
<p>一、总体情况</p><p>本机关认真贯彻《条例》。</p>
<p>二、主动公开政府信息情况</p>
<table>
${tr('第二十条第（一）项')}
${tr('信息内容', '本年制发件数', '本年废止件数', '现行有效件数')}
${tr('规章', '1', '0', '5')}
${tr('行政规范性文件', '4', '1')}
${tr('第二十条第（五）项')}
${tr('信息内容', '本年处理决定数量')}
${tr('行政许可', '35')}
</table>
<p>三、收到和处理政府信息公开申请情况</p><p>无。</p>
</body></html>`;
    const r = parse(fromHtml(html, 'x.html'), { file: 'x.html', sha256: '' });
    expect(r.template).toBe('2021');
    expect(filled(r.cells, 't2.')).toEqual({
      't2.regulations': '1 0 5',
      't2.normativeDocs': '4 1 ø',
      't2.licensing': '35',
    });
  });
});

describe('a report without table 二', () => {
  const start = XINYU.indexOf('二、主动公开政府信息情况');
  const end = XINYU.indexOf('三、收到和处理政府信息公开申请情况');
  const read = (text: string) => parse(fromText(normaliseText(text)), { file: 'x.txt', sha256: '' });

  it('leaves every cell of table 二 absent and reads tables 三 and 四 as before', () => {
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const whole = read(XINYU);
    const without = read(XINYU.slice(0, start) + XINYU.slice(end));
    expect(without.sections.s2?.present).toBe(false);
    expect(filled(without.cells, 't2.')).toEqual({});
    expect(filled(without.cells, 't3.')).toEqual(filled(whole.cells, 't3.'));
    expect(filled(without.cells, 't4.')).toEqual(filled(whole.cells, 't4.'));
    expect(without.template).toBe('unknown'); // its marks are table 二's labels
  });
});

describe('figures of a `pdftotext -layout` line keep their own spans', () => {
  const line = (label: string, values: string[] = []) => label.padEnd(28, ' ') + values.map((v) => v.padStart(8, ' ')).join('');
  const text =
    [
      '测试县人民政府2024年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      line('', ['自然人', '商业企业', '科研机构', '社会公益', '法律服务', '其他', '总计']),
      line('一、本年新收政府信息公开申请数量', ['125', '0', '0', '0', '0', '0', '125']),
      line('二、上年结转政府信息公开申请数量', ['2', '0', '0', '0', '0', '0', '2']),
      line('三、本年度办理结果（一）予以公开', ['4', '', '', '', '', '', '4']),
      line('（七）总计', ['1508', '0', '0', '0', '0', '0', '1508']),
      line('四、结转下年度继续办理', ['3', '0', '0', '0', '0', '0', '3']),
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n') + '\n';

  it('each cell span covers exactly its figure, a short row too', () => {
    const r = parse(fromText(text), { file: 'x.txt', sha256: '' });
    const at = (key: string) => {
      const s = r.cells[key]!.span!;
      return text.slice(s[0], s[1]);
    };
    expect(at('t3.newReceived.naturalPerson')).toBe('125');
    expect(at('t3.newReceived.total')).toBe('125');
    expect(at('t3.totalProcessed.total')).toBe('1508');
    expect(at('t3.granted.naturalPerson')).toBe('4');
    expect(at('t3.granted.total')).toBe('4');
    expect(cellRows(r.cells)['t3.granted']).toBe('4 _ _ _ _ _ 4');
    const lineStart = text.indexOf('（七）总计');
    expect(r.cells['t3.totalProcessed.total']!.span).toEqual([lineStart + 28 + 7 * 8 - 4, lineStart + 28 + 7 * 8]);
  });
});

describe('readT3 says whether a 2021 report keeps the single 2019 （六）其他处理 row', () => {
  const t3Of = (text: string) => {
    const doc = fromText(text);
    const from = text.indexOf('三、收到和处理政府信息公开申请情况');
    const to = text.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const cells = {};
    return { ...readT3(rowsIn(doc, splitLines(text), from, to), '2021', cells), cells };
  };

  it('the 2021 rows 1. 2. 3. of （六）: no', () => {
    const { singleOtherHandling, reading } = t3Of(HUAIAN);
    expect(singleOtherHandling).toBe(false);
    expect(reading.doubtful).toEqual([]);
  });

  it('the single row （六）其他处理 in their place: yes, its figures in t3.otherHandling', () => {
    const start = HUAIAN.indexOf('               1、申请人无正当理由逾期不补');
    const end = HUAIAN.indexOf('     （七）总计');
    expect(start).toBeGreaterThan(0);
    const text = HUAIAN.slice(0, start) + '     （六）其他处理                    181          5        0         0        1         0    187\n\n' + HUAIAN.slice(end);
    const { singleOtherHandling, cells } = t3Of(text);
    expect(singleOtherHandling).toBe(true);
    expect(cellRows(cells)['t3.otherHandling']).toBe('181 5 0 0 1 0 187');
  });
});

describe('place names of two characters (沛县, 睢县) name the organ a report keeps naming', () => {
  it('沛县 is found as a place, so its organ is the one most named', () => {
    const text = '沛县人民政府办公室认真贯彻《条例》。沛县人民政府办公室及时公开政府信息。';
    expect(mostNamedOrgan(text)).toBe('沛县人民政府办公室');
  });

  it('a report with neither title nor 落款 takes its agency, and the region, from the text', () => {
    const text =
      '一、总体情况\n2024年，睢县市场监督管理局认真贯彻《条例》，睢县市场监督管理局主动公开信息120条。\n五、存在的主要问题及改进情况\n无。\n';
    const r = parse(fromText(text), { file: 'x.txt', sha256: '' });
    expect(r.agency).toEqual({ name: '睢县市场监督管理局', source: 'text', region: { code: '411422', name: '河南省商丘市睢县' }, kind: 'department' });
  });
});

describe('text after the last row of table 三 (a note under the table)', () => {
  const line = (label: string, values: string[] = []) => label.padEnd(28, ' ') + values.map((v) => v.padStart(8, ' ')).join('');
  const FULL = (n: string) => [n, '0', '0', '0', '0', '0', n];
  const text =
    [
      '测试县人民政府2024年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      line('', ['自然人', '商业企业', '科研机构', '社会公益', '法律服务', '其他', '总计']),
      line('一、本年新收政府信息公开申请数量', FULL('10')),
      line('二、上年结转政府信息公开申请数量', FULL('2')),
      line('三、本年度办理结果（一）予以公开', FULL('9')),
      line('（七）总计', FULL('9')),
      line('四、结转下年度继续办理', FULL('3')),
      '注：本表所列数据的统计期限为2024年1月1日至2024年12月31日。',
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n') + '\n';

  it('is skipped: every row keeps its figures', () => {
    const r = parse(fromText(text), { file: 'x.txt', sha256: '' });
    expect(filled(r.cells, 't3.')).toEqual({
      't3.newReceived': '10 0 0 0 0 0 10',
      't3.carriedOver': '2 0 0 0 0 0 2',
      't3.granted': '9 0 0 0 0 0 9',
      't3.totalProcessed': '9 0 0 0 0 0 9',
      't3.carriedForward': '3 0 0 0 0 0 3',
    });
    expect(r.reading).toBeUndefined();
  });
});
