import { defineRule } from '../rule';
import { cellLabel, fmt, tablePlan } from '../helpers';

export default defineRule({
  meta: {
    id: 'value.invalid',
    category: 'accuracy',
    severity: 'error',
    description: '数值不合常理：件数为负数或小数，或数值大得不可信',
    docs:
      '统计表中的件数、项目数是非负整数；只有2019年版表二的“本年增/减”可以为负数，金额可以有小数。' +
      '件数为负数或小数、金额为负数，或者数值大得不可信（超过评分细则 thresholds 中的 maxCount、maxApplications、maxAmount），' +
      '多为录入错误、单位错误或把其他数据填进了表格，应核实更正。',
    messages: {
      negativeAmount: '{cell}金额为负数({value})',
      hugeAmount: '{cell}金额{value}万元大得不合常理，请核实单位和数值',
      negativeCount: '{cell}为负数({value})，件数不能为负',
      fraction: '{cell}为小数({value})，件数应为整数',
      huge: '{cell}数值{value}大得不合常理，请核实',
    },
  },
  check(ctx) {
    const { maxCount, maxApplications, maxAmount } = ctx.rubric.thresholds;
    for (const { table, rows } of tablePlan(ctx.parsed, ctx.version)) {
      for (const { row, keys } of rows) {
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          const c = ctx.cell(key);
          if (c.state !== 'value') continue;
          const v = c.value!;
          const kind = row.columns[i]!.kind;
          let problem: string | null = null;
          if (kind === 'amount') {
            if (v < 0) problem = 'negativeAmount';
            else if (v > maxAmount) problem = 'hugeAmount';
          } else {
            if (v < 0 && kind === 'count') problem = 'negativeCount';
            else if (!Number.isInteger(v)) problem = 'fraction';
            else if (Math.abs(v) > (table === 't2' ? maxCount : maxApplications)) problem = 'huge';
          }
          if (problem) ctx.report({ messageId: problem, data: { cell: cellLabel(ctx.version, key), value: fmt(v) }, cells: [key], span: c.span });
        }
      }
    }
  },
});
