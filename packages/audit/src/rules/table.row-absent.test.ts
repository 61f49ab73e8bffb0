import { expect } from 'vitest';
import { T3_COLUMNS, cellKeys } from '@nianbao/model';
import { testRule } from '../rule-tester';
import rule from './table.row-absent';

const rows = (...prefixes: string[]) => (version: '2019' | '2021') =>
  Object.fromEntries(cellKeys(version).filter((k) => prefixes.some((p) => k.startsWith(`${p}.`))).map((k) => [k, null]));
const truncated = rows(
  't3.notProcessed.complaint',
  't3.notProcessed.duplicate',
  't3.notProcessed.publication',
  't3.notProcessed.massRepeated',
  't3.notProcessed.confirmation',
  't3.otherHandling',
  't3.totalProcessed',
  't3.carriedForward',
)('2019');
const legacy = Object.fromEntries([
  ...T3_COLUMNS.map((c) => [`t3.otherHandling.${c.key}`, '0']),
  ...['overdueCorrection', 'overdueFee', 'other'].flatMap((r) => T3_COLUMNS.map((c) => [`t3.otherHandling.${r}.${c.key}`, null])),
]);

testRule(rule, {
  valid: [
    { name: 'complete tables', report: {} },
    { name: 'a 2021 report keeping the single （六） row (another rule)', report: { cells: legacy } },
  ],
  invalid: [
    {
      name: 'table 三 truncated after （四） (南开)',
      report: { year: 2019, cells: truncated },
      findings: [
        {
          message: '表三自“（五）1.信访举报投诉类申请”至“四、结转下年度继续办理”共8行缺失（表格不完整）',
          cells: Object.keys(truncated),
          severity: 'error',
          fingerprint: 'table.row-absent:t3.notProcessed.complaint..t3.carriedForward:*',
        },
      ],
    },
    {
      name: 'a row short of two columns',
      report: { cells: { 't3.granted.legalService': null, 't3.granted.otherOrg': null } },
      findings: ['表三“（一）予以公开”行缺少“法律服务机构”“其他”列'],
    },
    {
      name: 'a whole table',
      report: { cells: rows('t4.review', 't4.litigationDirect', 't4.litigationAfterReview')('2021') },
      findings: [{ message: '表四“政府信息公开行政复议、行政诉讼情况”缺失，3行15格均未填报', span: expect.any(Array) }],
    },
  ],
});
