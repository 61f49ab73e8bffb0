import { defineRule } from '../rule';
import { BROKEN_MESSAGES, reportBroken } from '../balance';

export default defineRule({
  meta: {
    id: 'balance.t3-applicants',
    category: 'accuracy',
    severity: 'error',
    description: '表三各行：总计≠自然人＋五类法人或其他组织之和',
    docs:
      '表三按申请人分列：自然人，法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他），最后是总计。' +
      '每一行的“总计”应等于前六列之和。不相等说明有申请人类别漏计、重计或总计填错。',
    messages: BROKEN_MESSAGES,
  },
  check(ctx) {
    reportBroken(ctx, 't3-applicants');
  },
});
