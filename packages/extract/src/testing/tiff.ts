/** TIFF files for the OCR tests, written byte by byte (no TIFF writer is a dependency). */

/**
 * An uncompressed 8-bit grey TIFF as a flatbed scanner writes it: one directory per page (`null`: a
 * directory without pixels, as an EXIF block), little-endian ("II") or big-endian ("MM").
 */
export function tiff(
  pages: ({ width: number; height: number; grey: number[] } | null)[],
  little: boolean,
): Uint8Array {
  const SHORT = 3;
  const LONG = 4;
  const dirs = pages.map((p) =>
    p
      ? [
          [256, LONG, p.width],
          [257, LONG, p.height],
          [258, SHORT, 8],
          [259, SHORT, 1],
          [262, SHORT, 1],
          [273, LONG, 0], // strip offset, set below
          [277, SHORT, 1],
          [278, LONG, p.height],
          [279, LONG, p.grey.length],
        ]
      : [[274, SHORT, 1]],
  );
  let size = 8;
  const at = dirs.map((d, i) => {
    const dir = size;
    size += 2 + d.length * 12 + 4;
    const strip = size;
    size += pages[i]?.grey.length ?? 0;
    return { dir, strip };
  });
  const bytes = new Uint8Array(size);
  const v = new DataView(bytes.buffer);
  bytes.set(little ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]);
  v.setUint32(4, at[0]!.dir, little);
  dirs.forEach((d, i) => {
    const { dir, strip } = at[i]!;
    v.setUint16(dir, d.length, little);
    d.forEach(([tag, type, value], k) => {
      const e = dir + 2 + k * 12;
      v.setUint16(e, tag!, little);
      v.setUint16(e + 2, type!, little);
      v.setUint32(e + 4, 1, little);
      const val = tag === 273 ? strip : value!;
      if (type === SHORT) v.setUint16(e + 8, val, little);
      else v.setUint32(e + 8, val, little);
    });
    v.setUint32(dir + 2 + d.length * 12, at[i + 1]?.dir ?? 0, little);
    bytes.set(pages[i]?.grey ?? [], strip);
  });
  return bytes;
}
