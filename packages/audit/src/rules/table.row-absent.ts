import { TABLE_LABEL, TABLE_SECTION, TEMPLATES } from '@nianbao/model';
import { defineRule, type Report } from '../rule';
import { cellGroups, cellsSpan, groupKey, groupWhere } from '../helpers';

export default defineRule({
  meta: {
    id: 'table.row-absent',
    category: 'completeness',
    severity: 'error',
    description: '统计表缺少模板规定的行或列（表格不完整）',
    docs:
      '年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）规定了三张统计表的全部行列。表格被截断（如表三缺少“（五）不予处理”以下各行或“四、结转下年度继续办理”），' +
      '或者行中缺少某些申请人列，所缺数据无从得知，勾稽关系也无法核对。相邻缺失的行合并为一条问题。' +
      '评分按缺失格占应填格的比例扣分，且重于空白单元格。2021年度报告沿用2019年版“（六）其他处理”单行的情形见 structure.legacy-other-handling。',
    messages: {
      tableAbsent: '{table}“{title}”缺失，{rows}行{cells}格均未填报',
      columnsAbsent: '{rows}缺少{columns}',
      rowsAbsent: '{rows}缺失（表格不完整）',
    },
  },
  check(ctx) {
    for (const g of cellGroups(ctx.parsed, ctx.version, (k) => ctx.cell(k), (c) => c.state === 'absent')) {
      const { rows, columns } = groupWhere(ctx.version, g);
      const table = TEMPLATES[ctx.version].tables.find((t) => t.id === g.table)!;
      const found: Pick<Report, 'messageId' | 'data'> = g.wholeTable
        ? { messageId: 'tableAbsent', data: { table: TABLE_LABEL[g.table], title: table.title, rows: g.rows.length, cells: g.cells.length } }
        : columns
          ? { messageId: 'columnsAbsent', data: { rows, columns } }
          : { messageId: 'rowsAbsent', data: { rows } };
      // absent cells have no place in the text: point at the table's section
      const span = cellsSpan(g.cells, (k) => ctx.cell(k)) ?? ctx.parsed.sections[TABLE_SECTION[g.table]]?.span ?? null;
      ctx.report({ ...found, cells: g.cells, span, key: groupKey(g) });
    }
  },
});
