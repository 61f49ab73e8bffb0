import { defineRule } from '../rule';
import { fmt, rowLabel, show } from '../helpers';
import { previousOf } from '../history';

const ROWS = ['t2.regulations', 't2.normativeDocs'];

export default defineRule({
  meta: {
    id: 'history.in-force',
    category: 'accuracy',
    severity: 'warning',
    description: '2021年版表二：本年“现行有效件数”≠上年度现行有效件数＋本年制发－本年废止',
    docs:
      '2021年版格式（国办公开办函〔2021〕30号）表二对规章和行政规范性文件（条例第二十条第（一）项）报告“本年制发件数、本年废止件数、现行有效件数”。' +
      '按此口径，本年度现行有效件数应等于上年度报告的现行有效件数加本年制发、减本年废止。修订（制发的新文件替代旧文件）、自然失效等会使之合理地不相等，' +
      '故只作警告，提示核实口径。本规则仅比对两份都使用2021年版格式的相邻年度报告。',
    messages: {
      differs: '表二“{row}”行：现行有效件数({now})≠{previousYear}年度现行有效件数({before})+本年制发({issued})−本年废止({repealed})={expected}',
    },
  },
  check(ctx) {
    const prev = previousOf(ctx);
    if (!prev || ctx.version !== '2021' || prev.template !== '2021') return;
    for (const row of ROWS) {
      const now = ctx.cell(`${row}.inForce`);
      const issued = ctx.cell(`${row}.issued`);
      const repealed = ctx.cell(`${row}.repealed`);
      const before = prev.cells[`${row}.inForce`];
      if ([now, issued, repealed].some((c) => c.state !== 'value') || before?.state !== 'value') continue;
      const expected = before.value! + issued.value! - repealed.value!;
      if (now.value === expected) continue;
      ctx.report({
        messageId: 'differs',
        data: {
          row: rowLabel('2021', row),
          now: show(now),
          previousYear: prev.year ?? '上',
          before: show(before),
          issued: show(issued),
          repealed: show(repealed),
          expected: fmt(expected),
        },
        cells: [`${row}.inForce`, `${row}.issued`, `${row}.repealed`],
        span: now.span,
        key: row,
      });
    }
  },
});
