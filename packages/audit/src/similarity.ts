/**
 * Near-duplicate narratives at scale: character shingles → MinHash signature (one-permutation hashing
 * with densification, linear in the text) → LSH bands. The store computes a report's signature once,
 * keeps it and its band keys, and asks for candidates sharing a band instead of comparing every pair
 * of texts; the originality rules then compare signatures only.
 *
 * With 128 bins in 32 bands of 4, a pair with Jaccard similarity 0.7 shares a band with probability
 * 0.9996, a pair at 0.3 with 0.23, at 0.1 with 0.003.
 */

export const SIGNATURE_SIZE = 128;
export const LSH_BANDS = 32;
const ROWS = SIGNATURE_SIZE / LSH_BANDS;
const SHINGLE = 5;
const BIN_SHIFT = 25; // 32 - log2(128)
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY = 0xffffffff;

export interface Signature {
  /** Number of distinct shingles of the text (for containment estimates). */
  size: number;
  /** SIGNATURE_SIZE minima, one per bin. */
  hashes: Uint32Array;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * What counts for similarity: CJK and latin letters; every run of digits is one `0` (a copy with the
 * year changed is still a copy); punctuation, whitespace and layout are dropped.
 */
export function normalizeForSimilarity(text: string): string {
  // into a buffer, decoded once: a string grown a character at a time costs an allocation for each
  const out = new Uint16Array(text.length);
  let n = 0;
  let inDigits = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      if (!inDigits) out[n++] = 0x30;
      inDigits = true;
      continue;
    }
    inDigits = false;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x61 && c <= 0x7a)) out[n++] = c;
    else if (c >= 0x41 && c <= 0x5a) out[n++] = c + 32;
  }
  return UTF16.decode(out.subarray(0, n));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BASE = 0x01000193;
let basePow = 1;
for (let i = 0; i < SHINGLE - 1; i++) basePow = Math.imul(basePow, BASE);

/** The signature of a text (normalised here unless `normalized` says it already is). */
export function signature(text: string, options: { normalized?: boolean } = {}): Signature {
  const s = options.normalized ? text : normalizeForSimilarity(text);
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  // every shingle's hash, sorted then counted apart: cheaper than a Set of them
  const seen = new Uint32Array(Math.max(0, s.length - SHINGLE + 1));
  let size = 0;
  if (s.length >= SHINGLE) {
    let h = 0;
    for (let i = 0; i < SHINGLE; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
    for (let i = SHINGLE; ; i++) {
      const x = fmix32(h);
      seen[i - SHINGLE] = x;
      const bin = x >>> BIN_SHIFT;
      const v = x & VALUE_MASK;
      if (v < mins[bin]!) mins[bin] = v;
      if (i >= s.length) break;
      // roll: drop s[i - SHINGLE], add s[i]
      h = (Math.imul(h - Math.imul(s.charCodeAt(i - SHINGLE), basePow), BASE) + s.charCodeAt(i)) | 0;
    }
    densify(mins);
    seen.sort();
    for (let i = 0; i < seen.length; i++) if (i === 0 || seen[i] !== seen[i - 1]) size++;
  }
  return { size, hashes: mins };
}

/** An empty bin borrows the next non-empty bin's minimum, offset by the distance (rotation densification). */
function densify(mins: Uint32Array) {
  const n = mins.length;
  for (let i = 0; i < n; i++) {
    if (mins[i] !== EMPTY) continue;
    for (let d = 1; d < n; d++) {
      const j = (i + d) % n;
      const v = mins[j]!;
      if (v !== EMPTY && v <= VALUE_MASK) {
        mins[i] = (v + d * (VALUE_MASK + 1)) >>> 0;
        break;
      }
    }
  }
}

/** Estimated Jaccard similarity of the two shingle sets: the share of bins holding the same minimum. */
export function similarity(a: Signature, b: Signature): number {
  if (!a.size || !b.size) return 0;
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.hashes[i] === b.hashes[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** Estimated share of a's shingles found in b (a 重复率 of a against b). */
export function containment(a: Signature, b: Signature): number {
  const j = similarity(a, b);
  if (!j) return 0;
  const common = (j * (a.size + b.size)) / (1 + j);
  return Math.min(1, common / a.size);
}

/** The signature's LSH band keys, `band:hash`: reports sharing any key are candidates. */
export function bandKeys(sig: Signature): string[] {
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = b;
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, BASE) ^ sig.hashes[b * ROWS + r]!);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}

/** An in-memory LSH index (for a batch; the store keeps band keys in a table to the same effect). */
export class LshIndex<Id = string | number> {
  private readonly buckets = new Map<string, Id[]>();
  private readonly signatures = new Map<Id, Signature>();

  add(id: Id, sig: Signature): void {
    if (!sig.size) return;
    this.signatures.set(id, sig);
    for (const k of bandKeys(sig)) {
      const list = this.buckets.get(k);
      if (list) list.push(id);
      else this.buckets.set(k, [id]);
    }
  }

  /** Ids sharing at least one band with `sig`, most similar first, with their estimated similarity. */
  candidates(sig: Signature, minSimilarity = 0): { id: Id; similarity: number }[] {
    const ids = new Set<Id>();
    for (const k of bandKeys(sig)) for (const id of this.buckets.get(k) ?? []) ids.add(id);
    const out: { id: Id; similarity: number }[] = [];
    for (const id of ids) {
      const s = similarity(sig, this.signatures.get(id)!);
      if (s >= minSimilarity) out.push({ id, similarity: s });
    }
    return out.sort((x, y) => y.similarity - x.similarity);
  }

  get(id: Id): Signature | undefined {
    return this.signatures.get(id);
  }
}

/** A signature as a string for storage (`size:base64`). */
export function encodeSignature(sig: Signature): string {
  return `${sig.size}:${Buffer.from(sig.hashes.buffer, sig.hashes.byteOffset, sig.hashes.byteLength).toString('base64')}`;
}

export function decodeSignature(s: string): Signature {
  const at = s.indexOf(':');
  const bytes = Buffer.from(s.slice(at + 1), 'base64');
  const hashes = new Uint32Array(SIGNATURE_SIZE);
  new Uint8Array(hashes.buffer).set(bytes.subarray(0, SIGNATURE_SIZE * 4));
  return { size: Number(s.slice(0, at)), hashes };
}
