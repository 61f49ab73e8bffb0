import { describe, expect, it } from 'vitest';
import type { Cell } from '@nianbao/model';
import { packCells, unpackCells } from './packed-cells';

const KEYS = [
  't3.newReceived.total',
  't2.procurement.amount',
  't4.review.total',
  't1.a',
  't1.b',
  't1.c',
  't1.d',
];
const idOf = (key: string) => KEYS.indexOf(key) + 1;
const keyOf = (id: number) => KEYS[id - 1]!;

describe('packed cells', () => {
  it('reads back every kind of cell as it was, keys in key id order', () => {
    const cells: Record<string, Cell> = {
      't4.review.total': { raw: '', state: 'blank', value: null, span: null },
      't3.newReceived.total': { raw: '1,234', state: 'value', value: 1234, span: [5210, 5215] },
      't2.procurement.amount': {
        raw: '98850元',
        state: 'value',
        value: 9.885,
        span: [120, 126],
        unit: '元',
        note: '含追加 3 项',
      },
      't1.a': { raw: '—', state: 'dash', value: null, span: [40, 41] },
      't1.b': {
        raw: '见附件',
        state: 'text',
        value: null,
        span: [9, 12],
        position: { page: 2, box: [71.5, 300.25, 96, 311.75] },
      },
      't1.c': { raw: '-3', state: 'value', value: -3, span: [0, 2] },
      't1.d': { raw: '', state: 'absent', value: 2 ** 53 + 2, span: null },
    };
    const packed = packCells(cells, idOf);
    const back = unpackCells(packed, keyOf);
    expect(back).toEqual(cells);
    expect(Object.keys(back)).toEqual(KEYS); // key id order
    // a number whose text is its own (most cells) costs no text: version, count, key, flags, value, span
    const plain = packCells({ 't1.a': { raw: '25', state: 'value', value: 25, span: [100, 102] } }, idOf);
    expect(plain.length).toBe(8);
    expect(unpackCells(plain, keyOf)).toEqual({
      't1.a': { raw: '25', state: 'value', value: 25, span: [100, 102] },
    });
  });

  it('keeps the spaces tables align figures with as a one-byte pad, and any other text as it is', () => {
    const cells: Record<string, Cell> = {
      't1.a': { raw: '\u3000\u30000', state: 'value', value: 0, span: [10, 13] },
      't1.b': { raw: '  12', state: 'value', value: 12, span: [20, 24] },
      't1.c': { raw: ' \u30005', state: 'value', value: 5, span: [30, 33] },
      't1.d': { raw: '5 ', state: 'value', value: 5, span: [40, 42] },
    };
    const packed = packCells(cells, idOf);
    expect(unpackCells(packed, keyOf)).toEqual(cells);
    // a padded cell: key, flags, value, pad, span (2); ' 　5' and '5 ' go as text (its length and bytes)
    expect(packed.length).toBe(2 + 2 * 6 + (6 + 5) + (5 + 3));
  });

  it('packs no cells into two bytes and refuses a version it does not know', () => {
    expect(unpackCells(packCells({}, idOf), keyOf)).toEqual({});
    expect(packCells({}, idOf)).toEqual(Buffer.from([1, 0]));
    expect(() => unpackCells(Buffer.from([9, 0]), keyOf)).toThrow('unknown version 9');
  });
});
