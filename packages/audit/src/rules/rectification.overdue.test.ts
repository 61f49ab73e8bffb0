import { testRule } from '../rule-tester';
import rule from './rectification.overdue';

const notice = { issuedOn: '2020-03-01', dueOn: '2020-03-31', items: 11 };

testRule(rule, {
  valid: [
    { name: 'no rectification case', report: {} },
    { name: 'before the 整改期限', report: {}, ctx: { rectification: { ...notice, asOf: '2020-03-20', open: 11 } } },
    { name: 'on the day of the 整改期限', report: {}, ctx: { rectification: { ...notice, asOf: '2020-03-31', open: 3 } } },
    { name: 'past the 整改期限, every item fixed', report: {}, ctx: { rectification: { ...notice, asOf: '2020-06-30', open: 0 } } },
  ],
  invalid: [
    {
      name: 'past the 整改期限 with items open',
      report: {},
      ctx: { rectification: { ...notice, asOf: '2020-04-01', open: 9 } },
      findings: [
        {
          message: '整改通知书（2020-03-01下发）要求于2020-03-31前完成整改，截至2020-04-01所列11项问题中仍有9项未整改，逾期未改',
          severity: 'warning',
          category: 'timeliness',
          fingerprint: 'rectification.overdue:overdue',
        },
      ],
    },
  ],
});
