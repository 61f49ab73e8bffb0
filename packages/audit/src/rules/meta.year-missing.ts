import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'meta.year-missing',
    category: 'completeness',
    severity: 'warning',
    description: '报告没有写明所报告的年度',
    docs:
      '年度报告应在标题和正文中写明报告年度（如“2024年政府信息公开工作年度报告”“本报告所列数据的统计期限自2024年1月1日至2024年12月31日”）。' +
      '年度不明，既无法判断应使用的格式版本（国办公开办函〔2019〕60号或〔2021〕30号），也无法按《中华人民共和国政府信息公开条例》第四十九条判断是否按时公布。',
    messages: {
      missing: '报告没有写明所报告的年度',
    },
  },
  check(ctx) {
    if (ctx.parsed.year === null) ctx.report({ messageId: 'missing', key: 'year' });
  },
});
