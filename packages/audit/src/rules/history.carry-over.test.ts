import { testRule } from '../rule-tester';
import { buildReport, t3Column } from '../testing';
import rule from './history.carry-over';

const lastYear = (forward: number, year = 2023) =>
  buildReport({ year, cells: { ...t3Column('naturalPerson', { newReceived: 5, carriedForward: forward }), ...t3Column('total', { newReceived: 5, carriedForward: forward }) } }).report;
const thisYear = (over: number) => ({ year: 2024, cells: { ...t3Column('naturalPerson', { newReceived: 4, carriedOver: over }), ...t3Column('total', { newReceived: 4, carriedOver: over }) } });

const built = buildReport(thisYear(2));

testRule(rule, {
  valid: [
    { name: 'no previous report', report: thisYear(2) },
    { name: 'carried over as carried forward', report: thisYear(2), ctx: { previous: lastYear(2) } },
    { name: 'a previous report that is not of the year before', report: thisYear(2), ctx: { previous: lastYear(3, 2021) } },
    { name: 'from a 2019-layout report of 2020 into 2021', report: { ...thisYear(1), year: 2021 }, ctx: { previous: buildReport({ year: 2020, cells: { ...t3Column('total', { newReceived: 1, carriedForward: 1 }), ...t3Column('naturalPerson', { newReceived: 1, carriedForward: 1 }) } }).report } },
  ],
  invalid: [
    {
      name: 'the finding points at this year’s 上年结转 cell',
      report: built,
      ctx: { previous: lastYear(3) },
      findings: [
        { cells: ['t3.carriedOver.naturalPerson'], span: built.report.cells['t3.carriedOver.naturalPerson']!.span! },
        { cells: ['t3.carriedOver.total'], span: built.report.cells['t3.carriedOver.total']!.span! },
      ],
    },
    {
      name: 'this year’s report names no year: the previous one is taken as the year before',
      report: { ...thisYear(2), year: null, template: '2021' },
      ctx: { previous: lastYear(3) },
      findings: ['表三“自然人”列：本年度“上年结转”(2)≠2023年度报告“结转下年度继续办理”(3)', '表三“总计”列：本年度“上年结转”(2)≠2023年度报告“结转下年度继续办理”(3)'],
    },
    {
      name: 'two columns differ',
      report: thisYear(2),
      ctx: { previous: lastYear(3) },
      findings: [
        { message: '表三“自然人”列：本年度“上年结转”(2)≠2023年度报告“结转下年度继续办理”(3)', cells: ['t3.carriedOver.naturalPerson'], fingerprint: 'history.carry-over:naturalPerson' },
        '表三“总计”列：本年度“上年结转”(2)≠2023年度报告“结转下年度继续办理”(3)',
      ],
    },
  ],
});
