import { testRule } from '../rule-tester';
import { buildReport } from '../testing';
import rule from './extract.uncertain';

function withReading(reading: NonNullable<ReturnType<typeof buildReport>['report']['reading']>) {
  const built = buildReport({});
  return { report: { ...built.report, reading }, text: built.text };
}

testRule(rule, {
  valid: [
    { name: 'every table read for sure (no reading recorded)', report: {} },
    { name: 'a table recorded as read for sure', report: withReading({ t3: { confidence: 'high', doubtfulRows: [] } }) },
  ],
  invalid: [
    {
      name: 'two rows of table 三 whose figures could belong to either',
      report: withReading({ t3: { confidence: 'low', doubtfulRows: ['t3.otherHandling.overdueFee', 't3.otherHandling.other'] } }),
      findings: [
        {
          message: '表三“（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”、“（六）3.其他”等行的数字读取不确定，请人工核对原文',
          severity: 'info',
          cells: [],
        },
      ],
    },
    {
      name: 'a row of figures that fits no row',
      report: withReading({ t3: { confidence: 'low', doubtfulRows: ['t3.denied.safetyStability'] } }),
      findings: ['表三“（三）3.危及“三安全一稳定””行的数字读取不确定，请人工核对原文'],
    },
  ],
});
