/**
 * A lone mark OCR gives for a figure it could not read is doubt, not text the agency wrote: the
 * generated scan's 表四 尚未审结 「1」 read as 「↑」 was a table.cell-text error against the agency.
 */
import { describe, expect, it } from 'vitest';
import { unreadMark } from './page';

describe('unreadMark', () => {
  it.each(['↑', 'T', 'l', '|', '/', 'Tl', ' ↑ '])('%j is a figure OCR could not read', (s) => {
    expect(unreadMark(s)).toBe(true);
  });
  it.each(['', '1', '12', '1↑', '-', '—', '——', '－', '无', '不适用', 'abc', '否', '、', '（', '.', '：'])('%j is not', (s) => {
    expect(unreadMark(s)).toBe(false);
  });
});
