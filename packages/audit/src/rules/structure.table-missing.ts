import { TABLE_LABEL, TABLE_SECTION, TEMPLATES } from '@nianbao/model';
import { defineRule } from '../rule';
import { tablePlan } from '../helpers';

export default defineRule({
  meta: {
    id: 'structure.table-missing',
    category: 'conformity',
    severity: 'error',
    description: '缺少表二、表三或表四中的整张统计表',
    docs:
      '年度报告格式以三张统计表报告《中华人民共和国政府信息公开条例》第五十条第（一）至（三）项要求的数据：表二“主动公开政府信息情况”（条例第二十条各项），' +
      '表三“收到和处理政府信息公开申请情况”，表四“政府信息公开行政复议、行政诉讼情况”。整张表缺失时，上级无法汇总统计，' +
      '也无法核对勾稽关系。表中个别行缺失见 table.row-absent。',
    messages: {
      missing: '缺少{table}“{title}”',
    },
  },
  check(ctx) {
    for (const plan of tablePlan(ctx.parsed, ctx.version)) {
      if (plan.rows.some((r) => r.keys.some((k) => ctx.cell(k).state !== 'absent'))) continue;
      const table = TEMPLATES[ctx.version].tables.find((t) => t.id === plan.table)!;
      const section = ctx.parsed.sections[TABLE_SECTION[table.id]];
      ctx.report({
        messageId: 'missing',
        data: { table: TABLE_LABEL[table.id], title: table.title },
        span: section?.present ? section.span : null,
        key: table.id,
      });
    }
  },
});
