import { describe, expect, it } from 'vitest';
import {
  LshIndex,
  SIGNATURE_SIZE,
  bandKeys,
  containment,
  decodeSignature,
  encodeSignature,
  normalizeForSimilarity,
  signature,
  similarity,
} from './similarity';

/** A deterministic pseudo-random Chinese text (no two reports alike unless made so). */
function text(seed: number, length = 1500): string {
  let x = seed * 2654435761 || 1;
  let s = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += String.fromCharCode(0x4e00 + ((x >>> 0) % 800));
    if (i % 40 === 39) s += '，';
  }
  return s;
}

/** Exact Jaccard of 5-shingle sets, to check the estimate against. */
function jaccard(a: string, b: string): number {
  const sh = (t: string) => {
    const n = normalizeForSimilarity(t);
    const set = new Set<string>();
    for (let i = 0; i + 5 <= n.length; i++) set.add(n.slice(i, i + 5));
    return set;
  };
  const A = sh(a);
  const B = sh(b);
  let common = 0;
  for (const x of A) if (B.has(x)) common++;
  return common / (A.size + B.size - common);
}

describe('normalizeForSimilarity', () => {
  it('keeps words, folds every number to one 0, drops punctuation and layout', () => {
    expect(normalizeForSimilarity('2024年，全市共受理 3119 件。\n Ａ-b')).toBe('0年全市共受理0件b');
  });
});

describe('MinHash signatures', () => {
  it('estimates Jaccard similarity within a few points', () => {
    const a = text(1);
    for (const share of [0.2, 0.5, 0.8]) {
      const cut = Math.floor(a.length * share);
      const b = a.slice(0, cut) + text(2).slice(cut);
      const est = similarity(signature(a), signature(b));
      expect(Math.abs(est - jaccard(a, b))).toBeLessThan(0.1);
    }
  });

  it('sees a copy with the year and figures changed as identical', () => {
    const a = `2023年，我局共收到申请12件。${text(3)}`;
    const b = `2024年，我局共收到申请15件。${text(3)}`;
    expect(similarity(signature(a), signature(b))).toBe(1);
  });

  it('estimates the share of a text found in a longer one (重复率)', () => {
    const base = text(4, 1000);
    const longer = base + text(5, 1000);
    expect(containment(signature(base), signature(longer))).toBeGreaterThan(0.85);
    expect(containment(signature(longer), signature(base))).toBeLessThan(0.65);
  });

  it('unrelated texts are far apart; empty ones match nothing', () => {
    expect(similarity(signature(text(6)), signature(text(7)))).toBeLessThan(0.05);
    expect(similarity(signature('无。'), signature('无。'))).toBe(0);
  });

  it('survives storage', () => {
    const s = signature(text(8));
    const back = decodeSignature(encodeSignature(s));
    expect(back.size).toBe(s.size);
    expect([...back.hashes]).toEqual([...s.hashes]);
    expect(back.hashes).toHaveLength(SIGNATURE_SIZE);
  });
});

describe('LSH banding', () => {
  it('finds near-duplicates among many reports without comparing every pair', () => {
    const index = new LshIndex<number>();
    const n = 2000;
    for (let i = 0; i < n; i++) index.add(i, signature(text(100 + i, 600)));
    // a lightly edited copy of report 1234
    const original = text(1334, 600);
    const edited = original.slice(0, 200) + '我局' + original.slice(200, 500) + '进一步' + original.slice(500);
    const hits = index.candidates(signature(edited));
    expect(hits[0]).toMatchObject({ id: 1234 });
    expect(hits[0]!.similarity).toBeGreaterThan(0.7);
    // candidates are a handful, not the corpus
    expect(hits.length).toBeLessThan(20);
  });

  it('band keys are stable strings a store can index', () => {
    const keys = bandKeys(signature(text(9)));
    expect(keys).toHaveLength(32);
    expect(keys[0]).toMatch(/^0:[0-9a-z]+$/);
    expect(bandKeys(signature(text(9)))).toEqual(keys);
  });
});
