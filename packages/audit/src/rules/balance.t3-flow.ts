import { defineRule } from '../rule';
import { BROKEN_MESSAGES, reportBroken } from '../balance';

export default defineRule({
  meta: {
    id: 'balance.t3-flow',
    category: 'accuracy',
    severity: 'error',
    description: '表三各列：本年新收＋上年结转≠办理结果总计＋结转下年度',
    docs:
      '表三表头注明：“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”，即每一列都应满足' +
      '“一、本年新收”＋“二、上年结转”＝“三、本年度办理结果（七）总计”＋“四、结转下年度继续办理”。这是格式本身印明的勾稽关系。' +
      '不相等即报告；有空白单元格时，只有在无论空格填何数都不能平衡时才报告为错误，其余情形见 balance.unverifiable；' +
      '所需的行缺失（表格不完整）时不作比较，只由 table.row-absent 报告，一个原因只报告一次。',
    messages: BROKEN_MESSAGES,
  },
  check(ctx) {
    reportBroken(ctx, 't3-flow');
  },
});
