/**
 * From positioned text and ruling lines (what a PDF page holds) back to what the author wrote:
 * paragraphs, and tables as rows of cells in the seed tab layout. Pure geometry, no pdf.js here, so
 * that it can be tested on hand-made pages as well as real documents.
 *
 * Coordinates are display coordinates: x to the right, y downwards, in points.
 */
import type { CellPosition } from '@nianbao/model';
import type { LayoutCell } from './layout';

export interface TextBox {
  str: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Font size (the glyph box height). */
  size: number;
}

/** A ruling line or a thin filled rectangle: a table border candidate. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  width: number;
  height: number;
  boxes: TextBox[];
  rules: Rule[];
}

export type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: LayoutCell[][] };

// ---------------------------------------------------------------------------------------------
// Text

const CJK =
  /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014-\u201f\u2026\u00b7]/;

/**
 * Spaces a layout put between characters (「三 、本 年 度」, justified cells) are not the author's:
 * a space beside a CJK character goes, unless its other side is a letter or a figure (「共计 95」
 * 「修订 16 件」), which is how both typists and Word's Asian/Latin spacing write it.
 */
export function tidy(s: string): string {
  const t = s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  // the spaces are single and inside the text: each has a character on both sides
  let out = '';
  let from = 0;
  for (let i = t.indexOf(' '); i >= 0; i = t.indexOf(' ', i + 1)) {
    const a = t[i - 1]!;
    const b = t[i + 1]!;
    const cjkA = CJK.test(a);
    const cjkB = CJK.test(b);
    if ((cjkA && cjkB) || ((cjkA || cjkB) && !(IDEOGRAPH.test(cjkA ? a : b) && ALNUM.test(cjkA ? b : a)))) {
      out += t.slice(from, i);
      from = i + 1;
    }
  }
  return from ? out + t.slice(from) : t;
}

const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const ALNUM = /[A-Za-z0-9%]/;

const isWordChar = (c: string | undefined) => !!c && /[A-Za-z0-9]/.test(c);

/** The text of boxes on one line, left to right. */
function joinBoxes(boxes: TextBox[]): string {
  let s = '';
  let prev: TextBox | null = null;
  for (const b of boxes) {
    const gap = prev ? (b.x0 - prev.x1) / Math.min(prev.size, b.size) : 0;
    // LibreOffice sets Chinese apart from figures by 1/5 em (「2019年」 drawn as 「2019 年」); a typed
    // space is 1/4 em or more. Word's own spacing (~0.24 em) cannot be told from a typed space: kept,
    // as pdftotext keeps it.
    const autospace = prev && gap < 0.22 && (CJK.test(prev.str.slice(-1)) || CJK.test(b.str[0] ?? ''));
    if (prev && gap > 0.15 && !autospace) s += ' ';
    s += b.str;
    prev = b;
  }
  return tidy(s);
}

/** Joins wrapped lines: nothing between CJK, a space between two words. */
function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return isWordChar(a[a.length - 1]) && isWordChar(b[0]) ? `${a} ${b}` : a + b;
}

const NUMBER = /^[-+－]?\d[\d,，]*(?:[.．]\d+)?(?:%|％|万元|元|件|个|条|次|人次)?$/;
/** A cell that reads as a figure (the values of the tables), not a label. */
const isNumeric = (s: string) => NUMBER.test(s.replace(/\s/g, ''));
/** A placeholder written instead of a figure. */
const DASH = /^(?:[—–\-－―/／\\]+|无|空)$/;
/** The start of an item of a list: 「（三）」「1.」「2、」「四、」「①」. */
const MARKER =
  /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)|[①-⑳])/;
/** The first item of a list: 「（一）」「1.」「一、」「①」. */
const FIRST_MARKER = /^(?:[（(][一1１][)）]|[一][、.．]|[1１][、.．](?!\d)|①)/;

// ---------------------------------------------------------------------------------------------
// Lines and segments

interface Line {
  boxes: TextBox[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  /** Character-weighted font size. */
  size: number;
  text: string;
  segs: Seg[];
  page: number;
}

interface Seg {
  boxes: TextBox[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  text: string;
  line: Line;
}

const overlapY = (a: { top: number; bottom: number }, b: { top: number; bottom: number }) =>
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
const height = (a: { top: number; bottom: number }) => a.bottom - a.top;

/**
 * Boxes grouped into lines by vertical overlap (each line's first box is its reference), `cut` into
 * segments (the cells of a table row) unless only their text and extent are wanted (a cell's lines,
 * the lines looked at for page furniture).
 */
function toLines(boxes: TextBox[], page: number, cut = true): Line[] {
  const sorted = [...boxes].sort((a, b) => a.top + a.bottom - (b.top + b.bottom) || a.x0 - b.x0);
  const groups: { ref: TextBox; boxes: TextBox[] }[] = [];
  for (const b of sorted) {
    let target: (typeof groups)[number] | undefined;
    for (let i = groups.length - 1; i >= Math.max(0, groups.length - 4); i--) {
      const g = groups[i]!;
      if (overlapY(g.ref, b) >= 0.3 * Math.min(height(g.ref), height(b))) {
        target = g;
        break;
      }
    }
    if (target) target.boxes.push(b);
    else groups.push({ ref: b, boxes: [b] });
  }
  return groups.map((g) => makeLine(g.boxes, page, cut)).sort((a, b) => a.top - b.top);
}

function makeLine(boxes: TextBox[], page: number, cut: boolean): Line {
  const bs = dedupe(boxes.flatMap(splitFigures).sort((a, b) => a.x0 - b.x0));
  let chars = 0;
  let weighted = 0;
  for (const b of bs) {
    const n = Math.max(1, b.str.replace(/\s/g, '').length);
    chars += n;
    weighted += n * b.size;
  }
  const { top, bottom, x1 } = extents(bs);
  const line: Line = {
    boxes: bs,
    top,
    bottom,
    x0: bs[0]!.x0,
    x1,
    size: weighted / chars,
    text: joinBoxes(bs),
    segs: [],
    page,
  };
  if (cut) line.segs = segmentsOf(line);
  return line;
}

/** Two figures in one piece of text (「0 0」: pdf.js joins neighbouring cells) are two pieces. */
function splitFigures(box: TextBox): TextBox[] {
  const m = /^(.*?\d)[ \u00a0\u3000]+(?=\d)/.exec(box.str);
  if (!m) return [box];
  const parts = splitAtChar(box, m[0].length);
  return parts ? [parts[0], ...splitFigures(parts[1])] : [box];
}

/** Text drawn twice for a bold effect shows as the same string at (almost) the same place. */
function dedupe(boxes: TextBox[]): TextBox[] {
  return boxes.filter((b, i) => {
    for (let j = 0; j < i; j++) {
      const o = boxes[j]!;
      if (o.str === b.str && Math.abs(o.x0 - b.x0) < 1.5 && Math.abs(o.top - b.top) < 1.5) return false;
    }
    return true;
  });
}

/**
 * The top, bottom, right edge and largest size of boxes: Math.min and Math.max over them, one pass
 * (a line's or a segment's are taken thousands of times per report).
 */
function extents(boxes: TextBox[]): { top: number; bottom: number; x1: number; size: number } {
  let top = Infinity;
  let bottom = -Infinity;
  let x1 = -Infinity;
  let size = -Infinity;
  for (const b of boxes) {
    top = Math.min(top, b.top);
    bottom = Math.max(bottom, b.bottom);
    x1 = Math.max(x1, b.x1);
    size = Math.max(size, b.size);
  }
  return { top, bottom, x1, size };
}

function makeSeg(boxes: TextBox[], line: Line, text = joinBoxes(boxes)): Seg {
  return { boxes, x0: boxes[0]!.x0, ...extents(boxes), text, line };
}

/** Cuts a segment between two of its boxes where a known column border runs. */
function splitSeg(seg: Seg, bounds: number[]): Seg[] {
  const out: Seg[] = [];
  let cur: TextBox[] = [];
  for (const b of seg.boxes) {
    const prev = cur[cur.length - 1];
    if (prev && bounds.some((x) => prev.x1 <= x + 1 && b.x0 >= x - 1)) {
      out.push(makeSeg(cur, seg.line));
      cur = [];
    }
    cur.push(b);
  }
  if (cur.length) out.push(makeSeg(cur, seg.line));
  return out.length > 1 ? out : [seg];
}

/** A line cut where the gap between boxes is wider than a space: the cells of a table row. */
function segmentsOf(line: Line): Seg[] {
  const segs: Seg[] = [];
  let cur: TextBox[] = [];
  let right = -Infinity;
  const flush = () => {
    // a line in one piece is its own text
    if (cur.length) segs.push(makeSeg(cur, line, cur.length === line.boxes.length ? line.text : undefined));
    cur = [];
    right = -Infinity;
  };
  for (const b of line.boxes) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = b.x0 - right;
      const size = Math.min(prev.size, b.size);
      // two figures side by side are two cells even when close; text runs on over small gaps
      const digits = /\d$/.test(prev.str.trim()) && /^\d/.test(b.str.trim());
      if (gap > (digits ? 0.35 : 0.8) * size) flush();
    }
    cur.push(b);
    right = Math.max(right, b.x1);
  }
  flush();
  return segs;
}

// ---------------------------------------------------------------------------------------------
// Page furniture: page numbers and running headers/footers

const PAGE_NUMBER =
  /^(?:[-—–－―_~·•\s]*\d{1,4}[-—–－―_~·•\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$/;

function dropFurniture(pages: PageContent[], tables: Grid[][]): PageContent[] {
  const lined = pages.map((p, i) => toLines(p.boxes, i, false));
  // a line inside a ruled table is a cell's (a lone figure wrapped low in its cell near the foot of
  // the page looks like a page number), never furniture
  const inTable = (i: number, l: Line) => {
    const cx = (l.x0 + l.x1) / 2;
    const cy = (l.top + l.bottom) / 2;
    return tables[i]!.some((g) => cx > g.x0 && cx < g.x1 && cy > g.top && cy < g.bottom);
  };
  const zone = (p: PageContent, l: Line) =>
    (l.bottom < p.height * 0.12 || l.top > p.height * 0.88) && !inTable(l.page, l);
  // the outermost lines of each page that sit in the margins
  const candidates = lined.map((lines, i) => {
    const p = pages[i]!;
    const out: Line[] = [];
    for (const l of lines) {
      if (!zone(p, l)) break;
      out.push(l);
    }
    for (let k = lines.length - 1; k >= 0 && zone(p, lines[k]!) && !out.includes(lines[k]!); k--)
      out.push(lines[k]!);
    return out;
  });
  const key = (l: Line) => `${Math.round(l.top / 4)}|${l.text.replace(/\d+/g, '#')}`;
  const counts = new Map<string, number>();
  for (const c of candidates) for (const k of new Set(c.map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const repeated = (l: Line) =>
    pages.length >= 2 && (counts.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((p, i) => {
    const drop = new Set(
      candidates[i]!.filter((l) => PAGE_NUMBER.test(l.text) || repeated(l)).flatMap((l) => l.boxes),
    );
    return drop.size ? { ...p, boxes: p.boxes.filter((b) => !drop.has(b)) } : p;
  });
}

// ---------------------------------------------------------------------------------------------
// Table rows as the renderer and the page stitching see them

/** Where a cell is on its page: the page (0 = first) and its rectangle, in display coordinates. */
interface Box {
  page: number;
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

interface GCell {
  col: number;
  span: number;
  text: string;
  box?: Box;
}

/** The rectangle around boxes (text boxes, segments, cells) on one page. */
function around(page: number, parts: { x0: number; x1: number; top: number; bottom: number }[]): Box | undefined {
  if (!parts.length) return undefined;
  return {
    page,
    x0: Math.min(...parts.map((p) => p.x0)),
    x1: Math.max(...parts.map((p) => p.x1)),
    top: Math.min(...parts.map((p) => p.top)),
    bottom: Math.max(...parts.map((p) => p.bottom)),
  };
}

/** One row: cells in column order, every column covered (empty cells included). */
type GRow = GCell[];

interface TablePart {
  page: number;
  top: number;
  bottom: number;
  /** Column boundaries (x), for matching the parts of a table broken across pages. */
  xs: number[];
  rows: GRow[];
  /** Columns left of this one hold labels (text), the rest values; -1 when unknown. */
  firstValueCol: number;
  /** Leading rows that are the table's column header (repeated after a page break), where known. */
  headerRows?: number;
}

const cellAt = (row: GRow, col: number) => row.find((c) => c.col <= col && col < c.col + c.span);

// ---------------------------------------------------------------------------------------------
// Ruled tables: cells bounded by drawn lines

interface HSeg {
  y: number;
  x0: number;
  x1: number;
}
interface VSeg {
  x: number;
  y0: number;
  y1: number;
}

const TOL = 2;

function mergeSegs<T extends { a: number; b: number; at: number }>(segs: T[]): T[] {
  const sorted = [...segs].sort((p, q) => p.at - q.at || p.a - q.a);
  const out: T[] = [];
  for (const s of sorted) {
    const last = out.find((o) => Math.abs(o.at - s.at) <= 1 && s.a <= o.b + TOL && s.b >= o.a - TOL);
    if (last) {
      last.a = Math.min(last.a, s.a);
      last.b = Math.max(last.b, s.b);
    } else out.push({ ...s });
  }
  return out;
}

/** The values in groups, sorted, each a run whose neighbours are within `tol`. */
function groupsOf(values: number[], tol: number): number[][] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1]! <= tol) g.push(v);
    else groups.push([v]);
  }
  return groups;
}

const mean = (g: number[]) => g.reduce((s, v) => s + v, 0) / g.length;

function cluster(values: number[], tol: number): number[] {
  return groupsOf(values, tol).map(mean);
}

/** How much of [a, b] the segments cover, as a fraction. */
function coverage(spans: [number, number][], a: number, b: number): number {
  const clipped = spans
    .map(([s, e]) => [Math.max(s, a), Math.min(e, b)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a;
  for (const [s, e] of clipped) {
    if (e <= end) continue;
    covered += e - Math.max(s, end);
    end = e;
  }
  return b > a ? covered / (b - a) : 0;
}

interface Grid {
  xs: number[];
  ys: number[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** region id of each slot [row][col], -1 outside the table */
  slot: number[][];
  regions: { r0: number; r1: number; c0: number; c1: number }[];
  hasV: (x: number, y0: number, y1: number) => boolean;
}

function findGrids(rules: Rule[]): Grid[] {
  const hs = mergeSegs(
    rules
      .filter((r) => r.y1 - r.y0 <= 2.5 && r.x1 - r.x0 >= 4)
      .map((r) => ({ at: (r.y0 + r.y1) / 2, a: r.x0, b: r.x1 })),
  ).map((s): HSeg => ({ y: s.at, x0: s.a, x1: s.b }));
  const vs = mergeSegs(
    rules
      .filter((r) => r.x1 - r.x0 <= 2.5 && r.y1 - r.y0 >= 4)
      .map((r) => ({ at: (r.x0 + r.x1) / 2, a: r.y0, b: r.y1 })),
  ).map((s): VSeg => ({ x: s.at, y0: s.a, y1: s.b }));
  if (hs.length < 2 || vs.length < 2) return [];
  // connected components of crossing lines
  const parent = Array.from({ length: hs.length + vs.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (v.x >= h.x0 - TOL && v.x <= h.x1 + TOL && h.y >= v.y0 - TOL && h.y <= v.y1 + TOL)
        parent[find(i)] = find(hs.length + j);
    }),
  );
  const comps = new Map<number, { hs: HSeg[]; vs: VSeg[] }>();
  hs.forEach((h, i) => {
    const c = comps.get(find(i)) ?? { hs: [], vs: [] };
    c.hs.push(h);
    comps.set(find(i), c);
  });
  vs.forEach((v, j) => {
    const c = comps.get(find(hs.length + j)) ?? { hs: [], vs: [] };
    c.vs.push(v);
    comps.set(find(hs.length + j), c);
  });
  const grids: Grid[] = [];
  for (const c of comps.values()) {
    if (c.hs.length < 2 || c.vs.length < 2) continue;
    const g = gridOf(c.hs, c.vs);
    if (g && g.regions.length >= 2) grids.push(g);
  }
  return grids;
}

/**
 * A table cut by a page break has no ruling line where the page cuts it: its column borders run on
 * past its last (or before its first) horizontal line and stop together. That edge is closed, so
 * that the cut row's cells are cells (its blanks kept as blanks) and not loose text beside the table.
 */
function closeCut(hs: HSeg[], vs: VSeg[]): HSeg[] {
  const out = [...hs];
  const first = Math.min(...hs.map((h) => h.y));
  const last = Math.max(...hs.map((h) => h.y));
  const left = Math.min(...vs.map((v) => v.x));
  const right = Math.max(...vs.map((v) => v.x));
  for (const [past, end] of [
    [(v: VSeg) => v.y1 - last, (v: VSeg) => v.y1],
    [(v: VSeg) => first - v.y0, (v: VSeg) => v.y0],
  ] as const) {
    const running = vs.filter((v) => past(v) >= 6);
    if (running.length < 3) continue;
    const ends = running.map(end);
    if (Math.max(...ends) - Math.min(...ends) > 3) continue;
    const xs = running.map((v) => v.x);
    // the whole table goes on, not one column's border
    if (Math.min(...xs) > left + 3 || Math.max(...xs) < right - 3) continue;
    out.push({ y: ends.reduce((a, b) => a + b, 0) / ends.length, x0: Math.min(...xs), x1: Math.max(...xs) });
  }
  return out;
}

function gridOf(cut: HSeg[], vs: VSeg[]): Grid | null {
  const hs = closeCut(cut, vs);
  // lines closer than 3pt are one border (double lines, rounding)
  const ys = cluster(
    hs.map((h) => h.y),
    3,
  );
  const xs = cluster(
    vs.map((v) => v.x),
    3,
  );
  if (ys.length < 2 || xs.length < 2) return null;
  // the lines near each border, looked up once per border rather than once per cell side
  const near = <T,>(segs: T[], at: (s: T) => number, span: (s: T) => [number, number]) => {
    const memo = new Map<number, [number, number][]>();
    return (x: number) => {
      let spans = memo.get(x);
      if (!spans) memo.set(x, (spans = segs.filter((s) => Math.abs(at(s) - x) <= 3).map(span)));
      return spans;
    };
  };
  const hsAt = near(hs, (h) => h.y, (h) => [h.x0, h.x1]);
  const vsAt = near(vs, (v) => v.x, (v) => [v.y0, v.y1]);
  const hasH = (y: number, a: number, b: number) => coverage(hsAt(y), a, b) >= 0.6;
  const hasV = (x: number, a: number, b: number) => coverage(vsAt(x), a, b) >= 0.6;
  const m = ys.length - 1;
  const n = xs.length - 1;
  const parent = Array.from({ length: m * n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      if (j + 1 < n && !hasV(xs[j + 1]!, ys[i]!, ys[i + 1]!)) parent[find(i * n + j)] = find(i * n + j + 1);
      if (i + 1 < m && !hasH(ys[i + 1]!, xs[j]!, xs[j + 1]!)) parent[find(i * n + j)] = find((i + 1) * n + j);
    }
  const byRoot = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const r = find(i * n + j);
      const b = byRoot.get(r);
      if (!b) byRoot.set(r, { r0: i, r1: i, c0: j, c1: j });
      else {
        b.r0 = Math.min(b.r0, i);
        b.r1 = Math.max(b.r1, i);
        b.c0 = Math.min(b.c0, j);
        b.c1 = Math.max(b.c1, j);
      }
    }
  const slot = Array.from({ length: m }, () => new Array<number>(n).fill(-1));
  const regions: Grid['regions'] = [];
  const idOf = new Map<number, number>();
  for (const [root, b] of byRoot) {
    // a region open on two sides is the outside of the table (beside a shorter row), not a cell
    const sides = [
      hasH(ys[b.r0]!, xs[b.c0]!, xs[b.c1 + 1]!),
      hasH(ys[b.r1 + 1]!, xs[b.c0]!, xs[b.c1 + 1]!),
      hasV(xs[b.c0]!, ys[b.r0]!, ys[b.r1 + 1]!),
      hasV(xs[b.c1 + 1]!, ys[b.r0]!, ys[b.r1 + 1]!),
    ].filter(Boolean).length;
    if (sides < 3) continue;
    idOf.set(root, regions.length);
    regions.push(b);
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) slot[i]![j] = idOf.get(find(i * n + j)) ?? -1;
  return { xs, ys, x0: xs[0]!, x1: xs[n]!, top: ys[0]!, bottom: ys[m]!, slot, regions, hasV };
}

const charWidth = (c: string) => (/\s/.test(c) ? 0.3 : CJK.test(c) ? 1 : 0.55);

const widthOf = (s: string) => [...s].reduce((w, c) => w + charWidth(c), 0);

/** Cuts a box before its character `at` (UTF-16 index), placing the cut by estimated glyph widths. */
function splitAtChar(box: TextBox, at: number): [TextBox, TextBox] | null {
  const left = box.str.slice(0, at);
  const right = box.str.slice(at);
  const total = widthOf(box.str);
  if (!left.trim() || !right.trim() || total <= 0) return null;
  const x = box.x0 + ((box.x1 - box.x0) * widthOf(left)) / total;
  return [
    {
      ...box,
      str: left.trimEnd(),
      x1: x - (left.length - left.trimEnd().length ? ((box.x1 - box.x0) * 0.3) / total : 0),
    },
    {
      ...box,
      str: right.trimStart(),
      x0: x + ((right.length - right.trimStart().length) * (box.x1 - box.x0) * 0.3) / total,
    },
  ];
}

/** Cuts a box where a cell border runs through it (pdf.js joins the text of neighbouring cells). */
function splitAt(box: TextBox, x: number): [TextBox, TextBox] | null {
  const chars = [...box.str];
  const total = widthOf(box.str);
  if (chars.length < 2 || total <= 0) return null;
  const scale = (box.x1 - box.x0) / total;
  let acc = box.x0;
  let cut = -1;
  let best = Infinity;
  for (let i = 1; i < chars.length; i++) {
    acc += charWidth(chars[i - 1]!) * scale;
    const d = Math.abs(acc - x) - (/\s/.test(chars[i - 1]!) || /\s/.test(chars[i]!) ? scale * 0.5 : 0);
    if (d < best) {
      best = d;
      cut = i;
    }
  }
  if (cut <= 0) return null;
  return splitAtChar(box, chars.slice(0, cut).join('').length);
}

/** The rows of a ruled table; the boxes it holds are taken out of `boxes`. */
function readGrid(grid: Grid, boxes: Set<TextBox>, page: number): TablePart {
  const { xs, ys, slot, regions } = grid;
  const inGrid: TextBox[] = [];
  for (const b of boxes) {
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.top + b.bottom) / 2;
    if (cx < grid.x0 - 1 || cx > grid.x1 + 1 || cy < grid.top - 1 || cy > grid.bottom + 1) continue;
    boxes.delete(b);
    inGrid.push(b);
  }
  // split boxes that run over an inner border
  const pieces: TextBox[] = [];
  const queue = [...inGrid];
  while (queue.length) {
    const b = queue.shift()!;
    const cy = (b.top + b.bottom) / 2;
    const edge = xs
      .slice(1, -1)
      .find((x) => b.x0 < x - 1.5 && b.x1 > x + 1.5 && grid.hasV(x, cy - 1, cy + 1));
    const parts = edge !== undefined ? splitAt(b, edge) : null;
    if (parts) queue.unshift(...parts);
    else pieces.push(b);
  }
  const texts: TextBox[][] = regions.map(() => []);
  for (const b of pieces) {
    const cx = (b.x0 + b.x1) / 2;
    const cy = (b.top + b.bottom) / 2;
    const j = Math.max(0, Math.min(xs.length - 2, xs.findIndex((x) => x > cx) - 1));
    const i = Math.max(0, Math.min(ys.length - 2, ys.findIndex((y) => y > cy) - 1));
    const id = slot[i]?.[xs.findIndex((x) => x > cx) < 0 ? xs.length - 2 : j];
    if (id !== undefined && id >= 0) texts[id]!.push(b);
  }
  const regionText = regions.map((r, id) => cellText(texts[id]!, xs[r.c1 + 1]!, page));
  const rows: GRow[] = [];
  for (let i = 0; i < ys.length - 1; i++) {
    const row: GRow = [];
    for (let j = 0; j < xs.length - 1; j++) {
      const id = slot[i]![j]!;
      if (id < 0) continue;
      const r = regions[id]!;
      if (r.c0 !== j) continue;
      // a cell spanning rows appears in the rows below it as an empty cell, as Word writes it as text
      if (r.r0 !== i) row.push({ col: j, span: r.c1 - r.c0 + 1, text: '' });
      else {
        const box = { page, x0: xs[r.c0]!, x1: xs[r.c1 + 1]!, top: ys[r.r0]!, bottom: ys[r.r1 + 1]! };
        row.push({ col: j, span: r.c1 - r.c0 + 1, text: regionText[id]!, box });
      }
    }
    if (row.length) rows.push(row);
  }
  return { page, top: grid.top, bottom: grid.bottom, xs, rows, firstValueCol: valueColumn(rows) };
}

/** The lines of one cell, joined: a line that runs to the cell's right edge was wrapped, not broken. */
function cellText(boxes: TextBox[], right: number, page: number): string {
  if (!boxes.length) return '';
  const lines = toLines(boxes, page, false);
  let text = '';
  let prev: Line | null = null;
  for (const l of lines) {
    if (!prev) text = l.text;
    else if (right - prev.x1 <= 1.6 * prev.size + 6) text = joinWrapped(text, l.text);
    else text += '\n' + l.text;
    prev = l;
  }
  return text;
}

/** The first column holding figures (the columns before it hold labels). */
function valueColumn(rows: GRow[]): number {
  let first = Infinity;
  for (const row of rows)
    for (const c of row) if (c.span === 1 && isNumeric(c.text)) first = Math.min(first, c.col);
  return first === Infinity ? -1 : first;
}

// ---------------------------------------------------------------------------------------------
// Tables without rules: columns from the gaps between text, rows from what lines up

/** Lines that are part of a table block on one page. */
interface LooseBlock {
  page: number;
  lines: Line[];
}

/** Column boundaries (x): a cell starts in the column its left edge is in, and spans the boundaries it crosses. */
interface Columns {
  bounds: number[];
}

function columnOf(cols: Columns, x: number): number {
  let c = 0;
  for (const b of cols.bounds) if (x > b) c++;
  return c;
}

/**
 * Columns are where the text of a table thins out: the valleys of the count of segments covering each
 * x. A valley need not be empty (a header or a long label may span columns), only lower than the text
 * on both sides, and each side must have text of its own ending or starting there.
 */
function findColumns(segs: Seg[]): Columns {
  if (!segs.length) return { bounds: [] };
  const minX = Math.min(...segs.map((s) => s.x0));
  const maxX = Math.max(...segs.map((s) => s.x1));
  const step = 0.5;
  const n = Math.ceil((maxX - minX) / step) + 1;
  const cover = new Array<number>(n).fill(0);
  for (const s of segs) {
    const from = Math.max(0, Math.ceil((s.x0 - minX) / step));
    const to = Math.min(n - 1, Math.floor((s.x1 - minX) / step));
    for (let k = from; k <= to; k++) cover[k]!++;
  }
  // runs of equal cover
  const runs: { v: number; a: number; b: number }[] = [];
  for (let k = 0; k < n; k++) {
    const last = runs[runs.length - 1];
    if (last && last.v === cover[k]) last.b = k;
    else runs.push({ v: cover[k]!, a: k, b: k });
  }
  const candidates: { x: number; v: number; i: number }[] = [];
  for (let i = 1; i < runs.length - 1; i++) {
    const r = runs[i]!;
    if (runs[i - 1]!.v > r.v && runs[i + 1]!.v > r.v)
      candidates.push({ x: minX + ((r.a + r.b) / 2) * step, v: r.v, i });
  }
  const peak = (from: number, to: number) => {
    let m = 0;
    for (let i = from; i <= to; i++) m = Math.max(m, runs[i]!.v);
    return m;
  };
  let bounds = candidates.filter((c, k) => {
    const left = peak(candidates[k - 1]?.i ?? 0, c.i);
    const right = peak(c.i, candidates[k + 1]?.i ?? runs.length - 1);
    return Math.min(left, right) - c.v >= Math.max(1, 0.2 * Math.min(left, right));
  });
  // each column has text of its own on both sides of a boundary, and not merely the second line of a
  // cell wider than the figures below it (「商 业 企」 over 「业」, both starting at the same x)
  const page = (s: Seg) => s.line.page;
  const wrapOf = (s: Seg, crossing: Seg[], edge: 'x0' | 'x1') =>
    crossing.some(
      (g) =>
        page(g) === page(s) && Math.abs(g[edge] - s[edge]) <= 1 && Math.abs(g.top - s.top) <= 2.5 * s.size,
    );
  for (let changed = true; changed;) {
    changed = false;
    const xs = bounds.map((b) => b.x);
    const weak = bounds.filter((b, k) => {
      const prev = xs[k - 1] ?? -Infinity;
      const next = xs[k + 1] ?? Infinity;
      const left = segs.filter((s) => s.x1 <= b.x && s.x0 > prev);
      const right = segs.filter((s) => s.x0 >= b.x && s.x1 < next);
      const crossing = segs.filter((s) => s.x0 < b.x && s.x1 > b.x);
      if (!left.length || !right.length) return true;
      return left.every((s) => wrapOf(s, crossing, 'x0')) || right.every((s) => wrapOf(s, crossing, 'x1'));
    });
    if (weak.length) {
      // drop the shallowest doubtful boundary only, then look again
      const dropped = weak.sort((p, q) => q.v - p.v)[0]!;
      bounds = bounds.filter((b) => b !== dropped);
      changed = true;
    }
  }
  return { bounds: bounds.map((b) => b.x) };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

interface LooseCell {
  c0: number;
  c1: number;
  top: number;
  bottom: number;
  segs: Seg[];
  size: number;
}

/**
 * The rows of a table without rules. Cells are runs of segments in one column (a label wrapped over
 * lines); rows are the cells that overlap vertically. A label of an outer level (「三、本年度办理结果」,
 * 「（三）不予公开」) standing beside several rows goes to the first of them, its other rows get an
 * empty cell, as Word writes a vertically merged cell as text.
 */
function readLoose(block: LooseBlock, cols: Columns, ncols: number, firstValueCol: number): TablePart {
  const segs = block.lines.flatMap((l) => l.segs);
  const span = (s: Seg) => {
    const c0 = columnOf(cols, s.x0);
    return { c0, c1: Math.max(c0, columnOf(cols, s.x1)) };
  };
  const isValueLine = (l: Line) =>
    l.segs.some((s) => isNumeric(s.text) && span(s).c0 >= Math.max(0, firstValueCol));
  const firstValueLine = block.lines.findIndex(isValueLine);
  const headerEnd = firstValueLine < 0 ? block.lines.length : firstValueLine;
  const valueLines = block.lines.filter(isValueLine);

  // cells: segments of the same column stacked closely (a wrapped label)
  const cells: LooseCell[] = [];
  const open: LooseCell[] = [];
  block.lines.forEach((line, li) => {
    const header = li < headerEnd;
    const aboveOf = (s: Seg) => {
      const { c0, c1 } = span(s);
      return open.find((c) => {
        if (c.c0 !== c0 || c1 > c.c1) return false;
        const last = c.segs[c.segs.length - 1]!;
        const gap = s.top - last.bottom;
        if (header) {
          if (c1 !== c.c1) return false;
          // in the header, a cell's lines may be far apart, but then its row has other cells too
          return gap <= 3 * s.size && last.line.segs.length >= 2 && last.line !== line;
        }
        if (gap > 1.1 * s.size || last.line === line) return false;
        // a figure is a cell of its own, and text below a figure is not its continuation (the next
        // group's title centred over the table), but for a note on it (「55」「（含自然失效 29 件）」)
        if (isNumeric(s.text)) return false;
        if (isNumeric(last.text) && !/^[（(]/.test(s.text)) return false;
        // nothing continues a header row, nor a row naming the columns below it (「信息内容 本年处理决定数量」)
        if (block.lines.indexOf(last.line) < headerEnd) return false;
        if (
          last.line.segs.some(
            (g) => span(g).c0 >= Math.max(0, firstValueCol) && !isNumeric(g.text) && !DASH.test(g.text),
          )
        )
          return false;
        // two lines each beside their own row of figures are two rows, however close
        const v1 = valueLines.find((v) => overlapY(v, last) >= 0.5 * height(last));
        const v2 = valueLines.find((v) => overlapY(v, s) >= 0.5 * height(s));
        return !(v1 && v2 && v1 !== v2);
      });
    };
    const found = line.segs.map((s) => ({ s, above: aboveOf(s) }));
    // a line carries on the cells above only if nothing new starts beside it but figures (centred
    // on a wrapped label) and labels of an inner level (beside a tall merged label)
    const labelCol = (g: Seg) => firstValueCol < 0 || span(g).c0 < firstValueCol;
    const goesOn =
      header || found.every(({ s, above }) => above || isNumeric(s.text) || DASH.test(s.text) || labelCol(s));
    for (const { s, above } of found) {
      const { c0, c1 } = span(s);
      if (above && goesOn) {
        above.segs.push(s);
        above.bottom = Math.max(above.bottom, s.bottom);
        above.c1 = Math.max(above.c1, c1);
      } else {
        const c: LooseCell = { c0, c1, top: s.top, bottom: s.bottom, segs: [s], size: s.size };
        cells.push(c);
        open.splice(0, open.length, ...open.filter((o) => !(o.c0 <= c1 && c0 <= o.c1)), c);
      }
    }
  });

  const leaf = firstValueCol - 1;
  const reachesLeaf = (c: LooseCell) => leaf >= 0 && c.c0 <= leaf && c.c1 >= leaf;
  const isParent = (c: LooseCell) =>
    leaf > 0 &&
    c.c1 < leaf &&
    c.top >= (block.lines[headerEnd]?.top ?? Infinity) &&
    cells.some((o) => o !== c && reachesLeaf(o) && overlapY(o, c) > 0.3 * Math.min(height(o), height(c)));
  const parents = cells.filter(isParent);
  const rowCells = cells.filter((c) => !parents.includes(c));

  // rows: cells overlapping by half the smaller height
  const order = [...rowCells].sort((a, b) => a.top - b.top);
  const parent = order.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length && order[j]!.top < order[i]!.bottom; j++) {
      const a = order[i]!;
      const b = order[j]!;
      if (overlapY(a, b) >= 0.25 * Math.min(height(a), height(b))) parent[find(i)] = find(j);
    }
  const groups = new Map<number, LooseCell[]>();
  order.forEach((c, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), c]));
  const rowGroups = [...groups.values()].sort(
    (a, b) => Math.min(...a.map((c) => c.top)) - Math.min(...b.map((c) => c.top)),
  );
  const rows = rowGroups.map((g) => ({
    top: Math.min(...g.map((c) => c.top)),
    bottom: Math.max(...g.map((c) => c.bottom)),
    cells: [...g].sort((a, b) => a.c0 - b.c0 || a.top - b.top),
  }));

  // labels of an outer level, innermost level first: each goes to the first row it stands for
  const placed = new Map<number, { c0: number; c1: number; cells: LooseCell[] }[]>();
  const textAt = (ri: number, col: number): LooseCell | undefined =>
    rows[ri]!.cells.find((c) => c.c0 <= col && col <= c.c1) ??
    placed.get(ri)?.find((p) => p.c0 <= col && col <= p.c1)?.cells[0];
  for (let col = leaf - 1; col >= 0; col--) {
    for (const p of parents.filter((c) => c.c0 === col).sort((a, b) => a.top - b.top)) {
      let first = rows.findIndex((r) => overlapY(r, p) > 0);
      if (first < 0)
        first = Math.max(
          0,
          rows.findIndex((r) => r.top > p.top),
        );
      let lo = first;
      while (lo > 0 && !textAt(lo - 1, col)) lo--;
      let start = first;
      for (let r = first; r >= lo; r--) {
        const next = textAt(r, col + 1);
        if (next && FIRST_MARKER.test(textOfCell(next))) {
          start = r;
          break;
        }
      }
      const list = placed.get(start) ?? [];
      const same = list.find((x) => x.c0 === col);
      if (same) same.cells.push(p);
      else list.push({ c0: col, c1: p.c1, cells: [p] });
      placed.set(start, list);
    }
  }

  const right = (c1: number) => {
    const xs = segs.filter((s) => span(s).c1 === c1).map((s) => s.x1);
    return xs.length ? Math.max(...xs) : Infinity;
  };
  // a cell without rules is its columns' band across its row's band
  const left0 = Math.min(...segs.map((s) => s.x0));
  const right0 = Math.max(...segs.map((s) => s.x1));
  const bandOf = (c0: number, c1: number, top: number, bottom: number): Box => ({
    page: block.page,
    x0: c0 === 0 ? left0 : cols.bounds[c0 - 1]!,
    x1: c1 >= cols.bounds.length ? right0 : cols.bounds[c1]!,
    top,
    bottom,
  });
  const out: GRow[] = rows.map((r, ri) => {
    const band = (c0: number, c1: number, cells: LooseCell[] = []) =>
      bandOf(
        c0,
        c1,
        Math.min(r.top, ...cells.map((c) => c.top)),
        Math.max(r.bottom, ...cells.map((c) => c.bottom)),
      );
    const entries = [
      ...r.cells.map((c) => ({ c0: c.c0, c1: c.c1, cells: [c] })),
      ...(placed.get(ri) ?? []),
    ].sort((a, b) => a.c0 - b.c0);
    const row: GRow = [];
    let col = 0;
    for (const e of entries) {
      if (e.c0 < col) {
        // two cells in one column of one row: keep the text, in reading order
        const prev = row[row.length - 1];
        if (prev) prev.text = [prev.text, ...e.cells.map(textOfCell)].filter(Boolean).join('\n');
        continue;
      }
      for (; col < e.c0; col++) row.push({ col, span: 1, text: '', box: band(col, col) });
      const text = e.cells.map((c) => looseText(c, right(c.c1))).join('');
      // a label with nothing to its right up to the figures spans those columns (「（七）总计」)
      let c1 = e.c1;
      const next = entries.find((x) => x.c0 > e.c1);
      if (firstValueCol > 0 && c1 < firstValueCol - 1 && (!next || next.c0 >= firstValueCol))
        c1 = firstValueCol - 1;
      row.push({ col: e.c0, span: c1 - e.c0 + 1, text, box: band(e.c0, c1, e.cells) });
      col = c1 + 1;
    }
    for (; col < ncols; col++) row.push({ col, span: 1, text: '', box: band(col, col) });
    // a lone text across columns, no figures: a title row over the whole width (「第二十条第（一）项」)
    const filled = row.filter((c) => c.text);
    if (filled.length === 1 && filled[0]!.span > 1 && !isNumeric(filled[0]!.text)) {
      return [{ col: 0, span: ncols, text: filled[0]!.text, box: band(0, ncols - 1) }];
    }
    return row;
  });
  const top = Math.min(...block.lines.map((l) => l.top));
  const bottom = Math.max(...block.lines.map((l) => l.bottom));
  return {
    page: block.page,
    top,
    bottom,
    xs: [],
    rows: spanLoneValues(joinWrappedFigures(out, rows), firstValueCol, ncols),
    firstValueCol,
  };
}

/**
 * Figures padded with spaces (「　3」) that wrapped to a second line of their narrow cells, half a line
 * below the row's other figures (vertically centred beside them): a row of figures alone, in the columns
 * the row above left blank, less than a line below it, is that row's (table 四's 总计 columns) — unless
 * it is as near the next row.
 */
function joinWrappedFigures(out: GRow[], rows: { top: number; cells: LooseCell[] }[]): GRow[] {
  if (out.length !== rows.length) return out;
  const keep: GRow[] = [];
  let prevIndex = -1;
  out.forEach((row, i) => {
    const prev = prevIndex >= 0 ? out[prevIndex]! : null;
    const filled = row.filter((c) => c.text.trim());
    const joins =
      prev &&
      filled.length > 0 &&
      filled.every((c) => isNumeric(c.text)) &&
      prev.some((c) => isNumeric(c.text)) &&
      filled.every((c) => {
        const above = prev.find((p) => p.col === c.col && p.span === c.span);
        return !!above && !above.text.trim();
      }) &&
      rows[i]!.top - rows[prevIndex]!.top < 1.1 * Math.min(...rows[i]!.cells.map((c) => c.size), ...rows[prevIndex]!.cells.map((c) => c.size));
    // as near the next row, which leaves the same columns blank: either row's, never guessed; it stays
    // a row of its own and nothing joins it
    const next = out[i + 1];
    const alone =
      joins &&
      !!next &&
      next.some((c) => isNumeric(c.text)) &&
      filled.every((c) => !next.find((p) => p.col === c.col && p.span === c.span)?.text.trim()) &&
      rows[i + 1]!.top - rows[i]!.top <= rows[i]!.top - rows[prevIndex]!.top;
    if (alone) {
      keep.push(row);
      prevIndex = -1;
      return;
    }
    if (prev && joins) {
      for (const c of filled) {
        const above = prev.find((p) => p.col === c.col && p.span === c.span)!;
        above.text = c.text;
        if (c.box) above.box = c.box;
      }
      return;
    }
    keep.push(row);
    prevIndex = i;
  });
  return keep;
}

/**
 * Table 三 printed without rules, read as a person reads it: by its lines of figures. Its seven figure
 * columns are where the figures of the block stand (x-centres clustered); everything left of them is
 * label. Each band of figures becomes a row, in order from the top: a line with figures gives a label
 * cell (whatever label text shares its line) and the seven figure cells by column, a blank where a
 * column has none; a line of label text only (the rest of a wrapped label, a group label between
 * sub-rows, a row printed without figures) is a row of its own. Which template row each belongs to is
 * the parser's template-guided alignment's to say, not geometry's. Null when the block does not have
 * that shape (then the general reader is used).
 *
 * A row's figures may stand on two lines: a figure padded with spaces (「　　4」) wraps to a second line
 * of its narrow cell, while the row's other figures stay on one line, vertically centred — so the
 * wrapped ones stand half a line lower, in the columns the first line left blank, often beside the
 * last line of a wrapped label (「2.其他法律行政法 / 规禁止公开」). Such a line is the same row: its
 * figures fill the blanks, its label text goes on the row's label.
 */
const T3_FIGURE_COLUMNS = 7;
/** The characters of table 三's column header and its 「勾稽关系」 note, wrapped however. */
const T3_HEADER_CHARS = new Set(
  '申请人情况法人或其他组织自然人商业企业科研机构社会公益组织法律服务机构其他总计本列数据的勾稽关系为第一项加第二项之和等于第三项加第四项之和',
);
function readValueLines(block: LooseBlock): TablePart | null {
  const figure = (s: Seg) => isNumeric(s.text) || DASH.test(s.text);
  const numeric = (l: Line) => l.segs.filter((s) => isNumeric(s.text));
  const centre = (s: Seg) => (s.x0 + s.x1) / 2;
  // every line of figures says where columns stand: a figure wrapped to a second line of its cell
  // leaves its column out of the line above, and a row whose figures all wrapped has no full line
  const figureLines = block.lines.filter((l) => {
    const n = numeric(l).length;
    return n >= 1 && n <= T3_FIGURE_COLUMNS;
  });
  if (!figureLines.some((l) => numeric(l).length >= 3)) return null;
  const size = median(figureLines.map((l) => l.size));
  const groups = groupsOf(
    figureLines.flatMap((l) => numeric(l).map(centre)),
    Math.max(6, size),
  );
  // a padded figure wrapped in a narrow cell may stand a figure's width off the others of its column
  // (「104」 beside the 「0」 under it): with more groups than columns, the nearest two are one column
  // while they are much nearer than columns stand (never the case of two columns of figures)
  while (groups.length > T3_FIGURE_COLUMNS) {
    const gap = (i: number) => groups[i + 1]![0]! - groups[i]!.at(-1)!;
    const i = groups.slice(1).reduce((best, _, j) => (gap(j) < gap(best) ? j : best), 0);
    if (gap(i) > 1.5 * size) break;
    groups.splice(i, 2, [...groups[i]!, ...groups[i + 1]!]);
  }
  const clusters = groups.map(mean);
  if (clusters.length !== T3_FIGURE_COLUMNS) return null;
  const labelRight =
    Math.min(...figureLines.flatMap((l) => numeric(l).filter((s) => Math.abs(centre(s) - clusters[0]!) < 12).map((s) => s.x0))) - 2;
  const columnAt = (x: number) => {
    let best = 0;
    for (let j = 1; j < clusters.length; j++) if (Math.abs(clusters[j]! - x) < Math.abs(clusters[best]! - x)) best = j;
    return best;
  };
  const rows: GRow[] = [];
  // each figure column reaches halfway to its neighbours
  const lastRight = Math.max(...block.lines.flatMap((l) => l.segs.map((s) => s.x1)));
  const columnBox = (j: number, line: Line): Box => ({
    page: block.page,
    x0: j === 0 ? labelRight : (clusters[j - 1]! + clusters[j]!) / 2,
    x1: j === clusters.length - 1 ? Math.max(lastRight, 2 * clusters[j]! - (clusters[j - 1]! + clusters[j]!) / 2) : (clusters[j]! + clusters[j + 1]!) / 2,
    top: line.top,
    bottom: line.bottom,
  });
  interface Band {
    line: Line;
    cells: string[];
    row: GRow;
    figTop: number;
    /** The middle of its figures, where words of a cell printed around them are centred too. */
    figMid: number;
    /** Figures that could be either neighbour's: nothing joins them either. */
    alone?: boolean;
  }
  let last: Band | null = null;
  let full = false;
  const bands: Band[] = [];
  // words in a figure column between lines of figures (「见附件」 wrapped over two lines above and
  // below its row's vertically centred figures, beside a label's line or on lines of their own): a
  // cell's text, on the row whose figures are nearest
  const hasFigures = (l: Line) => l.segs.some((s) => centre(s) >= labelRight && figure(s));
  const firstFigures = block.lines.findIndex(hasFigures);
  const lastFigures = block.lines.findLastIndex(hasFigures);
  const cellWords: Seg[] = [];
  // a line of figures no nearer the row above than the next line of figures, which leaves its columns
  // blank too, could be either row's: never guessed, it stays a row of its own (the reading doubtful)
  const asNearBelow = (li: number, cells: string[], figTop: number, above: number) => {
    const next = block.lines.slice(li + 1).find(hasFigures);
    const figs = next?.segs.filter((s) => centre(s) >= labelRight && figure(s)) ?? [];
    if (!figs.length) return false;
    const taken = new Set(figs.map((v) => columnAt(centre(v))));
    return cells.every((c, j) => !c || !taken.has(j)) && Math.min(...figs.map((v) => v.top)) - figTop <= above;
  };
  for (const [li, line] of block.lines.entries()) {
    const inValues = line.segs.filter((s) => centre(s) >= labelRight);
    const label = line.segs.filter((s) => centre(s) < labelRight);
    if (!inValues.some(figure)) {
      const words = li > firstFigures && li < lastFigures ? inValues : [];
      cellWords.push(...words);
      const segs = line.segs.filter((s) => !words.includes(s));
      const text = segs.map((s) => s.text).join('');
      if (text.trim()) rows.push([{ col: 0, span: 1, text, box: around(block.page, segs) }]);
      last = null;
      continue;
    }
    const cells: string[] = new Array<string>(T3_FIGURE_COLUMNS).fill('');
    for (const v of inValues) {
      const j = columnAt(centre(v));
      cells[j] = cells[j] ? `${cells[j]} ${v.text}` : v.text;
    }
    const text = label.map((s) => s.text).join('');
    // figures wrapped below the others of their row, filling only columns it left blank: half a line
    // lower (centred cells beside a two-line one), or just below with no label of their own
    // (the figures' own tops: a label beside them may stand higher, its line starting above theirs)
    const prev = last as Band | null;
    const figTop = Math.min(...inValues.filter(figure).map((v) => v.top));
    const prevCells = prev?.cells ?? [];
    const near =
      prev &&
      !prev.alone &&
      cells.every((c, j) => !c || !prevCells[j]) &&
      (figTop - prev.figTop < 1.1 * Math.min(line.size, prev.line.size) ||
        (!text && line.top - prev.line.bottom < 0.6 * line.size));
    const alone = !!near && asNearBelow(li, cells, figTop, figTop - prev.figTop);
    const wrapped = near && !alone;
    if (prev && wrapped) {
      cells.forEach((c, j) => {
        if (!c) return;
        prev.cells[j] = c;
        const cell = prev.row.find((x) => x.col === j + 1);
        if (cell) {
          cell.text = c;
          if (cell.box) cell.box = { ...cell.box, bottom: line.bottom };
        }
      });
      if (text) {
        const head = prev.row[0]!.col === 0 ? prev.row[0]! : null;
        if (head) {
          head.text = joinWrapped(head.text, text);
          const b = around(block.page, label);
          if (head.box && b) head.box = around(block.page, [head.box, b]);
        } else prev.row.unshift({ col: 0, span: 1, text, box: around(block.page, label) });
      }
      full ||= prev.cells.filter(Boolean).length >= 5;
      prev.line = line;
      prev.figTop = figTop;
      continue;
    }
    // figures whose label is on other lines: no label cell (an empty one would read as a merged label)
    const row: GRow = [
      ...(text ? [{ col: 0, span: 1, text, box: around(block.page, label) }] : []),
      ...cells.map((text, j) => ({ col: j + 1, span: 1, text, box: columnBox(j, line) })),
    ];
    rows.push(row);
    full ||= cells.filter(Boolean).length >= 5;
    const figs = inValues.filter(figure);
    last = { line, cells, row, figTop, figMid: (figTop + Math.max(...figs.map((v) => v.bottom))) / 2, alone };
    bands.push(last);
  }
  if (!full) return null;
  for (const w of cellWords.sort((a, b) => a.top - b.top)) {
    const mid = (w.top + w.bottom) / 2;
    const band = bands.reduce<Band | null>((b, x) => (!b || Math.abs(x.figMid - mid) < Math.abs(b.figMid - mid) ? x : b), null);
    const j = columnAt(centre(w));
    const cell = band?.row.find((x) => x.col === j + 1);
    if (!band || !cell || Math.abs(band.figMid - mid) > 1.6 * size || (band.cells[j] && figure({ ...w, text: band.cells[j] })))
      continue;
    band.cells[j] = cell.text = `${band.cells[j] ?? ''}${w.text}`;
  }
  // the column header: the lines above the first figures made of its words alone
  let headerRows = 0;
  while (
    headerRows < rows.length &&
    rows[headerRows]!.length === 1 &&
    [...rows[headerRows]![0]!.text].every((c) => T3_HEADER_CHARS.has(c) || !/[\p{L}\p{N}]/u.test(c))
  )
    headerRows++;
  const top = Math.min(...block.lines.map((l) => l.top));
  const bottom = Math.max(...block.lines.map((l) => l.bottom));
  return { page: block.page, top, bottom, xs: [], rows, firstValueCol: 1, headerRows };
}

/**
 * A group whose heading row names one figure column (「信息内容 | 本年处理决定数量」 of 2021's table 二)
 * spans all the figure columns, as its figure below it does: without borders, a text centred over
 * three columns sits where one centred in the middle column would. A heading naming several columns
 * keeps them (a blank under one of them stays a blank).
 */
function spanLoneValues(rows: GRow[], firstValueCol: number, ncols: number): GRow[] {
  if (firstValueCol < 1 || ncols - firstValueCol < 2) return rows;
  const values = (r: GRow) => r.filter((c) => c.col >= firstValueCol && c.text);
  const isHeading = (r: GRow) => values(r).some((c) => !isNumeric(c.text) && !DASH.test(c.text));
  const isTitle = (r: GRow) => r.length === 1 && r[0]!.span === ncols;
  const merged = (r: GRow): GRow => {
    const text = values(r)[0]?.text ?? '';
    const parts = r.filter((c) => c.col >= firstValueCol).flatMap((c) => (c.box ? [c.box] : []));
    const box = parts.length ? around(parts[0]!.page, parts) : undefined;
    return [
      ...r.filter((c) => c.col < firstValueCol),
      { col: firstValueCol, span: ncols - firstValueCol, text, ...(box ? { box } : {}) },
    ];
  };
  const out = [...rows];
  for (let i = 0; i < out.length; i++) {
    const head = out[i]!;
    if (!isHeading(head) || values(head).length !== 1) continue;
    const { col: k0, span } = values(head)[0]!;
    const under = (r: GRow) =>
      values(r).length <= 1 && values(r).every((c) => c.col >= k0 && c.col + c.span <= k0 + span);
    let j = i + 1;
    while (j < out.length && !isTitle(out[j]!) && !isHeading(out[j]!) && under(out[j]!)) j++;
    if (j < out.length && !isTitle(out[j]!) && !isHeading(out[j]!)) continue;
    for (let r = i; r < j; r++) out[r] = merged(out[r]!);
    i = j - 1;
  }
  return out;
}

const textOfCell = (c: LooseCell) => c.segs.map((s) => s.text).join('');

function looseText(c: LooseCell, right: number): string {
  let text = '';
  let prev: Seg | null = null;
  for (const s of c.segs) {
    if (!prev) text = s.text;
    else if (right - prev.x1 <= 1.6 * prev.size) text = joinWrapped(text, s.text);
    else text += '\n' + s.text;
    prev = s;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Tables broken across pages

/**
 * Appends the rows of the next page to a table. The first row there may continue a cell of the last
 * row here: a label cut by the page break (「（四）无」 … 「法提供」) does not start like a new item.
 */
function stitch(rows: GRow[], next: GRow[], firstValueCol: number): GRow[] {
  const last = rows[rows.length - 1];
  const first = next[0];
  if (!last || !first || firstValueCol < 1) return [...rows, ...next];
  const leaf = firstValueCol - 1;
  const hasValues = (r: GRow) =>
    r.some((c) => c.col >= firstValueCol && (isNumeric(c.text) || DASH.test(c.text)));
  const goesOn = (c: GCell) => !!c.text && !MARKER.test(c.text) && !isNumeric(c.text);
  // a row cut in two: its label goes on without a marker, its figures were printed with its first part
  const leafCell = cellAt(first, leaf);
  // (its figure cells are empty: words there are a column header repeated after the break)
  const wordsInValues = first.some((c) => c.col >= firstValueCol && c.text.trim() && !isNumeric(c.text) && !DASH.test(c.text));
  if (leafCell && goesOn(leafCell) && hasValues(last) && !hasValues(first) && !wordsInValues) {
    for (const c of first) {
      if (!c.text) continue;
      const t = cellAt(last, c.col);
      if (!t) continue;
      if (c.col < firstValueCol) t.text = joinWrapped(t.text, c.text);
      else {
        t.text = c.text;
        if (c.box) t.box = c.box;
      }
    }
    return [...rows, ...next.slice(1)];
  }
  // a label of an outer level cut by the page break: the rest joins the cell it began in
  for (const c of first) {
    if (c.col + c.span - 1 >= leaf || !goesOn(c)) continue;
    for (let r = rows.length - 1; r >= 0; r--) {
      const t = cellAt(rows[r]!, c.col);
      if (t?.text) {
        if (t.col === c.col && t.span === c.span) {
          t.text = joinWrapped(t.text, c.text);
          c.text = '';
        }
        break;
      }
    }
  }
  return [...rows, ...next];
}

// ---------------------------------------------------------------------------------------------
// The page flow

type Element =
  | { kind: 'line'; line: Line; top: number }
  | { kind: 'grid'; part: TablePart; top: number }
  | { kind: 'loose'; block: LooseBlock; top: number };

function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + l.text.length);
  }
  let best = 0;
  let bestW = -1;
  for (const [k, w] of weight) if (w > bestW) [best, bestW] = [k, w];
  return best;
}

/**
 * A section heading of the report (「四、政府信息公开行政复议、行政诉讼情况」) between two tables set in
 * a type close to the body's: it ends one table, it is no unfilled row of it.
 */
const SECTION_HEADING = /^[一二三四五六七八九十]+[、.．].*(?:情况|事项)$/;

/** Groups the lines of a page into loose table blocks and prose, in reading order. */
function pageFlow(lines: Line[], grids: TablePart[], body: number, page: number): Element[] {
  const isTableLine = (l: Line) => l.segs.length >= 2;
  const isSmall = (l: Line) => l.size < 0.9 * body;
  const used = new Set<Line>();
  const blocks: LooseBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (used.has(lines[i]!) || !isTableLine(lines[i]!)) continue;
    let a = i;
    let b = i;
    const near = (x: Line, y: Line) => Math.abs(y.top - x.bottom) <= 6 * Math.min(x.size, y.size);
    for (;;) {
      const n = lines[b + 1];
      if (!n || !near(lines[b]!, n)) break;
      if (isTableLine(n) || isSmall(n)) {
        b++;
        continue;
      }
      // lines between two table lines in the table's type: an unfilled row of the table, or the last
      // line of a wrapped label and the first of the next one (「息」 then 「（四）无法提2.没有现成信」)
      const sameType = (x: Line, y: Line) => Math.abs(x.size - y.size) <= 0.15 * Math.min(x.size, y.size);
      let m = b + 1;
      while (
        m <= b + 3 &&
        lines[m] &&
        !isTableLine(lines[m]!) &&
        near(lines[m - 1]!, lines[m]!) &&
        sameType(lines[m]!, lines[b]!) &&
        !SECTION_HEADING.test(lines[m]!.text)
      )
        m++;
      const after = lines[m];
      // (more than one such line only inside a table of figures, going on with figures)
      const figureRow = (l: Line) => l.segs.filter((g) => isNumeric(g.text)).length >= 3;
      if (
        m > b + 1 &&
        after &&
        isTableLine(after) &&
        near(lines[m - 1]!, after) &&
        sameType(lines[m - 1]!, after) &&
        (m === b + 2 || (figureRow(after) && lines.slice(i, b + 1).some(figureRow)))
      ) {
        b = m - 1;
        continue;
      }
      break;
    }
    while (a > 0 && !used.has(lines[a - 1]!) && isSmall(lines[a - 1]!) && near(lines[a - 1]!, lines[a]!)) a--;
    const taken = lines.slice(a, b + 1);
    // one line can be a table by itself only when it is a row of figures
    const figures = (l: Line) => l.segs.filter((g) => isNumeric(g.text)).length;
    if (taken.filter(isTableLine).length < 2 && !taken.some((l) => l.segs.length >= 3 && figures(l) >= 2))
      continue;
    for (const l of taken) used.add(l);
    blocks.push({ page, lines: taken });
    i = b;
  }
  const els: Element[] = [
    ...lines.filter((l) => !used.has(l)).map((line): Element => ({ kind: 'line', line, top: line.top })),
    ...grids.map((part): Element => ({ kind: 'grid', part, top: part.top })),
    ...blocks.map((block): Element => ({ kind: 'loose', block, top: block.lines[0]!.top })),
  ];
  return els.sort((x, y) => x.top - y.top);
}

// ---------------------------------------------------------------------------------------------
// Prose

interface Margins {
  left: number;
  right: number;
}

/**
 * Where full lines end: the rightmost x that several lines reach within a character (a line that
 * wrapped fills the measure; a short last line, a heading or a list item does not).
 */
function fullLineEnd(lines: Line[]): number | null {
  const ends = lines.map((l) => ({ x: l.x1, size: l.size })).sort((a, b) => b.x - a.x);
  const need = Math.max(3, Math.ceil(ends.length * 0.03));
  for (let i = 0; i + need - 1 < ends.length; i++)
    if (ends[i]!.x - ends[i + need - 1]!.x <= ends[i]!.size) return ends[i]!.x;
  return null;
}

/**
 * The text block of a page: its left edge from the page, its right edge from the whole document
 * unless the page has full lines of its own near it (a page of short lines says nothing).
 */
function margins(lines: Line[], docRight: number | null, docLeft: number | null = null): Margins {
  const xs0 = lines.map((l) => l.x0).sort((a, b) => a - b);
  const size = median(lines.map((l) => l.size)) || 12;
  // a page of a few lines set right (the 落款 alone on the last page) has no left edge of its own
  const ownLeft = xs0[Math.floor(xs0.length * 0.1)] ?? 0;
  const left = docLeft !== null && ownLeft - docLeft > 3 * size ? docLeft : ownLeft;
  const own = fullLineEnd(lines);
  const right =
    own !== null && (docRight === null || Math.abs(own - docRight) <= 3 * size)
      ? own
      : (docRight ?? Math.max(0, ...lines.map((l) => l.x1)));
  return { left, right };
}

// ---------------------------------------------------------------------------------------------

type PartSource = { kind: 'grid'; part: TablePart } | { kind: 'loose'; block: LooseBlock };
type Piece = { kind: 'line'; line: Line; m: Margins } | { kind: 'table'; parts: PartSource[] };

/** Pages to blocks: paragraphs, and tables (those broken across pages joined). */
export function layoutPages(input: PageContent[]): Block[] {
  const tables = input.map((p) => findGrids(p.rules));
  const pages = dropFurniture(input, tables);
  const perPage: { lines: Line[]; grids: TablePart[] }[] = pages.map((p, i) => {
    const boxes = new Set(p.boxes);
    const grids = tables[i]!
      .map((g) => readGrid(g, boxes, i))
      .filter((t) => t.rows.some((r) => r.some((c) => c.text)));
    return { lines: toLines([...boxes], i), grids };
  });
  const body = bodySize(perPage.flatMap((p) => p.lines));
  const pieces: Piece[] = [];
  const bodyLines = (lines: Line[]) => lines.filter((l) => l.size >= 0.9 * body && l.size <= 1.1 * body);
  const docRight = fullLineEnd(perPage.flatMap((p) => bodyLines(p.lines)));
  const allX0 = perPage.flatMap((p) => bodyLines(p.lines).map((l) => l.x0)).sort((a, b) => a - b);
  const docLeft = allX0.length ? allX0[Math.floor(allX0.length * 0.1)]! : null;
  perPage.forEach((p, i) => {
    const m = margins(bodyLines(p.lines), docRight, docLeft);
    const els = pageFlow(p.lines, p.grids, body, i);
    els.forEach((e, k) => {
      if (e.kind === 'line') {
        pieces.push({ kind: 'line', line: e.line, m });
        return;
      }
      const prev = pieces[pieces.length - 1];
      // a table that ends one page and starts the next is one table
      const continues = k === 0 && i > 0 && prev?.kind === 'table' && sameTable(prev, e);
      if (continues && prev.kind === 'table') {
        prev.parts.push(e);
      } else pieces.push({ kind: 'table', parts: [e] });
    });
  });

  const blocks: Block[] = [];
  let para = '';
  let prevLine: { line: Line; m: Margins } | null = null;
  const flush = () => {
    if (para) blocks.push({ kind: 'paragraph', text: para });
    para = '';
    prevLine = null;
  };
  for (const piece of pieces) {
    if (piece.kind === 'table') {
      flush();
      const rows = tableRows(piece);
      if (rows.length)
        blocks.push({
          kind: 'table',
          rows: rows.map((r) =>
            r.map((c) => ({ text: c.text, colSpan: c.span, ...(c.box ? { position: positionOf(c.box) } : {}) })),
          ),
        });
      continue;
    }
    const { line, m } = piece;
    if (prevLine && continuesParagraph(prevLine.line, prevLine.m, line, m))
      para = joinWrapped(para, line.text);
    else {
      flush();
      para = line.text;
    }
    prevLine = { line, m };
  }
  flush();
  return blocks;
}

const tenth = (x: number) => Math.round(x * 10) / 10;
/** A cell's box as the model has it: pages from 1, points to a tenth. */
const positionOf = (b: Box): CellPosition => ({
  page: b.page + 1,
  box: [tenth(b.x0), tenth(b.top), tenth(b.x1), tenth(b.bottom)],
});

function continuesParagraph(prev: Line, pm: Margins, line: Line, m: Margins): boolean {
  const size = Math.min(prev.size, line.size);
  if (Math.abs(prev.size - line.size) > 0.15 * size) return false;
  // the previous line ran to the right margin and this one is not indented
  if (prev.x1 < pm.right - 1.5 * size) return false;
  if (line.x0 > m.left + 0.8 * size) return false;
  if (prev.page === line.page && line.top - prev.bottom > 1.5 * size) return false;
  // a sentence ended and a numbered item or heading starts (「……次。」 then 「一、主动公开……」)
  if (/[。；！？：.;!?:]$/.test(prev.text) && MARKER.test(line.text)) return false;
  return true;
}

const extent = (p: PartSource): [number, number] =>
  p.kind === 'grid'
    ? [p.part.xs[0]!, p.part.xs[p.part.xs.length - 1]!]
    : [Math.min(...p.block.lines.map((l) => l.x0)), Math.max(...p.block.lines.map((l) => l.x1))];

/** The first table of a page continues the last one of the previous page when their columns agree. */
function sameTable(prev: Piece & { kind: 'table' }, e: PartSource): boolean {
  const last = prev.parts[prev.parts.length - 1]!;
  if (last.kind === 'grid' && e.kind === 'grid') {
    // the same outer borders, and the borders of one part all found in the other (a part may have
    // fewer columns: only the rows of the 采购 group of table 二 went over to the next page)
    const [a, b] = [last.part.xs, e.part.xs].sort((p, q) => p.length - q.length) as [number[], number[]];
    const near = (x: number, ys: number[]) => ys.some((y) => Math.abs(x - y) <= 3);
    return (
      Math.abs(a[0]! - b[0]!) <= 3 &&
      Math.abs(a[a.length - 1]! - b[b.length - 1]!) <= 3 &&
      a.every((x) => near(x, b))
    );
  }
  const [ax0, ax1] = extent(last);
  const [bx0, bx1] = extent(e);
  const overlap = Math.min(ax1, bx1) - Math.max(ax0, bx0);
  return Math.abs(ax0 - bx0) <= 3 || overlap >= 0.7 * Math.min(ax1 - ax0, bx1 - bx0);
}

/** A part of a ruled table on the column borders of the whole table (a cell may span more of them). */
function onColumns(part: TablePart, xs: number[]): TablePart {
  const at = (x: number) =>
    xs.reduce((best, v, i) => (Math.abs(v - x) < Math.abs(xs[best]! - x) ? i : best), 0);
  const rows = part.rows.map((r) =>
    r.map((c) => {
      const c0 = at(part.xs[c.col]!);
      return { ...c, col: c0, span: Math.max(1, at(part.xs[c.col + c.span]!) - c0) };
    }),
  );
  return { ...part, xs, rows, firstValueCol: valueColumn(rows) };
}

function tableRows(piece: Piece & { kind: 'table' }): GRow[] {
  const loose = piece.parts.flatMap((p) => (p.kind === 'loose' ? [p.block] : []));
  let grids = piece.parts.flatMap((p) => (p.kind === 'grid' ? [p.part] : []));
  if (grids.length > 1) {
    const xs = cluster(
      grids.flatMap((g) => g.xs),
      3,
    );
    grids = grids.map((g) => onColumns(g, xs));
  }
  let parts: TablePart[] = grids;
  const byValueLines = grids.length ? null : loose.map(readValueLines);
  if (byValueLines && byValueLines.every((p) => p)) parts = byValueLines as TablePart[];
  else if (loose.length) {
    let segs = loose.flatMap((b) => b.lines.flatMap((l) => l.segs));
    // where a part of the table is ruled, its rules are the columns of the rest too
    // a line of one piece (a title over the table, the rest of a wrapped label) says nothing of columns
    const rowSegs = loose.flatMap((b) => b.lines.filter((l) => l.segs.length >= 2).flatMap((l) => l.segs));
    const cols: Columns = grids.length
      ? { bounds: grids[0]!.xs.slice(1, -1) }
      : findColumns(rowSegs.length ? rowSegs : segs);
    if (grids.length) {
      for (const l of loose.flatMap((b) => b.lines)) l.segs = l.segs.flatMap((g) => splitSeg(g, cols.bounds));
      segs = loose.flatMap((b) => b.lines.flatMap((l) => l.segs));
    }
    const ncols = cols.bounds.length + 1;
    let first = Infinity;
    for (const g of grids) if (g.firstValueCol >= 0) first = Math.min(first, g.firstValueCol);
    for (const s of segs) {
      if (!isNumeric(s.text)) continue;
      const c0 = columnOf(cols, s.x0);
      if (c0 === Math.max(c0, columnOf(cols, s.x1))) first = Math.min(first, c0);
    }
    const firstValueCol = first === Infinity ? -1 : first;
    let g = 0;
    parts = piece.parts.map((p) =>
      p.kind === 'grid' ? { ...grids[g++]!, firstValueCol } : readLoose(p.block, cols, ncols, firstValueCol),
    );
  }
  let rows: GRow[] = parts[0]?.rows ?? [];
  const header = rows.slice(0, 3).map((r) => r.map((c) => c.text).join('\t'));
  for (const part of parts.slice(1)) {
    // header rows repeated at the top of each page
    let next = part.rows;
    // the rest of a row cut by the page break, with nothing in it
    if (next[0]?.every((c) => !c.text.trim())) next = next.slice(1);
    if (part.headerRows) next = next.slice(part.headerRows);
    let k = 0;
    while (
      k < next.length &&
      k < header.length &&
      next[k]!.map((c) => c.text).join('\t') === header[k] &&
      header[k]!.trim()
    )
      k++;
    next = next.slice(k);
    rows = stitch(rows, next, part.firstValueCol);
  }
  return rows;
}
