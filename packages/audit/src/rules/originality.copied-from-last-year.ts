import { defineRule } from '../rule';
import { ownSignature, signatureOfText } from '../originality-context';
import { containment } from '../similarity';

export default defineRule({
  meta: {
    id: 'originality.copied-from-last-year',
    category: 'conformity',
    severity: 'warning',
    description: '正文与本机关上年度报告大面积重复',
    docs:
      '年度报告应反映本年度的工作，照抄上年度报告（只改年份和数字）属于国办公开办函〔2021〕30号通知所说的「敷衍塞责」。' +
      '地方考核已有量化口径，如宿迁市政务公开监测指标：年度报告「与上年度重复率大于50%的，扣0.5分」。' +
      '本规则估计本年度正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）中见于上年度报告的比例，' +
      '达到评分细则 thresholds.lastYearReuse（默认0.5）即报告。数字统一处理，改了年份的照抄同样能发现。',
    messages: {
      reused: '正文与本机关上年度报告重复率约{reuse}%（超过{threshold}%）',
    },
  },
  check(ctx) {
    const { previousSignature, previousText } = ctx.audit;
    if (!previousSignature && !previousText) return;
    const own = ownSignature(ctx);
    if (!own) return;
    const prev = previousSignature ?? signatureOfText(previousText!);
    const reuse = containment(own, prev);
    const min = ctx.rubric.thresholds.lastYearReuse;
    if (reuse < min) return;
    ctx.report({
      messageId: 'reused',
      data: { reuse: Math.round(reuse * 100), threshold: Math.round(min * 100) },
      span: ctx.parsed.sections.s1?.span ?? null,
      key: 'previous',
    });
  },
});
