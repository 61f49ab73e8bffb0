import { testRule } from '../rule-tester';
import rule from './time.unknown';

testRule(rule, {
  valid: [
    { name: 'a date', report: {} },
    { name: 'no date, but collected before the deadline', report: { year: 2023, publishedOn: null }, ctx: { today: '2024-01-20' } },
    { name: 'no date, collected on the deadline day itself (31 January)', report: { year: 2023, publishedOn: null }, ctx: { today: '2024-01-31' } },
    { name: 'no date, a 人民政府 collected on 31 March', report: { year: 2023, publishedOn: null, agency: '测试县人民政府' }, ctx: { today: '2024-03-31' } },
  ],
  invalid: [
    { name: 'no date at all', report: { publishedOn: null }, findings: [{ message: '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布', severity: 'info' }] },
    { name: 'no date, collected the day after the deadline', report: { year: 2023, publishedOn: null }, ctx: { today: '2024-02-01' }, findings: ['报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'] },
    { name: 'no date and no year: no deadline to compare with', report: { year: null, publishedOn: null }, ctx: { today: '2024-01-20' }, findings: ['报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'] },
    { name: 'no date, collected after the deadline', report: { year: 2023, publishedOn: null }, ctx: { today: '2024-03-01' }, findings: ['报告没有落款日期，也没有发布日期信息，无法判断是否按时公布'] },
  ],
});
