import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'rectification.overdue',
    category: 'timeliness',
    severity: 'warning',
    description: '整改期限已过，整改通知书所列问题仍未整改（逾期未改）',
    docs:
      '政务公开工作主管部门对年度报告存在的问题下发整改通知书并规定整改期限；过了期限，本机关重新公布的报告中仍有通知书所列问题的，为逾期未改。' +
      '各地考评办法对逾期未改另行扣分（如鲤城区考评标准扣5分），扣分值在评分细则中设定，默认不扣分。' +
      '问题是否已整改，以该年度报告的最新版本中是否仍有该问题为准；全部整改后不再扣分。',
    messages: {
      overdue: '整改通知书（{issuedOn}下发）要求于{dueOn}前完成整改，截至{asOf}所列{items}项问题中仍有{open}项未整改，逾期未改',
    },
  },
  check(ctx) {
    const c = ctx.audit.rectification;
    if (!c || c.open <= 0 || c.asOf <= c.dueOn) return;
    ctx.report({
      messageId: 'overdue',
      data: { issuedOn: c.issuedOn, dueOn: c.dueOn, asOf: c.asOf, items: c.items, open: c.open },
      key: 'overdue',
    });
  },
});
