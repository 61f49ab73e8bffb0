import { testRule } from '../rule-tester';
import rule from './value.unit';

testRule(rule, {
  valid: [
    { name: 'no unit written', report: {} },
    { name: '元 in a count column of table 四', report: { cells: { 't4.review.total': '3元' } } },
    { name: 'the column unit written', report: { cells: { 't2.fees.amount': '3.5万元' } } },
    { name: 'units in count columns are not conversions', report: { cells: { 't4.review.total': '1件', 't4.review.upheld': '1件' } } },
  ],
  invalid: [
    {
      name: 'a unit that cannot be converted (件 in the 万元 column)',
      report: { cells: { 't2.fees.amount': '3件' } },
      findings: [{ message: '表二“行政事业性收费”行“本年收费金额”列填写“3件”，单位“件”与本列“万元”不符，未能折算', severity: 'warning' }],
    },
    {
      name: '元 in the 万元 column of 2021',
      report: { cells: { 't2.fees.amount': '98850元' } },
      findings: [{ message: '表二“行政事业性收费”行“本年收费金额”列填写“98850元”，与本列单位“万元”不同，已折算为9.885万元', severity: 'warning', cells: ['t2.fees.amount'] }],
    },
    {
      name: '元 in 采购总金额 of 2019, where the template prints no unit (新余)',
      report: { year: 2019, cells: { 't2.procurement.amount': '98850元' } },
      findings: [{ message: '表二“政府集中采购”行“采购总金额”列填写“98850元”，本列模板未印单位，统一按“万元”计，已折算为9.885万元', severity: 'info' }],
    },
  ],
});
