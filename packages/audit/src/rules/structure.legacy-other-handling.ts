import { T3_COLUMNS, T3_OTHER_HANDLING_2019 } from '@nianbao/model';
import { defineRule } from '../rule';
import { keepsLegacyOtherHandling, unionSpan } from '../helpers';

export default defineRule({
  meta: {
    id: 'structure.legacy-other-handling',
    category: 'conformity',
    severity: 'warning',
    description: '2021年版表三“（六）其他处理”仍按2019年版填为一行',
    docs:
      '国办公开办函〔2021〕30号印发的格式将表三“（六）其他处理”分为三行：“1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请”' +
      '“2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”“3.其他”，以反映《政府信息公开信息处理费管理办法》施行后的情况。' +
      '沿用2019年版单行的，本系统按该行数值核对勾稽关系，但三个分项无从得知，应按新格式分行填报。',
    messages: {
      legacyRow: 
        '表三“（六）其他处理”沿用2019年版的单行，2021年版格式应分为“1.申请人无正当理由逾期不补正”“2.申请人逾期未按收费通知要求缴纳费用”“3.其他”三行填报',
    },
  },
  check(ctx) {
    if (!keepsLegacyOtherHandling(ctx.parsed, ctx.version)) return;
    const cells = T3_COLUMNS.map((c) => `${T3_OTHER_HANDLING_2019.key}.${c.key}`);
    ctx.report({
      messageId: 'legacyRow',
      cells,
      span: unionSpan(cells.map((k) => ctx.cell(k).span)),
      key: 't3.otherHandling',
    });
  },
});
