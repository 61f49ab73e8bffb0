import { testRule } from '../rule-tester';
import rule from './structure.section-title';

testRule(rule, {
  valid: [
    { name: 'template titles', report: {} },
    { name: '「政府信息公开工作」 before the title', report: { sections: { s5: { heading: '五、政府信息公开工作存在的主要问题及改进情况' } } } },
    { name: 'spaces and full-width punctuation', report: { sections: { s4: { heading: '四、政府信息公开行政复议,行政诉讼情况' } } } },
  ],
  invalid: [
    {
      name: 'wording of 新余',
      report: {
        year: 2019,
        sections: {
          s1: { heading: '一、政府信息公开工作的基本情况' },
          s6: { heading: '六、需要说明的其他事项与附表' },
        },
      },
      findings: [
        { message: '第一部分“总体情况”的标题为“政府信息公开工作的基本情况”，与模板“总体情况”不一致', severity: 'info' },
        '第六部分“其他需要报告的事项”的标题为“需要说明的其他事项与附表”，与模板“其他需要报告的事项”不一致',
      ],
    },
  ],
});
