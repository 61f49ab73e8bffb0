/**
 * Page images in and out, in pure JavaScript under permissive licences (pngjs MIT, jpeg-js BSD,
 * utif2 MIT): decoding a scan's PNG, JPEG or TIFF to pixels, turning pixels by a small angle, and
 * encoding PNG/JPEG for the scanned fixtures. No native image library: sharp's libvips is LGPL.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import UTIF from 'utif2';

/** Interleaved 8-bit pixels, `channels` per pixel (1 grey, 3 RGB, 4 RGBA). */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/** A page is a few thousand pixels across; a larger image is a decompression bomb, refused unread. */
export const MAX_PIXELS = 12_000 * 12_000;

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0) || width * height > MAX_PIXELS)
    throw new RangeError(`image of ${width}×${height} pixels is beyond ${MAX_PIXELS} pixels`);
}

const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isTiff = (b: Uint8Array) =>
  (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a);

/**
 * The pages of an image file: one for PNG and JPEG, every page of a multi-page TIFF. Throws on a
 * damaged or unknown file, or one whose size is beyond MAX_PIXELS (checked before decoding).
 */
export function decodeImages(bytes: Uint8Array): Pixels[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(buf)) {
    // IHDR is the first chunk: width and height at bytes 16 and 20
    checkSize(buf.readUInt32BE(16), buf.readUInt32BE(20));
    const png = pngjs.PNG.sync.read(buf);
    return [{ data: png.data, width: png.width, height: png.height, channels: 4 }];
  }
  if (isJpeg(buf)) {
    const img = jpeg.decode(buf, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_PIXELS / 1e6,
      maxMemoryUsageInMB: 1024,
    });
    return [{ data: img.data, width: img.width, height: img.height, channels: 3 }];
  }
  if (isTiff(buf)) {
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    // the pages are the IFDs with pixels (a thumbnail or EXIF directory has none)
    const ifds = UTIF.decode(ab).filter((ifd) => ifd['t256'] && ifd['t257']);
    if (!ifds.length) throw new RangeError('TIFF without an image');
    return ifds.map((ifd) => {
      checkSize(Number((ifd['t256'] as number[])[0]), Number((ifd['t257'] as number[])[0]));
      UTIF.decodeImage(ab, ifd);
      return { data: UTIF.toRGBA8(ifd), width: ifd.width, height: ifd.height, channels: 4 };
    });
  }
  throw new RangeError('not a PNG, JPEG or TIFF image');
}

/** The pixels laid on white: alpha dropped after blending, so a transparent background is paper. */
export function onWhite(img: Pixels): Pixels {
  if (img.channels !== 2 && img.channels !== 4) return img;
  const colour = img.channels - 1;
  const n = img.width * img.height;
  const data = new Uint8Array(n * colour);
  for (let p = 0, i = 0, o = 0; p < n; p++, i += img.channels, o += colour) {
    const a = img.data[i + colour]!;
    for (let c = 0; c < colour; c++) data[o + c] = Math.round((img.data[i + c]! * a + 255 * (255 - a)) / 255);
  }
  return { data, width: img.width, height: img.height, channels: colour };
}

/**
 * The image turned by `degrees` (positive: clockwise, as a page laid askew on the scanner), on a
 * canvas that holds all of it, `background` beyond the original; bilinear sampling.
 */
export function rotate(img: Pixels, degrees: number, background = 255): Pixels {
  const { width: w, height: h, channels: ch, data: src } = img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const W = Math.ceil(w * Math.abs(cos) + h * Math.abs(sin) - 1e-9);
  const H = Math.ceil(w * Math.abs(sin) + h * Math.abs(cos) - 1e-9);
  const data = new Uint8Array(W * H * ch).fill(background);
  const cx = w / 2;
  const cy = h / 2;
  // the source point of pixel (X, Y) is colX[X] + rowX, colY[X] + rowY (the inverse turn, split so
  // that a row costs additions only)
  const colX = new Float64Array(W);
  const colY = new Float64Array(W);
  for (let X = 0; X < W; X++) {
    const dx = X + 0.5 - W / 2;
    colX[X] = cx + dx * cos;
    colY[X] = cy - dx * sin;
  }
  const at = (x: number, y: number, c: number) => (x >= 0 && y >= 0 && x < w && y < h ? src[(y * w + x) * ch + c]! : background);
  for (let Y = 0; Y < H; Y++) {
    const dy = Y + 0.5 - H / 2;
    const rowX = dy * sin;
    const rowY = dy * cos;
    for (let X = 0; X < W; X++) {
      const sx = colX[X]! + rowX - 0.5;
      const sy = colY[X]! + rowY - 0.5;
      if (sx <= -1 || sy <= -1 || sx >= w || sy >= h) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const o = (Y * W + X) * ch;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
        const a = (y0 * w + x0) * ch;
        const b = a + w * ch;
        for (let c = 0; c < ch; c++)
          data[o + c] = Math.round(0 + w00 * src[a + c]! + w10 * src[a + ch + c]! + w01 * src[b + c]! + w11 * src[b + ch + c]!);
      } else
        for (let c = 0; c < ch; c++)
          data[o + c] = Math.round(
            0 + w00 * at(x0, y0, c) + w10 * at(x0 + 1, y0, c) + w01 * at(x0, y0 + 1, c) + w11 * at(x0 + 1, y0 + 1, c),
          );
    }
  }
  return { data, width: W, height: H, channels: ch };
}

function rgba(img: Pixels): Uint8Array {
  if (img.channels === 4) return img.data;
  const n = img.width * img.height;
  const out = new Uint8Array(n * 4);
  for (let p = 0; p < n; p++) {
    const i = p * img.channels;
    const grey = img.channels < 3;
    out[p * 4] = img.data[i]!;
    out[p * 4 + 1] = img.data[grey ? i : i + 1]!;
    out[p * 4 + 2] = img.data[grey ? i : i + 2]!;
    out[p * 4 + 3] = img.channels === 2 ? img.data[i + 1]! : 255;
  }
  return out;
}

/** PNG, RGB (the scans are opaque). */
export function encodePng(img: Pixels, deflateLevel = 9): Buffer {
  const opaque = onWhite(img);
  return pngjs.PNG.sync.write(
    { width: opaque.width, height: opaque.height, data: Buffer.from(rgba(opaque)) } as InstanceType<typeof pngjs.PNG>,
    { colorType: 2, deflateLevel },
  );
}

/** Baseline JPEG at `quality` (1–100). */
export function encodeJpeg(img: Pixels, quality = 75): Buffer {
  const opaque = onWhite(img);
  return jpeg.encode({ width: opaque.width, height: opaque.height, data: rgba(opaque) }, quality).data;
}

/**
 * Page `page` (1 = first) of a photographed report as the browser shows it: a PNG or JPEG as it is
 * (one page), a TIFF's page as PNG; null when there is no such page. Throws on a file that is no image.
 */
export function pageImage(bytes: Uint8Array, page: number): { type: 'image/png' | 'image/jpeg'; bytes: Buffer } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isPng(buf) || isJpeg(buf)) return page === 1 ? { type: isPng(buf) ? 'image/png' : 'image/jpeg', bytes: buf } : null;
  if (!isTiff(buf)) throw new RangeError('not a PNG, JPEG or TIFF image');
  const pages = decodeImages(buf);
  return page <= pages.length ? { type: 'image/png', bytes: encodePng(pages[page - 1]!, 3) } : null;
}
