import { testRule } from '../rule-tester';
import rule from './meta.year-missing';

testRule(rule, {
  valid: [{ name: 'a year', report: {} }],
  invalid: [{ name: 'no year', report: { year: null, template: '2021' }, findings: ['报告没有写明所报告的年度'] }],
});
