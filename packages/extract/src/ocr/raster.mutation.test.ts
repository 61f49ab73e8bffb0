/**
 * The pixel decisions of a scan's reading that mutation testing (issue 20, scripts/MUTATION.md) found
 * no test pinning down, each on a small page drawn here pixel by pixel: what is ink in a grey or RGBA
 * scan, which specks go, a ruling line two or three pixel rows thick (as a scanner prints a 0.5 pt
 * rule at 200 dpi), a line that steps by one row, text boxes never smeared across a ruling line, and
 * the three bars of 三 joined into one character.
 */
import { describe, expect, it } from 'vitest';
import { findRules, inkImage, inkMask, joinStrokes, rulesInPoints, skewOf, textBoxes, type PixelBox } from './raster';

/** A mask (1 = ink) drawn as text: '#' ink, anything else paper. */
function mask(rows: string[]): { data: Uint8Array; w: number; h: number } {
  const w = rows[0]!.length;
  const h = rows.length;
  const data = new Uint8Array(w * h);
  rows.forEach((r, y) => [...r].forEach((c, x) => (data[y * w + x] = c === '#' ? 1 : 0)));
  return { data, w, h };
}

/** A mask back as text. */
function draw(data: Uint8Array, w: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < data.length; i += w) rows.push([...data.subarray(i, i + w)].map((v) => (v ? '#' : '.')).join(''));
  return rows;
}

/** A w×h mask with ink where `ink` says. */
function paint(w: number, h: number, ink: (x: number, y: number) => boolean): Uint8Array {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) data[y * w + x] = 1;
  return data;
}

const corners = (b: PixelBox) => [b.x0, b.y0, b.x1, b.y1];

describe('inkImage: what is ink', () => {
  it('a grey scan (one channel): darker than 212 stays as it is, 212 and lighter is paper', () => {
    expect([...inkImage(Uint8Array.from([100, 211, 212, 184]), 4, 1, 1).data]).toEqual([100, 211, 255, 184]);
  });

  it('an RGBA scan: red 50 above green and blue is still ink (dark red text), 51 above is the seal', () => {
    // 120,100,30: blue far below red but green close to it — brown ink, not the seal's red
    const rgba = Uint8Array.from([120, 100, 30, 255, 100, 50, 50, 255, 101, 50, 50, 255, 0, 0, 0, 0]);
    expect([...inkImage(rgba, 4, 1, 4).data]).toEqual([98, 65, 255, 0]);
  });
});

describe('inkMask: specks', () => {
  it('drops a lone dot inside the page, keeps strokes, leaves the page edge as scanned', () => {
    const m = mask([
      '#.......', // a dot on the top edge: not looked at
      '..##....',
      '..#....#', // three pixels of a stroke: each has two inked neighbours; a dot on the right edge
      '.....#..', // a lone speck: dropped
      '#.......', // a dot on the left edge: not looked at
      '........',
    ]);
    const grey = { width: m.w, height: m.h, data: Uint8Array.from(m.data, (v) => (v ? 0 : 255)) };
    expect(draw(inkMask(grey), m.w)).toEqual(['#.......', '..##....', '..#....#', '........', '#.......', '........']);
  });

  it('ink is darker than 185 by default, or than the level given', () => {
    const grey = { width: 3, height: 1, data: Uint8Array.from([184, 185, 211]) };
    expect([...inkMask(grey)]).toEqual([1, 0, 0]);
    expect([...inkMask(grey, 212)]).toEqual([1, 1, 1]);
  });
});

describe('skewOf', () => {
  it('finds a page turned 1.5° anticlockwise', () => {
    const t = Math.tan((-1.5 * Math.PI) / 180);
    const data = paint(1000, 300, (x, y) => [60, 120, 180, 240].some((y0) => Math.abs(y - (y0 + x * t)) < 1));
    expect(skewOf(data, 1000, 300)).toBeCloseTo(-1.5, 1);
  });

  it('takes a page with too little ink (a blank page, a few specks) as straight', () => {
    const t = Math.tan((2 * Math.PI) / 180);
    // a slanted stroke of 60 px: 20 points sampled, too few to tell a slant
    const data = paint(300, 100, (x, y) => x >= 100 && x < 160 && Math.abs(y - (50 + x * t)) < 0.5);
    expect(skewOf(data, 300, 100)).toBe(0);
  });
});

describe('findRules: the ruling lines of a table', () => {
  const w = 200;
  const h = 110;
  const data = paint(w, h, (x, y) => {
    if (y >= 10 && y <= 12 && x >= 5 && x < 65) return true; // three rows thick
    if ((y === 30 || y === 32) && x >= 5 && x < 65) return true; // a row lost in between
    if ((y === 50 || y === 53) && x >= 5 && x < 65) return true; // two rows lost: two lines
    if (y === 70) return x >= 5 && x < 65; // a line that steps down by one row at x 65
    if (y === 71) return x >= 65 && x < 125;
    if (y === 90) return x >= 65 && x < 125; // steps up the other way
    if (y === 91) return x >= 5 && x < 65;
    if (y === 100) return (x >= 5 && x < 60) || (x >= 62 && x < 70) || (x >= 100 && x < 170); // a gap of 2 bridged, then a second line
    if (x === 180 && y >= 5 && y < 95) return true; // a vertical rule
    return false;
  });

  it('merges the rows one line covers, and no more', () => {
    const lines = findRules(data, w, h, 50);
    expect(lines.horizontal.map(corners)).toEqual([
      [5, 10, 65, 13],
      [5, 30, 65, 33],
      [5, 50, 65, 51],
      [5, 53, 65, 54],
      [5, 70, 65, 71],
      [65, 71, 125, 72],
      [65, 90, 125, 91],
      [5, 91, 65, 92],
      [5, 100, 70, 101],
      [100, 100, 170, 101],
    ]);
    expect(lines.vertical.map(corners)).toEqual([[180, 5, 181, 95]]);
  });

  it('gives them in page points, along the middle of their pixel rows', () => {
    const lines = { horizontal: [{ x0: 10, x1: 110, y0: 20, y1: 23 }], vertical: [{ x0: 50, x1: 52, y0: 5, y1: 95 }] };
    expect(rulesInPoints(lines, 0.5)).toEqual([
      { x0: 5, x1: 55, y0: 10.75, y1: 10.75 },
      { x0: 25.5, x1: 25.5, y0: 2.5, y1: 47.5 },
    ]);
  });
});

describe('textBoxes: runs of characters', () => {
  it('joins ink up to gapX apart along a line and gapY across, never across a ruling line', () => {
    const w = 80;
    const h = 40;
    const data = paint(w, h, (x, y) => {
      if (x === 40) return true; // a vertical rule, on the mask as scanned
      if (y >= 2 && y < 8) return (x >= 2 && x < 6) || (x >= 12 && x < 16); // 6 apart: one box
      if (y >= 11 && y < 17) return x >= 2 && x < 6; // 3 rows below: the same box
      if (y >= 22 && y < 28) return (x >= 2 && x < 6) || (x >= 13 && x < 17); // 7 apart: two
      if (y >= 30 && y < 38) return (x >= 33 && x < 38) || (x >= 43 && x < 48); // either side of the rule
      return false;
    });
    const lines = { horizontal: [], vertical: [{ x0: 40, x1: 41, y0: 0, y1: 40 }] };
    expect(textBoxes(data, w, h, lines, 6, 3).map(corners)).toEqual([
      [2, 2, 16, 17],
      [2, 22, 6, 28],
      [13, 22, 17, 28],
      [33, 30, 38, 38],
      [43, 30, 48, 38],
    ]);
  });

  it('keeps a figure in each cell of a narrow ruled column', () => {
    // table 三's figures: 「1」 and 「0」 in neighbouring cells, 9 px apart across the rule between them
    const w = 60;
    const h = 20;
    const data = paint(w, h, (x, y) => x === 24 || (y >= 4 && y < 16 && ((x >= 10 && x < 20) || (x >= 29 && x < 38))));
    const lines = { horizontal: [], vertical: [{ x0: 24, x1: 25, y0: 0, y1: 20 }] };
    expect(textBoxes(data, w, h, lines, 12, 3).map(corners)).toEqual([
      [10, 4, 20, 16],
      [29, 4, 38, 16],
    ]);
    // the same figures without the rule are one run
    const bare = paint(w, h, (x, y) => y >= 4 && y < 16 && ((x >= 10 && x < 20) || (x >= 29 && x < 38)));
    expect(textBoxes(bare, w, h, { horizontal: [], vertical: [] }, 12, 3).map(corners)).toEqual([[10, 4, 38, 16]]);
  });
});

describe('joinStrokes', () => {
  it('joins the three bars of 三 into one character', () => {
    const bars = [
      { x0: 100, y0: 200, x1: 120, y1: 203 },
      { x0: 102, y0: 207, x1: 118, y1: 210 },
      { x0: 99, y0: 214, x1: 121, y1: 217 },
    ];
    expect(joinStrokes(bars, 24, 8, [])).toEqual([{ x0: 99, y0: 200, x1: 121, y1: 217 }]);
  });

  it('never joins a figure to the one below it across the ruling line between their rows', () => {
    const above = { x0: 100, y0: 100, x1: 110, y1: 110 };
    const below = { x0: 100, y0: 114, x1: 110, y1: 124 };
    const rule = { x0: 50, x1: 200, y0: 111, y1: 113 };
    expect(joinStrokes([above, below], 30, 8, [rule])).toEqual([above, below]);
    expect(joinStrokes([above, below], 30, 8, [])).toEqual([{ x0: 100, y0: 100, x1: 110, y1: 124 }]);
  });
});
