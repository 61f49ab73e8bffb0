/**
 * The seeds and the corpus rewritten the way other agencies write the same report: typos, half-width
 * brackets, spaces and breaks inside labels, Chinese-numeral dates, the 2019 （六） row kept in 2021.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromText, normaliseText } from '@nianbao/extract';
import { parse, type Overrides } from './index';
import { cellRows } from './testing';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const HUAIAN = readFileSync(
  join(import.meta.dirname, '../../../../shared/corpus/huaian-shi-renminzhengfu_2024.layout.txt'),
  'utf8',
);

/** Replaces text that must be there (a replacement that silently misses would make the test pass for nothing). */
function swap(text: string, from: string, to: string): string {
  expect(text.includes(from), `the source contains ${JSON.stringify(from)}`).toBe(true);
  return text.replace(from, to);
}

const read = (text: string, overrides?: Overrides) =>
  parse(fromText(normaliseText(text)), { file: 'variant.txt', sha256: '', overrides });

describe('label matching survives how real documents write labels', () => {
  const base = read(XINYU);
  it.each([
    ['a typo', '2.其他法律行政法规禁止公开', '2.其他法律行政止公开'],
    ['half-width brackets', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '(二)部分公开(区分处理的,只计这一情形,不计其他情形)'],
    ['a line break inside', '5.要求行政机关确认或重新出具已获取信息', '5.要求行政机关确认或重新\n出具已获取信息'],
    ['spaces inside', '3.危及“三安全一稳定”', '3.危及 “三安全 一稳定”'],
    ['another quote style', '3.危及“三安全一稳定”', '3.危及"三安全一稳定"'],
    ['no numbering', '\t一、本年新收政府信息公开申请数量', '\t本年新收政府信息公开申请数量'],
  ])('%s', (_name, from, to) => {
    const variant = read(swap(XINYU, from, to));
    expect(cellRows(variant.cells)).toEqual(cellRows(base.cells));
  });

  it('tells rows apart by their value, not only their label: a changed figure lands in its own row', () => {
    const text = swap(XINYU, '\t2.其他法律行政法规禁止公开\n\t\u00a00', '\t2.其他法律行政止公开\n\t 7');
    expect(read(text).cells['t3.denied.lawProhibited.naturalPerson']).toMatchObject({ state: 'value', value: 7 });
  });
});

describe('table 二 labels found by their likeness when not printed in full', () => {
  const base = cellRows(read(XINYU).cells);
  it.each([
    ['cut short at the cell edge', '\t其他对外管理服务事项\n', '\t其他对外管理服务\n', 't2.otherServices'],
    ['a character left out', '\t行政事业性收费\n', '\t行政事业收费\n', 't2.fees'],
  ])('%s', (_name, from, to, row) => {
    expect(base[row]).not.toContain('ø');
    expect(cellRows(read(swap(XINYU, from, to)).cells)[row]).toBe(base[row]);
  });
});

describe('section headings as a PDF converter leaves them', () => {
  it('an unnumbered heading with spaces after it (pdftotext pads lines) is still the heading', () => {
    const r = read(swap(XINYU, '二、主动公开政府信息情况', '主动公开政府信息情况\u3000\u3000   '));
    expect(r.sections.s2).toMatchObject({ present: true, numbering: 'none', heading: '主动公开政府信息情况' });
  });
});

describe('cell states', () => {
  it('reads placeholders as dash and words as text', () => {
    const text = swap(XINYU, '\t规章\n\t　　0\n\t\u00a00\n\t　0', '\t规章\n\t—\n\t/\n\t见附件');
    const r = read(text);
    expect(r.cells['t2.regulations.made']).toMatchObject({ state: 'dash', raw: '—', value: null });
    expect(r.cells['t2.regulations.published']).toMatchObject({ state: 'dash', raw: '/' });
    expect(r.cells['t2.regulations.totalPublished']).toMatchObject({ state: 'text', raw: '见附件', value: null });
  });
  it('reads 本年增/减 written as a negative number', () => {
    const text = swap(XINYU, '\t行政许可\n\t　17\n\t0\n', '\t行政许可\n\t　17\n\t-3\n');
    expect(read(text).cells['t2.licensing.change']).toMatchObject({ state: 'value', value: -3 });
  });
});

describe('metadata', () => {
  it('reads a 落款 date written in Chinese numerals', () => {
    const r = read(swap(XINYU, '2020年1月15日', '二〇二〇年一月十五日'));
    expect(r.publishedOn).toBe('2020-01-15');
  });
  it('lets explicit metadata override what is read', () => {
    const r = read(XINYU, { agency: '新余市文化广电新闻出版旅游局', year: 2019, published: '2020-01-20' });
    expect(r.agency).toMatchObject({ name: '新余市文化广电新闻出版旅游局', source: 'metadata' });
    expect(r.agency.region?.code).toBe('360500');
    expect(r.publishedOn).toBe('2020-01-20');
  });
});

describe('template', () => {
  it('detects the version from the labels, not the year: a 2019-layout table in a 2022 report stays 2019', () => {
    const r = read(XINYU.replaceAll('2019', '2022'));
    expect(r.year).toBe(2022);
    expect(r.template).toBe('2019');
  });

  it('a report whose tables are not found (their headings and first rows lost) still has its template named from its labels', () => {
    const text = '某某县人民政府办公室2024年政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻条例。\n行政许可\n本年处理决定数量\n行政处罚\n本年处理决定数量\n现行有效件数\n';
    expect(read(text).template).toBe('2021');
  });

  it('reads a 2021 report that keeps the single 2019 row of （六）其他处理 into t3.otherHandling', () => {
    const start = HUAIAN.indexOf('               1、申请人无正当理由逾期不补');
    const end = HUAIAN.indexOf('     （七）总计');
    expect(start).toBeGreaterThan(0);
    const text = HUAIAN.slice(0, start) + '     （六）其他处理                    181          5        0         0        1         0    187\n\n' + HUAIAN.slice(end);
    const rows = cellRows(read(text).cells);
    expect(rows['t3.otherHandling']).toBe('181 5 0 0 1 0 187');
    expect(rows['t3.otherHandling.overdueCorrection']).toBe('ø ø ø ø ø ø ø');
    expect(rows['t3.otherHandling.other']).toBe('ø ø ø ø ø ø ø');
    expect(rows['t3.totalProcessed']).toBe('2932 53 0 0 61 4 3050');
  });
});
