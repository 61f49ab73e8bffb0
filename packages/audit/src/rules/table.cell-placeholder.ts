import { defineRule } from '../rule';
import { cellGroups, cellsSpan, groupKey, groupWhere } from '../helpers';

export default defineRule({
  meta: {
    id: 'table.cell-placeholder',
    category: 'completeness',
    severity: 'warning',
    description: '统计表单元格填写“—”“/”“无”等符号而非数字',
    docs:
      '年度报告统计表应填写数字，没有发生的事项填“0”。以“—”“/”“无”“空”等符号代替数字，与空白一样无法用于汇总统计和勾稽核对。' +
      '评分与空白单元格相同，按所占应填格比例扣分。',
    messages: {
      placeholder: '{where}填写{written}而非数字，无数据的应填“0”',
      allPlaceholder: '{where}均填写{written}而非数字，无数据的应填“0”',
    },
  },
  check(ctx) {
    for (const g of cellGroups(ctx.parsed, ctx.version, (k) => ctx.cell(k), (c) => c.state === 'dash')) {
      const { where, columns } = groupWhere(ctx.version, g);
      const written = [...new Set(g.cells.map((k) => ctx.cell(k).raw.trim()))].map((r) => `“${r}”`).join('');
      ctx.report({
        messageId: columns ? 'placeholder' : 'allPlaceholder',
        data: { where, written },
        cells: g.cells,
        span: cellsSpan(g.cells, (k) => ctx.cell(k)),
        key: groupKey(g),
      });
    }
  },
});
