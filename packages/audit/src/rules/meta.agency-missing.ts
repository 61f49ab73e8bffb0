import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'meta.agency-missing',
    category: 'completeness',
    severity: 'warning',
    description: '报告没有写明发布机关名称',
    docs:
      '年度报告应在标题（如“××局2024年政府信息公开工作年度报告”）或落款中写明发布机关。' +
      '《中华人民共和国政府信息公开条例》第四十九条要求各机关向本级政府信息公开工作主管部门报送并公布本机关的年度报告，' +
      '未写明机关名称的报告无法确认责任主体，汇总时也只能依赖文件名或网站栏目推断。',
    messages: {
      missing: '报告标题和落款均未写明发布机关名称',
      fromFileName: '报告标题和落款均未写明发布机关名称（机关名称“{agency}”仅能从文件名得知）',
    },
  },
  check(ctx) {
    const { agency } = ctx.parsed;
    if (agency.name && agency.source !== 'filename') return;
    if (agency.name) ctx.report({ messageId: 'fromFileName', data: { agency: agency.name }, key: 'agency' });
    else ctx.report({ messageId: 'missing', key: 'agency' });
  },
});
