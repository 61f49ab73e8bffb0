import { SECTIONS } from '@nianbao/model';
import { defineRule } from '../rule';
import { headingSpan, sectionName, titleOf } from '../helpers';

const fold = (s: string) => s.normalize('NFKC').replace(/[^\u3400-\u9fff0-9a-z]/g, '');

export default defineRule({
  meta: {
    id: 'structure.section-title',
    category: 'conformity',
    severity: 'info',
    description: '部分标题的文字与模板不同',
    docs:
      '年度报告格式规定了六个部分的标题文字，例如“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”。' +
      '实际报告常有“政府信息公开工作的基本情况”“存在的主要问题及改进措施”等改写，内容不受影响，故本规则只作提示，供统一格式时参考。' +
      '标题前加“政府信息公开工作”字样视为与模板一致。',
    messages: {
      differs: '{section}的标题为“{title}”，与模板“{expected}”不一致',
    },
  },
  check(ctx) {
    const { text, parsed } = ctx;
    for (const def of SECTIONS) {
      const s = parsed.sections[def.id];
      if (!s?.present) continue;
      const title = titleOf(s);
      const folded = fold(title);
      if (folded === fold(def.title) || folded === fold(`政府信息公开工作${def.title}`)) continue;
      ctx.report({
        messageId: 'differs',
        data: { section: sectionName(def.id), title, expected: def.title },
        span: headingSpan(text, s),
        key: def.id,
      });
    }
  },
});
