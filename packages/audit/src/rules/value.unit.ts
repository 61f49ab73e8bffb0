import { defineRule } from '../rule';
import { cellLabel, fmt, tablePlan } from '../helpers';

export default defineRule({
  meta: {
    id: 'value.unit',
    category: 'accuracy',
    severity: 'warning',
    description: '单元格内写明的单位与本列单位不同（已折算）',
    docs:
      '统计表各列有统一单位：2021年版表二“本年收费金额”注明“单位：万元”；2019年版“采购总金额”未印单位，本系统统一按万元计。' +
      '单元格内另写单位（如在万元列填“98850元”）时，本系统按所写单位折算（98850元＝9.885万元）并报告，以便核实所写单位是否确实无误。' +
      '模板印有单位的列，单位不符报告为警告；模板未印单位的列只作提示。',
    messages: {
      converted: '{cell}填写“{raw}”，与本列单位“{unit}”不同，已折算为{value}{unit}',
      convertedUnprinted: '{cell}填写“{raw}”，本列模板未印单位，统一按“{unit}”计，已折算为{value}{unit}',
      mismatch: '{cell}填写“{raw}”，单位“{written}”与本列“{unit}”不符，未能折算',
    },
  },
  check(ctx) {
    for (const { rows } of tablePlan(ctx.parsed, ctx.version)) {
      for (const { row, keys } of rows) {
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i]!;
          const column = row.columns[i]!;
          const c = ctx.cell(key);
          if (c.state !== 'value' || !c.unit || !column.unit) continue;
          const printed = column.label.includes('单位');
          // the parser converts 元 and 万元 where they differ from the column's, and every column with a unit is in 万元
          const converted = c.unit === '元';
          const messageId = !converted ? 'mismatch' : printed ? 'converted' : 'convertedUnprinted';
          const data = { cell: cellLabel(ctx.version, key), raw: c.raw.trim(), unit: column.unit, written: c.unit, value: fmt(c.value!) };
          ctx.report({ messageId, data, cells: [key], span: c.span, severity: printed || !converted ? 'warning' : 'info' });
        }
      }
    }
  },
});
