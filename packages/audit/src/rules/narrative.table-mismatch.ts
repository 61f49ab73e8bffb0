import type { Span } from '@nianbao/model';
import { defineRule, type RuleContext } from '../rule';
import { cellLabel, fmt, show } from '../helpers';
import { compact, statedFigures, type Figure, type Quantity } from '../narrative';

interface Target {
  /** The cells the figure is compared with. */
  cells: string[];
  /** How they are named in the message (built only for a finding). */
  label(): string;
  /** Figures the table supports (only from cells holding numbers). */
  accepted(f: Figure): number[];
}

function targets(ctx: RuleContext): Record<Quantity, Target> {
  const v = (k: string) => {
    const c = ctx.cell(k);
    return c.state === 'value' ? c.value! : null;
  };
  const some = (...xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
  const docs = (row: 't2.normativeDocs' | 't2.regulations'): Target => {
    const cols = ctx.version === '2021' ? ['issued'] : ['made', 'published'];
    const cells = cols.map((c) => `${row}.${c}`);
    return {
      cells,
      label: () =>
        cells.length === 1 ? cellLabel(ctx.version, cells[0]!) : `${cellLabel(ctx.version, cells[0]!).replace(/“[^”]*”列$/, '')}“本年新制作数量”“本年新公开数量”列`,
      accepted: () => some(...cells.map(v)),
    };
  };
  return {
    newReceived: {
      cells: ['t3.newReceived.total'],
      label: () => cellLabel(ctx.version, 't3.newReceived.total'),
      accepted: (f) => {
        const nr = v('t3.newReceived.total');
        const co = v('t3.carriedOver.total');
        return some(nr, f.includesCarriedOver && nr !== null && co !== null ? nr + co : null);
      },
    },
    carriedOver: {
      cells: ['t3.carriedOver.total'],
      label: () => cellLabel(ctx.version, 't3.carriedOver.total'),
      accepted: () => some(v('t3.carriedOver.total')),
    },
    review: {
      cells: ['t4.review.total'],
      label: () => cellLabel(ctx.version, 't4.review.total'),
      accepted: () => {
        const total = v('t4.review.total');
        const pending = v('t4.review.pending');
        return some(total, total !== null && pending !== null ? total - pending : null);
      },
    },
    litigation: {
      cells: ['t4.litigationDirect.total', 't4.litigationAfterReview.total'],
      label: () => '表四行政诉讼“未经复议直接起诉”“复议后起诉”两组的“总计”',
      accepted: () => {
        const a = v('t4.litigationDirect.total');
        const b = v('t4.litigationAfterReview.total');
        return some(a, b, a !== null && b !== null ? a + b : null);
      },
    },
    normativeDocs: docs('t2.normativeDocs'),
    regulations: docs('t2.regulations'),
  };
}

export default defineRule({
  meta: {
    id: 'narrative.table-mismatch',
    category: 'accuracy',
    severity: 'error',
    description: '正文所述数字与统计表不一致',
    docs:
      '年度报告正文常概述全年数据，如“全年收到政府信息公开申请34件”“政府信息公开行政复议351件”“公开行政规范性文件34件”，这些数字应与表二、表三、表四相应单元格一致。' +
      '本规则读取正文中的阿拉伯数字和中文数字（“1件”“一件”“两件”“三百二十一件”），只在句子明确说的是同一数量、同一范围时才比对：' +
      '人大代表建议、政协提案、信访投诉、网络问政等不是政府信息公开申请；部门报告中的“全市”“各部门”数字范围不同；按季度、月份的数字不比；' +
      '“政策性文件”不等于规范性文件。同一数量在正文中出现多次而其中之一与表格相符的，不报告。表格单元格为空而正文说有申请的，也属不一致。' +
      '信息处理费在统计表中没有对应单元格，不作比对。宁可漏报，不误报。',
    messages: {
      mismatch: '正文“{clause}”所述{value}件，与{target}({shown})不一致',
    },
  },
  check(ctx) {
    const masks = ctx.memo('cellSpans', () => {
      const spans: Span[] = [];
      for (const key in ctx.parsed.cells) {
        const span = ctx.parsed.cells[key]!.span;
        if (span) spans.push(span);
      }
      return spans;
    });
    const c = ctx.memo('compactText', () => compact(ctx.text, masks));
    const kind = ctx.audit.agencyKind ?? ctx.parsed.agency.kind;
    const figures = statedFigures(c, kind === 'government');
    if (!figures.length) return;
    const all = targets(ctx);
    const byQuantity = new Map<Quantity, Figure[]>();
    for (const f of figures) byQuantity.set(f.quantity, [...(byQuantity.get(f.quantity) ?? []), f]);
    for (const [quantity, list] of byQuantity) {
      const target = all[quantity];
      const states = target.cells.map((k) => ctx.cell(k).state);
      const missing = states.filter((s) => s !== 'value').length;
      if (missing && missing < states.length) continue; // part of the figure unknown: cannot tell
      if (list.some((f) => target.accepted(f).some((x) => Math.abs(x - f.value) < 1e-9))) continue;
      const f = missing ? list.find((x) => x.value > 0) : list[0];
      if (!f) continue;
      const shown = target.cells.map((k) => show(ctx.cell(k))).join('、');
      ctx.report({
        messageId: 'mismatch',
        data: { clause: f.clause, value: fmt(f.value), target: target.label(), shown },
        cells: target.cells,
        span: f.span,
        key: quantity,
      });
    }
  },
});
