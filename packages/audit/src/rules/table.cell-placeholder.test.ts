import { testRule } from '../rule-tester';
import rule from './table.cell-placeholder';

testRule(rule, {
  valid: [
    { name: 'zeros', report: {} },
    { name: 'blank is another rule', report: { cells: { 't2.fees.amount': '' } } },
  ],
  invalid: [
    {
      name: 'a dash and a slash in one row',
      report: { year: 2019, cells: { 't2.licensing.previousCount': '—', 't2.licensing.change': '/', 't2.licensing.decisions': '—' } },
      findings: [{ message: '表二“行政许可”行3格均填写“—”“/”而非数字，无数据的应填“0”', cells: ['t2.licensing.previousCount', 't2.licensing.change', 't2.licensing.decisions'] }],
    },
    {
      name: '「无」 in one cell',
      report: { cells: { 't4.review.pending': '无' } },
      findings: ['表四“行政复议”行“尚未审结”列填写“无”而非数字，无数据的应填“0”'],
    },
  ],
});
