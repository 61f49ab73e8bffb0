/**
 * A scanned page's way from pixels to a Document (issue 20, scripts/MUTATION.md), with a stand-in
 * recogniser so that the decisions around the engine are tested without it: which boxes are read
 * apart, their place in page points, a figure read unsure, the page count of a multi-page TIFF, a
 * PDF with neither text nor images, and a cell's box put back on the scan as given.
 */
import { describe, expect, it } from 'vitest';
import { tiff } from '../testing/tiff';
import { ExtractError } from '../types';
import type { Recogniser } from './engine';
import { encodePng, type Pixels } from './image';
import { fromImages, fromScannedPdf } from './index';
import { boxOnScan, readPageImage, UNCERTAIN, type ScannedPage } from './page';

/**
 * Table 三's first two rows printed without ruling lines on an A4 page scanned at 200 dpi (1654 px
 * across), each label and figure a solid block of ink: labels 117 px wide, figures 20 px wide and
 * 40 px to their right — more than a character's gap, less than the allowance of an enumerator —
 * and the 总计 column's figures near the right edge.
 */
function unruledPage(): Pixels {
  const width = 1654;
  const height = 300;
  const data = new Uint8Array(width * height).fill(255);
  const block = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  };
  block(100, 100, 217, 130);
  block(257, 100, 277, 130);
  block(1500, 100, 1520, 130);
  block(100, 160, 217, 190);
  block(257, 160, 277, 190);
  block(1500, 160, 1520, 190);
  return { width, height, channels: 1, data };
}

/** Reads a wide box as its row's label, a narrow one as its figure: the second row's unsure. */
const standIn: Recogniser = {
  name: 'stand-in',
  read: (_page, box) => {
    const first = box.y0 < 150;
    if (box.x1 - box.x0 > 60)
      return Promise.resolve({
        text: first ? '本年新收政府信息公开申请数量' : '上年结转政府信息公开申请数量',
        confidence: 0.98,
      });
    return Promise.resolve(first ? { text: '12', confidence: 0.97 } : { text: '7', confidence: 0.6 });
  },
  close: () => Promise.resolve(),
};

describe('readPageImage', () => {
  it('reads a label and the figure 40 px to its right apart, placed in points of the page', async () => {
    const page = await readPageImage(unruledPage(), standIn);
    const s = 595.28 / 1654;
    const at = (str: string, x0: number, y0: number, x1: number, y1: number) => ({
      str,
      x0: x0 * s,
      x1: x1 * s,
      top: y0 * s,
      bottom: y1 * s,
      size: (y1 - y0) * s,
    });
    expect(page.content.boxes).toEqual([
      at('本年新收政府信息公开申请数量', 100, 100, 217, 130),
      at('12', 257, 100, 277, 130),
      at('12', 1500, 100, 1520, 130),
      at('上年结转政府信息公开申请数量', 100, 160, 217, 190),
      at(UNCERTAIN + '7', 257, 160, 277, 190),
      at(UNCERTAIN + '7', 1500, 160, 1520, 190),
    ]);
    expect(page.content.rules).toEqual([]);
    expect([page.content.width, page.content.height, page.scale, page.original]).toEqual([
      1654 * s,
      300 * s,
      s,
      { width: 1654, height: 300 },
    ]);
  });
});

describe('fromImages', () => {
  it('a PNG page: its rows as a table, the unsure figures written as read and their cells listed', async () => {
    const { document, pages } = await fromImages([encodePng(unruledPage())], '扫描第2页.png', standIn);
    const rows = document.tables.map((t) => t.rows.map((r) => r.map((c) => c.text)));
    expect(rows).toEqual([
      [
        ['本年新收政府信息公开申请数量', '12', '12'],
        ['上年结转政府信息公开申请数量', '7', '7'],
      ],
    ]);
    const [first, second] = document.tables[0]!.rows;
    expect(document.uncertain).toEqual([second![1]!.span, second![2]!.span]);
    expect(second!.map((c) => document.text.slice(...c.span))).toEqual([
      '上年结转政府信息公开申请数量',
      '7',
      '7',
    ]);
    // the page was read as given (too straight to turn): each cell's box on the scan, in points
    expect(first!.map((c) => c.position)).toEqual([
      { page: 1, box: [36, 36, 85.5, 46.8] },
      { page: 1, box: [85.5, 36, 319.7, 46.8] },
      { page: 1, box: [319.7, 36, 547.1, 46.8] },
    ]);
    expect(document.text).not.toContain(UNCERTAIN);
    expect([
      document.ocr,
      document.format,
      pages.length,
      pages[0]!.boxes.map((b) => [b.text, b.confidence]),
    ]).toEqual([
      true,
      'pdf',
      1,
      [
        ['本年新收政府信息公开申请数量', 0.98],
        ['12', 0.97],
        ['12', 0.97],
        ['上年结转政府信息公开申请数量', 0.98],
        ['7', 0.6],
        ['7', 0.6],
      ],
    ]);
  });

  const blankPages = (n: number) =>
    tiff(
      Array.from({ length: n }, () => ({ width: 2, height: 1, grey: [255, 255] })),
      true,
    );

  it('a TIFF of 60 pages is read (here: blank pages, so nothing is found); of 61, refused unread', async () => {
    await expect(fromImages([blankPages(60)], '多页.tif', standIn)).rejects.toThrow(
      new ExtractError('empty', '多页.tif：图片中没有识别出文字'),
    );
    await expect(fromImages([blankPages(61)], '多页.tif', standIn)).rejects.toMatchObject({
      code: 'too-large',
      message: '多页.tif：图片超过 60 页的上限',
    });
  });
});

describe('fromScannedPdf', () => {
  it('a PDF page with neither a text layer nor an image: OCR has nothing to read', async () => {
    const pdf = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n' +
        '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    );
    await expect(fromScannedPdf(pdf, '空白.pdf', [], standIn)).rejects.toMatchObject({
      code: 'ocr-needed',
      message: '空白.pdf：PDF 既没有文字层，也没有可识别的图片',
    });
  }, 60_000);
});

describe('boxOnScan', () => {
  const scan = (over: Partial<ScannedPage>): ScannedPage => ({
    content: { width: 0, height: 0, boxes: [], rules: [] },
    image: { width: 1000, height: 1400, data: new Uint8Array(0) },
    scale: 0.5,
    skew: 0,
    boxes: [],
    original: { width: 1000, height: 1400 },
    ...over,
  });

  it('a page read as given: the same box, cut at the page edge', () => {
    expect(boxOnScan(scan({}), [100, 200, 150, 220])).toEqual([100, 200, 150, 220]);
    expect(boxOnScan(scan({}), [480, 690, 520, 710])).toEqual([480, 690, 500, 700]);
  });

  it('a page straightened by 90° (as by a turn of the page): the box turned back about the centre', () => {
    // a scan turned 90° clockwise, straightened by turning it back: the straightened image is
    // 1400 × 1000 px, and its top-left corner is the scan's top-right one
    const turned = scan({ skew: 90, image: { width: 1400, height: 1000, data: new Uint8Array(0) } });
    expect(boxOnScan(turned, [0, 0, 50, 20])).toEqual([480, 0, 500, 50]);
  });
});
