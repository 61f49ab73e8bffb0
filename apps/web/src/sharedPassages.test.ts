import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPassages } from './sharedPassages';

const SAMPLES = join(import.meta.dirname, '../../../data/samples');
const XINYU = readFileSync(join(SAMPLES, '004_52ba3b16510502cd.txt'), 'utf8');
const NANKAI = readFileSync(join(SAMPLES, '000_91e0e63c20f568b3.txt'), 'utf8');

describe('sharedPassages', () => {
  it('marks nearly all of a copy whose names, year and figures were changed, in both texts', () => {
    const copy = XINYU.replace(/新余/g, '分宜').replace(/2019/g, '2020').replace(/374/g, '412');
    const s = sharedPassages(copy, XINYU);
    expect(s.shareA).toBeGreaterThan(0.9);
    expect(s.shareB).toBeGreaterThan(0.9);
    // each marked passage of one is found in the other, figures aside
    const plain = (t: string) => t.replace(/\s/g, '').replace(/\d/g, '0');
    for (const [a, b] of s.a.slice(0, 20)) {
      const passage = plain(copy.slice(a, b)).replace(/分宜/g, '新余');
      expect(plain(XINYU)).toContain(passage.slice(0, 16));
    }
    // the changed names are not shared: 「分宜」 is never inside a marked passage
    const marked = s.a.map(([a, b]) => copy.slice(a, b));
    expect(marked.filter((m) => m.includes('分宜'))).toEqual([]);
    expect(copy.split('分宜').length).toBeGreaterThan(5);
  });

  it('marks little between two agencies that wrote their own reports', () => {
    const s = sharedPassages(NANKAI, XINYU);
    expect(s.shareA).toBeLessThan(0.35);
    expect(s.shareB).toBeLessThan(0.35);
  });

  it('marks nothing in an empty text', () => {
    expect(sharedPassages('', XINYU)).toEqual({ a: [], b: [], shareA: 0, shareB: 0 });
  });
});
