import { testRule } from '../rule-tester';
import { buildReport } from '../testing';
import rule from './history.item-count';

const previous = buildReport({ year: 2019, cells: { 't2.licensing.previousCount': '15', 't2.licensing.change': '2' } }).report;
/** Last year's report with 行政许可's count or change left blank, or its row not read at all. */
const blankBase = buildReport({ year: 2019, cells: { 't2.licensing.previousCount': '', 't2.licensing.change': '2' } }).report;
const blankChange = buildReport({ year: 2019, cells: { 't2.licensing.previousCount': '15', 't2.licensing.change': '' } }).report;
const rowless = (key: string) => {
  const r = buildReport({ year: 2019, cells: { 't2.licensing.previousCount': '15', 't2.licensing.change': '2' } }).report;
  delete r.cells[key];
  return r;
};

testRule(rule, {
  valid: [
    { name: '15 + 2 = 17', report: { year: 2020, cells: { 't2.licensing.previousCount': '17' } }, ctx: { previous } },
    { name: 'no previous report', report: { year: 2020, cells: { 't2.licensing.previousCount': '3' } } },
    // a figure missing on either side is nothing to compare (the blank is the cell rules' finding)
    { name: 'this year’s count blank', report: { year: 2020, cells: { 't2.licensing.previousCount': '' } }, ctx: { previous } },
    { name: 'last year’s count blank', report: { year: 2020, cells: { 't2.licensing.previousCount': '17' } }, ctx: { previous: blankBase } },
    { name: 'last year’s change blank', report: { year: 2020, cells: { 't2.licensing.previousCount': '17' } }, ctx: { previous: blankChange } },
    { name: 'last year’s count not read', report: { year: 2020, cells: { 't2.licensing.previousCount': '17' } }, ctx: { previous: rowless('t2.licensing.previousCount') } },
    { name: 'last year’s change not read', report: { year: 2020, cells: { 't2.licensing.previousCount': '17' } }, ctx: { previous: rowless('t2.licensing.change') } },
    { name: '2021 layout has no item counts', report: { year: 2021 }, ctx: { previous: buildReport({ year: 2020 }).report } },
  ],
  invalid: [
    {
      name: '15 + 2 ≠ 18',
      report: { year: 2020, cells: { 't2.licensing.previousCount': '18' } },
      ctx: { previous },
      findings: [{ message: '表二“行政许可”行：本年度“上一年项目数量”(18)≠2019年度报告的上一年项目数量(15)+本年增/减(2)=17', severity: 'warning' }],
    },
  ],
});
