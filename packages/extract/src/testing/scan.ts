/**
 * Scans as agencies publish them, for tests and the benchmark (issue 19): a report printed to PDF
 * with a grey watermark and a red seal over the 落款, rasterised by pdftoppm at a given resolution,
 * turned slightly and sprinkled with noise (our own pixels code, pngjs/jpeg-js), and wrapped back into an image-only PDF by
 * img2pdf, or kept as .png / .jpg pages. Debian's poppler-utils and img2pdf are test tools only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImages, encodeJpeg, encodePng, onWhite, rotate } from '../ocr/image';
import type { Document } from '../types';

export interface ScanStyle {
  /** Resolution of the raster, dots per inch. */
  dpi: number;
  /** Rotation in degrees (a page laid slightly askew on the scanner). */
  angle: number;
  /** Share of pixels turned to dark specks, and the grey jitter of the rest (0–255). */
  specks: number;
  jitter: number;
  seed: number;
}

/**
 * How the scans' reports are printed: label columns that wrap and table text a size smaller, so that
 * the widest table (the ten columns of table 三) stays on the paper as a typed report's does.
 */
export const SCAN_PRINT = { css: 'table { width: 98%; } td { font-size: 9pt; }', labelWidth: '6em' } as const;

/**
 * A document's tables made rectangular as a Word table is: a short row's first cell spans the
 * columns it lacks (a merged cell), so that the printed table keeps within the paper.
 */
export function squareTables(doc: Document): Document {
  return {
    ...doc,
    tables: doc.tables.map((t) => {
      const width = Math.max(...t.rows.map((r) => r.reduce((n, c) => n + c.colSpan, 0)));
      return {
        ...t,
        rows: t.rows.map((r) => {
          const missing = width - r.reduce((n, c) => n + c.colSpan, 0);
          return missing > 0 && r.length ? [{ ...r[0]!, colSpan: r[0]!.colSpan + missing }, ...r.slice(1)] : r;
        }),
      };
    }),
  };
}

export const SCAN_DEFAULT: ScanStyle = { dpi: 200, angle: 0.6, specks: 0.0006, jitter: 10, seed: 1 };

const SEAL = `<svg xmlns="http://www.w3.org/2000/svg" width="150" height="150" viewBox="0 0 150 150">
<circle cx="75" cy="75" r="68" fill="none" stroke="rgba(220,30,30,0.75)" stroke-width="5"/>
<text x="75" y="88" font-size="40" text-anchor="middle" fill="rgba(220,30,30,0.75)">★</text>
<path id="arc" d="M 27 80 A 50 50 0 1 1 123 80" fill="none"/>
<text font-size="15" fill="rgba(220,30,30,0.75)" font-family="WenQuanYi Micro Hei"><textPath href="#arc">政府信息公开专用章</textPath></text>
</svg>`;

/**
 * A printed page's HTML with what a scan of it shows besides the text: a grey watermark across every
 * page and a red seal stamped over the last lines (the 落款).
 */
export function stampHtml(html: string, watermark = '政务公开 内部审查'): string {
  const css = `
.nb-watermark { position: fixed; top: 35%; left: 5%; width: 90%; text-align: center; transform: rotate(-28deg);
  font-size: 54pt; color: rgba(120,120,120,0.22); z-index: 5; pointer-events: none; white-space: nowrap; }
.nb-seal { position: relative; height: 0; z-index: 6; }
.nb-seal svg { position: absolute; right: 1.5em; top: -6em; }`;
  const seal = `<div class="nb-seal">${SEAL}</div>`;
  return html
    .replace('</style>', `${css}</style>`)
    .replace('</body>', `${seal}<div class="nb-watermark">${watermark}</div>\n</body>`);
}

/** The PDF's pages as PNG images at `dpi` (pdftoppm). */
export function rasterise(pdf: Uint8Array, dpi: number, pages?: { first: number; last: number }): Buffer[] {
  const dir = mkdtempSync(join(tmpdir(), 'nb-scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', ...range, join(dir, 'in.pdf'), join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('p') && f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small deterministic generator (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One page as a scanner gives it: turned by `angle`, grey jitter and dark specks; PNG or JPEG out. */
export async function degrade(png: Buffer, style: ScanStyle, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const turned = rotate(onWhite(decodeImages(png)[0]!), style.angle);
  const { data, channels: ch } = turned;
  const random = prng(style.seed);
  for (let i = 0; i < data.length; i += ch) {
    const speck = random() < style.specks;
    const d = speck ? 120 + random() * 100 : (random() - 0.5) * style.jitter;
    for (let c = 0; c < Math.min(ch, 3); c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! - d));
  }
  return format === 'png' ? encodePng(turned, 9) : encodeJpeg(turned, 75);
}

/** Page images wrapped into an image-only PDF at `dpi` (img2pdf: no text layer, no re-encoding). */
export function imagePdf(pages: Buffer[], dpi: number): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'nb-img2pdf-'));
  try {
    const files = pages.map((p, i) => {
      const ext = p[0] === 0xff ? 'jpg' : 'png';
      const f = join(dir, `p${String(i).padStart(3, '0')}.${ext}`);
      writeFileSync(f, p);
      return f;
    });
    return new Uint8Array(execFileSync('img2pdf', ['--imgsize', `${dpi}dpi`, ...files], { maxBuffer: 1 << 30 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A printed PDF to a scan: every page (or the range) rasterised and degraded, then wrapped again. */
export async function scanPdf(
  pdf: Uint8Array,
  style: ScanStyle = SCAN_DEFAULT,
  pages?: { first: number; last: number },
  format: 'png' | 'jpeg' = 'jpeg',
): Promise<{ pdf: Uint8Array; images: Buffer[] }> {
  const raster = rasterise(pdf, style.dpi, pages);
  const images: Buffer[] = [];
  for (const [i, page] of raster.entries())
    images.push(await degrade(page, { ...style, seed: style.seed + i, angle: i % 2 ? -style.angle : style.angle }, format));
  return { pdf: imagePdf(images, style.dpi), images };
}
