import { defineRule } from '../rule';
import { fmt, rowLabel, show } from '../helpers';
import { previousOf } from '../history';

const ROWS = ['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees'];

export default defineRule({
  meta: {
    id: 'history.item-count',
    category: 'accuracy',
    severity: 'warning',
    description: '2019年版表二：本年“上一年项目数量”≠上年度报告的“上一年项目数量”＋“本年增/减”',
    docs:
      '2019年版格式（国办公开办函〔2019〕60号）表二对行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费（条例第二十条第（五）（六）（八）项）' +
      '报告“上一年项目数量”和“本年增/减”。按此口径，本年度的“上一年项目数量”应等于上年度报告的“上一年项目数量”加上年度的“本年增/减”。' +
      '事项清单调整、口径变化可能使之合理地不相等，故只作警告。本规则仅比对两份都使用2019年版格式的相邻年度报告。',
    messages: {
      differs: '表二“{row}”行：本年度“上一年项目数量”({now})≠{previousYear}年度报告的上一年项目数量({base})+本年增/减({change})={expected}',
    },
  },
  check(ctx) {
    const prev = previousOf(ctx);
    if (!prev || ctx.version !== '2019' || prev.template !== '2019') return;
    for (const row of ROWS) {
      const now = ctx.cell(`${row}.previousCount`);
      const base = prev.cells[`${row}.previousCount`];
      const change = prev.cells[`${row}.change`];
      if (now.state !== 'value' || base?.state !== 'value' || change?.state !== 'value') continue;
      const expected = base.value! + change.value!;
      if (now.value === expected) continue;
      ctx.report({
        messageId: 'differs',
        data: {
          row: rowLabel('2019', row),
          now: show(now),
          previousYear: prev.year ?? '上',
          base: show(base),
          change: show(change),
          expected: fmt(expected),
        },
        cells: [`${row}.previousCount`],
        span: now.span,
        key: row,
      });
    }
  },
});
