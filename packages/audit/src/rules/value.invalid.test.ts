import { testRule } from '../rule-tester';
import rule from './value.invalid';

testRule(rule, {
  valid: [
    { name: 'zeros', report: {} },
    { name: '本年增/减 may be negative (2019)', report: { year: 2019, cells: { 't2.licensing.change': '-3', 't2.penalty.change': '减少2' } } },
    { name: 'money has decimals', report: { cells: { 't2.fees.amount': '96171.6' } } },
    { name: 'large but plausible counts (淮安 行政处罚 3985758)', report: { cells: { 't2.penalty.decisions': '3985758' } } },
  ],
  invalid: [
    { name: 'a negative count', report: { cells: { 't3.granted.naturalPerson': '-1' } }, findings: ['表三“（一）予以公开”行“自然人”列为负数(-1)，件数不能为负'] },
    {
      name: 'a fractional count, also in 本年增/减',
      report: { year: 2019, cells: { 't4.review.total': '1.5', 't2.fees.change': '0.5' } },
      findings: ['表二“行政事业性收费”行“本年增/减”列为小数(0.5)，件数应为整数', '表四“行政复议”行“总计”列为小数(1.5)，件数应为整数'],
    },
    { name: 'negative money', report: { cells: { 't2.fees.amount': '-3' } }, findings: ['表二“行政事业性收费”行“本年收费金额”列金额为负数(-3)'] },
    { name: 'an implausible count', report: { cells: { 't3.newReceived.naturalPerson': '20240101' } }, findings: ['表三“一、本年新收政府信息公开申请数量”行“自然人”列数值20240101大得不合常理，请核实'] },
  ],
});
