/**
 * The one number reader, on the cells and figures real reports print: thousands separators
 * (「1,508.22」 in a PDF, 「1，508」 full-width), every placeholder the spec lists, units written in
 * the cell, Chinese numerals and the date forms of a 落款.
 */
import { cellDef } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { parseCell, parseChineseNumber, parseDate, parseNumberToken } from './numbers';
import { isValueText } from './numbers';

const FEES = cellDef('2021', 't2.fees.amount')!.column; // 本年收费金额（单位：万元）
const COUNT = cellDef('2021', 't3.newReceived.total')!.column;
const SPAN: [number, number] = [10, 20];

describe('parseNumberToken: a figure in a sentence', () => {
  it.each([
    ['1,508.22', 1508.22],
    ['1，508', 1508],
    ['12,345,678', 12345678],
    ['１２３', 123],
    ['0', 0],
    ['-3', -3],
    ['+5', 5],
    ['3.5', 3.5],
    ['十五', 15],
    ['两', 2],
  ])('%s → %s', (s, n) => {
    expect(parseNumberToken(s)).toBe(n);
  });

  it.each([['件'], ['1.2.3'], ['1,5a'], [''], ['9'.repeat(400)]])('%s is not a number', (s) => {
    expect(parseNumberToken(s)).toBeNull();
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三百二十一', 321],
    ['两千', 2000],
    ['一万零五', 10005],
    ['五万', 50000],
    ['十二万三千', 123000],
    ['一亿二千万', 120000000],
    ['壹佰贰拾', 120],
    ['二〇二〇', 2020],
    ['二零二四', 2024],
    ['五', 5],
    ['零', 0],
  ])('%s → %s', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n);
  });

  it.each([[''], ['十五件'], ['15'], ['九'.repeat(400)]])('%s → null', (s) => {
    expect(parseChineseNumber(s)).toBeNull();
  });
});

describe('parseDate: the 落款 and the page date', () => {
  it.each([
    ['2020年1月15日', '2020-01-15'],
    ['二〇二〇年一月十五日', '2020-01-15'],
    ['二〇二四年十二月三十一日', '2024-12-31'],
    ['2024-01-17', '2024-01-17'],
    ['2024/1/7', '2024-01-07'],
    ['2024.01.17', '2024-01-17'],
    ['2020 年 1 月 15 日', '2020-01-15'],
    ['２０２１年３月１日', '2021-03-01'],
    ['发布时间：2023年12月31日', '2023-12-31'],
    ['1990年1月1日', '1990-01-01'],
    ['2100年1月1日', '2100-01-01'],
  ])('%s → %s', (s, d) => {
    expect(parseDate(s)).toBe(d);
  });

  it.each([['2020年13月1日'], ['2020年12月32日'], ['2020年1月0日'], ['2020年0月5日'], ['1989年12月31日'], ['2101年1月1日'], ['二〇二〇年十三月一日'], ['二〇二〇年'], ['无']])(
    '%s → null',
    (s) => {
      expect(parseDate(s)).toBeNull();
    },
  );
});

describe('parseCell: one cell of the three tables', () => {
  it.each([[''], ['　'], ['\u00a0'], ['  \u3000 '], ['\ufeff']])('%j is blank', (raw) => {
    expect(parseCell(raw, COUNT, SPAN)).toEqual({ raw, span: SPAN, state: 'blank', value: null });
  });

  it.each([['—'], ['——'], ['-'], ['--'], ['/'], ['／'], ['\\'], ['～'], ['…'], ['无'], ['空'], ['暂无'], ['没有'], ['null'], ['N/A'], [' — '], ['— —'], ['－']])(
    '%j is a placeholder',
    (raw) => {
      expect(parseCell(raw, COUNT, SPAN)).toEqual({ raw, span: SPAN, state: 'dash', value: null });
    },
  );

  it.each([
    ['0', 0],
    ['　0', 0],
    [' 17 ', 17],
    ['1,508', 1508],
    ['1，508', 1508],
    ['3119', 3119],
    ['１７', 17],
    ['-2', -2],
    ['－2', -2],
    ['−2', -2],
    ['+2', 2],
    ['增加3', 3],
    ['增3', 3],
    ['减少2', -2],
    ['减2', -2],
    ['零', 0],
    ['〇', 0],
    ['十五', 15],
    ['5 件', 5],
    ['5件', 5],
  ])('%j is the value %s, with nothing else', (raw, value) => {
    expect(parseCell(raw, COUNT, SPAN)).toEqual({ raw, span: SPAN, state: 'value', value });
  });

  it('reads 「1,508.22」 in a 万元 column as 1508.22', () => {
    expect(parseCell('1,508.22', FEES, SPAN)).toEqual({ raw: '1,508.22', span: SPAN, state: 'value', value: 1508.22 });
  });

  it('converts 元 in a 万元 column and keeps the unit written', () => {
    expect(parseCell('98850元', FEES, SPAN)).toEqual({ raw: '98850元', span: SPAN, state: 'value', value: 9.885, unit: '元' });
    expect(parseCell('1,508.22元', FEES, SPAN)).toEqual({ raw: '1,508.22元', span: SPAN, state: 'value', value: 0.150822, unit: '元' });
  });

  it('takes 万元 in a 万元 column as written, without a unit note', () => {
    expect(parseCell('12万元', FEES, SPAN)).toEqual({ raw: '12万元', span: SPAN, state: 'value', value: 12 });
  });

  it('keeps a unit it cannot convert, and the value as written', () => {
    expect(parseCell('2件', FEES, SPAN)).toEqual({ raw: '2件', span: SPAN, state: 'value', value: 2, unit: '件' });
  });

  it('ignores a unit where the column has none, or where no column is known', () => {
    expect(parseCell('3万元', COUNT, SPAN)).toEqual({ raw: '3万元', span: SPAN, state: 'value', value: 3 });
    expect(parseCell('98850元', undefined, null)).toEqual({ raw: '98850元', span: null, state: 'value', value: 98850 });
  });

  it('keeps an annotation beside the number as its note', () => {
    expect(parseCell('12（含转办3件）', COUNT, SPAN)).toEqual({ raw: '12（含转办3件）', span: SPAN, state: 'value', value: 12, note: '(含转办3件)' }); // NFKC: full-width brackets become ASCII
    expect(parseCell('5 (其中2件已办结)', COUNT, SPAN)).toEqual({ raw: '5 (其中2件已办结)', span: SPAN, state: 'value', value: 5, note: '(其中2件已办结)' });
  });

  it.each([['见附件'], ['详见说明'], ['1.2.3'], ['9'.repeat(400)], ['十五件以上']])('%j is text', (raw) => {
    expect(parseCell(raw, COUNT, SPAN)).toEqual({ raw, span: SPAN, state: 'text', value: null });
  });
});

describe('isValueText', () => {
  it.each([['17'], [' 1,508.22 '], ['98850元'], ['-2'], ['增加3'], ['零'], ['12（含转办3件）']])('%j reads as a value', (s) => {
    expect(isValueText(s)).toBe(true);
  });
  it.each([[''], ['  '], ['规章'], ['（一）予以公开'], ['十五']])('%j does not', (s) => {
    expect(isValueText(s)).toBe(false);
  });
});
