import { testRule } from '../rule-tester';
import rule from './structure.template-mismatch';

testRule(rule, {
  valid: [
    { name: '2019 layout for 2019', report: { year: 2019, template: '2019' } },
    { name: '2019 layout for 2020', report: { year: 2020, template: '2019' } },
    { name: '2021 layout for 2024', report: { year: 2024, template: '2021' } },
    { name: 'unknown layout', report: { year: 2024, template: 'unknown' } },
    { name: 'unknown year', report: { year: null, template: '2019' } },
  ],
  invalid: [
    {
      name: '2019 layout in a 2021 report',
      report: { year: 2021, template: '2019' },
      findings: ['2021年度报告使用了2019年版统计表（国办公开办函〔2019〕60号），应使用2021年版（国办公开办函〔2021〕30号）'],
    },
    {
      name: '2021 layout in a 2020 report',
      report: { year: 2020, template: '2021' },
      findings: ['2020年度报告使用了2021年版统计表（国办公开办函〔2021〕30号），应使用2019年版（国办公开办函〔2019〕60号）'],
    },
  ],
});
