import { testRule } from '../rule-tester';
import rule from './narrative.no-measures';

testRule(rule, {
  valid: [
    { name: 'problems and measures', report: {} },
    { name: '「整改措施：」 (南开)', report: { sections: { s5: '存在问题：一是认识不够到位，工作被动应付。整改措施：一是充分发挥局门户网站的作用，丰富公开形式。' } } },
    { name: '「下一步，我市将…」 (淮安)', report: { sections: { s5: '主要表现在政策解读质量仍需提升。针对存在问题，下一步，我市将着力加强政策解读质效。' } } },
  ],
  invalid: [
    { name: 'empty', report: { sections: { s5: '无。' } }, findings: ['第五部分“存在的主要问题及改进情况”正文仅2字，问题和改进措施均未写明'] },
    {
      name: 'problems only',
      report: { sections: { s5: '存在的主要问题：一是公开内容不够全面，部分栏目更新不及时；二是工作人员业务水平参差不齐，对条例理解不深。' } },
      findings: [{ message: '第五部分“存在的主要问题及改进情况”只列问题，没有写明改进措施', fingerprint: 'narrative.no-measures:measures' }],
    },
  ],
});
