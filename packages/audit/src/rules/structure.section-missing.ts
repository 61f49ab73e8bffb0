import { SECTIONS } from '@nianbao/model';
import { defineRule } from '../rule';
import { sectionName } from '../helpers';

export default defineRule({
  meta: {
    id: 'structure.section-missing',
    category: 'conformity',
    severity: 'error',
    description: '缺少年度报告格式规定的六个部分之一',
    docs:
      '《中华人民共和国政府信息公开条例》第五十条规定年度报告应当包括主动公开、依申请公开、行政复议和行政诉讼、存在的主要问题及改进情况、其他需要报告的事项等内容；' +
      '国办公开办函〔2019〕60号、〔2021〕30号印发的年度报告格式据此统一为六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；' +
      '四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。〔2021〕30号通知要求内容「不能遗漏」。' +
      '任何一部分缺失即报告本规则；没有需要报告的事项时，也应保留该部分并写明“无”。',
    messages: {
      missing: '缺少{section}',
      missingOther: '缺少{section}；无相关事项的，也应保留本部分并写明“无”',
    },
  },
  check(ctx) {
    for (const def of SECTIONS) {
      if (ctx.parsed.sections[def.id]?.present) continue;
      ctx.report({ messageId: def.id === 's6' ? 'missingOther' : 'missing', data: { section: sectionName(def.id) }, key: def.id });
    }
  },
});
