/**
 * Every placeholder form the spec lists (「—」「-」「/」「／」「无」「空」「——」), where agencies write
 * them: at the end of a `pdftotext -layout` line (淮安), and in the cells of a tab grid (新余).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromText, normaliseText } from '@nianbao/extract';
import { parse } from './index';
import { cellRows } from './testing';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'), 'utf8');
const HUAIAN = readFileSync(join(import.meta.dirname, '../../../../shared/corpus/huaian-shi-renminzhengfu_2024.layout.txt'), 'utf8');

function swap(text: string, from: string, to: string): string {
  expect(text.includes(from), `the source contains ${JSON.stringify(from)}`).toBe(true);
  return text.replace(from, to);
}
const read = (text: string) => parse(fromText(normaliseText(text)), { file: 'variant.txt', sha256: '' });

describe('placeholders at the end of layout lines (淮安 2024)', () => {
  const DUPLICATE = '2.重复申请                   25        0        0         0        0         0    25';

  it('reads 无 — ／ 空 —— as placeholders of their own columns, the figures around them kept', () => {
    const r = read(swap(HUAIAN, DUPLICATE, '2.重复申请                   25        无        —         ／        空         ——    25'));
    expect(cellRows(r.cells)['t3.notProcessed.duplicate']).toBe('25 <dash:无> <dash:—> <dash:／> <dash:空> <dash:——> 25');
    expect(cellRows(r.cells)['t3.newReceived']).toBe(cellRows(read(HUAIAN).cells)['t3.newReceived']);
  });

  it('reads - / \\ and a run of dashes as placeholders too', () => {
    const r = read(swap(HUAIAN, DUPLICATE, '2.重复申请                   25        -        /         \\        ---        －    25'));
    expect(cellRows(r.cells)['t3.notProcessed.duplicate']).toBe('25 <dash:-> <dash:/> <dash:\\> <dash:---> <dash:－> 25');
  });

  it('a whole row of placeholders is still that row', () => {
    const r = read(swap(HUAIAN, DUPLICATE, '2.重复申请                   —        —        —         —        —         —    —'));
    expect(cellRows(r.cells)['t3.notProcessed.duplicate']).toBe('<dash:—> <dash:—> <dash:—> <dash:—> <dash:—> <dash:—> <dash:—>');
    expect(cellRows(r.cells)['t3.notProcessed.complaint']).toBe('56 6 0 0 0 0 62');
  });
});

describe('placeholders in the cells of a grid (新余 2019)', () => {
  it.each([['无'], ['空'], ['——'], ['／'], ['-'], ['　—　']])('%j', (placeholder) => {
    const r = read(swap(XINYU, '\t规章\n\t　　0\n', `\t规章\n\t${placeholder}\n`));
    expect(r.cells['t2.regulations.made']).toMatchObject({ state: 'dash', raw: placeholder, value: null });
    expect(cellRows(r.cells)['t2.normativeDocs']).toBe(cellRows(read(XINYU).cells)['t2.normativeDocs']);
  });
});

describe('text values in a grid row (新余 2019)', () => {
  it('a word between numbers stays a value of its column', () => {
    const r = read(swap(XINYU, '\t规章\n\t　　0\n\t\u00a00\n\t　0', '\t规章\n\t1\n\t见附件\n\t2'));
    expect(cellRows(r.cells)['t2.regulations']).toBe('1 <text:见附件> 2');
  });

  it('a word right after the label is given back to the values once the row is known (「不适用」)', () => {
    const text = XINYU.replace(/\t1\.信访举报投诉类申请\n\t[^\n]*\n/, '\t1.信访举报投诉类申请\n\t不适用\n');
    expect(text).not.toBe(XINYU);
    const rows = cellRows(read(text).cells);
    expect(rows['t3.notProcessed.complaint']).toBe('<text:不适用> 0 0 0 0 0 0');
    expect(rows['t3.notProcessed.duplicate']).toBe('0 0 0 0 0 0 0');
  });
});
