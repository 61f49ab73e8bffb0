/**
 * Label normalisation for matching what real documents print against the template's labels:
 * full/half-width forms, brackets, quotes, spaces and line breaks inside labels all fold away.
 */

const KEEP = /[^\u3400-\u9fff0-9a-z]/g;

/**
 * Characters on which NFKC changes nothing that survives the fold: ASCII, NBSP, general and CJK
 * punctuation (but 〶〸〹〺), CJK ideographs, full-width punctuation (but digits and letters).
 * Text made only of these, nearly every report, is folded by a plain loop, several times faster.
 */
const NFKC_INERT =
  /^[\x00-\x7f\u00a0\u2000-\u206f\u3000-\u3035\u303b-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]*$/;

function fold(s: string): string {
  if (!NFKC_INERT.test(s)) return s.normalize('NFKC').toLowerCase().replace(KEEP, '');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122)) out += String.fromCharCode(c);
  }
  return out;
}

/** Only CJK, digits and latin letters remain: 「（二）部分公开（区分…）」 → 「二部分公开区分…」. */
const folded = new Map<string, string>();
/** Longer strings (a whole table region, a runaway line) are folded each time, not kept. */
const MEMO_LENGTH = 200;
export function foldLabel(s: string): string {
  if (s.length > MEMO_LENGTH) return fold(s);
  let f = folded.get(s);
  if (f === undefined) {
    f = fold(s);
    if (folded.size > 50_000) folded.clear();
    folded.set(s, f);
  }
  return f;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

const bigramCache = new Map<string, Map<string, number>>();
function cachedBigrams(s: string): Map<string, number> {
  let b = bigramCache.get(s);
  if (!b) {
    b = bigrams(s);
    if (bigramCache.size < 10_000 && s.length <= MEMO_LENGTH) bigramCache.set(s, b);
  }
  return b;
}

/** Dice coefficient of character bigrams: tolerant of small typos (「其他法律行政止公开」). */
export function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const A = cachedBigrams(a);
  const B = cachedBigrams(b);
  let common = 0;
  for (const [g, n] of A) common += Math.min(n, B.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + b.length - 1);
}
