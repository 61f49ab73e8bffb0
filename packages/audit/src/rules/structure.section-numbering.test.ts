import { testRule } from '../rule-tester';
import rule from './structure.section-numbering';

testRule(rule, {
  valid: [
    { name: 'headings 一、 to 六、', report: {} },
    { name: 'a heading with a space after 一、', report: { sections: { s1: { heading: '一、 总体情况' } } } },
  ],
  invalid: [
    {
      name: 'headings 1、 and 5、 (南开)',
      report: {
        year: 2019,
        sections: { s1: { heading: '1、   总体情况', ordinal: '1' }, s5: { heading: '5、 存在的主要问题及改进情况', ordinal: '5' } },
      },
      findings: [
        '第一部分“总体情况”的标题“1、 总体情况”使用阿拉伯数字序号“1、”，模板为“一、”',
        '第五部分“存在的主要问题及改进情况”的标题“5、 存在的主要问题及改进情况”使用阿拉伯数字序号“5、”，模板为“五、”',
      ],
    },
    {
      name: 'tables numbered anew (上海市科委: 「一、主动公开政府信息情况」)',
      report: { sections: { s2: { heading: '一、主动公开政府信息情况', ordinal: '一' } } },
      findings: ['第二部分“主动公开政府信息情况”的标题“一、主动公开政府信息情况”序号为“一、”，模板为“二、”'],
    },
    {
      name: 'an unnumbered heading',
      report: { sections: { s5: { heading: '（一）主要问题', ordinal: null, numbering: 'none' } } },
      findings: [{ message: '第五部分“存在的主要问题及改进情况”的标题“（一）主要问题”没有序号，模板为“五、”', fingerprint: 'structure.section-numbering:s5' }],
    },
  ],
});
