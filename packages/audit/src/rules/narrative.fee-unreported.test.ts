import { testRule } from '../rule-tester';
import rule from './narrative.fee-unreported';

testRule(rule, {
  valid: [
    { name: 'fee stated', report: {} },
    { name: 'no section 六 at all (structure.section-missing reports that)', report: { sections: { s6: false } } },
    { name: '「无」', report: { sections: { s6: '无。' } } },
    { name: 'not collected (沭阳)', report: { sections: { s6: '2023年度，县发展和改革局政府信息公开未发生收费情况。' } } },
    { name: '2019 reports', report: { year: 2019, sections: { s6: '本年度我局积极办理人大代表建议和政协提案。' } } },
  ],
  invalid: [
    {
      name: 'other matters only',
      report: { sections: { s6: '本年度我局积极办理人大代表建议和政协提案，办理结果均已公开。' } },
      findings: [{ message: '第六部分“其他需要报告的事项”未说明本年度信息处理费收取情况', severity: 'info' }],
    },
  ],
});
