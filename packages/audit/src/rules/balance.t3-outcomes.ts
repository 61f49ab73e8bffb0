import { defineRule } from '../rule';
import { BROKEN_MESSAGES, reportBroken } from '../balance';

export default defineRule({
  meta: {
    id: 'balance.t3-outcomes',
    category: 'accuracy',
    severity: 'error',
    description: '表三各列：（七）总计≠（一）至（六）各项办理结果之和',
    docs:
      '表三“三、本年度办理结果”的“（七）总计”是（一）予以公开、（二）部分公开、（三）不予公开1—8、（四）无法提供1—3、（五）不予处理1—5、' +
      '（六）其他处理（2019年版一行，2021年版三行）之和。表格结构本身决定了这一关系，上级主管部门和第三方评估都据此核对。' +
      '“（二）部分公开”注明“区分处理的，只计这一情形，不计其他情形”，每件申请只计入一种结果，故各项相加应等于总计。',
    messages: BROKEN_MESSAGES,
  },
  check(ctx) {
    reportBroken(ctx, 't3-outcomes');
  },
});
