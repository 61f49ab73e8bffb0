import { testRule } from '../rule-tester';
import { buildReport } from '../testing';
import rule from './history.in-force';

const previous = buildReport({ year: 2023, cells: { 't2.normativeDocs.inForce': '50' } }).report;
const docs = (issued: number, repealed: number, inForce: number) => ({
  year: 2024,
  cells: { 't2.normativeDocs.issued': String(issued), 't2.normativeDocs.repealed': String(repealed), 't2.normativeDocs.inForce': String(inForce) },
});

testRule(rule, {
  valid: [
    { name: '50 + 13 − 8 = 55', report: docs(13, 8, 55), ctx: { previous } },
    { name: 'this year’s 现行有效件数 blank: nothing to compare', report: { ...docs(13, 8, 0), cells: { ...docs(13, 8, 0).cells, 't2.normativeDocs.inForce': '' } }, ctx: { previous } },
    { name: 'this year’s 本年制发 a placeholder', report: { ...docs(13, 8, 55), cells: { ...docs(13, 8, 55).cells, 't2.normativeDocs.issued': '—' } }, ctx: { previous } },
    { name: 'this year’s 本年废止 blank', report: { ...docs(13, 8, 63), cells: { ...docs(13, 8, 63).cells, 't2.normativeDocs.repealed': '' } }, ctx: { previous } },
    { name: 'last year’s 现行有效件数 blank', report: docs(13, 8, 55), ctx: { previous: buildReport({ year: 2023, cells: { 't2.normativeDocs.inForce': '' } }).report } },
    { name: 'last year’s 现行有效件数 absent (a truncated table)', report: docs(13, 8, 55), ctx: { previous: buildReport({ year: 2023, cells: { 't2.normativeDocs.inForce': null } }).report } },
    { name: 'no previous report', report: docs(13, 0, 55) },
    {
      name: 'a previous report whose layout was not recognised, though its cells are those of 2021',
      report: docs(13, 0, 55),
      ctx: { previous: buildReport({ year: 2023, template: 'unknown', layout: '2021', cells: { 't2.normativeDocs.inForce': '50' } }).report },
    },
    { name: 'previous report in the 2019 layout', report: { ...docs(13, 8, 99), year: 2021 }, ctx: { previous: buildReport({ year: 2020 }).report } },
  ],
  invalid: [
    {
      name: '规章 and 行政规范性文件 both off, each its own finding, with the previous year named',
      report: { year: 2024, cells: { 't2.regulations.issued': '1', 't2.regulations.repealed': '2', 't2.regulations.inForce': '10', 't2.normativeDocs.inForce': '49' } },
      ctx: { previous: buildReport({ year: 2023, cells: { 't2.regulations.inForce': '12', 't2.normativeDocs.inForce': '50' } }).report },
      findings: [
        { message: '表二“规章”行：现行有效件数(10)≠2023年度现行有效件数(12)+本年制发(1)−本年废止(2)=11', fingerprint: 'history.in-force:t2.regulations' },
        { message: '表二“行政规范性文件”行：现行有效件数(49)≠2023年度现行有效件数(50)+本年制发(0)−本年废止(0)=50', fingerprint: 'history.in-force:t2.normativeDocs' },
      ],
    },
    {
      name: 'the previous report’s year unknown: 「上年度」',
      report: docs(13, 0, 55),
      ctx: { previous: buildReport({ year: null, layout: '2021', template: '2021', cells: { 't2.normativeDocs.inForce': '50' } }).report },
      findings: ['表二“行政规范性文件”行：现行有效件数(55)≠上年度现行有效件数(50)+本年制发(13)−本年废止(0)=63'],
    },
    {
      name: '50 + 13 − 0 ≠ 55 (修订、失效 can explain it: a warning)',
      report: docs(13, 0, 55),
      ctx: { previous },
      findings: [
        {
          message: '表二“行政规范性文件”行：现行有效件数(55)≠2023年度现行有效件数(50)+本年制发(13)−本年废止(0)=63',
          severity: 'warning',
          cells: ['t2.normativeDocs.inForce', 't2.normativeDocs.issued', 't2.normativeDocs.repealed'],
        },
      ],
    },
  ],
});
