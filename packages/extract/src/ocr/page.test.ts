import { describe, expect, it } from 'vitest';
import type { Recogniser } from './engine';
import { documentOf } from './index';
import { joinPunctuated, readPageImage, UNCERTAIN } from './page';
import type { PixelBox } from './raster';

/** A white RGB page of w×h with black pixels where `ink` says. */
function pixels(w: number, h: number, ink: (x: number, y: number) => boolean) {
  const data = new Uint8Array(w * h * 3).fill(255);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink(x, y)) data.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return { data, width: w, height: h, channels: 3 };
}

/** A hollow square: a character as far as the box finder can tell. */
const square = (x: number, y: number, x0: number, y0: number, size: number) =>
  x >= x0 && x < x0 + size && y >= y0 && y < y0 + size && (x < x0 + 2 || x >= x0 + size - 2 || y < y0 + 2 || y >= y0 + size - 2);

describe('readPageImage: a figure a space after a label, at the line\'s end', () => {
  // at 150 dpi (a page 192 pt across drawn 400 px wide: an em is 22 px), two characters of a label,
  // then a space of 10 px (under half an em, so the box finder runs them into one box) and a 1
  const page = pixels(400, 80, (x, y) => square(x, y, 20, 30, 19) || square(x, y, 42, 30, 19) || (x >= 71 && x < 73 && y >= 31 && y < 48));
  /** What PaddleOCR gives for the box: the whole line misread with the 1 as 「T」, each part alone read right. */
  const recogniser: Recogniser & { boxes: PixelBox[] } = {
    name: 'fake',
    boxes: [],
    read(_page, box) {
      this.boxes.push(box);
      if (box.x0 < 40 && box.x1 > 70) return Promise.resolve({ text: '其他 T', confidence: 0.93 });
      if (box.x0 >= 62) return Promise.resolve({ text: '1', confidence: 0.99 });
      return Promise.resolve({ text: '其他', confidence: 0.99 });
    },
    close: () => Promise.resolve(),
  };

  it('is read on its own, as a figure in a box of its own', async () => {
    const r = await readPageImage(page, recogniser, 192);
    expect(r.boxes.map((b) => [b.text, b.x0, b.x1])).toEqual([
      ['其他', 21, 62],
      ['1', 72, 74],
    ]);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['其他', '1']);
  });

  it('stays with its label when the part after the space is no figure', async () => {
    const words: Recogniser = { ...recogniser, read: (_p, box) => Promise.resolve({ text: box.x0 >= 62 ? '了' : '其他了', confidence: 0.95 }) };
    const r = await readPageImage(page, words, 192);
    expect(r.boxes.map((b) => [b.text, b.x0, b.x1])).toEqual([['其他了', 21, 74]]);
  });
});

describe('readPageImage: a figure read unsurely', () => {
  // a 0 (a hollow 12×19 box) in a ruled cell at 150 dpi, with specks of the scan around it
  const page = pixels(400, 80, (x, y) => square(x, y, 200, 30, 19) && x < 212 ? true : (x === 190 || x === 191) && (y === 36 || y === 37));
  /** PaddleOCR unsure of the 0 on the page, sure of it alone on white (a crop smaller than the page). */
  const reader = (alone: string): Recogniser => ({
    name: 'fake',
    read: (p) => Promise.resolve(p.width === 400 ? { text: '0', confidence: 0.55 } : { text: alone, confidence: 0.99 }),
    close: () => Promise.resolve(),
  });

  it('is read again alone on white, and taken as sure when it reads the same', async () => {
    const r = await readPageImage(page, reader('0'), 192);
    expect(r.boxes.map((b) => [b.text, b.confidence])).toEqual([['0', 0.99]]);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['0']);
  });

  it('read as nothing on the page, is read again alone on white, not left out', async () => {
    const r = await readPageImage(page, { ...reader('2'), read: (p) => Promise.resolve(p.width === 400 ? { text: '', confidence: 1 } : { text: '2', confidence: 0.97 }) }, 192);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['2']);
    const unsure = await readPageImage(page, { ...reader('2'), read: (p) => Promise.resolve(p.width === 400 ? { text: '', confidence: 1 } : { text: '2', confidence: 0.6 }) }, 192);
    expect(unsure.content.boxes.map((b) => b.str)).toEqual([UNCERTAIN + '2']);
  });

  it('a lone digit still unsure alone is read a third time with white on either side; a longer figure is not', async () => {
    /** Unsure on the page and in the tight crop, sure in a wider one (white on either side). */
    const narrow = (text: string): Recogniser & { widths: number[] } => ({
      name: 'fake',
      widths: [],
      read(p, box) {
        this.widths.push(box.x1 - box.x0);
        const [page, tight, wide] = this.widths;
        return Promise.resolve({ text, confidence: p.width === 400 ? 0.55 : wide !== undefined && wide > tight! && wide > page! ? 0.99 : 0.7 });
      },
      close: () => Promise.resolve(),
    });
    const r = await readPageImage(page, narrow('2'), 192);
    expect(r.boxes.map((b) => [b.text, b.confidence])).toEqual([['2', 0.99]]);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['2']);
    const longer = await readPageImage(page, narrow('15'), 192);
    expect(longer.boxes.map((b) => [b.text, b.confidence])).toEqual([['15', 0.7]]);
    expect(longer.content.boxes.map((b) => b.str)).toEqual([UNCERTAIN + '15']);
  });

  it('stays doubtful when the second reading differs', async () => {
    const r = await readPageImage(page, reader('8'), 192);
    expect(r.boxes.map((b) => [b.text, b.confidence])).toEqual([['0', 0.55]]);
    expect(r.content.boxes.map((b) => b.str)).toEqual([UNCERTAIN + '0']);
  });
});

describe('readPageImage: a line of prose set apart by a full-width 、 or ，', () => {
  // at 150 dpi (an em is 22 px): two lines of three characters, a gap of 15 px (the blank right
  // half of a 、 widened by a justified line: more than the box finder bridges), three characters
  const chars = (x: number, y: number) => [20, 44, 68, 103, 127, 151].some((x0) => [30, 70].some((y0) => square(x, y, x0, y0, 19)));
  const prose: Recogniser = {
    name: 'fake',
    read: (_p, box) => Promise.resolve({ text: box.x0 < 90 ? (box.y0 < 60 ? '总体情况、' : '收到和，') : '主动公开', confidence: 0.99 }),
    close: () => Promise.resolve(),
  };

  it('is one line of a paragraph, not two cells of a table', async () => {
    const r = await readPageImage(pixels(400, 120, chars), prose, 192);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['总体情况、主动公开', '收到和，主动公开']);
    const doc = documentOf([r.content]);
    expect(doc.tables).toEqual([]);
    expect(doc.text).toBe('总体情况、主动公开收到和，主动公开\n');
  });

  it('stays two cells across a ruling line between them', async () => {
    const ruled = pixels(400, 120, (x, y) => chars(x, y) || ((x === 95 || x === 96) && y >= 10 && y < 110) || ((y === 10 || y === 109) && x >= 10 && x < 180));
    const r = await readPageImage(ruled, prose, 192);
    expect(r.content.boxes.map((b) => b.str)).toEqual(['总体情况、', '主动公开', '收到和，', '主动公开']);
  });

  it('keeps a figure apart from the label before it', () => {
    const box = (str: string, x0: number, x1: number) => ({ str, x0, x1, top: 10, bottom: 20, size: 10 });
    expect(joinPunctuated([box('（一）予以公开、', 0, 80), box('12', 88, 100)], []).map((b) => b.str)).toEqual(['（一）予以公开、', '12']);
    expect(joinPunctuated([box('（一）予以公开、', 0, 80), box('其他', 88, 100)], []).map((b) => b.str)).toEqual(['（一）予以公开、其他']);
    // farther than an em (the box's height) is a column's gap
    expect(joinPunctuated([box('（一）予以公开、', 0, 80), box('其他', 91, 100)], []).map((b) => b.str)).toEqual(['（一）予以公开、', '其他']);
  });
});

describe('readPageImage: a dash printed alone in a table cell', () => {
  // at 150 dpi (an em is 22 px): a ruled row of two cells 40 px high, a 0 (a hollow 12×19 box) in
  // the first, a dash of 6×2 px (a 9-point 「-」) in the middle of the second
  const grid = (x: number, y: number) =>
    ((y === 20 || y === 21 || y === 60 || y === 61) && x >= 20 && x < 221) || ((x === 20 || x === 21 || x === 120 || x === 121 || x === 219 || x === 220) && y >= 20 && y < 62);
  const zero = (x: number, y: number) => square(x, y, 60, 31, 19) && x < 72;
  const bar = (x0: number, y0: number) => (x: number, y: number) => x >= x0 && x < x0 + 6 && y >= y0 && y < y0 + 2;
  const reader: Recogniser = {
    name: 'fake',
    // PaddleOCR reads a lone hyphen as nothing or as a stray mark
    read: (_p, box) => Promise.resolve(box.x1 - box.x0 > 8 ? { text: '0', confidence: 0.99 } : { text: '·', confidence: 0.3 }),
    close: () => Promise.resolve(),
  };
  const read = (ink: (x: number, y: number) => boolean) => readPageImage(pixels(400, 100, (x, y) => grid(x, y) || zero(x, y) || ink(x, y)), reader, 192);

  it('reads as the placeholder 「-」, not as a blank cell', async () => {
    const r = await read(bar(167, 40));
    expect(r.content.boxes.map((b) => b.str)).toEqual(['0', '-']);
    expect(documentOf([r.content]).tables.map((t) => t.rows.map((row) => row.map((c) => c.text)))).toEqual([[['0', '-']]]);
  });

  it('reads as the placeholder when it is an em or two wide (「—」「－」「——」), not as nothing or 「一」', async () => {
    // 「——」 at 9 pt is some 38 px (a bar as long as 0.3 in would be a ruling line)
    for (const width of [22, 38]) {
      const wide = (x: number, y: number) => x >= 150 && x < 150 + width && y >= 40 && y < 42;
      const r = await readPageImage(pixels(400, 100, (x, y) => grid(x, y) || zero(x, y) || wide(x, y)), { ...reader, read: (_p, box) => Promise.resolve(box.x1 - box.x0 > 14 ? { text: '一', confidence: 0.9 } : { text: '0', confidence: 0.99 }) }, 192);
      expect(r.content.boxes.map((b) => b.str)).toEqual(['0', '-']);
    }
  });

  it('is a speck when it is no bar, or stands at the cell\'s edge, or outside any table', async () => {
    const square3 = (x: number, y: number) => x >= 167 && x < 170 && y >= 40 && y < 43;
    expect((await read(square3)).content.boxes.map((b) => b.str)).toEqual(['0']);
    expect((await read(bar(167, 25))).content.boxes.map((b) => b.str)).toEqual(['0']);
    expect((await read(bar(300, 40))).content.boxes.map((b) => b.str)).toEqual(['0']);
  });
});
