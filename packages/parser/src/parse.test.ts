import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '@nianbao/extract';
import { seedToHtml } from '@nianbao/extract/testing';
import { parse } from './index';
import { cellRows, expectedOf } from './testing';

const SHARED = join(import.meta.dirname, '../../../../shared');
const SEEDS = join(import.meta.dirname, '../../../data/samples');
const EXPECTED = join(import.meta.dirname, '__expected__');
const NANKAI = join(SEEDS, '000_91e0e63c20f568b3.txt');
const XINYU = join(SEEDS, '004_52ba3b16510502cd.txt');

async function parseFile(file: string, bytes: Uint8Array = readFileSync(file), name = file) {
  const doc = await extract(bytes, name);
  return { doc, report: parse(doc, { file: name, sha256: '' }) };
}

const expected = (name: string) => JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8'));

describe('every real document parses to its reviewed cells, sections and metadata', () => {
  const files = [
    NANKAI,
    XINYU,
    ...readdirSync(join(SHARED, 'corpus'))
      .filter((f) => /\.(md|html|layout\.txt)$/.test(f) && f !== 'README.md')
      .map((f) => join(SHARED, 'corpus', f)),
  ];
  for (const file of files) {
    it(file.split('/').pop()!, async () => {
      const { report } = await parseFile(file);
      expect(expectedOf(report)).toEqual(expected(file.split('/').pop()!));
    });
  }
});

describe('南开 (blank and truncated tables)', () => {
  it('reads metadata from a report with no title and no 落款', async () => {
    const { report } = await parseFile(NANKAI);
    expect(report.agency).toEqual({
      name: '南开区文化和旅游局',
      source: 'text',
      region: { code: '120104', name: '天津市南开区' },
      kind: 'department',
    });
    expect(report.year).toBe(2019);
    expect(report.publishedOn).toBeNull();
    expect(report.template).toBe('2019');
  });

  it('finds sections numbered 1、 and 5、 and no section 六', async () => {
    const { report } = await parseFile(NANKAI);
    expect(report.sections.s1).toMatchObject({ present: true, numbering: 'arabic', ordinal: '1' });
    expect(report.sections.s5).toMatchObject({ present: true, numbering: 'arabic', ordinal: '5' });
    expect(report.sections.s6).toEqual({ present: false, heading: null, numbering: null, span: null, ordinal: null });
  });

  it('has 19 of 22 table-二 cells blank, table 三 truncated after （四）, table 四 all blank', async () => {
    const { report } = await parseFile(NANKAI);
    const t2 = Object.entries(report.cells).filter(([k]) => k.startsWith('t2.'));
    expect(t2).toHaveLength(22);
    expect(t2.filter(([, c]) => c.state === 'blank')).toHaveLength(19);
    expect(report.cells['t2.penalty.change']).toMatchObject({ raw: '　10', state: 'value', value: 10 });
    const absentRows = Object.entries(cellRows(report.cells)).filter(([, v]) => v === 'ø ø ø ø ø ø ø').map(([k]) => k);
    expect(absentRows).toEqual([
      't3.notProcessed.complaint',
      't3.notProcessed.duplicate',
      't3.notProcessed.publication',
      't3.notProcessed.massRepeated',
      't3.notProcessed.confirmation',
      't3.otherHandling',
      't3.totalProcessed',
      't3.carriedForward',
    ]);
    expect(report.cells['t3.carriedOver.naturalPerson']).toMatchObject({ raw: '\u00a01', state: 'value', value: 1 });
    expect(report.cells['t3.newReceived.total']!.state).toBe('blank');
    expect(Object.entries(report.cells).filter(([k, c]) => k.startsWith('t4.') && c.state === 'blank')).toHaveLength(15);
  });

  it('gives every cell a span whose text is its raw text', async () => {
    const { doc, report } = await parseFile(NANKAI);
    for (const c of Object.values(report.cells)) {
      if (c.span) expect(doc.text.slice(c.span[0], c.span[1])).toBe(c.raw);
    }
  });
});

describe('新余 (fully zero-filled)', () => {
  it('reads the 落款 and every cell', async () => {
    const { report } = await parseFile(XINYU);
    expect(report.agency.name).toBe('新余市文广新旅局');
    expect(report.agency.region).toEqual({ code: '360500', name: '江西省新余市' });
    expect(report.publishedOn).toBe('2020-01-15');
    expect(Object.values(report.cells).every((c) => c.state === 'value')).toBe(true);
    expect(Object.keys(report.cells)).toHaveLength(22 + 23 * 7 + 15);
    // 「98850元」 in the 万元 column of 采购总金额
    expect(report.cells['t2.procurement.amount']).toMatchObject({ raw: '98850元', value: 9.885, unit: '元' });
  });
});

describe('other shapes of the same report', () => {
  for (const file of [NANKAI, XINYU]) {
    it(`an HTML portal rendering of ${file.split('/').pop()} parses to identical cells and metadata`, async () => {
      const html = seedToHtml(readFileSync(file, 'utf8'));
      const a = await parseFile(file);
      const b = await parseFile(file, Buffer.from(html), 'seed.html');
      expect(b.doc.format).toBe('html');
      expect(cellRows(b.report.cells)).toEqual(cellRows(a.report.cells));
      expect(b.report.agency).toEqual(a.report.agency);
      expect([b.report.year, b.report.publishedOn, b.report.template]).toEqual([a.report.year, a.report.publishedOn, a.report.template]);
      expect(Object.values(b.report.sections).map((s) => s.present)).toEqual(Object.values(a.report.sections).map((s) => s.present));
    });
    it(`a GBK re-encoding of ${file.split('/').pop()} parses to identical cells`, async () => {
      const text = readFileSync(file, 'utf8');
      const gbk = encodeGb18030(text);
      const a = await parseFile(file);
      const b = await parseFile(file, gbk, 'seed-gbk.txt');
      expect(b.doc.encoding).toBe('gb18030');
      expect(cellRows(b.report.cells)).toEqual(cellRows(a.report.cells));
      expect(b.report.agency).toEqual(a.report.agency);
    });
    it(`a UTF-16 and a BOM-prefixed copy of ${file.split('/').pop()} parse to identical cells`, async () => {
      const text = readFileSync(file, 'utf8');
      const a = await parseFile(file);
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      for (const bytes of [utf16, bom]) {
        const b = await parseFile(file, bytes, 'copy.txt');
        expect(cellRows(b.report.cells)).toEqual(cellRows(a.report.cells));
      }
    });
  }
});

describe('corpus specifics', () => {
  it('沭阳 (portal HTML): the five 法人或其他组织 columns of table 三 are blank in every row', async () => {
    const { report } = await parseFile(join(SHARED, 'corpus/suqian-shuyangxian-fazhangaigeju_2023.html'));
    const t3 = Object.entries(report.cells).filter(([k]) => k.startsWith('t3.'));
    const orgs = t3.filter(([k]) => /\.(commercial|research|publicInterest|legalService|otherOrg)$/.test(k));
    expect(orgs.length).toBe(25 * 5);
    expect(orgs.every(([, c]) => c.state === 'blank')).toBe(true);
    expect(t3.filter(([k]) => /\.(naturalPerson|total)$/.test(k)).every(([, c]) => c.state === 'value')).toBe(true);
    expect(report.publishedOn).toBe('2024-01-17');
  });
  it('淮安 (pdftotext -layout): table 三 identity holds as the README says, 3119 + 34 = 3050 + 103', async () => {
    const { report } = await parseFile(join(SHARED, 'corpus/huaian-shi-renminzhengfu_2024.layout.txt'));
    const v = (k: string) => report.cells[k]!.value;
    expect([v('t3.newReceived.total'), v('t3.carriedOver.total'), v('t3.totalProcessed.total'), v('t3.carriedForward.total')]).toEqual([3119, 34, 3050, 103]);
    expect(report.agency.kind).toBe('government');
  });
  it('上海市科委 (Markdown): one blank 总计 in 四、结转下年度继续办理; section 五 inferred from 「（一）主要问题」', async () => {
    const { report } = await parseFile(join(SHARED, 'corpus/shanghai-shi-kexue-jishu-weiyuanhui_2024.md'));
    expect(report.cells['t3.carriedForward.total']!.state).toBe('blank');
    expect(report.sections.s5).toMatchObject({ present: true, numbering: 'none', heading: '（一）主要问题' });
    expect(report.sections.s2).toMatchObject({ numbering: 'chinese', ordinal: '一' });
  });
  it('上海市人民政府办公厅: annotated cells keep their note (「55（含自然失效 29 件）」 is 55)', async () => {
    const { report } = await parseFile(join(SHARED, 'corpus/shanghai-shi-renminzhengfu-bangongting_2025.md'));
    expect(report.cells['t2.normativeDocs.repealed']).toMatchObject({ value: 55, note: '(含自然失效 29 件)' });
    // The Markdown conversion lifted the two annotated cells out of their rows; 34 issued is confirmed by
    // the narrative (「行政规范性文件 34 件」), so 55 was 本年废止件数. For 规章 the lifted 「22（其中修订 16 件）」
    // belongs to 本年制发件数 by its wording, and the row kept the other 22: the values are the same either way.
    expect(cellRows(report.cells)['t2.normativeDocs']).toBe('34 55{(含自然失效 29 件)} 189');
    expect(report.agency.kind).toBe('department');
  });
});

/** GB18030 encoder for the test: Node decodes GBK but does not encode it, so build the table once. */
function encodeGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      // GBK has no NBSP; files saved as GBK carry a plain space there (both read as a blank cell)
      const b = ch === '\u00a0' ? [0x20] : table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}
