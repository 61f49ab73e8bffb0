import { defineRule } from '../rule';
import { deadlineOf, daysBetween } from '../deadline';

export default defineRule({
  meta: {
    id: 'time.late',
    category: 'timeliness',
    severity: 'error',
    description: '年度报告晚于法定期限公布',
    docs:
      '《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布；' +
      '县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。' +
      '乡镇人民政府等按各省规定执行，期限按机关类型写在评分细则（deadlines）中，可以调整。发布日期取落款日期，没有落款时取发布网页或文件信息中的日期。' +
      '国办公开办函〔2021〕30号通知指出，未按时公布的应依照条例第四十七条追究责任。',
    messages: {
      late: '发布日期{publishedOn}晚于规定期限{deadline}，逾期{days}天（{rule}）',
      latePageDate: '发布日期{publishedOn}（报告无落款日期，取发布网页的日期）晚于规定期限{deadline}，逾期{days}天（{rule}）',
    },
  },
  check(ctx) {
    const { publishedOn } = ctx.parsed;
    const d = deadlineOf(ctx);
    if (!publishedOn || !d || publishedOn <= d.date) return;
    ctx.report({
      messageId: ctx.parsed.publishedFrom === 'page' ? 'latePageDate' : 'late',
      data: { publishedOn, deadline: d.date, days: daysBetween(d.date, publishedOn), rule: d.rule },
      key: 'late',
    });
  },
});
