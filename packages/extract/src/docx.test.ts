import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDocx } from './docx';
import { fromHtml } from './html';
import { extract } from './index';
import { cellTexts, withMergedCells } from './testing/grids';
import { seedToHtml } from './testing/seed-html';
import { writeZip } from './testing/zip-writer';
import { tabTables } from './text';
import { ExtractError, type Document } from './types';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SEEDS = join(import.meta.dirname, '../../../data/samples');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const SEED_NAMES = ['000_91e0e63c20f568b3', '004_52ba3b16510502cd'];
const SHUYANG = 'suqian-shuyangxian-fazhangaigeju_2023';
const docx = (name: string) => fromDocx(readFileSync(join(FIXTURES, `${name}.docx`)), `${name}.docx`);

describe('fromDocx: the seeds converted by LibreOffice (fixtures/, scripts/make-fixtures.ts)', () => {
  for (const name of SEED_NAMES) {
    it(`${name}.docx has the seed's cells, row by row, and the widths of the HTML's merged cells`, () => {
      const seedText = readFileSync(join(SEEDS, `${name}.txt`), 'utf8');
      const doc = docx(name);
      // Nothing lost in the cells: a blank seed cell comes back as U+00A0 (the HTML's &nbsp;), which
      // trims to the same blank. The widths are those seedToHtml gives (the seed text has none).
      expect(cellTexts(doc.tables)).toEqual(cellTexts(tabTables(seedText)));
      const html = fromHtml(seedToHtml(seedText, { chrome: false }), name);
      const widths = (d: Document) => d.tables.map((t) => t.rows.map((r) => r.map((c) => c.colSpan)));
      expect(widths(doc)).toEqual(widths(html));
      for (const c of doc.tables.flatMap((t) => t.rows.flat()))
        expect(doc.text.slice(...c.span)).toBe(c.text);
      expect(cellTexts(tabTables(doc.text))).toEqual(cellTexts(doc.tables));
    });
  }

  it('keeps the seed prose as paragraphs, one per line', () => {
    const doc = docx('004_52ba3b16510502cd');
    expect(doc.format).toBe('docx');
    expect(doc.text.startsWith('2019年，新余市文广新旅局紧紧围绕市委、市政府重大决策部署和公众关切')).toBe(
      true,
    );
    expect(doc.text).toContain(
      '\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年新\n制作数量\n',
    );
    expect(doc.text.endsWith('\n六、需要说明的其他事项与附表\n无。\n新余市文广新旅局\n2020年1月15日\n')).toBe(
      true,
    );
  });
});

describe('fromDocx: the 沭阳县 report body converted by LibreOffice', () => {
  const doc = docx(SHUYANG);
  const page = fromHtml(readFileSync(join(CORPUS, `${SHUYANG}.html`), 'utf8'), SHUYANG);

  it('has the page tables, merged cells as Word holds them: gridSpan as colSpan, a vMerge continuation as an empty cell', () => {
    // Only the report body (headline and article) was converted, as the agency's Word file holds it:
    // the page's portal metadata table (发布机构, 公开日期) is not in the .docx.
    expect(
      doc.text.startsWith(
        '沭阳县发展和改革局2023年政府信息公开年度报告\n根据《中华人民共和国政府信息公开条例》',
      ),
    ).toBe(true);
    const grids = doc.tables.map((t) =>
      t.rows.map((r) => r.map((c) => ({ text: c.text.trim(), colSpan: c.colSpan }))),
    );
    expect(grids).toEqual(page.tables.map(withMergedCells));
    const t3 = doc.tables[1]!.rows;
    expect(t3[3]!.map((c) => [c.text, c.colSpan])).toEqual([
      ['一、本年新收政府信息公开申请数量', 3],
      ['26', 1],
      ['', 1],
      ['', 1],
      ['', 1],
      ['', 1],
      ['', 1],
      ['26', 1],
    ]);
    expect(t3[6]!.map((c) => c.text)).toEqual([
      '',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '0',
      '',
      '',
      '',
      '',
      '',
      '0',
    ]);
    expect(t3.every((c) => c.every((x) => x.rowSpan === 1))).toBe(true);
  });
});

describe('fromDocx: list numbering, text boxes, headers', () => {
  it('writes the section numbers Word displays (一、 （1） from numbering.xml), not the text box, header, footer or bullet', () => {
    // fixtures/numbered.fodt → LibreOffice → numbered.docx (taiwaneseCountingThousand "%1、", decimal "（%2）")
    expect(docx('numbered').text).toBe(
      [
        '某某局2023年政府信息公开工作年度报告',
        '一、总体情况',
        '（1）主动公开政府信息情况',
        '（2）依申请公开情况',
        '2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。',
        '项目符号不带编号',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '某某局',
        '',
      ].join('\n'),
    );
  });
});

describe('fromDocx: files that are not readable Word documents', () => {
  it('says a truncated .docx is damaged', async () => {
    const bytes = readFileSync(join(FIXTURES, `${SHUYANG}.docx`));
    await expect(extract(bytes.subarray(0, bytes.length - 200), '报告.docx')).rejects.toThrow(
      new ExtractError('corrupt', '报告.docx：Word 文件（.docx）已损坏或不完整，无法打开'),
    );
  });

  it('says a zip named .docx without a document part is not a Word file', () => {
    const zip = writeZip([{ name: 'word/styles.xml', data: new TextEncoder().encode('<w:styles/>') }]);
    expect(() => fromDocx(zip, '假报告.docx')).toThrow(
      '假报告.docx：不是有效的 Word 文件（.docx），缺少正文部分 word/document.xml',
    );
  });

  it('goes through extract() by its bytes', async () => {
    const bytes = readFileSync(join(FIXTURES, `${SHUYANG}.docx`));
    expect(await extract(bytes, 'upload')).toEqual(docx(SHUYANG));
  });
});

describe('fromDocx: the numbering formats Word documents use, restarts, hidden runs', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const enc = (s: string) => new TextEncoder().encode(s);
  /** A .docx whose paragraphs are each numbered by list `numId` (level 0), with the given runs. */
  function wordFile(abstracts: Record<string, [string, string]>, nums: string, body: string): Uint8Array {
    const abs = Object.entries(abstracts)
      .map(([id, [format, text]]) => `<w:abstractNum w:abstractNumId="${id}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>`)
      .join('');
    return writeZip([
      { name: '[Content_Types].xml', data: enc('<?xml version="1.0"?><Types/>') },
      { name: 'word/numbering.xml', data: enc(`<w:numbering ${W}>${abs}${nums}</w:numbering>`) },
      { name: 'word/document.xml', data: enc(`<w:document ${W}><w:body>${body}</w:body></w:document>`) },
    ]);
  }
  const para = (numId: string, text: string, runProps = '') =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r>${runProps}<w:t>${text}</w:t></w:r></w:p>`;
  const FORMATS: [string, string][] = [
    ['ideographDigital', '%1、'],
    ['decimalFullWidth', '%1．'],
    ['upperLetter', '%1.'],
    ['lowerLetter', '%1)'],
    ['upperRoman', '%1 '],
    ['lowerRoman', '(%1)'],
  ];

  it('writes each list label as Word displays it, counting on within each list', () => {
    const abstracts = Object.fromEntries(FORMATS.map((f, i) => [String(i), f]));
    const nums = FORMATS.map((_, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${i}"/></w:num>`).join('');
    const body = FORMATS.map((_, i) => para(String(i + 1), '事项') + para(String(i + 1), '事项')).join('');
    expect(fromDocx(wordFile(abstracts, nums, body), 'r.docx').text.split('\n').filter(Boolean)).toEqual([
      '一、事项', '二、事项',
      '１．事项', '２．事项',
      'A.事项', 'B.事项',
      'a)事项', 'b)事项',
      'I 事项', 'II 事项',
      '(i)事项', '(ii)事项',
    ]);
  });

  it('a list restarted by lvlOverride/startOverride starts at its number; a hidden run is left out unless vanish is turned off', () => {
    const nums =
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>';
    const body =
      '<w:p><w:r><w:t>本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。</w:t></w:r></w:p>' +
      para('1', '总体情况') +
      para('2', '隐藏的批注', '<w:rPr><w:vanish/></w:rPr>') +
      para('2', '其他需要报告的事项', '<w:rPr><w:vanish w:val="false"/></w:rPr>') +
      para('2', '附件', '<w:rPr><w:vanish w:val="0"/></w:rPr>');
    expect(fromDocx(wordFile({ 0: ['chineseCounting', '%1、'] }, nums, body), 'r.docx').text.split('\n').filter(Boolean)).toEqual([
      '本机关认真贯彻落实政府信息公开条例，全面推进政务公开工作。',
      '一、总体情况',
      '五、',
      '六、其他需要报告的事项',
      '七、附件',
    ]);
  });
});
