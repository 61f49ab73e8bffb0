import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'meta.date-implausible',
    category: 'accuracy',
    severity: 'warning',
    description: '发布日期不合常理（早于报告年度结束，或晚于收录日期）',
    docs:
      '年度报告总结一个完整年度的数据，成文日期应在报告年度结束之后（通常为次年1月至3月）。落款日期早于报告年度的12月31日，' +
      '或晚于报告被收录的日期，多为笔误（如把“2025年1月”写成“2024年1月”），会影响按《中华人民共和国政府信息公开条例》第四十九条对公布时限的判断，应予核实更正。',
    messages: {
      early: '发布日期{publishedOn}早于{year}年度结束，请核实落款日期',
      future: '发布日期{publishedOn}晚于报告收录日期{today}，请核实落款日期',
    },
  },
  check(ctx) {
    const { publishedOn, year } = ctx.parsed;
    if (!publishedOn) return;
    if (year !== null && publishedOn <= `${year}-12-31`) {
      ctx.report({ messageId: 'early', data: { publishedOn, year }, key: 'early' });
    } else if (ctx.audit.today && publishedOn > ctx.audit.today) {
      ctx.report({ messageId: 'future', data: { publishedOn, today: ctx.audit.today }, key: 'future' });
    }
  },
});
