import { SECTIONS } from '@nianbao/model';
import { defineRule } from '../rule';
import { headingSpan, numberOf, quoteHeading, sectionName, sectionOrdinal } from '../helpers';

export default defineRule({
  meta: {
    id: 'structure.section-numbering',
    category: 'conformity',
    severity: 'warning',
    description: '部分标题未按模板使用“一、”至“六、”中文序号',
    docs:
      '年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）以“一、”至“六、”的中文序号编排六个部分。' +
      '标题改用阿拉伯数字（如“1、”“5、”）、序号与模板位置不符（如第二部分编为“一、”），或者没有序号，都属于格式不规范，' +
      '会影响上级汇总审阅时的对照查找。本规则逐个部分报告其标题与模板序号的差异。',
    messages: {
      arabic: '{section}的标题“{heading}”使用阿拉伯数字序号“{number}”，模板为“{ordinal}、”',
      wrongOrdinal: '{section}的标题“{heading}”序号为“{number}”，模板为“{ordinal}、”',
      unnumbered: '{section}的标题“{heading}”没有序号，模板为“{ordinal}、”',
    },
  },
  check(ctx) {
    const { text, parsed } = ctx;
    for (const def of SECTIONS) {
      const s = parsed.sections[def.id];
      if (!s?.present) continue;
      const heading = quoteHeading(s.heading ?? '');
      const number = numberOf(s);
      const span = headingSpan(text, s);
      if (s.numbering === 'chinese' && s.ordinal === sectionOrdinal(def.id)) continue;
      const messageId = s.numbering === 'arabic' ? 'arabic' : s.numbering === 'chinese' ? 'wrongOrdinal' : 'unnumbered';
      const data = { section: sectionName(def.id), heading, number, ordinal: sectionOrdinal(def.id) };
      ctx.report({ messageId, data, span, key: def.id });
    }
  },
});
