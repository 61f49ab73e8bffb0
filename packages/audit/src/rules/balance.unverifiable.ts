import { defineRule } from '../rule';
import { identityCells, identityResults, identitySpan } from '../balance';
import { gapData } from '../helpers';

export default defineRule({
  meta: {
    id: 'balance.unverifiable',
    category: 'accuracy',
    severity: 'warning',
    description: '因单元格空白或缺失，勾稽关系无法核对',
    docs:
      '表三、表四的勾稽关系（见 balance.t3-flow、balance.t3-outcomes、balance.t3-applicants、balance.t4-totals）要求相关单元格都填有数字。' +
      '有空白、缺失或符号的单元格时：若按“无则填0”读作0即可平衡，不再报告（空白本身由 table.cell-blank 报告）；' +
      '若任何填法都不能平衡，报告为相应的错误；若只有空格填入某个数才能平衡，则由本规则报告，并指出差额，便于核实补正。' +
      '全部相关单元格都没有数字的，由完整性规则报告，这里不再重复。',
    messages: { gap: '{where}：{lhs}与{rhs}相差{gap}，{missing}未填数字，勾稽关系无法核对' },
  },
  check(ctx) {
    for (const res of identityResults(ctx)) {
      if (res.status !== 'unverifiable') continue;
      ctx.report({
        messageId: 'gap',
        data: gapData(res, (k) => ctx.cell(k)),
        cells: identityCells(res),
        span: identitySpan(ctx, res),
        key: `${res.identity.kind}:${res.identity.key}`,
      });
    }
  },
});
