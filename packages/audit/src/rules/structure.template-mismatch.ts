import { TEMPLATES, templateOf } from '@nianbao/model';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'structure.template-mismatch',
    category: 'conformity',
    severity: 'error',
    description: '统计表的版式与报告年度应使用的格式不符',
    docs:
      '2019、2020年度报告使用国办公开办函〔2019〕60号印发的格式；国办公开办函〔2021〕30号（2021年9月26日）印发新格式，自2021年度报告起使用。' +
      '两版的区别在表二（2021年版改为“本年制发件数、本年废止件数、现行有效件数”和“本年处理决定数量”等）和表三“（六）其他处理”（2021年版分为三行）。' +
      '2021年度及以后的报告仍用2019年版表格，或2020年度及以前的报告用了2021年版表格，即报告本规则。版式由表格栏目识别，不由年份推断。',
    messages: {
      mismatch: '{year}年度报告使用了{template}年版统计表（{notice}），应使用{expected}年版（{expectedNotice}）',
    },
  },
  check(ctx) {
    const { year, template } = ctx.parsed;
    if (year === null || template === 'unknown') return;
    const want = templateOf(year);
    if (template === want) return;
    ctx.report({
      messageId: 'mismatch',
      data: { year, template, notice: TEMPLATES[template].notice, expected: want, expectedNotice: TEMPLATES[want].notice },
      key: template,
    });
  },
});
