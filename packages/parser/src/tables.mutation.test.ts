/**
 * Table 二 decisions that mutation testing (issue 20, scripts/MUTATION.md) found untested, on the
 * shapes the adapters give: a table printed without borders as the PDF layout rebuilds it (a figure
 * under a heading over three columns, a row with a blank cell past its columns), a `pdftotext -layout`
 * table with a two-line cell lifted out of its row or a row short of a figure, a row of figures the
 * template lacks; and the bigram similarity that matches a damaged label.
 */
import { describe, expect, it } from 'vitest';
import { fromText } from '@nianbao/extract';
import type { ParsedReport } from '@nianbao/model';
import { parse } from './index';
import { dice } from './normalize';
import { cellRows } from './testing';

const HEAD = '测试县人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n';
const TAIL = '三、收到和处理政府信息公开申请情况\n无。\n';

/** Table 二's rows as read, and its reading (doubtful rows). */
const t2Of = (r: ParsedReport) => ({
  rows: Object.fromEntries(Object.entries(cellRows(r.cells)).filter(([k]) => k.startsWith('t2.'))),
  reading: r.reading?.t2,
});

describe('table 二 printed without borders, as the PDF layout rebuilds it (one tab-led line per cell)', () => {
  /** The grid rows written as the layout writes them (packages/extract/src/layout.ts). */
  const grid = (...rows: string[][]) => rows.map((r) => r.map((c) => `\t${c}\n`).join('')).join('\n') + '\n';
  const read = (licensing: string[], regulations = ['规章', '0', '0', '15'], after: string[][] = []) => {
    const text =
      HEAD +
      grid(
        ['第二十条第（一）项'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        regulations,
        ['行政规范性文件', '1', '0', '4'],
        ['第二十条第（五）项'],
        ['信息内容', '本年处理决定数量'],
        licensing,
        ['第二十条第（六）项'],
        ['信息内容', '本年处理决定数量'],
        ['行政处罚', '92'],
        ['行政强制', '0'],
        ['第二十条第（八）项'],
        ['信息内容', '本年收费金额（单位：万元）'],
        ['行政事业性收费', '0'],
        ...after,
      ) +
      TAIL;
    return t2Of(parse({ ...fromText(text), format: 'pdf' }, { file: 'x.pdf', sha256: '' }));
  };
  const ROWS = {
    't2.regulations': '0 0 15',
    't2.normativeDocs': '1 0 4',
    't2.licensing': '661',
    't2.penalty': '92',
    't2.coercion': '0',
    't2.fees': '0',
  };

  it('行政许可’s one figure centred under its three-column heading is its figure', () => {
    expect(read(['行政许可', '', '661', ''])).toEqual({ rows: ROWS, reading: undefined });
  });

  it('行政许可 with no figure under its three columns is blank, not absent', () => {
    expect(read(['行政许可', '', '', ''])).toEqual({ rows: { ...ROWS, 't2.licensing': '_' }, reading: undefined });
  });

  it('two figures under 行政许可’s one column: which is its figure cannot be told, the row is doubtful', () => {
    expect(read(['行政许可', '3', '661', ''])).toEqual({
      rows: { ...ROWS, 't2.licensing': 'ø' },
      reading: { confidence: 'low', doubtfulRows: ['t2.licensing'] },
    });
  });

  it('a row read with a blank cell past its three columns keeps its blank middle cell in place', () => {
    expect(read(['行政许可', '', '661', ''], ['规章', '0', '', '15', ''])).toEqual({
      rows: { ...ROWS, 't2.regulations': '0 _ 15' },
      reading: undefined,
    });
  });

  it('a row of figures the template lacks after its last row (「合计」): the row next to it is named doubtful', () => {
    expect(read(['行政许可', '', '661', ''], undefined, [['合计', '753']])).toEqual({
      rows: ROWS,
      reading: { confidence: 'low', doubtfulRows: ['t2.fees'] },
    });
  });
});

describe('table 二 in `pdftotext -layout` text', () => {
  const line = (label: string, ...values: string[]) => label.padEnd(24, ' ') + values.map((v) => v.padStart(12, ' ')).join('') + '\n';
  const title = (t: string) => ' '.repeat(24) + t + '\n';
  const read = (docs: string) =>
    t2Of(
      parse(
        fromText(
          HEAD +
            title('第二十条第（一）项') +
            line('信息内容', '本年制发件数', '本年废止件数', '现行有效件数') +
            docs +
            title('第二十条第（五）项') +
            line('信息内容', '本年处理决定数量') +
            line('行政许可', '5') +
            title('第二十条第（六）项') +
            line('信息内容', '本年处理决定数量') +
            line('行政处罚', '7') +
            line('行政强制', '0') +
            title('第二十条第（八）项') +
            line('信息内容', '本年收费金额（单位：万元）') +
            line('行政事业性收费', '0') +
            TAIL,
        ),
        { file: 'x.txt', sha256: '' },
      ),
    );
  const REST = { 't2.licensing': '5', 't2.penalty': '7', 't2.coercion': '0', 't2.fees': '0' };

  it('a two-line cell lifted above its row (「55」「（含自然失效 29 件）」) goes back to the middle cell of the row one figure short', () => {
    const lifted = ' '.repeat(46) + '55\n' + ' '.repeat(40) + '（含自然失效 29 件）\n';
    expect(read(line('规章', '1', '0', '5') + lifted + line('行政规范性文件', '12', '', '340'))).toEqual({
      rows: { 't2.regulations': '1 0 5', 't2.normativeDocs': '12 55{(含自然失效 29 件)} 340', ...REST },
      reading: undefined,
    });
  });

  it('a row short of its last figure: that cell is blank (printed empty), not absent', () => {
    expect(read(line('规章', '1', '0') + line('行政规范性文件', '3', '1', '20'))).toEqual({
      rows: { 't2.regulations': '1 0 _', 't2.normativeDocs': '3 1 20', ...REST },
      reading: undefined,
    });
  });
});

describe('dice: bigram similarity of a damaged label to the template’s', () => {
  it('「其他法律行政止公开」 (法规禁 lost) against 「其他法律行政法规禁止公开」: 7 bigrams of 11 and 8 shared', () => {
    expect(dice('其他法律行政止公开', '其他法律行政法规禁止公开')).toBe(14 / 19);
  });

  it('「行政规范文件」 against 「行政规范性文件」: 4 bigrams of 5 and 6 shared', () => {
    expect(dice('行政规范文件', '行政规范性文件')).toBe(8 / 11);
  });
});
