import { T3_COLUMNS } from '@nianbao/model';
import { defineRule } from '../rule';
import { show, unionSpan } from '../helpers';
import { previousOf } from '../history';

export default defineRule({
  meta: {
    id: 'history.carry-over',
    category: 'accuracy',
    severity: 'error',
    description: '本年“上年结转”与本机关上年度报告的“结转下年度继续办理”不一致',
    docs:
      '上一年度未办结、结转到本年度继续办理的申请，就是本年度的“二、上年结转政府信息公开申请数量”。因此本年度表三“上年结转”各列，' +
      '应与同一机关上年度报告表三“四、结转下年度继续办理”相应列相等（两版格式的表三这两行相同）。不相等说明某一年的数据有误，或有申请被遗漏。' +
      '本规则需要同一机关上一年度的报告，两份报告年度不相连时不比对。',
    messages: {
      differs: '表三“{column}”列：本年度“上年结转”({now})≠{previousYear}年度报告“结转下年度继续办理”({before})',
    },
  },
  check(ctx) {
    const prev = previousOf(ctx);
    if (!prev) return;
    for (const col of T3_COLUMNS) {
      const now = ctx.cell(`t3.carriedOver.${col.key}`);
      const before = prev.cells[`t3.carriedForward.${col.key}`];
      if (now.state !== 'value' || before?.state !== 'value' || now.value === before.value) continue;
      ctx.report({
        messageId: 'differs',
        data: { column: col.label, now: show(now), previousYear: prev.year ?? '上', before: show(before) },
        cells: [`t3.carriedOver.${col.key}`],
        span: unionSpan([now.span]),
        key: col.key,
      });
    }
  },
});
