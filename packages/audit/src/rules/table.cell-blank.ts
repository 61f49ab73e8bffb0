import { defineRule } from '../rule';
import { cellGroups, cellsSpan, groupKey, groupWhere } from '../helpers';

export default defineRule({
  meta: {
    id: 'table.cell-blank',
    category: 'completeness',
    severity: 'warning',
    description: '统计表单元格空白，未填数字（无数据应填“0”）',
    docs:
      '年度报告格式的三张统计表每一格都应填写；没有发生的事项填“0”。空白单元格使人无法分辨是“没有发生”还是“漏填”，也使勾稽关系无法核对。' +
      '这是上级政务公开主管部门和第三方评估普遍采用的填报口径（格式通知强调数据准确、完整）。' +
      '本规则把相邻且空白位置相同的行合并为一条问题；评分按空白格占应填格的比例扣分，个别空白扣分很少，大面积空白扣分很重。',
    messages: {
      blank: '{where}为空，无数据的应填“0”',
      allBlank: '{where}均为空，无数据的应填“0”',
    },
  },
  check(ctx) {
    for (const g of cellGroups(ctx.parsed, ctx.version, (k) => ctx.cell(k), (c) => c.state === 'blank')) {
      const { where, columns } = groupWhere(ctx.version, g);
      ctx.report({
        messageId: columns ? 'blank' : 'allBlank',
        data: { where },
        cells: g.cells,
        span: cellsSpan(g.cells, (k) => ctx.cell(k)),
        key: groupKey(g),
      });
    }
  },
});
