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
    { name: 'previous report in the 2019 layout', report: { ...docs(13, 8, 99), year: 2021 }, ctx: { previous: buildReport({ year: 2020 }).report } },
  ],
  invalid: [
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
