import { defineRule } from '../rule';
import { cellGroups, cellLabel } from '../helpers';

export default defineRule({
  meta: {
    id: 'table.cell-text',
    category: 'completeness',
    severity: 'error',
    description: '统计表单元格填写了不是数字的文字',
    docs:
      '年度报告统计表的每一格都应是数字（件数、项数或金额）。填写“见附件”“详见正文”或说明文字的单元格无法统计和核对。' +
      '需要说明的情况应写入正文相应部分，表中填写数字。',
    messages: {
      text: '{cell}填写“{raw}”，不是数字',
    },
  },
  check(ctx) {
    for (const g of cellGroups(ctx.parsed, ctx.version, (k) => ctx.cell(k), (c) => c.state === 'text')) {
      for (const key of g.cells) {
        const c = ctx.cell(key);
        ctx.report({ messageId: 'text', data: { cell: cellLabel(ctx.version, key), raw: c.raw.trim() }, cells: [key], span: c.span });
      }
    }
  },
});
