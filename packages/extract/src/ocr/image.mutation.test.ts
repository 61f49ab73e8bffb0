/**
 * Page images in and out (issue 20, scripts/MUTATION.md): TIFF files as scanners write them, in
 * either byte order, with several pages or a directory without pixels; files that only look like a
 * TIFF; decompression bombs refused before decoding; the straightening turn; PNG and JPEG written
 * from grey, grey-with-alpha and RGB pixels.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { tiff } from '../testing/tiff';
import { decodeImages, encodeJpeg, encodePng, onWhite, pageImage, rotate } from './image';

const rgbaOf = (grey: number[]) => grey.flatMap((g) => [g, g, g, 255]);

describe('decodeImages: TIFF', () => {
  const first = { width: 3, height: 2, grey: [0, 40, 80, 120, 160, 255] };
  const second = { width: 2, height: 1, grey: [200, 10] };

  for (const little of [true, false]) {
    const order = little ? 'little-endian (II)' : 'big-endian (MM)';

    it(`a ${order} two-page scan: each page, a directory without pixels skipped`, () => {
      const pages = decodeImages(tiff([first, null, second], little));
      expect(pages.map((p) => [p.width, p.height, p.channels, [...p.data]])).toEqual([
        [3, 2, 4, rgbaOf(first.grey)],
        [2, 1, 4, rgbaOf(second.grey)],
      ]);
    });

    it(`a ${order} file with one byte of its signature wrong is no image`, () => {
      const good = tiff([first], little);
      for (let k = 0; k < 4; k++) {
        const bad = Uint8Array.from(good);
        bad[k] = bad[k]! ^ 0x01;
        expect(() => decodeImages(bad), `byte ${k}`).toThrow(new RangeError('not a PNG, JPEG or TIFF image'));
        expect(() => pageImage(bad, 1), `byte ${k}`).toThrow(new RangeError('not a PNG, JPEG or TIFF image'));
      }
    });
  }

  it('a TIFF whose only directory has no pixels is refused', () => {
    expect(() => decodeImages(tiff([null], true))).toThrow(new RangeError('TIFF without an image'));
  });

  it("a TIFF's second page is given to the browser as a PNG; there is no third", () => {
    const file = tiff([first, second], false);
    const png = pngjs.PNG.sync.read(pageImage(file, 2)!.bytes);
    expect([png.width, png.height, [...png.data]]).toEqual([2, 1, rgbaOf(second.grey)]);
    expect(pageImage(file, 3)).toBeNull();
  });
});

describe('decodeImages: decompression bombs are refused before decoding', () => {
  it('a PNG whose header claims 20000 × 20000 pixels', () => {
    const png = pngjs.PNG.sync.write(
      Object.assign(new pngjs.PNG({ width: 1, height: 1 }), { data: Buffer.from([0, 0, 0, 255]) }),
    );
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    expect(() => decodeImages(png)).toThrow(
      new RangeError('image of 20000×20000 pixels is beyond 144000000 pixels'),
    );
  });

  it('a JPEG whose frame claims 30000 × 30000 pixels', () => {
    const jpg = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(8 * 8 * 4, 128) }, 90).data;
    // the baseline frame header (FF C0): length, precision, then height and width
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    jpg.writeUInt16BE(30_000, sof + 5);
    jpg.writeUInt16BE(30_000, sof + 7);
    expect(() => decodeImages(jpg)).toThrow(new Error('maxResolutionInMP limit exceeded by 756MP'));
  });
});

describe('onWhite', () => {
  it('lays grey-with-alpha and RGBA pixels on white paper', () => {
    expect(onWhite({ width: 2, height: 1, channels: 2, data: Uint8Array.from([0, 255, 0, 0]) })).toEqual({
      width: 2,
      height: 1,
      channels: 1,
      data: Uint8Array.from([0, 255]),
    });
    expect([
      ...onWhite({ width: 1, height: 1, channels: 4, data: Uint8Array.from([200, 0, 100, 102]) }).data,
    ]).toEqual([233, 153, 193]);
  });
});

describe('rotate', () => {
  const img = { width: 3, height: 2, channels: 1, data: Uint8Array.from([10, 20, 30, 40, 50, 60]) };

  it('by 0° gives the pixels as they are', () => {
    expect(rotate(img, 0)).toEqual(img);
  });

  it('by 90° clockwise: the left column becomes the top row, read upwards', () => {
    expect(rotate(img, 90)).toEqual({
      width: 2,
      height: 3,
      channels: 1,
      data: Uint8Array.from([40, 10, 50, 20, 60, 30]),
    });
    expect(rotate(img, -90)).toEqual({
      width: 2,
      height: 3,
      channels: 1,
      data: Uint8Array.from([30, 60, 20, 50, 10, 40]),
    });
  });

  it('by 180°, RGB: each pixel where its opposite was, every channel', () => {
    const rgb = { width: 2, height: 1, channels: 3, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(rotate(rgb, 180)).toEqual({
      width: 2,
      height: 1,
      channels: 3,
      data: Uint8Array.from([4, 5, 6, 1, 2, 3]),
    });
  });

  it('by 45°, RGB on a black canvas: the corners beyond the page stay the background, the edges blend into it', () => {
    // a 4×4 page whose pixel p is red 16p, green 255 − 16p, blue 50 or 200 by column
    const data = new Uint8Array(4 * 4 * 3);
    for (let p = 0; p < 16; p++) data.set([p * 16, 255 - p * 16, p % 2 ? 200 : 50], p * 3);
    const out = rotate({ width: 4, height: 4, channels: 3, data }, 45, 0);
    const rows = Array.from({ length: out.height }, (_, y) =>
      Array.from({ length: out.width }, (_, x) => [
        ...out.data.subarray((y * out.width + x) * 3, (y * out.width + x) * 3 + 3),
      ]),
    );
    // the top-left pixel (green) turns to the top, the top-right one (blue, red 48) to the right
    expect(rows).toEqual([
      [
        [0, 0, 0],
        [0, 0, 0],
        [2, 94, 19],
        [1, 96, 24],
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [0, 0, 0],
        [36, 60, 19],
        [52, 203, 63],
        [18, 237, 169],
        [9, 87, 47],
        [0, 0, 0],
      ],
      [
        [71, 26, 19],
        [143, 112, 63],
        [109, 146, 169],
        [75, 180, 125],
        [41, 214, 81],
        [18, 79, 71],
      ],
      [
        [73, 23, 24],
        [199, 56, 169],
        [165, 90, 125],
        [131, 124, 81],
        [97, 158, 187],
        [20, 76, 76],
      ],
      [
        [0, 0, 0],
        [82, 15, 47],
        [222, 33, 81],
        [188, 67, 187],
        [55, 42, 76],
        [0, 0, 0],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
        [90, 6, 71],
        [89, 8, 76],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]);
  });
});

describe('encodePng and encodeJpeg', () => {
  const grey = { width: 2, height: 1, channels: 1, data: Uint8Array.from([30, 220]) };
  const rgb = { width: 2, height: 1, channels: 3, data: Uint8Array.from([255, 0, 0, 10, 20, 30]) };
  const greyAlpha = { width: 2, height: 1, channels: 2, data: Uint8Array.from([30, 255, 30, 0]) };

  it('PNG: grey, RGB and grey-with-alpha read back as the same colours on white', () => {
    expect([...decodeImages(encodePng(grey))[0]!.data]).toEqual([30, 30, 30, 255, 220, 220, 220, 255]);
    expect([...decodeImages(encodePng(rgb))[0]!.data]).toEqual([255, 0, 0, 255, 10, 20, 30, 255]);
    expect([...decodeImages(encodePng(greyAlpha, 1))[0]!.data]).toEqual([
      30, 30, 30, 255, 255, 255, 255, 255,
    ]);
  });

  it('JPEG: a flat grey page reads back grey', () => {
    const flat = { width: 16, height: 16, channels: 1, data: new Uint8Array(256).fill(128) };
    const back = decodeImages(encodeJpeg(flat, 100))[0]!;
    expect([back.width, back.height, back.channels, new Set(back.data)]).toEqual([16, 16, 3, new Set([128])]);
  });
});
