import { expect } from 'vitest';
import { testRule } from '../rule-tester';
import { buildReport } from '../testing';
import { narrativeSignature, narrativeText } from '../originality';
import rule from './originality.copied-across-agencies';

const LONG_S1 =
  '2023年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕县委县政府中心工作，坚持以公开为常态、不公开为例外，' +
  '全面推进决策、执行、管理、服务、结果公开。全年通过门户网站主动公开政府信息186条，其中政策文件12件、政策解读9篇、工作动态143条。' +
  '依申请公开方面，严格落实登记、审核、办理、答复、归档等环节，全年收到申请6件，均在法定期限内答复。政府信息管理方面，' +
  '严格落实公开前保密审查，动态更新政府信息公开指南和公开目录。平台建设方面，持续优化门户网站栏目设置，加强政务新媒体管理。' +
  '监督保障方面，将政务公开工作纳入年度目标考核，组织开展业务培训两次，全年未发生责任追究情况。';
const OTHER_S1 =
  '本年度，我委围绕科技创新中心建设，聚焦企业和群众关切，着力提升政策发布解读回应的质量。新设“科技惠企政策”专栏，集中发布创新券、' +
  '高新技术企业认定等政策及配套解读，开展线上政策宣讲活动十余场。依申请公开工作中，优化会商机制，对复杂申请组织法律顾问参与研判。' +
  '信息管理上，完成历史文件公开属性复核四百余件。门户网站完成适老化和无障碍改造。健全政务公开考核评价机制，对处室工作进行季度通报。';

const own = buildReport({ agency: '甲县发展和改革局', sections: { s1: LONG_S1 } });
const copy = buildReport({ agency: '乙县发展和改革局', sections: { s1: LONG_S1.replace(/我局/g, '本局').replace('186', '97').replace('县委县政府', '县委、县政府') } });
const other = buildReport({ agency: '上海市科委', sections: { s1: OTHER_S1 } });
const peer = (r: typeof own, id: number, agency: string, withSignature = false) => ({
  reportId: id,
  agency,
  text: narrativeText(r.report, r.text),
  signature: withSignature ? narrativeSignature(r.report, r.text) : undefined,
});

testRule(rule, {
  valid: [
    { name: 'no peers', report: own },
    { name: 'a different report', report: own, ctx: { peers: [peer(other, 2, '上海市科委')] } },
    { name: 'the agency’s own other copy is not a peer', report: own, ctx: { peers: [peer(own, 9, '甲县发展和改革局')] } },
    { name: 'narratives too short to judge', report: { sections: { s1: '无。', s5: '无。', s6: '无。' } }, ctx: { peers: [{ reportId: 3, agency: '丙局', text: '无。无。无。' }] } },
  ],
  invalid: [
    {
      name: 'a copy with the agency’s words and a figure changed',
      report: own,
      ctx: { peers: [peer(other, 2, '上海市科委'), peer(copy, 7, '乙县发展和改革局', true)] },
      findings: [{ message: expect.stringMatching(/^正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“乙县发展和改革局”同年度报告高度雷同（相似度约\d+%）$/), fingerprint: 'originality.copied-across-agencies:7' }],
    },
  ],
});
