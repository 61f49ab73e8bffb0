import { defineRule } from '../rule';
import { cellGroups, cellLabel, fmt } from '../helpers';

export default defineRule({
  meta: {
    id: 'table.cell-note',
    category: 'conformity',
    severity: 'info',
    description: '统计表单元格在数字旁附有说明文字',
    docs:
      '有的报告在单元格数字旁加注说明，如“22（其中修订16件）”“55（含自然失效29件）”。本系统按数字读取，同时保留附注，' +
      '以本规则提示审阅人核对附注含义（例如附注是否改变了该格的统计口径）。格式上，说明宜写入正文，表中只填数字。',
    messages: {
      note: '{cell}填写“{raw}”，数字按{value}计，附注已保留，请核实其口径',
    },
  },
  check(ctx) {
    for (const g of cellGroups(ctx.parsed, ctx.version, (k) => ctx.cell(k), (c) => c.state === 'value' && !!c.note)) {
      for (const key of g.cells) {
        const c = ctx.cell(key);
        ctx.report({
          messageId: 'note',
          data: { cell: cellLabel(ctx.version, key), raw: c.raw.trim(), value: fmt(c.value!) },
          cells: [key],
          span: c.span,
        });
      }
    }
  },
});
