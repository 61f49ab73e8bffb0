import { testRule } from '../rule-tester';
import rule from './balance.t3-applicants';

testRule(rule, {
  valid: [
    { name: 'all zeros', report: {} },
    {
      // one cause, one finding: a column missing from the table is a reading or truncation matter
      name: '总计 read, the 其他 column of the row absent',
      report: { cells: { 't3.newReceived.naturalPerson': '5', 't3.newReceived.total': '9', 't3.newReceived.otherOrg': null } },
    },
    {
      name: 'organisations blank, 自然人 = 总计 (沭阳)',
      report: {
        cells: {
          't3.newReceived.naturalPerson': '26',
          't3.newReceived.total': '26',
          't3.newReceived.commercial': '',
          't3.newReceived.otherOrg': '',
        },
      },
    },
  ],
  invalid: [
    {
      name: 'a row that does not add up',
      report: {
        cells: {
          't3.newReceived.naturalPerson': '32',
          't3.newReceived.commercial': '1',
          't3.newReceived.total': '34',
        },
      },
      findings: [
        {
          message:
            '表三“一、本年新收政府信息公开申请数量”行：总计(34)≠自然人(32)+商业企业(1)+科研机构(0)+社会公益组织(0)+法律服务机构(0)+其他(0)',
          fingerprint: 'balance.t3-applicants:t3.newReceived',
        },
      ],
    },
  ],
});
