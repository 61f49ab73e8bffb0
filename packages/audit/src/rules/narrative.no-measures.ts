import { defineRule } from '../rule';
import { contentLength, sectionBody } from '../helpers';

const MEASURES = /措施|改进|整改|下一步|今后|将|拟|计划|着力|持续|进一步(?:加强|完善|提升|推进|健全|强化|优化|规范|做好)/;

export default defineRule({
  meta: {
    id: 'narrative.no-measures',
    category: 'completeness',
    severity: 'warning',
    description: '“存在的主要问题及改进情况”空缺，或只列问题没有改进措施',
    docs:
      '《中华人民共和国政府信息公开条例》第五十条第（四）项要求年度报告包括“存在的主要问题及改进情况”。这一部分既要写明存在的问题，' +
      '也要写明已采取或将采取的改进措施（2021年版格式通知要求内容不能敷衍）。本规则在该部分正文过短（低于 thresholds.measuresMinChars 字）' +
      '或通篇没有改进、整改、下一步等措施性表述时报告。',
    messages: {
      empty: '第五部分“存在的主要问题及改进情况”正文仅{length}字，问题和改进措施均未写明',
      noMeasures: '第五部分“存在的主要问题及改进情况”只列问题，没有写明改进措施',
    },
  },
  check(ctx) {
    const s5 = ctx.parsed.sections.s5;
    if (!s5?.present) return;
    const body = sectionBody(ctx.parsed, ctx.text, 's5');
    const length = contentLength(body);
    if (length < ctx.rubric.thresholds.measuresMinChars) {
      ctx.report({ messageId: 'empty', data: { length }, span: s5.span, key: 'empty' });
    } else if (!MEASURES.test(body)) {
      ctx.report({ messageId: 'noMeasures', span: s5.span, key: 'measures' });
    }
  },
});
