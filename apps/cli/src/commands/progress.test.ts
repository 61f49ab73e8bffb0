import { describe, expect, it } from 'vitest';
import { etaOf, rateOf } from './_progress';

describe('the progress line of a long ingest', () => {
  it('says how fast and how long is left', () => {
    expect(rateOf(30, 10)).toBe('3.0');
    expect(rateOf(3000, 10)).toBe('300');
    expect(etaOf(100, 200, 10)).toBe('10秒');
    expect(etaOf(100, 1000, 10)).toBe('2分钟');
    expect(etaOf(10, 100_000, 10)).toBe('27.8小时');
  });

  it('says nothing of what it cannot know yet, nor at the end', () => {
    expect(etaOf(0, 200, 5)).toBe('');
    expect(etaOf(200, 200, 5)).toBe('');
    expect(etaOf(1, 1000, 0)).toBe('');
  });
});
