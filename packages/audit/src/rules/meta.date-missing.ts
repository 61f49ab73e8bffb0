import { defineRule } from '../rule';
import { signatureDate } from '../helpers';

export default defineRule({
  meta: {
    id: 'meta.date-missing',
    category: 'completeness',
    severity: 'warning',
    description: '报告没有落款日期',
    docs:
      '公文式的年度报告应在末尾落款写明机关名称和成文日期。《中华人民共和国政府信息公开条例》第四十九条规定了年度报告的公布期限，' +
      '没有落款日期的报告只能依靠网站发布时间判断是否按时公布；报告转载、汇编后，这一信息即告丢失。',
    messages: {
      missing: '报告末尾没有落款日期',
      pageDateOnly: '报告末尾没有落款日期（发布日期{publishedOn}仅见于网页或文件信息）',
    },
  },
  check(ctx) {
    if (signatureDate(ctx.text)) return;
    const { publishedOn } = ctx.parsed;
    if (publishedOn) ctx.report({ messageId: 'pageDateOnly', data: { publishedOn }, key: 'date' });
    else ctx.report({ messageId: 'missing', key: 'date' });
  },
});
