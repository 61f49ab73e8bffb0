/**
 * Cells as printed in a report: the raw text written in the table, and what the parser must read
 * from it (the state and value of spec/report-model.md). Defects rewrite printed cells; the truth
 * and the round-trip test read them.
 */
import { cellDefs, type CellState, type TemplateVersion } from '@nianbao/model';
import type { Figures } from './figures';
import type { Rng } from './prng';

export interface PrintedCell {
  /** What the table shows; ignored for `absent` cells (the row is not printed). */
  raw: string;
  state: CellState;
  /** The number the parser must read (in the column's unit), null unless `state` is `value`. */
  value: number | null;
  /** A unit written in the cell that differs from the column's (`98850元`). */
  unit?: string;
}

export type Printed = Record<string, PrintedCell>;

/** A number as agencies write it: integers plain, amounts with at most two decimals. */
export const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(2))));

/**
 * Typing habits of a report (one per report): some pad every figure with a full-width space or a
 * space, as the seeds do. Padding is content the parser must see through.
 */
export type Padding = '' | '\u3000' | ' ' | '\u3000\u3000';

export function printFigures(version: TemplateVersion, f: Figures, pad: Padding): Printed {
  const out: Printed = {};
  for (const d of cellDefs(version)) {
    const value = f[d.key]! + 0; // never -0
    out[d.key] = { raw: pad + formatNumber(value), state: 'value', value };
  }
  return out;
}

export const numberOf = (c: PrintedCell | undefined): number | null => (c && c.state === 'value' ? c.value : null);

export const BLANKS = ['', '\u3000', ' ', '\u3000\u3000'];
export const PLACEHOLDERS = ['—', '/', '无', '-', '——', '／'];
export const TEXTS = ['见附件', '不适用', '未统计', '详见说明'];

export function setValue(p: Printed, key: string, value: number, pad: Padding) {
  p[key] = { raw: pad + formatNumber(value), state: 'value', value: value + 0 };
}

export function blank(p: Printed, key: string, rng: Rng) {
  p[key] = { raw: rng.pick(BLANKS), state: 'blank', value: null };
}
