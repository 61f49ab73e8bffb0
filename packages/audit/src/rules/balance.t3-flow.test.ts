import { testRule } from '../rule-tester';
import { t3Column } from '../testing';
import rule from './balance.t3-flow';

testRule(rule, {
  valid: [
    { name: 'all zeros', report: {} },
    {
      name: '淮安 totals: 3119 + 34 = 3050 + 103',
      report: {
        cells: {
          ...t3Column('naturalPerson', { newReceived: 3119, carriedOver: 34, carriedForward: 103 }),
          ...t3Column('total', { newReceived: 3119, carriedOver: 34, carriedForward: 103 }),
        },
      },
    },
    { name: 'a blank that only reads as 0', report: { cells: { 't3.carriedOver.research': '' } } },
    {
      name: 'unverifiable is another rule (上海市科委: 34 + 2 vs 35 + blank)',
      report: {
        cells: {
          ...t3Column('total', { newReceived: 34, carriedOver: 2, carriedForward: 1 }),
          't3.carriedForward.total': '',
        },
      },
    },
    {
      // one cause, one finding: the truncation is table.row-absent's, nothing is compared
      name: '上年结转 1 and the outcome rows absent (南开, table 三 truncated)',
      report: {
        year: 2019,
        fill: '',
        cells: {
          't3.carriedOver.naturalPerson': '1',
          't3.carriedOver.total': '1',
          ...Object.fromEntries(
            ['totalProcessed', 'carriedForward'].flatMap((r) =>
              ['naturalPerson', 'total'].map((c) => [`t3.${r}.${c}`, null]),
            ),
          ),
        },
      },
    },
    {
      // a side with no figure at all is balance.unverifiable's (the blanks are table.cell-blank's)
      name: '上年结转 1 and the outcome cells present but blank',
      report: {
        year: 2019,
        fill: '',
        cells: { 't3.carriedOver.naturalPerson': '1', 't3.carriedOver.total': '1' },
      },
    },
  ],
  invalid: [
    {
      name: 'one off',
      report: {
        cells: {
          ...t3Column('total', { newReceived: 5, carriedOver: 1, carriedForward: 0 }),
          't3.carriedForward.total': '2',
        },
      },
      findings: [
        {
          message: '表三“总计”列：本年新收(5)+上年结转(1)≠办理结果总计(6)+结转下年度(2)',
          cells: [
            't3.newReceived.total',
            't3.carriedOver.total',
            't3.totalProcessed.total',
            't3.carriedForward.total',
          ],
          fingerprint: 'balance.t3-flow:total',
          severity: 'error',
        },
      ],
    },
    {
      name: 'broken whatever the blank holds',
      report: {
        cells: {
          ...t3Column('naturalPerson', { newReceived: 2, carriedForward: 0 }),
          't3.totalProcessed.naturalPerson': '5',
          't3.carriedForward.naturalPerson': '',
        },
      },
      findings: ['表三“自然人”列：本年新收(2)+上年结转(0)≠办理结果总计(5)+结转下年度(空)'],
    },
  ],
});
