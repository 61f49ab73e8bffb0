import { describe, expect, it } from 'vitest';
import { findRules, inkImage, inkMask, joinStrokes, skewOf, textBoxes } from './raster';
import { documentOf } from './index';
import { UNCERTAIN } from './page';

/** A white page of w×h with black pixels where `ink` says. */
function page(w: number, h: number, ink: (x: number, y: number) => boolean): Uint8Array {
  const rgb = new Uint8Array(w * h * 3).fill(255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) rgb.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return rgb;
}

describe('the ink of a scan', () => {
  it('drops a red seal and a light grey watermark, keeps black text', () => {
    // pixels: black text, seal red, watermark grey at ~22 %, black text under the watermark
    const rgb = Uint8Array.from([20, 20, 20, 220, 30, 30, 226, 226, 226, 30, 28, 30]);
    expect([...inkImage(rgb, 4, 1, 3).data]).toEqual([20, 255, 255, 29]);
  });

  it('finds the slant of ruled lines turned by 0.8°', () => {
    const t = Math.tan((0.8 * Math.PI) / 180);
    const rgb = page(800, 400, (x, y) => [80, 160, 240, 320].some((y0) => Math.abs(y - (y0 + x * t)) < 1));
    const img = inkImage(rgb, 800, 400, 3);
    expect(skewOf(inkMask(img), 800, 400)).toBeCloseTo(0.8, 1);
  });

  it('finds the ruling lines of a grid and the text boxes inside its cells, never across a line', () => {
    // a 2×3 grid; in each cell a 10×14 blot ("a figure"), in the first cell two blots 6 px apart
    const xs = [20, 120, 220, 320];
    const ys = [20, 80, 140];
    const blot = (x: number, y: number, x0: number, y0: number) => x >= x0 && x < x0 + 10 && y >= y0 && y < y0 + 14;
    const rgb = page(360, 170, (x, y) => {
      if (xs.includes(x) && y >= 20 && y <= 140) return true;
      if (ys.includes(y) && x >= 20 && x <= 320) return true;
      return blot(x, y, 60, 40) || blot(x, y, 76, 40) || blot(x, y, 165, 40) || blot(x, y, 265, 100);
    });
    const img = inkImage(rgb, 360, 170, 3);
    const mask = inkMask(img);
    const lines = findRules(mask, 360, 170, 50);
    expect(lines.horizontal.map((l) => [l.x0, l.x1, l.y0])).toEqual([
      [20, 321, 20],
      [20, 321, 80],
      [20, 321, 140],
    ]);
    expect(lines.vertical.map((l) => [l.x0, l.y0, l.y1])).toEqual([
      [20, 20, 141],
      [120, 20, 141],
      [220, 20, 141],
      [320, 20, 141],
    ]);
    const boxes = joinStrokes(textBoxes(mask, 360, 170, lines, 8, 4), 20, 8, [...lines.horizontal, ...lines.vertical]);
    expect(boxes.map((b) => [b.x0, b.y0, b.x1, b.y1]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [60, 40, 86, 54],
      [165, 40, 175, 54],
      [265, 100, 275, 114],
    ]);
  });
});

describe('a short column border', () => {
  // a table of two one-line rows, 30 px high at a line finder's 45 px (0.3 in at 150 dpi): the
  // border between label and figure runs through the second row only (the first row's cell spans
  // both columns), so it is shorter than a ruling line is required to be
  const ys = [20, 50, 80];
  const ink = (x: number, y: number) =>
    (ys.includes(y) && x >= 20 && x <= 300) ||
    ((x === 20 || x === 300) && y >= 20 && y <= 80) ||
    (x === 200 && y >= 50 && y <= 80) ||
    // a figure's 1 (a stroke 16 px high) in the second row, touching neither ruling line
    (x === 250 && y >= 57 && y < 73);

  it('is a column border when it runs from one ruling line to the next', () => {
    const mask = inkMask(inkImage(page(320, 100, ink), 320, 100, 3));
    const lines = findRules(mask, 320, 100, 45);
    expect(lines.vertical.map((l) => [l.x0, l.y0, l.y1])).toEqual([
      [20, 20, 81],
      [200, 50, 81],
      [300, 20, 81],
    ]);
  });

  it('is no border when a stroke of text stops short of the ruling lines', () => {
    const mask = inkMask(inkImage(page(320, 100, ink), 320, 100, 3));
    expect(findRules(mask, 320, 100, 45).vertical.some((l) => l.x0 === 250)).toBe(false);
  });
});

describe('a heading\'s enumerator', () => {
  // boxes as found on page 1 of the seed 000's scan at 200 dpi (em 29.2 px): 「1、」 alone, then
  // 「总体情况」 a space further; in table 三, a 「1」 in its ruled cell beside the next cell's 「0」
  const em = 29.2;
  const lead = { width: em * 1.8, gap: em * 1.3 };
  const numeral = { x0: 288, y0: 221, x1: 309, y1: 245 };
  const title = { x0: 339, y0: 218, x1: 454, y1: 245 };

  it('joins the title to its right, so that 「1、总体情况」 is read as one line', () => {
    expect(joinStrokes([title, numeral], em * 1.2, Math.round(em * 0.55), [], lead)).toEqual([{ x0: 288, y0: 218, x1: 454, y1: 245 }]);
    // without the enumerator's allowance the two stay apart (the 「1、」 was read alone, unsure)
    expect(joinStrokes([title, numeral], em * 1.2, Math.round(em * 0.55), [])).toHaveLength(2);
  });

  it('never joins a narrow figure to the next cell across its ruling line, nor a wide box a space away', () => {
    const wall = { x0: 322, y0: 200, x1: 324, y1: 260 };
    expect(joinStrokes([numeral, { x0: 336, y0: 221, x1: 350, y1: 245 }], em * 1.2, Math.round(em * 0.55), [wall], lead)).toHaveLength(2);
    const wide = { x0: 200, y0: 218, x1: 309, y1: 245 };
    expect(joinStrokes([title, wide], em * 1.2, Math.round(em * 0.55), [], lead)).toHaveLength(2);
  });
});

describe('documentOf: a figure read with low confidence', () => {
  it('is written as read, and its cell span is listed as uncertain', () => {
    const rules = [
      ...[100, 120, 140].map((y) => ({ x0: 50, x1: 350, y0: y, y1: y })),
      ...[50, 200, 350].map((x) => ({ x0: x, x1: x, y0: 100, y1: 140 })),
    ];
    const box = (str: string, x0: number, top: number) => ({ str, x0, x1: x0 + 10.5 * str.length, top, bottom: top + 10.5, size: 10.5 });
    const doc = documentOf([
      {
        width: 595,
        height: 842,
        rules,
        boxes: [box('行政许可', 60, 104), box('12', 260, 104), box('行政处罚', 60, 124), box(UNCERTAIN + '7', 260, 124)],
      },
    ]);
    expect(doc.tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['行政许可', '12'],
      ['行政处罚', '7'],
    ]);
    expect(doc.uncertain).toEqual([doc.tables[0]!.rows[1]![1]!.span]);
    expect(doc.text).not.toContain(UNCERTAIN);
  });
});
