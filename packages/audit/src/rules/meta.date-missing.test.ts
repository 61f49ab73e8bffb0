import { testRule } from '../rule-tester';
import rule from './meta.date-missing';

testRule(rule, {
  valid: [
    { name: '落款 with a date', report: {} },
    { name: 'a date in Chinese numerals', report: { signature: '测试市测试局\n二〇二二年一月十日' } },
    { name: 'a date followed by a page number', report: { signature: '测试市测试局\n2022年1月10日\n\n-6-\n' } },
  ],
  invalid: [
    { name: 'no 落款 (南开)', report: { year: 2019, signature: '', publishedOn: null }, findings: [{ message: '报告末尾没有落款日期', fingerprint: 'meta.date-missing:date' }] },
    {
      name: 'a date only in the portal metadata',
      report: { signature: '测试市测试局', publishedOn: '2022-01-17' },
      findings: ['报告末尾没有落款日期（发布日期2022-01-17仅见于网页或文件信息）'],
    },
    {
      name: 'the statistics period is not a 落款',
      report: { signature: '本报告统计期限为2021年1月1日至2021年12月31日，如有疑问请来电咨询。', publishedOn: null },
      findings: ['报告末尾没有落款日期'],
    },
  ],
});
