import { testRule } from '../rule-tester';
import rule from './narrative.government-extras';

const full =
  '本年度主动公开各类政府信息。监督保障方面，将政务公开纳入全市绩效考核，委托第三方开展社会评议，全年未发生政府信息公开工作责任追究情况。' +
  '规范办理依申请公开，加强政府信息管理和政府网站建设。';

testRule(rule, {
  valid: [
    { name: 'a department need not', report: {} },
    { name: 'a government that reports all three', report: { agency: '测试市人民政府', sections: { s1: full } } },
  ],
  invalid: [
    {
      name: 'a government without them (淮安)',
      report: { agency: '测试市人民政府' },
      findings: [{ message: '人民政府年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条），报告未见“社会评议”“责任追究”方面内容', category: 'completeness' }],
    },
    {
      name: 'a department audited as a government (agency kind in the context)',
      report: { sections: { s1: full.replace('委托第三方开展社会评议，', '') } },
      ctx: { agencyKind: 'government' },
      findings: ['人民政府年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条），报告未见“社会评议”方面内容'],
    },
  ],
});
