import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDoc } from './doc';
import { fromDocx } from './docx';
import { extract } from './index';
import { cellTexts } from './testing/grids';
import { tabTables } from './text';
import { ExtractError } from './types';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SEEDS = join(import.meta.dirname, '../../../data/samples');
const bytes = (file: string) => readFileSync(join(FIXTURES, file));
const doc = (name: string) => fromDoc(bytes(`${name}.doc`), `${name}.doc`);

describe('fromDoc: Word 97-2003 files written by LibreOffice (fixtures/)', () => {
  for (const name of ['000_91e0e63c20f568b3', '004_52ba3b16510502cd']) {
    it(`${name}.doc has the seed's cells, row by row`, async () => {
      const d = await doc(name);
      expect(cellTexts(d.tables)).toEqual(
        cellTexts(tabTables(readFileSync(join(SEEDS, `${name}.txt`), 'utf8'))),
      );
      expect(d.format).toBe('doc');
    });
  }

  for (const name of [
    '000_91e0e63c20f568b3',
    '004_52ba3b16510502cd',
    'suqian-shuyangxian-fazhangaigeju_2023',
  ]) {
    it(`${name}.doc reads as its .docx twin: same text, same cells, but every colSpan 1`, async () => {
      const d = await doc(name);
      const x = fromDocx(bytes(`${name}.docx`), name);
      expect(d.text).toBe(x.text);
      expect(d.tables.map((t) => t.rows.map((r) => r.map((c) => [c.text, c.span])))).toEqual(
        x.tables.map((t) => t.rows.map((r) => r.map((c) => [c.text, c.span]))),
      );
      // Lost: merge widths. They live in the table properties (TAP), which are not read: a merged
      // cell is one cell, with colSpan 1. The parser reads rows by their cells' text, not by widths.
      expect(d.tables.flatMap((t) => t.rows.flat()).every((c) => c.colSpan === 1 && c.rowSpan === 1)).toBe(
        true,
      );
      expect(x.tables.flatMap((t) => t.rows.flat()).some((c) => c.colSpan > 1)).toBe(true);
    });
  }

  it('keeps multi-paragraph cells and the row ends of 10- and 15-column rows (properties in the Data stream)', async () => {
    const d = await doc('004_52ba3b16510502cd');
    const rows = cellTexts(d.tables);
    expect(rows[0]![1]).toEqual(['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开总数量']);
    expect(rows[1]![1]).toEqual(['', '自然人', '法人或其他组织', '总计']);
    expect(rows[2]!.map((r) => r.length)).toEqual([2, 7, 15, 15]);
  });

  it('drops the text box, header and footer; list numbers are lost', async () => {
    // Lost: Word computes list numbers from the list tables (LST/LFO), which word-extractor does not
    // read; the .docx of the same document keeps them (一、 （1）).
    expect((await doc('numbered')).text).toBe(
      [
        '某某局2023年政府信息公开工作年度报告',
        '总体情况',
        '主动公开政府信息情况',
        '依申请公开情况',
        '2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。',
        '项目符号不带编号',
        '主动公开政府信息情况',
        '收到和处理政府信息公开申请情况',
        '某某局',
        '',
      ].join('\n'),
    );
  });

  it('says a damaged .doc cannot be read, naming the file', async () => {
    const b = bytes('004_52ba3b16510502cd.doc');
    await expect(extract(b.subarray(0, 3000), '新余.doc')).rejects.toThrow(
      new ExtractError('corrupt', '新余.doc：无法读取 Word 97-2003（.doc）文件：文件已损坏或不是 Word 文档'),
    );
  });

  it('goes through extract() by its bytes', async () => {
    expect(await extract(bytes('004_52ba3b16510502cd.doc'), 'upload.bin')).toEqual(
      await doc('004_52ba3b16510502cd'),
    );
  });
});
