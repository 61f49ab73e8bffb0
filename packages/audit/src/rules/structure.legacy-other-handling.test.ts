import { T3_COLUMNS } from '@nianbao/model';
import { testRule } from '../rule-tester';
import rule from './structure.legacy-other-handling';

const legacy = Object.fromEntries([
  ...T3_COLUMNS.map((c) => [`t3.otherHandling.${c.key}`, '0']),
  ...['overdueCorrection', 'overdueFee', 'other'].flatMap((r) => T3_COLUMNS.map((c) => [`t3.otherHandling.${r}.${c.key}`, null])),
]);

testRule(rule, {
  valid: [
    { name: 'three rows in 2021', report: {} },
    { name: 'the single row in 2019', report: { year: 2019 } },
  ],
  invalid: [
    {
      name: 'a 2021 report keeping the 2019 row',
      report: { cells: legacy },
      findings: [
        {
          message:
            '表三“（六）其他处理”沿用2019年版的单行，2021年版格式应分为“1.申请人无正当理由逾期不补正”“2.申请人逾期未按收费通知要求缴纳费用”“3.其他”三行填报',
          cells: T3_COLUMNS.map((c) => `t3.otherHandling.${c.key}`),
          severity: 'warning',
        },
      ],
    },
  ],
});
