import { testRule } from '../rule-tester';
import rule from './meta.date-implausible';

testRule(rule, {
  valid: [
    { name: 'January of the next year', report: { year: 2021, publishedOn: '2022-01-20' } },
    { name: 'before the collection date', report: { year: 2021, publishedOn: '2022-01-20' }, ctx: { today: '2022-02-01' } },
    { name: 'no date', report: { publishedOn: null } },
  ],
  invalid: [
    {
      name: 'dated inside the report year',
      report: { year: 2021, publishedOn: '2021-01-20' },
      findings: [{ message: '发布日期2021-01-20早于2021年度结束，请核实落款日期', category: 'accuracy' }],
    },
    {
      name: 'dated after it was collected',
      report: { year: 2021, publishedOn: '2022-03-20' },
      ctx: { today: '2022-02-01' },
      findings: ['发布日期2022-03-20晚于报告收录日期2022-02-01，请核实落款日期'],
    },
  ],
});
