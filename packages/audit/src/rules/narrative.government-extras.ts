import { defineRule } from '../rule';

const ITEMS: [string, RegExp][] = [
  ['工作考核', /考核|考评|绩效|评估/],
  ['社会评议', /社会评议|评议|第三方评估|满意度|群众评价|公众评价/],
  ['责任追究', /责任追究|追责|问责|追究责任/],
];

export default defineRule({
  meta: {
    id: 'narrative.government-extras',
    category: 'completeness',
    severity: 'warning',
    description: '人民政府的年度报告缺少工作考核、社会评议和责任追究结果情况',
    docs:
      '《中华人民共和国政府信息公开条例》第五十条规定，各级人民政府的年度报告还应当包括工作考核、社会评议和责任追究结果情况；' +
      '国办公开办函〔2021〕30号印发的格式将其列入“总体情况”的“监督保障”。本规则只适用于人民政府（不适用于政府部门），' +
      '在报告正文未见其中任何一项时报告，并列出未见的项目。',
    messages: {
      missing: '人民政府年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条），报告未见{missing}方面内容',
    },
  },
  check(ctx) {
    const kind = ctx.audit.agencyKind ?? ctx.parsed.agency.kind;
    if (kind !== 'government') return;
    const missing = ITEMS.filter(([, re]) => !re.test(ctx.text)).map(([name]) => `“${name}”`);
    if (!missing.length) return;
    ctx.report({
      messageId: 'missing',
      data: { missing: missing.join('') },
      span: ctx.parsed.sections.s1?.span ?? null,
      key: 'extras',
    });
  },
});
