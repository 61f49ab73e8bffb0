import { expect } from 'vitest';
import { testRule } from '../rule-tester';
import { buildReport } from '../testing';
import { narrativeSignature, narrativeText } from '../originality';
import rule from './originality.copied-from-last-year';

const S1 =
  '2022年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，紧紧围绕县委县政府中心工作，坚持以公开为常态、不公开为例外，' +
  '全面推进决策、执行、管理、服务、结果公开。全年通过门户网站主动公开政府信息186条，其中政策文件12件、政策解读9篇、工作动态143条。' +
  '依申请公开方面，严格落实登记、审核、办理、答复、归档等环节，全年收到申请6件，均在法定期限内答复。政府信息管理方面，' +
  '严格落实公开前保密审查，动态更新政府信息公开指南和公开目录。平台建设方面，持续优化门户网站栏目设置，加强政务新媒体管理。';
const NEW_S1 =
  '2023年，我局以优化营商环境为主线推进政务公开。新开设“惠企政策直达”专栏，集中发布涉企政策四十余件并逐件配发图解；' +
  '围绕重大项目审批，按月公开审批进度和结果，全年发布项目信息三百余条。依申请公开方面，推行答复前与申请人电话沟通，减少复议诉讼风险。' +
  '信息管理方面，完成二〇一八年以来文件公开属性复核。平台方面，完成网站集约化迁移。监督方面，邀请企业代表担任政务公开监督员。';

const last = buildReport({ year: 2022, sections: { s1: S1 } });
const copied = buildReport({ year: 2023, sections: { s1: S1.replace('2022', '2023').replace('186', '201') } });
const fresh = buildReport({ year: 2023, sections: { s1: NEW_S1 } });

testRule(rule, {
  valid: [
    { name: 'nothing to compare with', report: copied },
    { name: 'a new narrative', report: fresh, ctx: { previousText: narrativeText(last.report, last.text) } },
  ],
  invalid: [
    {
      name: 'last year’s text with the year and figures changed',
      report: copied,
      ctx: { previousText: narrativeText(last.report, last.text) },
      findings: [{ message: expect.stringMatching(/^正文与本机关上年度报告重复率约\d+%（超过50%）$/), fingerprint: 'originality.copied-from-last-year:previous', span: copied.report.sections.s1!.span! }],
    },
    {
      name: 'against a stored signature',
      report: copied,
      ctx: { previousSignature: narrativeSignature(last.report, last.text) },
      findings: [expect.objectContaining({ rule: 'originality.copied-from-last-year' })],
    },
  ],
});
