import { SECTIONS } from '@nianbao/model';
import { defineRule } from '../rule';
import { headingSpan, sectionName } from '../helpers';

export default defineRule({
  meta: {
    id: 'structure.section-order',
    category: 'conformity',
    severity: 'warning',
    description: '各部分的先后顺序与模板不一致',
    docs:
      '年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）规定六个部分依次为：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、' +
      '政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。顺序颠倒不便于对照审阅和汇总。' +
      '本规则比较报告中相邻两个部分的位置，后一部分出现在前一部分之前即报告。',
    messages: {
      outOfOrder: '{later}出现在{earlier}之前，顺序与模板不符',
    },
  },
  check(ctx) {
    const present = SECTIONS.filter((d) => ctx.parsed.sections[d.id]?.present && ctx.parsed.sections[d.id]!.span);
    for (let i = 1; i < present.length; i++) {
      const a = present[i - 1]!.id;
      const b = present[i]!.id;
      const sa = ctx.parsed.sections[a]!;
      const sb = ctx.parsed.sections[b]!;
      if (sb.span![0] >= sa.span![0]) continue;
      ctx.report({
        messageId: 'outOfOrder',
        data: { later: sectionName(b), earlier: sectionName(a) },
        span: headingSpan(ctx.text, sb),
        key: `${a}>${b}`,
      });
    }
  },
});
