import { defineRule } from '../rule';
import { deadlineOf } from '../deadline';

export default defineRule({
  meta: {
    id: 'time.unknown',
    category: 'timeliness',
    severity: 'info',
    description: '没有发布日期，无法判断是否按时公布',
    docs:
      '判断是否在《中华人民共和国政府信息公开条例》第四十九条规定的期限内公布，需要报告的落款日期或发布网页上的公开日期。两者都没有时，无法确认按时公布，' +
      '评分按评分细则扣减部分“发布及时性”分数。已知报告在期限之前就已收录（审查上下文中的 today 不晚于期限）的，视为按时，不报告。',
    messages: {
      unknown: '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布',
    },
  },
  check(ctx) {
    if (ctx.parsed.publishedOn) return;
    const d = deadlineOf(ctx);
    if (d && ctx.audit.today && ctx.audit.today <= d.date) return;
    ctx.report({ messageId: 'unknown', key: 'unknown' });
  },
});
