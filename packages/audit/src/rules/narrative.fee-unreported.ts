import { defineRule } from '../rule';
import { sectionBody } from '../helpers';

const FEE = /处理费|收费|收取.{0,6}费|费用/;

export default defineRule({
  meta: {
    id: 'narrative.fee-unreported',
    category: 'completeness',
    severity: 'info',
    description: '2021年版报告未说明信息处理费收取情况',
    docs:
      '《中华人民共和国政府信息公开条例》第四十二条允许对数量、频次明显超过合理范围的申请收取信息处理费，《政府信息公开信息处理费管理办法》自2021年起施行。' +
      '2021年版格式通知和实际报告的通行做法是在“其他需要报告的事项”中说明本年度收取信息处理费的情况（未收取的写明未收取）。' +
      '这不是格式的硬性要求，故本规则只作提示；该部分写明“无”的视为已说明。',
    messages: {
      unreported: '第六部分“其他需要报告的事项”未说明本年度信息处理费收取情况',
    },
  },
  check(ctx) {
    if (ctx.version !== '2021') return;
    const s6 = ctx.parsed.sections.s6;
    if (!s6?.present) return;
    const body = sectionBody(ctx.parsed, ctx.text, 's6');
    // 「无。」 answers the whole section (the 落款 may follow it)
    if (/^[\s\u3000]*无[。.]?[\s\u3000]*(\n|$)/.test(body)) return;
    if (FEE.test(body) || FEE.test(sectionBody(ctx.parsed, ctx.text, 's1'))) return;
    ctx.report({ messageId: 'unreported', span: s6.span, key: 'fee' });
  },
});
