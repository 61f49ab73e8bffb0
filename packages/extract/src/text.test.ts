/**
 * The grids of plain-text reports: the seeds' tab layout (a Word table pasted as text), Markdown pipe
 * tables, and which of these (or `pdftotext -layout`) a text is; and the Layout every adapter writes
 * through, which tabTables must read back.
 */
import { describe, expect, it } from 'vitest';
import { Layout } from './layout';
import { fromText, pipeTables, tabTables } from './text';

const cell = (text: string, span: [number, number], colSpan = 1, rowSpan = 1) => ({ text, span, colSpan, rowSpan });

describe('tabTables (the seeds’ layout)', () => {
  it('cells on tab lines, rows split by blank lines, wrapped labels joined, prose between tables ends a table', () => {
    const text = '标题\n\t规章\n\t　0\n\t1\n\n\t本年新\n制作数量\n\t2\n\n正文一段\n\t行政许可\n\t17\n';
    expect(tabTables(text)).toEqual([
      {
        rows: [
          [cell('规章', [4, 6]), cell('　0', [8, 10]), cell('1', [12, 13])],
          [cell('本年新\n制作数量', [16, 24]), cell('2', [26, 27])],
        ],
        span: [3, 27],
      },
      { rows: [[cell('行政许可', [35, 39]), cell('17', [41, 43])]], span: [34, 43] },
    ]);
    expect(text.slice(16, 24)).toBe('本年新\n制作数量');
  });

  it('no tab lines, no tables', () => {
    expect(tabTables('一、总体情况\n正文\n\n二、\n')).toEqual([]);
  });
});

describe('pipeTables (Markdown)', () => {
  it('skips separator lines, trims cells, keeps an empty cell, and starts a new table after prose', () => {
    const text = '# 标题\n| 项目 | 数量 |\n| --- | :---: |\n|  规章 | 1 |\n|行政许可|  |\n正文\n| a |\n|\n';
    expect(pipeTables(text)).toEqual([
      {
        rows: [
          [cell('项目', [7, 9]), cell('数量', [12, 14])],
          [cell('规章', [36, 38]), cell('1', [41, 42])],
          [cell('行政许可', [46, 50]), cell('', [53, 53])],
        ],
        span: [5, 54],
      },
      { rows: [[cell('a', [60, 61])]], span: [58, 63] },
    ]);
  });
});

describe('fromText: which kind of text', () => {
  it.each([
    ['\t规章\n\t1\n', 'text', 1],
    ['| 规章 | 1 |\n', 'markdown', 1],
    ['规章            1          0        11\n', 'layout', 0],
    ['规章 1 0 11\n', 'text', 0],
    ['规章   一\n', 'text', 0],
  ])('%j is %s with %i table(s)', (text, format, tables) => {
    const doc = fromText(text, 'utf-8');
    expect([doc.format, doc.tables.length, doc.text, doc.encoding, doc.meta]).toEqual([format, tables, text, 'utf-8', {}]);
  });

  it('a tab layout wins over pipes in the same text', () => {
    const doc = fromText('| a | b |\n\t规章\n\t1\n');
    expect(doc.format).toBe('text');
    expect(doc.tables).toEqual([{ rows: [[cell('规章', [11, 13]), cell('1', [15, 16])]], span: [10, 16] }]);
  });
});

describe('Layout: what every adapter writes, read back by tabTables', () => {
  it('prose without tabs or blank lines; cells one a line; merged cells keep their spans; blank cells stay blank', () => {
    const l = new Layout();
    l.paragraph('一、总体情况\n\n\t正文  \n');
    l.table([[{ text: '规章' }, { text: '\u00a0' }, { text: '本年新\n\n制作\t数量' }], [], [{ text: '\n \n', colSpan: 2, rowSpan: 3 }, { text: 'a\tb' }]]);
    l.table([[]]);
    expect(l.text).toBe('一、总体情况\n 正文\n\t规章\n\t\u00a0\n\t本年新\n制作 数量\n\n\t \n\ta b\n\n');
    expect(l.tables).toEqual([
      {
        rows: [
          [cell('规章', [12, 14]), cell('\u00a0', [16, 17]), cell('本年新\n制作 数量', [19, 28])],
          [cell(' ', [31, 32], 2, 3), cell('a b', [34, 37])],
        ],
        span: [11, 37],
      },
    ]);
    // the same grid, merged-cell spans aside (the text has no room for them)
    expect(tabTables(l.text)).toEqual([
      {
        rows: [
          [cell('规章', [12, 14]), cell('\u00a0', [16, 17]), cell('本年新\n制作 数量', [19, 28])],
          [cell(' ', [31, 32]), cell('a b', [34, 37])],
        ],
        span: [11, 37],
      },
    ]);
  });
});
