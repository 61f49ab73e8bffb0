/**
 * The page of a photographed report as the report page shows it: a PNG or JPEG as uploaded, a TIFF's
 * page converted to PNG (browsers do not show TIFF), no page beyond the file's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pngjs from 'pngjs';
import UTIF from 'utif2';
import { pageImage } from '../index';

const FIXTURES = join(import.meta.dirname, '../../fixtures/scanned');

describe('pageImage', () => {
  it('gives a PNG or JPEG as it is, one page', async () => {
    const png = readFileSync(join(FIXTURES, 'generated-p2.png'));
    const p = (await pageImage(png, 1))!;
    expect([p.type, p.bytes.equals(png)]).toEqual(['image/png', true]);
    const jpg = readFileSync(join(FIXTURES, 'generated-p2.jpg'));
    const j = (await pageImage(jpg, 1))!;
    expect([j.type, j.bytes.equals(jpg)]).toEqual(['image/jpeg', true]);
    expect(await pageImage(jpg, 2)).toBeNull();
  });

  it("gives a TIFF's page as a PNG of the same pixels", async () => {
    const rgba = new Uint8Array(3 * 2 * 4);
    rgba.set([200, 10, 10, 255], 0); // a red pixel top left, the rest black
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    const tif = new Uint8Array(UTIF.encodeImage(rgba, 3, 2));
    const page = (await pageImage(tif, 1))!;
    expect(page.type).toBe('image/png');
    const png = pngjs.PNG.sync.read(page.bytes);
    expect([png.width, png.height]).toEqual([3, 2]);
    expect([...png.data.subarray(0, 8)]).toEqual([200, 10, 10, 255, 0, 0, 0, 255]);
    expect(await pageImage(tif, 2)).toBeNull();
  });

  it('throws on a file that is no image', async () => {
    await expect(pageImage(new TextEncoder().encode('政府信息公开工作年度报告'), 1)).rejects.toThrow(RangeError);
  });
});
