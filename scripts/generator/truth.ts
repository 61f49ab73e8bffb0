/**
 * The findings a generated report must produce, derived from what it prints. Each defect kind names
 * the rule it is injected for (defects.ts); what a report prints can make further rules fire — a
 * blank cell in table 三 also leaves an identity unverifiable, a blank 本年新收 contradicts the text
 * that states it — and those side effects are derived here, by the rules' definitions in
 * spec/rules.md and formats.md (the identities, the carry-over, the figures the text states), from
 * the printed cells and the document, never from the audit's code.
 */
import { T3_COLUMNS, TEMPLATES, cellDefs, type SectionId, type TemplateVersion } from '@nianbao/model';
import { numberOf, type Printed, type PrintedCell } from './cells';
import { T3_PARTS, T4_GROUPS, T4_PARTS, outcomeRows, t3Rows } from './figures';
import type { Stated } from './narrative';

// ---------------------------------------------------------------------------------------------
// Table cells: completeness

export function cellRules(version: TemplateVersion, p: Printed): Set<string> {
  const out = new Set<string>();
  for (const d of cellDefs(version)) {
    const c = p[d.key]!;
    if (c.state === 'blank') out.add('table.cell-blank');
    else if (c.state === 'dash') out.add('table.cell-placeholder');
    else if (c.state === 'text') out.add('table.cell-text');
    else if (c.state === 'absent') out.add('table.row-absent');
    else if (c.unit && d.column.unit) out.add('value.unit');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Identities (formats.md 1–4). A cell without a number is an unknown non-negative figure: the
// identity is broken when no figure could make it hold, unverifiable when only some non-zero figure
// in the gaps could make it hold, and holds when reading the gaps as 0 does. One cause, one finding
// (rules.md): where a cell it needs is in an absent row, only the absent row is reported.

type Status = 'ok' | 'empty' | 'absent' | 'consistent' | 'broken' | 'unverifiable';

function evaluate(p: Printed, lhs: string[], rhs: string[]): Status {
  let absent = false;
  const side = (keys: string[]) => {
    let sum = 0;
    let missing = 0;
    for (const k of keys) {
      const v = numberOf(p[k]);
      if (v === null) {
        missing++;
        absent ||= p[k]?.state === 'absent';
      } else sum += v;
    }
    return { sum, missing, empty: missing === keys.length };
  };
  const l = side(lhs);
  const r = side(rhs);
  const eps = 1e-6;
  if (l.empty && r.empty) return 'empty';
  if (absent) return 'absent';
  if (!l.missing && !r.missing) return Math.abs(l.sum - r.sum) < eps ? 'ok' : 'broken';
  if ((!l.missing && r.sum > l.sum + eps) || (!r.missing && l.sum > r.sum + eps)) return 'broken';
  if (Math.abs(l.sum - r.sum) < eps) return 'consistent';
  return 'unverifiable';
}

export function identityRules(version: TemplateVersion, p: Printed): Set<string> {
  const out = new Set<string>();
  const note = (s: Status, rule: string) => {
    if (s === 'broken') out.add(rule);
    else if (s === 'unverifiable') out.add('balance.unverifiable');
  };
  const outcomes = outcomeRows(version);
  for (const col of T3_COLUMNS.map((c) => c.key)) {
    note(
      evaluate(p, [`t3.newReceived.${col}`, `t3.carriedOver.${col}`], [`t3.totalProcessed.${col}`, `t3.carriedForward.${col}`]),
      'balance.t3-flow',
    );
    note(evaluate(p, [`t3.totalProcessed.${col}`], outcomes.map((r) => `${r}.${col}`)), 'balance.t3-outcomes');
  }
  for (const row of t3Rows(version)) {
    note(evaluate(p, [`${row}.total`], T3_PARTS.map((c) => `${row}.${c}`)), 'balance.t3-applicants');
  }
  for (const g of T4_GROUPS) note(evaluate(p, [`${g}.total`], T4_PARTS.map((c) => `${g}.${c}`)), 'balance.t4-totals');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Across years (formats.md 5–7): compared only where both reports print numbers

export function historyRules(version: TemplateVersion, p: Printed, prev: { version: TemplateVersion; printed: Printed } | null): Set<string> {
  const out = new Set<string>();
  if (!prev) return out;
  const q = prev.printed;
  for (const col of T3_COLUMNS.map((c) => c.key)) {
    const now = numberOf(p[`t3.carriedOver.${col}`]);
    const before = numberOf(q[`t3.carriedForward.${col}`]);
    if (now !== null && before !== null && now !== before) out.add('history.carry-over');
  }
  if (version === '2019' && prev.version === '2019') {
    for (const row of ['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees']) {
      const now = numberOf(p[`${row}.previousCount`]);
      const base = numberOf(q[`${row}.previousCount`]);
      const change = numberOf(q[`${row}.change`]);
      if (now !== null && base !== null && change !== null && now !== base + change) out.add('history.item-count');
    }
  }
  if (version === '2021' && prev.version === '2021') {
    for (const row of ['t2.regulations', 't2.normativeDocs']) {
      const now = numberOf(p[`${row}.inForce`]);
      const issued = numberOf(p[`${row}.issued`]);
      const repealed = numberOf(p[`${row}.repealed`]);
      const before = numberOf(q[`${row}.inForce`]);
      if (now !== null && issued !== null && repealed !== null && before !== null && now !== before + issued - repealed) {
        out.add('history.in-force');
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text against tables (formats.md 8): each figure the text states, against the cells it describes

export function narrativeRules(p: Printed, stated: Stated): Set<string> {
  const out = new Set<string>();
  const check = (value: number | null, cells: (PrintedCell | undefined)[], accepted: (v: (number | null)[]) => number[]) => {
    if (value === null) return;
    const v = cells.map(numberOf);
    const missing = v.filter((x) => x === null).length;
    if (missing && missing < v.length) return; // part of the figure unknown: nothing to compare
    if (missing) {
      if (value > 0) out.add('narrative.table-mismatch');
      return;
    }
    if (!accepted(v).includes(value)) out.add('narrative.table-mismatch');
  };
  check(stated.newReceived, [p['t3.newReceived.total']], ([a]) => [a!]);
  // a 行政复议 figure may leave out the cases still pending
  check(stated.review, [p['t4.review.total']], ([a]) => {
    const pending = numberOf(p['t4.review.pending']);
    return pending === null ? [a!] : [a!, a! - pending];
  });
  check(stated.litigation, [p['t4.litigationDirect.total'], p['t4.litigationAfterReview.total']], ([a, b]) => [a!, b!, a! + b!]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Metadata and timeliness

export function metaRules(opts: {
  year: number;
  kind: 'government' | 'department';
  /** The 落款 date (ISO), null when the report has none. */
  signed: string | null;
  /** What a reader knows of the publication date: the 落款, else the portal's record. */
  publishedOn: string | null;
}): Set<string> {
  const out = new Set<string>();
  if (!opts.signed) out.add('meta.date-missing');
  if (!opts.publishedOn) out.add('time.unknown');
  else if (opts.publishedOn > deadline(opts.year, opts.kind)) out.add('time.late');
  return out;
}

/** 条例 Art. 49: departments by 31 January, 人民政府 by 31 March of the next year. */
export const deadline = (year: number, kind: 'government' | 'department') => `${year + 1}-${kind === 'government' ? '03-31' : '01-31'}`;

export function sectionRules(missing: SectionId[]): Set<string> {
  return new Set(missing.length ? ['structure.section-missing'] : []);
}

/** Every template row key of table 三 that a truncated table keeps, for `through`. */
export function t3RowsThrough(version: TemplateVersion, through: string): string[] {
  const rows = TEMPLATES[version].tables.find((t) => t.id === 't3')!.rows.map((r) => r.key);
  return rows.slice(0, rows.indexOf(through) + 1);
}
