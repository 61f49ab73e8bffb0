import { testRule } from '../rule-tester';
import rule from './balance.t4-totals';

testRule(rule, {
  valid: [
    { name: 'all zeros', report: {} },
    { name: '淮安 行政复议 72 + 64 + 178 + 37 = 351', report: { cells: { 't4.review.upheld': '72', 't4.review.corrected': '64', 't4.review.other': '178', 't4.review.pending': '37', 't4.review.total': '351' } } },
  ],
  invalid: [
    {
      name: 'a total that leaves out the pending case',
      report: { cells: { 't4.litigationDirect.upheld': '2', 't4.litigationDirect.pending': '1', 't4.litigationDirect.total': '2' } },
      findings: [
        {
          message: '表四“行政诉讼（未经复议直接起诉）”：总计(2)≠结果维持(2)+结果纠正(0)+其他结果(0)+尚未审结(1)',
          cells: ['t4.litigationDirect.total', 't4.litigationDirect.upheld', 't4.litigationDirect.corrected', 't4.litigationDirect.other', 't4.litigationDirect.pending'],
        },
      ],
    },
  ],
});
