import { defineRule } from '../rule';
import { BROKEN_MESSAGES, reportBroken } from '../balance';

export default defineRule({
  meta: {
    id: 'balance.t4-totals',
    category: 'accuracy',
    severity: 'error',
    description: '表四各组：总计≠结果维持＋结果纠正＋其他结果＋尚未审结',
    docs:
      '表四分行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组，每组分“结果维持、结果纠正、其他结果、尚未审结、总计”五列，' +
      '对应《中华人民共和国政府信息公开条例》第五十条第（三）项“因政府信息公开工作被申请行政复议、提起行政诉讼的情况”。每组的总计应等于前四列之和。',
    messages: BROKEN_MESSAGES,
  },
  check(ctx) {
    reportBroken(ctx, 't4-totals');
  },
});
