import { testRule } from '../rule-tester';
import rule from './meta.date-implausible';

testRule(rule, {
  valid: [
    { name: 'January of the next year', report: { year: 2021, publishedOn: '2022-01-20' } },
    { name: 'before the collection date', report: { year: 2021, publishedOn: '2022-01-20' }, ctx: { today: '2022-02-01' } },
    { name: 'no date', report: { publishedOn: null } },
    { name: '1 January of the next year, the earliest plausible day', report: { year: 2021, publishedOn: '2022-01-01' }, ctx: { today: '2022-02-01' } },
    { name: 'dated the day it was collected', report: { year: 2021, publishedOn: '2022-02-01' }, ctx: { today: '2022-02-01' } },
    { name: 'no report year known: only the collection date is compared', report: { year: null, publishedOn: '2021-06-30' }, ctx: { today: '2022-02-01' } },
    { name: 'after the report year, no collection date known', report: { year: 2021, publishedOn: '2030-01-20' } },
  ],
  invalid: [
    {
      name: 'dated inside the report year',
      report: { year: 2021, publishedOn: '2021-01-20' },
      findings: [{ message: '发布日期2021-01-20早于2021年度结束，请核实落款日期', category: 'accuracy' }],
    },
    {
      name: 'dated 31 December of the report year itself',
      report: { year: 2021, publishedOn: '2021-12-31' },
      findings: [{ message: '发布日期2021-12-31早于2021年度结束，请核实落款日期', severity: 'warning', fingerprint: 'meta.date-implausible:early' }],
    },
    {
      name: 'dated the day after it was collected',
      report: { year: 2021, publishedOn: '2022-02-02' },
      ctx: { today: '2022-02-01' },
      findings: [{ message: '发布日期2022-02-02晚于报告收录日期2022-02-01，请核实落款日期', fingerprint: 'meta.date-implausible:future' }],
    },
    {
      name: 'no report year known, dated after it was collected',
      report: { year: null, publishedOn: '2022-03-20' },
      ctx: { today: '2022-02-01' },
      findings: ['发布日期2022-03-20晚于报告收录日期2022-02-01，请核实落款日期'],
    },
    {
      name: 'dated after it was collected',
      report: { year: 2021, publishedOn: '2022-03-20' },
      ctx: { today: '2022-02-01' },
      findings: ['发布日期2022-03-20晚于报告收录日期2022-02-01，请核实落款日期'],
    },
  ],
});
