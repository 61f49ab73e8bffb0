import { testRule } from '../rule-tester';
import rule from './narrative.overview-thin';
import { DEFAULT_BODIES } from '../testing';

testRule(rule, {
  valid: [
    { name: 'five topics covered', report: {} },
    { name: '2019 reports: length only', report: { year: 2019, sections: { s1: DEFAULT_BODIES.s1.replace(/平台|网站|新媒体/g, '') } } },
    { name: 'section missing (another rule)', report: { sections: { s1: false } } },
  ],
  invalid: [
    {
      name: 'two lines',
      report: { sections: { s1: '2021年，我局认真做好政府信息公开工作，取得了一定成效。' } },
      findings: [{ message: '第一部分“总体情况”正文仅29字，过于简略', fingerprint: 'narrative.overview-thin:length' }],
    },
    {
      name: 'no word on the platform nor on supervision (2021)',
      report: {
        sections: {
          s1:
            '本年度，我局坚持以公开为常态、不公开为例外，扎实推进主动公开工作，及时准确发布各类政府信息，重点领域信息公开持续深化。' +
            '规范办理依申请公开，严格按照法定期限答复申请人，答复文书规范。加强政府信息管理，落实公开属性源头认定机制，动态更新政府信息公开指南和目录，' +
            '确保政府信息准确、完整、及时。',
        },
      },
      findings: ['第一部分“总体情况”未涉及“政府信息公开平台建设”“监督保障”方面（2021年版格式要求概述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障）'],
    },
  ],
});
