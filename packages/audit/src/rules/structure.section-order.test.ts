import { testRule } from '../rule-tester';
import rule from './structure.section-order';

testRule(rule, {
  valid: [
    { name: 'template order', report: {} },
    { name: 'a missing section does not disturb the order', report: { sections: { s3: false } } },
  ],
  invalid: [
    {
      name: '五 before 四',
      report: { order: ['s1', 's2', 's3', 's5', 's4', 's6'] },
      findings: [{ message: '第五部分“存在的主要问题及改进情况”出现在第四部分“政府信息公开行政复议、行政诉讼情况”之前，顺序与模板不符', fingerprint: 'structure.section-order:s4>s5' }],
    },
  ],
});
