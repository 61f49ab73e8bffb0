/**
 * One scanned page → the positioned text and ruling lines a PDF page with a text layer gives
 * (PageContent), so that the PDF reader's layout rebuilds paragraphs and tables from it unchanged.
 */
import type { PageContent, Rule, TextBox } from '../pdf-layout';
import type { Reading, Recogniser } from './engine';
import { decodeImages, onWhite, rotate, type Pixels } from './image';
import { FAINT, findRules, inkBounds, isCellDash, joinStrokes, inkImage, inkMask, rulesInPoints, skewOf, textBoxes, trailingGap, type Gray, type PixelBox } from './raster';

/** Marks the text of a figure read with low confidence; stripped again when the document is laid out. */
export const UNCERTAIN = '\ue000';
/** A figure whose least sure character is below this is not taken as read. */
export const MIN_FIGURE_CONFIDENCE = 0.9;

export interface ScannedPage {
  content: PageContent;
  /** The page as OCR saw it: straightened and in ink only, and the points per pixel. */
  image: Gray;
  scale: number;
  /** The page's slant that was corrected, in degrees. */
  skew: number;
  /** Every box read, in pixels of `image`, with its reading. */
  boxes: (PixelBox & { text: string; confidence: number })[];
  /** The page image as given (before straightening), in pixels. */
  original: { width: number; height: number };
}

/**
 * A box in points of the straightened page (`content`) → the box in points of the page as given,
 * the scan as a PDF viewer draws it: the straightening turned back and the margin it added taken
 * off, so that a cell's box lies over the cell of the scan. The box around the turned corners.
 */
export function boxOnScan(page: ScannedPage, [x0, y0, x1, y1]: [number, number, number, number]): [number, number, number, number] {
  const { scale, skew, image, original } = page;
  // a page too straight to be turned was read as given
  const turned = image.width !== original.width || image.height !== original.height;
  const a = turned ? (-skew * Math.PI) / 180 : 0;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  // as rotate() samples: the source point of a straightened point, about both images' centres
  const back = (x: number, y: number): [number, number] => {
    const dx = x / scale - image.width / 2;
    const dy = y / scale - image.height / 2;
    return [(original.width / 2 + dx * cos + dy * sin) * scale, (original.height / 2 - dx * sin + dy * cos) * scale];
  };
  const corners = [back(x0, y0), back(x1, y0), back(x0, y1), back(x1, y1)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const maxX = original.width * scale;
  const maxY = original.height * scale;
  const clamp = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)) * 10) / 10;
  return [clamp(Math.min(...xs), maxX), clamp(Math.min(...ys), maxY), clamp(Math.max(...xs), maxX), clamp(Math.max(...ys), maxY)];
}

const FIGURE = /^[-+]?\d[\d,，.]*$/;

/** Full-width punctuation drawn in the left half of its em (its right half blank), and in the right half. */
const OPENS_GAP_AFTER = /[、，。；：！？）》」』〉】”’]$/;
const OPENS_GAP_BEFORE = /^[（《「『〈【“‘，、。；：]/;

/**
 * Boxes of one line of prose that a full-width punctuation mark's blank half set apart (「情况、」
 * 「主动公开……」: a 、 or ， leaves most of its em blank, and a justified line widens the gap further),
 * joined again: the page's layout takes a gap of that width for the border between two table cells,
 * and rebuilds a paragraph as a table of text. Only across a gap of under an em (the box's height),
 * never across a ruling line, and never onto a figure alone (a table's cell beside its label).
 */
export function joinPunctuated(boxes: TextBox[], rules: Rule[]): TextBox[] {
  const out = [...boxes].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const sameLine = (a: TextBox, b: TextBox) => {
    const h = Math.min(a.bottom - a.top, b.bottom - b.top);
    return Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) >= 0.6 * h && Math.max(a.bottom - a.top, b.bottom - b.top) <= 1.5 * h;
  };
  const ruledBetween = (a: TextBox, b: TextBox) =>
    rules.some((r) => r.x0 === r.x1 && r.x0 >= a.x1 - 1 && r.x0 <= b.x0 + 1 && r.y0 < Math.max(a.bottom, b.bottom) && r.y1 > Math.min(a.top, b.top));
  for (let i = 0; i < out.length; i++)
    for (let j = 0; j < out.length; j++) {
      const a = out[i]!;
      const b = out[j]!;
      if (i === j || !sameLine(a, b)) continue;
      const gap = b.x0 - a.x1;
      if (gap < 0 || gap > Math.min(a.bottom - a.top, b.bottom - b.top)) continue;
      if (a.str.includes(UNCERTAIN) || b.str.includes(UNCERTAIN) || FIGURE.test(a.str) || FIGURE.test(b.str)) continue;
      if (!OPENS_GAP_AFTER.test(a.str) && !OPENS_GAP_BEFORE.test(b.str)) continue;
      if (ruledBetween(a, b)) continue;
      out[i] = { str: a.str + b.str, x0: a.x0, x1: b.x1, top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom), size: Math.max(a.size, b.size) };
      out.splice(j, 1);
      // the joined box may join the next one too; the boxes before i keep their places
      if (j < i) i--;
      j = -1;
    }
  return out;
}

/**
 * The box read, or, where it ends in a figure a space after its label (「其他 1」: a space is narrower
 * than the gap the box finder bridges), the label and the figure read apart: read with its label the
 * figure is taken for a letter (「T」 for 1) and lands in the label's cell; alone it is read with
 * digits only and placed where it stands. Text that is a figure already is not cut (「1 000」).
 */
async function figureApart(ink: Gray, mask: Uint8Array, b: PixelBox, recogniser: Recogniser, em: number) {
  const whole = await recogniser.read(ink, b);
  const str = whole.text.trim();
  const one = [{ box: b, ...whole }];
  if (!str || FIGURE.test(str.replace(/\s/g, ''))) return one;
  const gap = trailingGap(mask, ink.width, b, Math.max(2, Math.round(em * 0.3)), em * 2.5);
  if (!gap) return one;
  const right = inkBounds(mask, ink.width, { ...b, x0: gap.x1 });
  const figure = await recogniser.read(ink, right);
  if (!FIGURE.test(figure.text.trim().replace(/\s/g, ''))) return one;
  const left = inkBounds(mask, ink.width, { ...b, x1: gap.x0 });
  return [{ box: left, ...(await recogniser.read(ink, left)) }, { box: right, ...figure }];
}

/**
 * A box read again alone on white, its own pixels and two around it (a figure's faint edge) kept:
 * the scan's specks around a lone figure (within the margin the recogniser is given) make PaddleOCR
 * unsure of a 0 it reads right (0.5 instead of 0.99), or read nothing at all of a narrow 2.
 */
async function readAlone(ink: Gray, box: PixelBox, recogniser: Recogniser, sides = 0): Promise<Reading> {
  const keep = 2;
  const margin = Math.max(keep, Math.round((box.y1 - box.y0) * 0.5));
  const x0 = Math.max(0, box.x0 - keep);
  const y0 = Math.max(0, box.y0 - keep);
  const x1 = Math.min(ink.width, box.x1 + keep);
  const y1 = Math.min(ink.height, box.y1 + keep);
  const width = x1 - x0 + 2 * margin;
  const height = y1 - y0 + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = y0; y < y1; y++) data.set(ink.data.subarray(y * ink.width + x0, y * ink.width + x1), (y - y0 + margin) * width + margin);
  // `sides`: white on either side, as a figure in a wide cell has, in the box's heights
  const side = Math.round((box.y1 - box.y0) * sides);
  const at = { x0: box.x0 - x0 + margin - side, y0: box.y0 - y0 + margin, x1: box.x1 - x0 + margin + side, y1: box.y1 - y0 + margin };
  return recogniser.read({ width, height, data }, at);
}

/**
 * A lone mark that is neither a figure, a dash nor a character of text (「↑」, 「T」, 「l」): what
 * PaddleOCR gives for a figure it could not read (a 1 read as 「↑」 or 「T」). Marked uncertain like an
 * unsure figure, so that its row is checked by a person instead of the cell counting as text the
 * agency wrote (a misreading is never the agency's fault).
 */
export function unreadMark(str: string): boolean {
  const s = str.replace(/\s/g, '');
  // letters and symbols only: punctuation a label cell may hold alone (「、」「（」「.」) is no figure
  return /^[\p{L}\p{S}|/\\]{1,2}$/u.test(s) && !/\p{Script=Han}/u.test(s);
}

/**
 * A figure's reading made sure where it can be: one read unsurely is read again alone on white,
 * and only a second reading of the same figure counts (its confidence then stands for both; a
 * different one leaves the first one's doubt). A box of ink read as nothing is read again the same
 * way: a figure found so is taken with its own confidence (marked uncertain when unsure), never a
 * blank cell.
 */
async function surer(ink: Gray, box: PixelBox, text: string, confidence: number, recogniser: Recogniser): Promise<{ text: string; confidence: number }> {
  const figure = FIGURE.test(text.replace(/\s/g, ''));
  if (text && (!figure || confidence >= MIN_FIGURE_CONFIDENCE)) return { text, confidence };
  const again = await readAlone(ink, box, recogniser);
  const read = again.text.trim();
  if (!text) {
    // read tight, a narrow 2 may give nothing again: then with white on either side
    const found = FIGURE.test(read.replace(/\s/g, '')) ? again : await readAlone(ink, box, recogniser, 0.3);
    return FIGURE.test(found.text.trim().replace(/\s/g, '')) ? { text: found.text.trim(), confidence: found.confidence } : { text, confidence };
  }
  if (read !== text) return { text, confidence };
  const sure = Math.max(confidence, again.confidence);
  // a lone narrow digit (a 1, a 2 at 150 dpi) PaddleOCR stays unsure of in a tight crop, and sure of
  // with white on either side, as in a wide cell; only one digit: in a longer figure white on either
  // side makes a speck between its digits a surer point (「15」 read 「1.5」)
  if (sure >= MIN_FIGURE_CONFIDENCE || !/^\d$/.test(text)) return { text, confidence: sure };
  const wide = await readAlone(ink, box, recogniser, 0.2);
  return { text, confidence: wide.text.trim() === text ? Math.max(sure, wide.confidence) : sure };
}

/**
 * Reads one page image (PNG, JPEG, TIFF or raw pixels) of `widthPt` points across (A4 when unknown).
 * The page is straightened, the seal and the watermark dropped, ruling lines and text boxes found,
 * and each box read on its own, so that a figure's cell is the box it was read in.
 */
export async function readPageImage(
  input: Buffer | Pixels,
  recogniser: Recogniser,
  widthPt = 595.28,
): Promise<ScannedPage> {
  const first = onWhite(Buffer.isBuffer(input) ? decodeImages(input)[0]! : input);
  let ink = inkImage(first.data, first.width, first.height, first.channels);
  const skew = skewOf(inkMask(ink), ink.width, ink.height);
  if (Math.abs(skew) >= 0.05) {
    // turned back on the ink image: white beyond the page
    ink = rotate({ ...ink, channels: 1 }, -skew);
    // the rotation blends edges: what is light again is paper
    for (let i = 0; i < ink.data.length; i++) if (ink.data[i]! >= FAINT) ink.data[i] = 255;
  }
  const { width: w, height: h } = ink;
  const scale = widthPt / first.width;
  const dpi = 72 / scale;
  const mask = inkMask(ink);
  const lines = findRules(mask, w, h, Math.round(dpi * 0.3));
  // text 10.5pt is some 0.15 in high; gaps within a line are narrower than a character
  const em = dpi * 0.146;
  const raw = textBoxes(mask, w, h, lines, Math.round(em * 0.55), Math.round(em * 0.3));
  const kept = joinStrokes(
    raw.filter((b) => b.y1 - b.y0 >= em * 0.15 || b.x1 - b.x0 >= em * 0.15),
    em * 1.2,
    Math.round(em * 0.55),
    [...lines.horizontal, ...lines.vertical],
    { width: em * 1.8, gap: em * 1.3 },
  );
  const boxes: ScannedPage['boxes'] = [];
  const text: TextBox[] = [];
  for (const b of kept) {
    // a dash alone in a table's cell, the placeholder of a cell with nothing to count, by its shape
    // (see isCellDash): PaddleOCR reads a lone 「-」 as nothing or a stray mark, a 「—」 as nothing or
    // 「一」, which would count as 1
    if (isCellDash(mask, w, b, em, lines)) {
      boxes.push({ ...b, text: '-', confidence: 1 });
      text.push({ str: '-', x0: b.x0 * scale, x1: b.x1 * scale, top: b.y0 * scale, bottom: b.y1 * scale, size: Math.max(4, em * 0.7 * scale) });
      continue;
    }
    // a lone dot or stroke the size of a speck is noise, unless it is a figure's 1 (taller)
    if (b.y1 - b.y0 < em * 0.5 && b.x1 - b.x0 < em * 0.5) continue;
    for (const part of await figureApart(ink, mask, b, recogniser, em)) {
      const { text: str, confidence } = await surer(ink, part.box, part.text.trim(), part.confidence, recogniser);
      if (!str) continue;
      boxes.push({ ...part.box, text: str, confidence });
      const doubtful = (FIGURE.test(str.replace(/\s/g, '')) && confidence < MIN_FIGURE_CONFIDENCE) || unreadMark(str);
      text.push({
        str: doubtful ? UNCERTAIN + str : str,
        x0: part.box.x0 * scale,
        x1: part.box.x1 * scale,
        top: part.box.y0 * scale,
        bottom: part.box.y1 * scale,
        size: Math.max(4, (part.box.y1 - part.box.y0) * scale),
      });
    }
  }
  const rules = rulesInPoints(lines, scale);
  return {
    content: { width: w * scale, height: h * scale, boxes: joinPunctuated(text, rules), rules },
    image: ink,
    scale,
    skew,
    boxes,
    original: { width: first.width, height: first.height },
  };
}
