import { testRule } from '../rule-tester';
import rule from './table.cell-note';

testRule(rule, {
  valid: [{ name: 'plain numbers', report: {} }],
  invalid: [
    {
      name: 'an annotated cell (上海市人民政府办公厅)',
      report: { cells: { 't2.normativeDocs.repealed': '55（含自然失效 29 件）' } },
      findings: [
        {
          message: '表二“行政规范性文件”行“本年废止件数”列填写“55（含自然失效 29 件）”，数字按55计，附注已保留，请核实其口径',
          severity: 'info',
          category: 'conformity',
        },
      ],
    },
  ],
});
