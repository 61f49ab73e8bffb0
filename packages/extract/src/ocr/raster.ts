/**
 * A scanned page as pixels: what is ink (dark and not the red of a seal, darker than a grey
 * watermark), the slant of the page, its ruling lines, and the boxes of text between them. Pure
 * arithmetic on arrays, no engine here.
 */
import type { Rule } from '../pdf-layout';

/** One byte per pixel, row by row. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A box in pixels, right and bottom exclusive. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Darker than this is ink (a watermark printed at ~20 % grey is lighter by far). */
const INK = 185;
/** A thin ruling line scanned comes out lighter than text: kept to this level for the line finder. */
export const FAINT = 212;

/**
 * Gray levels of an RGB(A) image where only ink stays: the red of a seal (red well above green and
 * blue) and light grey turn white, so that neither reaches the recogniser or the line finder.
 */
export function inkImage(rgb: Uint8Array, width: number, height: number, channels: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < data.length; i += channels, p++) {
    const r = rgb[i]!;
    const g = channels >= 3 ? rgb[i + 1]! : r;
    const b = channels >= 3 ? rgb[i + 2]! : r;
    const y = (r * 299 + g * 587 + b * 114) / 1000;
    const reddish = r - Math.max(g, b) > 50;
    data[p] = y < FAINT && !reddish ? Math.round(y) : 255;
  }
  return { width, height, data };
}

/** The ink mask (1 = ink), without isolated specks (a dot with fewer than two inked neighbours). */
export function inkMask(img: Gray, level = INK): Uint8Array {
  const { width: w, height: h, data } = img;
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i]! < level ? 1 : 0;
  const out = new Uint8Array(mask);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      const n =
        mask[i - w - 1]! + mask[i - w]! + mask[i - w + 1]! + mask[i - 1]! + mask[i + 1]! + mask[i + w - 1]! + mask[i + w]! + mask[i + w + 1]!;
      if (n < 2) out[i] = 0;
    }
  return out;
}

/**
 * The page's slant in degrees (positive: turned clockwise), found as the shear that makes the rows
 * of ink most uneven (text lines and ruling lines then fall on single rows). Looked for within ±3°.
 */
export function skewOf(mask: Uint8Array, w: number, h: number): number {
  const pts: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x += 3) if (mask[y * w + x]) pts.push(x, y);
  if (pts.length < 200) return 0;
  const margin = Math.ceil(w * 0.06) + 2;
  const bins = new Float64Array(h + 2 * margin);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < pts.length; i += 2) {
      const k = Math.round(pts[i + 1]! - pts[i]! * t) + margin;
      if (k >= 0 && k < bins.length) bins[k]! += 1;
    }
    let s = 0;
    for (const b of bins) s += b * b;
    return s;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -3; d <= 3.0001; d += 0.1) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.1; d <= coarse + 0.1001; d += 0.01) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return Math.round(best * 100) / 100;
}

/**
 * Straight ink runs at least `minLength` pixels long, horizontal or vertical (gaps of two pixels
 * bridged), merged across the few pixel rows a printed line covers. In pixels. A shorter vertical run
 * is a line too when it runs from one horizontal line to another: the border between two cells of a
 * one-line row (under a cell spanning columns) is no longer than the row is high, and without it
 * the two cells' texts run together.
 */
export function findRules(mask: Uint8Array, w: number, h: number, minLength: number): { horizontal: PixelBox[]; vertical: PixelBox[] } {
  const runs = (along: number, across: number, at: (a: number, b: number) => number, minLength: number) => {
    const found: PixelBox[] = [];
    for (let b = 0; b < across; b++) {
      let start = -1;
      let gap = 0;
      for (let a = 0; a <= along; a++) {
        const ink = a < along && at(a, b) === 1;
        if (ink) {
          if (start < 0) start = a;
          gap = 0;
        } else if (start >= 0 && ++gap > 2) {
          const end = a - gap + 1;
          if (end - start >= minLength) found.push({ x0: start, x1: end, y0: b, y1: b + 1 });
          start = -1;
          gap = 0;
        }
      }
    }
    // merge runs on neighbouring rows that overlap
    found.sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
    const merged: PixelBox[] = [];
    for (const r of found) {
      const m = merged.find((o) => r.y0 <= o.y1 + 1 && r.y0 >= o.y0 && r.x0 < o.x1 && r.x1 > o.x0);
      if (m) {
        m.x0 = Math.min(m.x0, r.x0);
        m.x1 = Math.max(m.x1, r.x1);
        m.y1 = Math.max(m.y1, r.y1);
      } else merged.push({ ...r });
    }
    // a thick bar is not a line (a filled block, a bold stroke of a big title)
    return merged.filter((m) => m.y1 - m.y0 <= 8);
  };
  const horizontal = runs(w, h, (x, y) => mask[y * w + x]!, minLength);
  // a border's ends lie on the horizontal lines (it crosses them), within a few pixels of their edges
  const onLine = (x0: number, x1: number, y: number) => {
    const tol = 3;
    return horizontal.some((l) => l.x0 <= x1 && l.x1 >= x0 && y >= l.y0 - tol && y <= l.y1 + tol);
  };
  const vertical = runs(h, w, (y, x) => mask[y * w + x]!, Math.min(minLength, Math.max(8, Math.round(minLength / 4))))
    .map((r) => ({ x0: r.y0, x1: r.y1, y0: r.x0, y1: r.x1 }))
    .filter((v) => v.y1 - v.y0 >= minLength || (onLine(v.x0, v.x1, v.y0) && onLine(v.x0, v.x1, v.y1 - 1)));
  return { horizontal, vertical };
}

/** The ruling lines in page points, as the PDF reader gives them. */
export function rulesInPoints(lines: { horizontal: PixelBox[]; vertical: PixelBox[] }, scale: number): Rule[] {
  const out: Rule[] = [];
  for (const l of lines.horizontal) {
    const y = ((l.y0 + l.y1) / 2) * scale;
    out.push({ x0: l.x0 * scale, x1: l.x1 * scale, y0: y, y1: y });
  }
  for (const l of lines.vertical) {
    const x = ((l.x0 + l.x1) / 2) * scale;
    out.push({ x0: x, x1: x, y0: l.y0 * scale, y1: l.y1 * scale });
  }
  return out;
}

/**
 * Boxes of text: ink (rules removed) smeared along a line by `gapX` and across by `gapY` pixels, never
 * across a ruling line, then connected. A box is a run of characters on one line within one cell.
 */
export function textBoxes(mask: Uint8Array, w: number, h: number, lines: { horizontal: PixelBox[]; vertical: PixelBox[] }, gapX: number, gapY: number): PixelBox[] {
  const ink = new Uint8Array(mask);
  const wall = new Uint8Array(w * h);
  const pad = 2;
  for (const l of [...lines.horizontal, ...lines.vertical])
    for (let y = Math.max(0, l.y0 - pad); y < Math.min(h, l.y1 + pad); y++)
      for (let x = Math.max(0, l.x0 - pad); x < Math.min(w, l.x1 + pad); x++) {
        ink[y * w + x] = 0;
        wall[y * w + x] = 1;
      }
  const smear = new Uint8Array(ink);
  for (let y = 0; y < h; y++) {
    let last = -1;
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (wall[i]) last = -1;
      else if (ink[i]) {
        if (last >= 0 && x - last - 1 <= gapX) for (let k = last + 1; k < x; k++) smear[y * w + k] = 1;
        last = x;
      }
    }
  }
  for (let x = 0; x < w; x++) {
    let last = -1;
    for (let y = 0; y < h; y++) {
      const i = y * w + x;
      if (wall[i]) last = -1;
      else if (ink[i]) {
        if (last >= 0 && y - last - 1 <= gapY) for (let k = last + 1; k < y; k++) smear[k * w + x] = 1;
        last = y;
      }
    }
  }
  // connected components (4-neighbour), by flood fill with an explicit stack
  const label = new Int32Array(w * h);
  const boxes: PixelBox[] = [];
  const stack: number[] = [];
  // a neighbour joins the component being filled (no array per pixel: a page has millions)
  const visit = (k: number) => {
    if (smear[k] && !label[k]) {
      label[k] = boxes.length + 1;
      stack.push(k);
    }
  };
  for (let i = 0; i < smear.length; i++) {
    if (!smear[i] || label[i]) continue;
    const box = { x0: w, y0: h, x1: 0, y1: 0 };
    let inked = 0;
    label[i] = boxes.length + 1;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const x = j % w;
      const y = (j - x) / w;
      if (ink[j]) {
        inked++;
        if (x < box.x0) box.x0 = x;
        if (x + 1 > box.x1) box.x1 = x + 1;
        if (y < box.y0) box.y0 = y;
        if (y + 1 > box.y1) box.y1 = y + 1;
      }
      if (x > 0) visit(j - 1);
      if (x < w - 1) visit(j + 1);
      if (y > 0) visit(j - w);
      if (y < h - 1) visit(j + w);
    }
    boxes.push(inked ? box : { x0: 0, y0: 0, x1: 0, y1: 0 });
  }
  return boxes.filter((b) => b.x1 > b.x0 && b.y1 > b.y0);
}

/**
 * Strokes of one character that smearing left apart (the bars of 二 and 三, a 、 beside its
 * character) joined: boxes that overlap along the line and together stay within `maxHeight`, then
 * neighbours on a line closer than `gapX` with nothing between them. A box no wider than
 * `lead.width` (an enumerator: 「1、」「二、」, whose 、 leaves most of its em blank) joins the text to its
 * right up to `lead.gap` away, so that a heading's numeral is read with its title, not alone. Boxes
 * never join across `walls`.
 */
export function joinStrokes(
  boxes: PixelBox[],
  maxHeight: number,
  gapX: number,
  walls: PixelBox[],
  lead: { width: number; gap: number } = { width: 0, gap: 0 },
): PixelBox[] {
  const out = boxes.map((b) => ({ ...b }));
  const crosses = (a: PixelBox, b: PixelBox) => {
    const u = { x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1), y0: Math.min(a.y0, b.y0), y1: Math.max(a.y1, b.y1) };
    return walls.some((w) => w.x0 < u.x1 - 1 && w.x1 > u.x0 + 1 && w.y0 < u.y1 - 1 && w.y1 > u.y0 + 1 && !(w.x0 < a.x1 && w.x1 > a.x0 && w.y0 < a.y1 && w.y1 > a.y0));
  };
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const height = Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0);
        if (height > maxHeight) continue;
        const xOverlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const yOverlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        const stacked = xOverlap > 0.3 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
        const left = a.x0 <= b.x0 ? a : b;
        const gap = left.x1 - left.x0 <= lead.width ? Math.max(gapX, lead.gap) : gapX;
        const sideBySide = yOverlap > -0.1 * maxHeight && -xOverlap <= gap;
        if (!stacked && !sideBySide) continue;
        if (crosses(a, b)) continue;
        out[i] = { x0: Math.min(a.x0, b.x0), x1: Math.max(a.x1, b.x1), y0: Math.min(a.y0, b.y0), y1: Math.max(a.y1, b.y1) };
        out.splice(j, 1);
        changed = true;
        break outer;
      }
  }
  return out;
}

/**
 * The last blank stretch across `box` at least `minGap` pixels wide with no more than `maxTail`
 * pixels of the box after it and ink before it (a space before a line's last word or figure), or
 * none. A column with a single pixel of ink (a speck) counts as blank.
 */
export function trailingGap(mask: Uint8Array, w: number, box: PixelBox, minGap: number, maxTail: number): { x0: number; x1: number } | undefined {
  const inked = (x: number) => {
    let n = 0;
    for (let y = box.y0; y < box.y1 && n < 2; y++) n += mask[y * w + x]!;
    return n >= 2;
  };
  let end = -1;
  for (let x = box.x1 - 1; x >= box.x0 && box.x1 - (end < 0 ? x : end) <= maxTail; x--) {
    if (!inked(x)) {
      if (end < 0) end = x + 1;
      continue;
    }
    if (end >= 0 && end - (x + 1) >= minGap) return { x0: x + 1, x1: end };
    end = -1;
  }
  return undefined;
}

/** The box shrunk to the ink within it. */
export function inkBounds(mask: Uint8Array, w: number, box: PixelBox): PixelBox {
  const out = { x0: box.x1, y0: box.y1, x1: box.x0, y1: box.y0 };
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++)
      if (mask[y * w + x]) {
        if (x < out.x0) out.x0 = x;
        if (x + 1 > out.x1) out.x1 = x + 1;
        if (y < out.y0) out.y0 = y;
        if (y + 1 > out.y1) out.y1 = y + 1;
      }
  return out.x1 > out.x0 ? out : box;
}

/**
 * Whether a box is a dash printed alone in a ruled table cell (「-」「—」「——」「－」, the placeholder of a
 * cell with nothing to count): a solid bar, at least twice as wide as it is high, no higher than
 * `em` × 0.2 and no wider than 2.5 em (「——」), standing in the middle half of the cell's height between ruling
 * lines on all four sides. Scan noise gives single specks, never such a bar, and PaddleOCR reads a
 * lone dash as nothing, a stray mark or 「一」, so its shape is what tells it.
 */
export function isCellDash(mask: Uint8Array, w: number, box: PixelBox, em: number, lines: { horizontal: PixelBox[]; vertical: PixelBox[] }): boolean {
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  if (bh > Math.max(3, em * 0.2) || bw < 2 * bh || bw < em * 0.15 || bw > em * 2.5) return false;
  let inked = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) inked += mask[y * w + x]!;
  if (inked < 0.6 * bw * bh) return false;
  const nearest = (found: PixelBox[], at: (l: PixelBox) => number, best: (a: number, b: number) => boolean) =>
    found.reduce<PixelBox | undefined>((m, l) => (!m || best(at(l), at(m)) ? l : m), undefined);
  const across = lines.horizontal.filter((l) => l.x0 <= box.x0 && l.x1 >= box.x1);
  const above = nearest(across.filter((l) => l.y1 <= box.y0), (l) => l.y1, (a, b) => a > b);
  const below = nearest(across.filter((l) => l.y0 >= box.y1), (l) => l.y0, (a, b) => a < b);
  const along = lines.vertical.filter((l) => l.y0 <= box.y0 && l.y1 >= box.y1);
  const left = along.some((l) => l.x1 <= box.x0);
  const right = along.some((l) => l.x0 >= box.x1);
  if (!above || !below || !left || !right) return false;
  const at = ((box.y0 + box.y1) / 2 - above.y1) / (below.y0 - above.y1);
  return at >= 0.25 && at <= 0.75;
}
