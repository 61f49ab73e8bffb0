import { testRule } from '../rule-tester';
import rule from './meta.agency-missing';

testRule(rule, {
  valid: [
    { name: 'named in the text', report: {} },
    { name: 'named in portal metadata', report: { agency: { name: '沭阳县发展和改革局', source: 'metadata' } } },
  ],
  invalid: [
    { name: 'never named', report: { agency: null }, findings: ['报告标题和落款均未写明发布机关名称'] },
    {
      name: 'only the file name tells',
      report: { agency: { name: '某某局', source: 'filename' } },
      findings: ['报告标题和落款均未写明发布机关名称（机关名称“某某局”仅能从文件名得知）'],
    },
  ],
});
