import { cellKeys } from '@nianbao/model';
import { testRule } from '../rule-tester';
import rule from './structure.table-missing';

const absent = (prefix: string, version: '2019' | '2021' = '2021') =>
  Object.fromEntries(cellKeys(version).filter((k) => k.startsWith(prefix)).map((k) => [k, null]));

testRule(rule, {
  valid: [
    { name: 'all three tables', report: {} },
    { name: 'a truncated table is not a missing one', report: { cells: { ...absent('t3.carriedForward') } } },
    { name: 'an all-blank table is there', report: { cells: Object.fromEntries(cellKeys('2021').filter((k) => k.startsWith('t4')).map((k) => [k, ''])) } },
  ],
  invalid: [
    {
      name: 'no table 四',
      report: { cells: absent('t4.') },
      findings: [{ message: '缺少表四“政府信息公开行政复议、行政诉讼情况”', fingerprint: 'structure.table-missing:t4' }],
    },
    {
      name: 'no table 二 in a 2019 report',
      report: { year: 2019, cells: absent('t2.', '2019') },
      findings: ['缺少表二“主动公开政府信息情况”'],
    },
  ],
});
