/**
 * The defects the generator injects, each with the audit rule it is injected for (rule ids of
 * spec/rules.md). This table is the one place that maps a defect to its rule; side effects a defect
 * may have on other rules (a blank cell leaving an identity unverifiable …) are derived from what
 * the report prints (truth.ts), and a test checks that every injected defect's own rule is among
 * what its report must trigger.
 */
import { T3_COLUMNS, cellDefs, type TemplateVersion } from '@nianbao/model';
import { PLACEHOLDERS, TEXTS, blank, formatNumber, numberOf, setValue, type Padding, type Printed } from './cells';
import { T3_PARTS, T4_GROUPS, outcomeRows, t3Rows } from './figures';
import type { Rng } from './prng';

export const DEFECTS = {
  'blank-cell': { rules: ['table.cell-blank'], description: '单元格空白（应填0）' },
  'placeholder-cell': { rules: ['table.cell-placeholder'], description: '单元格填“—”“/”“无”等符号' },
  'text-cell': { rules: ['table.cell-text'], description: '单元格填写文字（见附件）' },
  'unit-in-cell': { rules: ['value.unit'], description: '金额写成“元”，与本列“万元”不同' },
  'truncated-table': { rules: ['table.row-absent'], description: '表三在某一行之后截断' },
  'missing-section': { rules: ['structure.section-missing'], description: '缺少第五或第六部分' },
  'broken-t3-flow': { rules: ['balance.t3-flow'], description: '表三：本年新收＋上年结转≠办理结果总计＋结转下年度' },
  'broken-t3-outcomes': { rules: ['balance.t3-outcomes'], description: '表三：（七）总计≠各项办理结果之和' },
  'broken-t3-applicants': { rules: ['balance.t3-applicants'], description: '表三：行总计≠各申请人列之和' },
  'broken-t4-totals': { rules: ['balance.t4-totals'], description: '表四：总计≠四项结果之和' },
  'wrong-carry-over': { rules: ['history.carry-over'], description: '上年结转≠上年度报告的结转下年度' },
  'wrong-item-count': { rules: ['history.item-count'], description: '2019版：上一年项目数量≠上年度项目数量＋增减' },
  'wrong-in-force': { rules: ['history.in-force'], description: '2021版：现行有效件数≠上年度＋制发－废止' },
  'text-contradiction': { rules: ['narrative.table-mismatch'], description: '正文所述数字与统计表不一致' },
  'late-date': { rules: ['time.late'], description: '落款日期晚于法定期限' },
  'missing-date': { rules: ['meta.date-missing'], description: '没有落款日期' },
  'copied-across-agencies': { rules: ['originality.copied-across-agencies'], description: '正文与同年度其他机关的报告雷同' },
  'copied-from-last-year': { rules: ['originality.copied-from-last-year'], description: '正文照抄本机关上年度报告（改了年份）' },
} as const satisfies Record<string, { rules: readonly string[]; description: string }>;

export type DefectKind = keyof typeof DEFECTS;
export const DEFECT_KINDS = Object.keys(DEFECTS) as DefectKind[];

export type Rates = Partial<Record<DefectKind, number>>;

/** Per report, the chance of each defect. About half the reports come out clean. */
export const DEFAULT_RATES: Record<DefectKind, number> = {
  'blank-cell': 0.05,
  'placeholder-cell': 0.04,
  'text-cell': 0.02,
  'unit-in-cell': 0.02,
  'truncated-table': 0.03,
  'missing-section': 0.03,
  'broken-t3-flow': 0.03,
  'broken-t3-outcomes': 0.03,
  'broken-t3-applicants': 0.03,
  'broken-t4-totals': 0.03,
  'wrong-carry-over': 0.04,
  'wrong-item-count': 0.05,
  'wrong-in-force': 0.05,
  'text-contradiction': 0.04,
  'late-date': 0.06,
  'missing-date': 0.04,
  'copied-across-agencies': 0.03,
  'copied-from-last-year': 0.03,
};

export const NO_DEFECTS: Record<DefectKind, number> = Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0])) as Record<DefectKind, number>;

export interface Defect {
  kind: DefectKind;
  /** The rules this defect is injected for (DEFECTS[kind].rules). */
  rules: string[];
  /** Cells the defect rewrote. */
  cells?: string[];
  /** What was done, for a reader of the manifest. */
  detail?: string;
}

export const defect = (kind: DefectKind, extra: Omit<Defect, 'kind' | 'rules'> = {}): Defect => ({
  kind,
  rules: [...DEFECTS[kind].rules],
  ...extra,
});

export interface CellDefectContext {
  rng: Rng;
  version: TemplateVersion;
  printed: Printed;
  pad: Padding;
  /** The previous report's printed cells that history rules read (null in the first year). */
  prev: { version: TemplateVersion; printed: Printed } | null;
  /** Cells a defect already rewrote: later defects leave them alone, so each stays visible. */
  touched: Set<string>;
}

const bump = (ctx: CellDefectContext, key: string, by: number) => {
  const v = numberOf(ctx.printed[key])!;
  setValue(ctx.printed, key, v + by, ctx.pad);
  ctx.touched.add(key);
};

/**
 * Rewrites the printed cells for a defect that changes figures. Returns null when the report offers
 * no place for it (a carry-over defect needs last year's figure printed …).
 */
export function injectValueDefect(kind: DefectKind, ctx: CellDefectContext): Defect | null {
  const { rng, version, printed: p } = ctx;
  const k = rng.int(1, 5);
  const val = (key: string) => numberOf(p[key]);
  switch (kind) {
    case 'broken-t3-flow': {
      const col = rng.pick(T3_PARTS);
      bump(ctx, `t3.newReceived.${col}`, k);
      bump(ctx, 't3.newReceived.total', k);
      return defect(kind, { cells: [`t3.newReceived.${col}`, 't3.newReceived.total'], detail: `本年新收+${k}` });
    }
    case 'broken-t3-outcomes': {
      const col = rng.pick(T3_PARTS);
      bump(ctx, `t3.granted.${col}`, k);
      bump(ctx, 't3.granted.total', k);
      return defect(kind, { cells: [`t3.granted.${col}`, 't3.granted.total'], detail: `予以公开+${k}` });
    }
    case 'broken-t3-applicants': {
      // one application moved between two outcome rows of a column: the column still adds up, both rows do not
      const rows = outcomeRows(version);
      const from = rng.shuffle(rows.flatMap((r) => T3_PARTS.map((c) => `${r}.${c}`))).find((key) => (val(key) ?? 0) >= 1);
      if (!from) return null;
      const col = from.slice(from.lastIndexOf('.') + 1);
      const row = from.slice(0, from.lastIndexOf('.'));
      const to = `${rng.pick(rows.filter((r) => r !== row))}.${col}`;
      bump(ctx, from, -1);
      bump(ctx, to, 1);
      return defect(kind, { cells: [from, to], detail: `${from} −1, ${to} +1` });
    }
    case 'broken-t4-totals': {
      const g = rng.pick(T4_GROUPS);
      bump(ctx, `${g}.total`, k);
      return defect(kind, { cells: [`${g}.total`], detail: `总计+${k}` });
    }
    case 'wrong-carry-over': {
      if (!ctx.prev) return null;
      const prev = ctx.prev.printed;
      const col = rng
        .shuffle(T3_PARTS.slice())
        .find((c) => numberOf(prev[`t3.carriedForward.${c}`]) !== null && numberOf(prev['t3.carriedForward.total']) !== null);
      if (!col) return null;
      // figures of this year still add up: the carried-over applications are carried forward again
      for (const key of [`t3.carriedOver.${col}`, 't3.carriedOver.total', `t3.carriedForward.${col}`, 't3.carriedForward.total']) {
        bump(ctx, key, k);
      }
      return defect(kind, { cells: [`t3.carriedOver.${col}`, 't3.carriedOver.total'], detail: `上年结转+${k}` });
    }
    case 'wrong-item-count': {
      if (!ctx.prev || version !== '2019' || ctx.prev.version !== '2019') return null;
      const prev = ctx.prev.printed;
      const row = rng
        .shuffle(['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees'])
        .find((r) => numberOf(prev[`${r}.previousCount`]) !== null && numberOf(prev[`${r}.change`]) !== null);
      if (!row) return null;
      bump(ctx, `${row}.previousCount`, k);
      return defect(kind, { cells: [`${row}.previousCount`], detail: `上一年项目数量+${k}` });
    }
    case 'wrong-in-force': {
      if (!ctx.prev || version !== '2021' || ctx.prev.version !== '2021') return null;
      const prev = ctx.prev.printed;
      const row = rng.shuffle(['t2.regulations', 't2.normativeDocs']).find((r) => numberOf(prev[`${r}.inForce`]) !== null);
      if (!row) return null;
      bump(ctx, `${row}.inForce`, k);
      return defect(kind, { cells: [`${row}.inForce`], detail: `现行有效件数+${k}` });
    }
    case 'unit-in-cell': {
      const key = version === '2019' ? 't2.procurement.amount' : 't2.fees.amount';
      const v = val(key);
      if (!v) return null;
      // written in 元 in a 万元 column: the parser converts back (98850元 → 9.885)
      const yuan = Math.round(v * 10000);
      p[key] = { raw: ctx.pad + `${yuan}元`, state: 'value', value: Number((yuan * 1e-4).toPrecision(12)), unit: '元' };
      ctx.touched.add(key);
      return defect(kind, { cells: [key], detail: `${formatNumber(v)}万元写作${yuan}元` });
    }
    default:
      return null;
  }
}

/** Blank, placeholder and text cells: one to three cells anywhere in the tables, untouched ones. */
export function injectStateDefect(kind: 'blank-cell' | 'placeholder-cell' | 'text-cell', ctx: CellDefectContext): Defect | null {
  const { rng, printed: p } = ctx;
  const keys = cellDefs(ctx.version)
    .map((d) => d.key)
    .filter((k) => !ctx.touched.has(k) && p[k]!.state === 'value');
  const n = kind === 'text-cell' ? 1 : rng.pick([1, 1, 1, 2, 3]);
  // blanks come in runs along a row, as in the seeds; a text note is single
  const start = rng.int(0, keys.length - 1);
  const chosen = kind === 'blank-cell' && rng.chance(0.5) ? keys.slice(start, start + n) : rng.sample(keys, n);
  if (!chosen.length) return null;
  for (const key of chosen) {
    if (kind === 'blank-cell') blank(p, key, rng);
    else if (kind === 'placeholder-cell') p[key] = { raw: rng.pick(PLACEHOLDERS), state: 'dash', value: null };
    else p[key] = { raw: rng.pick(TEXTS), state: 'text', value: null };
    ctx.touched.add(key);
  }
  return defect(kind, { cells: chosen });
}

/**
 * Table 三 cut after a row: every later row is absent. Returns the last row printed. Rows 一、二 and
 * （一） always stay, as in the truncated seed.
 */
export function injectTruncation(ctx: CellDefectContext): { defect: Defect; through: string } | null {
  const rows = t3Rows(ctx.version);
  // the cut leaves the rows other defects rewrote, so that theirs stay visible
  const lastTouched = Math.max(2, ...[...ctx.touched].filter((k) => k.startsWith('t3.')).map((k) => rows.indexOf(k.slice(0, k.lastIndexOf('.')))));
  if (lastTouched > rows.length - 2) return null;
  const through = rows[ctx.rng.int(lastTouched, rows.length - 2)]!;
  const cut = rows.slice(rows.indexOf(through) + 1);
  const cells: string[] = [];
  for (const row of cut) {
    for (const c of T3_COLUMNS) {
      const key = `${row}.${c.key}`;
      ctx.printed[key] = { raw: '', state: 'absent', value: null };
      cells.push(key);
    }
  }
  return { defect: defect('truncated-table', { detail: `表三截至“${through}”`, cells: [`${cut[0]}.*`] }), through };
}
