/**
 * Template-guided alignment: a table read as a sequence of tokens — value lines (a row's figures,
 * with whatever label text shares their line) and label fragments (text without figures) — mapped to
 * the template's rows in order, as a person reads a printed table. The sequence is cut into
 * consecutive groups, each group given to one row (rows in template order, each at most once, a group
 * holding at most one value line) or left out, by dynamic programming over how well the group's text
 * spells the row's label (longest common subsequence, so that a wrapped, split or damaged label still
 * fits) — so a label wrapped over three lines with its figures on the middle one lands on its row, and
 * a row printed without figures stays blank in place instead of taking its neighbour's.
 *
 * The alignment also says how sure it is: a value line that fits no row, or fits another row almost as
 * well, is named, so that the audit flags it for a person instead of accusing the agency.
 */
import type { RowDef } from '@nianbao/model';
import { foldLabel } from './normalize';

export interface AlignToken {
  /** The token's label text, folded (may be empty: figures whose label was lost). */
  label: string;
  /** A value line (the row's figures), at most one per row. */
  value: boolean;
  /** Text that belongs to no row (the header, the 「勾稽关系」 note): never part of a group. */
  noise?: boolean;
  /** A value line without a figure (every cell blank): left out at no cost where it fits no row. */
  empty?: boolean;
}

export interface Alignment {
  /** Per token: the index of its row in `rows`, or −1 when left out. */
  rowOf: number[];
  score: number;
  /** Value tokens that could not be placed, or whose row is in doubt (another fits almost as well). */
  doubtful: { token: number; rows: number[] }[];
}

/**
 * The longest common subsequence of a growing text with a fixed label, bit-parallel (Crochemore et
 * al. 2001, Hyyrö 2004): the state is one bit per character of the label, and reading a character of
 * the text costs a few word operations instead of a pass over the label.
 */
class Lcs {
  /** The label's length in UTF-16 code units (as `String.length`). */
  readonly length: number;
  /** Per character of the label (by its number in `idOf`), the bits of its positions. */
  private readonly masks: (Uint32Array | undefined)[];
  private readonly words: number;

  constructor(label: string) {
    this.length = label.length;
    this.words = Math.max(1, Math.ceil(label.length / 32));
    const masks = new Map<number, Uint32Array>();
    for (let p = 0; p < label.length; p++) {
      const c = label.charCodeAt(p);
      if (idOf[c]! < 0) idOf[c] = alphabet++;
      let m = masks.get(idOf[c]!);
      if (!m) masks.set(idOf[c]!, (m = new Uint32Array(this.words)));
      m[p >>> 5]! |= 1 << (p & 31);
    }
    // an array indexed by character number: a lookup per character read costs less than a Map's
    this.masks = Array.from({ length: alphabet }, (_, id) => masks.get(id));
    if (this.words === 1) this.word = Int32Array.from(this.masks, (m) => m?.[0] ?? 0);
  }

  /**
   * For a label of 32 code units at most, the masks as plain numbers (0: not in the label), for a
   * state kept in one number (see `step`): most rows' labels are that short.
   */
  readonly word: Int32Array | null = null;

  /** The state before any text: every bit set (no character of the label matched yet). */
  start(): Uint32Array {
    return new Uint32Array(this.words).fill(0xffffffff);
  }

  /** Reads the character numbered `id` (see `idsOf`) into state `v`. */
  push(v: Uint32Array, id: number) {
    const m = this.masks[id];
    if (!m) return; // not in the label: the LCS stays as it is
    let carry = 0;
    for (let w = 0; w < v.length; w++) {
      const x = v[w]!;
      const y = m[w]!;
      const sum = x + ((x & y) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = sum | (x & ~y);
    }
  }

  /** The LCS length in state `v`: the cleared bits among the label's. */
  value(v: Uint32Array): number {
    let ones = 0;
    for (let w = 0; w < v.length; w++) {
      ones += popcount(v[w]! & lowBits(this.length - 32 * w));
    }
    return this.length - ones;
  }
}

/** `Lcs.push` for a state of one word, `mask` from `Lcs.word` (0 leaves the state as it is). */
const step = (x: number, mask: number) => ((x + (x & mask)) | (x & ~mask)) >>> 0;

const lowBits = (n: number) => (n >= 32 ? 0xffffffff : (1 << n) - 1);

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** A row's label, folded: its core (marker and label) and in full (with its group's). */
interface Target {
  core: Lcs;
  full: Lcs;
}

const targets = new WeakMap<RowDef, Target>();
function targetOf(row: RowDef): Target {
  let t = targets.get(row);
  if (!t) {
    const core = foldLabel((row.marker ?? '') + row.label);
    targets.set(row, (t = { core: new Lcs(core), full: new Lcs(foldLabel(row.group ?? '') + core) }));
  }
  return t;
}

/**
 * Every character of the rows' labels seen so far, numbered (−1: in no label): a token's text is
 * turned into numbers once, and a character that is in no label, or outside the BMP (never a single
 * code unit of a label; the templates' labels are all in the BMP), is left out, as it leaves every
 * LCS as it is.
 */
const idOf = new Int32Array(0x10000).fill(-1);
let alphabet = 0;

function idsOf(label: string): Int32Array {
  const out: number[] = [];
  for (const c of label) if (c.length === 1 && idOf[c.charCodeAt(0)]! >= 0) out.push(idOf[c.charCodeAt(0)]!);
  return Int32Array.from(out);
}

/** Tokens in one group at most (a label over three lines, a split group heading, the figures). */
const MAX_GROUP = 8;
/** What leaving out a value line costs: only when it fits nowhere. */
const SKIP_VALUE = -2;
/** A value line placed scores this plus its label's fit: figures are what a row is for. */
const VALUE = 1;
/** A group without figures must spell its row this well to count (a row printed blank). */
const BLANK_ROW_FIT = 0.6;
/** An alternative alignment within this much of the best one makes the reading doubtful. */
const MARGIN = 0.3;
/** A value line whose label fits its row this well is not second-guessed. */
const SURE_FIT = 0.75;

/** How well the text of a group spells the row: mostly how much of the label it holds, partly how little else. */
function fit(lcsCore: number, lcsFull: number, length: number, t: Target): number {
  if (!length) return 0;
  return 0.8 * (lcsCore / t.core.length) + 0.2 * Math.min(1, lcsFull / length);
}

/**
 * The score of every group the alignment may form: `at[i * W + j]` lists, for the group of tokens
 * i … k given to row j, its score at k − i (−Infinity: not a fit); the list ends where a group starting
 * at i cannot grow (noise, a second value line, text far longer than the label). Computed once for
 * the best alignment and the ones that forbid a placement.
 */
function groupScores(tokens: AlignToken[], rows: RowDef[]): Float64Array[] {
  const n = tokens.length;
  const R = rows.length;
  const W = R + 1;
  const ts = rows.map(targetOf);
  const labels = tokens.map((t) => idsOf(t.label));
  const at: Float64Array[] = new Array<Float64Array>(n * W);
  const none = new Float64Array(0);
  const scores = new Float64Array(MAX_GROUP);
  for (let j = 0; j < R; j++) {
    const t = ts[j]!;
    const core = t.core.start();
    const full = t.full.start();
    // a group far longer than the row's label is not that row (a paragraph): stop before reading it
    const longest = 3 * t.full.length + 8;
    // both labels short (the common case): each state is one number, no array touched per character
    const coreWord = t.core.word;
    const fullWord = t.full.word;
    const short = coreWord && fullWord;
    // carries run past a label's last bit: only its bits count
    const coreBits = lowBits(t.core.length);
    const fullBits = lowBits(t.full.length);
    for (let i = 0; i < n; i++) {
      at[i * W + j] = none;
      if (tokens[i]!.noise) continue;
      core.fill(0xffffffff);
      full.fill(0xffffffff);
      let x = 0xffffffff;
      let y = 0xffffffff;
      let length = 0;
      let values = 0;
      let m = 0;
      for (let k = i; k < n && k < i + MAX_GROUP; k++) {
        const tok = tokens[k]!;
        if (tok.noise) break;
        if (tok.value && ++values > 1) break;
        if (length + tok.label.length > longest) break;
        if (short) {
          for (const c of labels[k]!) {
            x = step(x, coreWord[c]! | 0);
            y = step(y, fullWord[c]! | 0);
          }
        } else {
          for (const c of labels[k]!) {
            t.core.push(core, c);
            t.full.push(full, c);
          }
        }
        length += tok.label.length;
        const f = short
          ? fit(t.core.length - popcount(x & coreBits), t.full.length - popcount(y & fullBits), length, t)
          : fit(t.core.value(core), t.full.value(full), length, t);
        scores[m++] = values ? VALUE + f : f >= BLANK_ROW_FIT ? f - BLANK_ROW_FIT / 2 : -Infinity;
      }
      if (m) at[i * W + j] = scores.slice(0, m);
    }
  }
  return at;
}

/**
 * Aligns tokens to rows (`groups`, their `groupScores`). `forbid` (token → row) excludes one
 * placement, to see how much the best alignment without it loses.
 */
function run(tokens: AlignToken[], rows: RowDef[], groups: Float64Array[], forbid?: { token: number; row: number }) {
  const n = tokens.length;
  const R = rows.length;
  const W = R + 1;
  const dp = new Float64Array((n + 1) * W).fill(-Infinity);
  // back pointer: kind 0 pass row, 1 skip token, 2 group ending here from token `from`
  const back = new Int32Array((n + 1) * W).fill(-1);
  const kind = new Int8Array((n + 1) * W);
  dp[0] = 0;
  const relax = (at: number, score: number, k: number, from: number) => {
    if (score > dp[at]!) {
      dp[at] = score;
      kind[at] = k;
      back[at] = from;
    }
  };
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= R; j++) {
      const here = dp[i * W + j]!;
      if (here === -Infinity) continue;
      if (j < R) relax(i * W + j + 1, here, 0, i * W + j);
      if (i < n) relax((i + 1) * W + j, here + (tokens[i]!.value && !tokens[i]!.empty ? SKIP_VALUE : 0), 1, i * W + j);
      if (j === R || i === n) continue;
      const scores = groups[i * W + j]!;
      for (let m = 0; m < scores.length; m++) {
        const k = i + m;
        if (forbid && forbid.token === k && forbid.row === j) break;
        const score = scores[m]!;
        if (score > -Infinity) relax((k + 1) * W + j + 1, here + score, 2, i * W + j);
      }
    }
  }
  const rowOf = new Array<number>(n).fill(-1);
  let at = n * W + R;
  while (at > 0) {
    const from = back[at]!;
    if (kind[at] === 2) {
      const row = (at % W) - 1;
      for (let k = Math.floor(from / W); k < Math.floor(at / W); k++) rowOf[k] = row;
    }
    at = from;
  }
  return { rowOf, score: dp[n * W + R]! };
}

/** The fit of the label text the best alignment gave each row (for deciding what to second-guess). */
function groupFit(tokens: AlignToken[], rowOf: number[], rows: RowDef[], row: number): number {
  const text = tokens
    .filter((_, k) => rowOf[k] === row)
    .map((t) => t.label)
    .join('');
  const t = targetOf(rows[row]!);
  const core = t.core.start();
  const full = t.full.start();
  for (const c of idsOf(text)) {
    t.core.push(core, c);
    t.full.push(full, c);
  }
  return fit(t.core.value(core), t.full.value(full), text.length, t);
}

export function alignRows(tokens: AlignToken[], rows: RowDef[]): Alignment {
  const groups = groupScores(tokens, rows);
  const best = run(tokens, rows, groups);
  const doubtful: Alignment['doubtful'] = [];
  tokens.forEach((tok, k) => {
    if (!tok.value) return;
    const row = best.rowOf[k]!;
    if (row < 0 && tok.empty) return;
    if (row < 0) {
      doubtful.push({ token: k, rows: [] });
      return;
    }
    if (groupFit(tokens, best.rowOf, rows, row) >= SURE_FIT) return;
    const other = run(tokens, rows, groups, { token: k, row });
    if (other.score >= best.score - MARGIN) doubtful.push({ token: k, rows: [row, other.rowOf[k]!].filter((r) => r >= 0) });
  });
  return { ...best, doubtful };
}

/** A folded label, for tokens. */
export const tokenLabel = (s: string) => foldLabel(s);
