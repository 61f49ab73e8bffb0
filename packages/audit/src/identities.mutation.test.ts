/**
 * The balance identities and the row names are built once per layout and kept (helpers.ts caches);
 * Stryker credits the building code only to the test that first builds it in a file, so each test
 * here is the first of its file to build what it checks (the module caches are new for each test
 * file): the 2021 layout keeping the 2019 （六） row, then the plain 2021 layout.
 */
import { T3_COLUMNS } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { runRules } from './engine';
import type { Rule } from './rule';
import { rules } from './rules';
import { buildReport, t3Column } from './testing';

const rule = (id: string) => rules.find((r: Rule) => r.meta.id === id)!;

describe('balance messages name their terms (identities and row names built once per layout)', () => {
  it('a 2021 report keeping the 2019 （六）其他处理 row: that row named by its label', () => {
    const legacy = Object.fromEntries([
      ...T3_COLUMNS.map((c) => [`t3.otherHandling.${c.key}`, c.key === 'total' ? '3' : c.key === 'naturalPerson' ? '2' : '0']),
      ...['overdueCorrection', 'overdueFee', 'other'].flatMap((r) => T3_COLUMNS.map((c) => [`t3.otherHandling.${r}.${c.key}`, null])),
    ]);
    const { report, text } = buildReport({ year: 2024, cells: legacy });
    expect(runRules(report, { text }, [rule('balance.t3-applicants')]).map((f) => f.message)).toEqual([
      '表三“（六）其他处理”行：总计(3)≠自然人(2)+商业企业(0)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)',
    ]);
  });

  it('a 2021 report: 表三 flow, 表三 outcomes (its three （六） rows, not the 2019 single row) and 表四 totals', () => {
    const { report, text } = buildReport({
      year: 2024,
      cells: {
        ...t3Column('naturalPerson', { newReceived: 5, carriedOver: 1, granted: 5 }),
        't3.totalProcessed.naturalPerson': '5',
        't3.carriedForward.naturalPerson': '2',
        't3.newReceived.total': '10',
        't3.granted.total': '4',
        't3.otherHandling.overdueCorrection.total': '2',
        't3.otherHandling.other.total': '4',
        't3.totalProcessed.total': '9',
        't4.review.upheld': '2',
        't4.review.corrected': '1',
        't4.review.total': '4',
      },
    });
    const messages = (id: string) => runRules(report, { text }, [rule(id)]).map((f) => f.message);
    expect(messages('balance.t3-flow')).toEqual([
      '表三“自然人”列：本年新收(5)+上年结转(1)≠办理结果总计(5)+结转下年度(2)',
      '表三“总计”列：本年新收(10)+上年结转(0)≠办理结果总计(9)+结转下年度(0)',
    ]);
    expect(messages('balance.t3-outcomes')).toEqual([
      '表三“总计”列：（七）总计(9)≠（一）至（六）各项之和(10：（一）予以公开(4)+（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请(2)+（六）3.其他(4))',
    ]);
    expect(messages('balance.t4-totals')).toEqual(['表四“行政复议”：总计(4)≠结果维持(2)+结果纠正(1)+其他结果(0)+尚未审结(0)']);
  });
});
