import { testRule } from '../rule-tester';
import { getDefaultRubric } from '../rubric';
import { buildReport } from '../testing';
import rule from './time.late';

testRule(rule, {
  valid: [
    { name: 'a department by 31 January (新余 2020-01-15)', report: { year: 2019, publishedOn: '2020-01-15' } },
    { name: 'on the day', report: { year: 2023, publishedOn: '2024-01-31' } },
    { name: 'a government by 31 March', report: { year: 2024, agency: '淮安市人民政府', publishedOn: '2025-03-20' } },
    { name: 'no date (another rule)', report: { publishedOn: null } },
    { name: 'a rubric with a later deadline for departments', report: { year: 2023, publishedOn: '2024-02-20' }, ctx: { rubric: rubricWith({ department: '02-28', government: '03-31' }) } },
  ],
  invalid: [
    {
      name: 'a department in February',
      report: { year: 2023, publishedOn: '2024-02-15' },
      findings: [{ message: '发布日期2024-02-15晚于规定期限2024-01-31，逾期15天（条例第四十九条：政府部门年度报告应于次年1月31日前公布）', severity: 'error', category: 'timeliness' }],
    },
    {
      name: 'a government in April',
      report: { year: 2024, agency: '测试县人民政府', publishedOn: '2025-04-01' },
      findings: ['发布日期2025-04-01晚于规定期限2025-03-31，逾期1天（条例第四十九条：人民政府年度报告应于次年3月31日前公布）'],
    },
    {
      name: 'a report without 落款, dated by its web page',
      report: (() => {
        const built = buildReport({ year: 2024, agency: '测试县人民政府', publishedOn: '2025-04-02' });
        return { report: { ...built.report, publishedFrom: 'page' as const }, text: built.text };
      })(),
      findings: ['发布日期2025-04-02（报告无落款日期，取发布网页的日期）晚于规定期限2025-03-31，逾期2天（条例第四十九条：人民政府年度报告应于次年3月31日前公布）'],
    },
  ],
});

function rubricWith(deadlines: { department: string; government: string }) {
  return { ...getDefaultRubric(), deadlines };
}
