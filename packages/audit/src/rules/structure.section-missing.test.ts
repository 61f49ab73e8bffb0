import { testRule } from '../rule-tester';
import rule from './structure.section-missing';

testRule(rule, {
  valid: [
    { name: 'all six sections', report: {} },
    { name: 'section 六 that says only 「无」', report: { sections: { s6: '无。' } } },
  ],
  invalid: [
    {
      name: 'section 六 missing (南开)',
      report: { year: 2019, sections: { s6: false } },
      findings: [{ message: '缺少第六部分“其他需要报告的事项”；无相关事项的，也应保留本部分并写明“无”', fingerprint: 'structure.section-missing:s6', span: null }],
    },
    {
      name: 'sections 四 and 五 missing',
      report: { sections: { s4: false, s5: false } },
      findings: ['缺少第四部分“政府信息公开行政复议、行政诉讼情况”', '缺少第五部分“存在的主要问题及改进情况”'],
    },
  ],
});
