/**
 * The helpers every rule leans on: where a finding points (spans, heading lines), what a section
 * holds, the 落款 date, the 2019 （六） row kept in a 2021 report, and the table plan built from it.
 */
import { describe, expect, it } from 'vitest';
import { contentLength, evaluate, showTerms, type Identity, headingSpan, keepsLegacyOtherHandling, numberOf, titleOf, sectionBody, signatureDate, tablePlan, unionSpan } from './helpers';
import type { Cell } from '@nianbao/model';
import { buildReport } from './testing';

describe('unionSpan', () => {
  it.each<[([number, number] | null)[], [number, number] | null]>([
    [[[5, 9], [2, 4], null, [3, 12]], [2, 12]],
    [[[5, 9], [1, 3]], [1, 9]],
    [[[5, 9]], [5, 9]],
    [[null], null],
    [[], null],
  ])('%j → %j', (spans, out) => {
    expect(unionSpan(spans)).toEqual(out);
  });
});

describe('headingSpan, titleOf and numberOf', () => {
  const text = '  一、总体情况\n正文\n\u3000二、主动公开';
  it('the heading line, leading blanks skipped', () => {
    expect(headingSpan(text, { present: true, heading: '一、总体情况', numbering: 'chinese', ordinal: '一', span: [0, 11] })).toEqual([2, 8]);
    expect(text.slice(2, 8)).toBe('一、总体情况');
  });
  it('a section whose heading is its last line', () => {
    expect(headingSpan(text, { present: true, heading: '二、主动公开', numbering: 'chinese', ordinal: '二', span: [12, 19] })).toEqual([13, 19]);
  });
  it('a blank heading line gives an empty span at its end', () => {
    expect(headingSpan('   \n正文', { present: true, heading: '', numbering: 'none', ordinal: null, span: [0, 6] })).toEqual([3, 3]);
  });
  it('no span, no heading line', () => {
    expect(headingSpan(text, { present: false, heading: null, numbering: null, ordinal: null, span: null })).toBeNull();
  });
  // headingTitle's cases moved to the parser's sections.test.ts (splitHeading), with the pattern
  it('the title the parser read, or split again from the heading of a report stored without one', () => {
    const section = { present: true, heading: '5、 存在的问题', numbering: 'arabic' as const, ordinal: '5', span: [0, 9] as [number, number] };
    expect(titleOf({ ...section, title: '存在的主要问题及改进情况' })).toBe('存在的主要问题及改进情况');
    expect(titleOf(section)).toBe('存在的问题');
    expect(numberOf(section)).toBe('5、');
  });
});

describe('contentLength: page numbers and blanks carry no content', () => {
  it.each<[string, number]>([
    ['第一段内容', 5],
    // a page's number as WPS and Word print it between dashes, spaced or not, one or more digits
    ['第一段内容- 3 -—12—-3-', 5],
    ['第一段\n\u3000\u3000内容\u00a0 — 7 —', 5],
    // a dash that is not around a page number stays: 「2019-2020」 is content
    ['2019-2020年', 10],
    ['-第3页-', 5],
  ])('%j → %i', (text, n) => {
    expect(contentLength(text)).toBe(n);
  });
});

describe('evaluate and showTerms: one identity, cell by cell', () => {
  const value = (v: number): Cell => ({ raw: String(v), state: 'value', value: v, span: null });
  const blank: Cell = { raw: '', state: 'blank', value: null, span: null };
  const absent: Cell = { raw: '', state: 'absent', value: null, span: null };
  const dash: Cell = { raw: '-', state: 'dash', value: null, span: null };
  const identity: Identity = {
    kind: 't3-flow',
    key: 'total',
    where: '表三“总计”列',
    lhs: [{ key: 'a', name: '甲' }],
    rhs: [{ key: 'b', name: '乙' }, { key: 'c', name: '丙' }],
  };
  const status = (cells: Record<string, Cell>) => evaluate(identity, (k) => cells[k]!).status;

  it('a cell whose row is absent compares nothing, on either side, even beside figures', () => {
    expect(status({ a: value(5), b: value(3), c: absent })).toBe('absent');
    expect(status({ a: absent, b: value(3), c: value(2) })).toBe('absent');
  });
  it('no figure anywhere is empty, not consistent; figures that hold are ok, or consistent with a gap', () => {
    expect(status({ a: blank, b: blank, c: dash })).toBe('empty');
    expect(status({ a: value(5), b: value(3), c: value(2) })).toBe('ok');
    expect(status({ a: value(5), b: value(5), c: blank })).toBe('consistent');
    expect(status({ a: value(5), b: value(6), c: blank })).toBe('broken');
  });
  it('a long sum is shown as its total, naming the terms that are not 0', () => {
    const terms = Array.from({ length: 8 }, (_, i) => ({ key: `k${i}`, name: `（${i + 1}）` }));
    const cells: Record<string, Cell> = Object.fromEntries(terms.map((t) => [t.key, value(0)]));
    cells.k2 = value(4);
    cells.k5 = blank;
    expect(showTerms(terms, (k) => cells[k]!)).toBe('各项之和(4：（3）(4)+（6）(空))');
    expect(showTerms(terms, (k) => cells[k]!, '（一）至（六）各项之和')).toBe('（一）至（六）各项之和(4：（3）(4)+（6）(空))');
    expect(showTerms(terms.slice(0, 3), (k) => cells[k]!)).toBe('（1）(0)+（2）(0)+（3）(4)');
  });
});

describe('sectionBody', () => {
  it('the text after the heading line; empty for a heading alone or a missing section', () => {
    const { report, text } = buildReport({ sections: { s6: '无。', s5: false } });
    expect(sectionBody(report, text, 's6').startsWith('无。\n')).toBe(true);
    expect(sectionBody(report, text, 's5')).toBe('');
    const bare = { ...report, sections: { ...report.sections, s1: { ...report.sections.s1!, span: [0, 4] as [number, number] } } };
    expect(sectionBody(bare, '一、总体', 's1')).toBe('');
  });
});

describe('signatureDate: a date on one of the last six lines', () => {
  it.each<[string, string | null]>([
    ['正文\n测试局\n2024年1月15日\n', '2024-01-15'],
    ['正文\n测试局\n2024年1月15日\n\n\n\n', '2024-01-15'],
    ['2024年1月15日\n一\n二\n三\n四\n五\n', '2024-01-15'],
    ['2024年1月15日\n一\n二\n三\n四\n五\n六\n', null],
    ['正文\n发布日期：2024年1月15日，本局召开全体干部职工工作会议\n', null],
    ['正文\n测试局\n', null],
  ])('%j → %j', (text, date) => {
    expect(signatureDate(text)).toBe(date);
  });
});

describe('the 2019 （六）其他处理 row kept in a 2021 report', () => {
  const legacy = (others: string | null) =>
    buildReport({
      year: 2022,
      cells: {
        't3.otherHandling.naturalPerson': '1',
        't3.otherHandling.total': '1',
        't3.otherHandling.overdueCorrection.total': others,
        't3.otherHandling.overdueFee.total': null,
        't3.otherHandling.other.total': null,
        ...Object.fromEntries(['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'].flatMap((c) => ['overdueCorrection', 'overdueFee', 'other'].map((r) => [`t3.otherHandling.${r}.${c}`, null]))),
      },
    }).report;

  it('is kept when the single row is there and none of the three', () => {
    expect(keepsLegacyOtherHandling(legacy(null), '2021')).toBe(true);
    const t3 = tablePlan(legacy(null), '2021').find((t) => t.table === 't3')!;
    expect(t3.rows.map((r) => r.row.key).filter((k) => k.startsWith('t3.otherHandling'))).toEqual(['t3.otherHandling']);
    expect(t3.rows.at(-2)!.row.key).toBe('t3.totalProcessed');
  });

  it('is not, where one of the three rows is there too, or in the 2019 layout', () => {
    expect(keepsLegacyOtherHandling(legacy('0'), '2021')).toBe(false);
    expect(keepsLegacyOtherHandling(legacy(null), '2019')).toBe(false);
    expect(keepsLegacyOtherHandling(buildReport({ year: 2022 }).report, '2021')).toBe(false);
    const t3 = tablePlan(buildReport({ year: 2022 }).report, '2021').find((t) => t.table === 't3')!;
    expect(t3.rows.map((r) => r.row.key).filter((k) => k.startsWith('t3.otherHandling'))).toEqual([
      't3.otherHandling.overdueCorrection',
      't3.otherHandling.overdueFee',
      't3.otherHandling.other',
    ]);
  });
});
