import { testRule } from '../rule-tester';
import rule from './table.cell-text';

testRule(rule, {
  valid: [
    { name: 'numbers, units and notes', report: { cells: { 't2.fees.amount': '3.5万元', 't2.regulations.repealed': '22（其中修订16件）' } } },
    { name: 'Chinese numerals', report: { cells: { 't4.review.total': '零' } } },
  ],
  invalid: [
    {
      name: '「见附件」',
      report: { cells: { 't3.granted.naturalPerson': '见附件' } },
      findings: [{ message: '表三“（一）予以公开”行“自然人”列填写“见附件”，不是数字', cells: ['t3.granted.naturalPerson'] }],
    },
  ],
});
