import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDocx } from './docx';
import { extract } from './index';
import { Layout } from './layout';
import { checkTextLayer, fromPdf, readPdf } from './pdf';
import { layoutPages, type PageContent } from './pdf-layout';
import { cellTexts } from './testing/grids';
import { tabTables } from './text';
import { ExtractError, type DocTable, type Document } from './types';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SEEDS = join(import.meta.dirname, '../../../data/samples');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const HUAIAN = join(CORPUS, 'huaian-shi-renminzhengfu_2024.pdf');
const fixture = (file: string) => readFileSync(join(FIXTURES, file));
const pdf = (file: string) => fromPdf(fixture(file), file);

/** A grid as text, a cell over several columns marked 「@n」: what a reviewer checks against the page. */
const grids = (tables: DocTable[]) =>
  tables.map((t) =>
    t.rows.map((r) => r.map((c) => `${c.text.trim()}${c.colSpan > 1 ? `@${c.colSpan}` : ''}`)),
  );

/** Every cell's span is its text, and the tab layout of the text gives back the grids. */
function expectConsistent(doc: Document) {
  for (const c of doc.tables.flatMap((t) => t.rows.flat())) expect(doc.text.slice(...c.span)).toBe(c.text);
  expect(cellTexts(tabTables(doc.text))).toEqual(cellTexts(doc.tables));
}

describe('fromPdf: the 淮安市人民政府 report as published (corpus, 6 pages, ruled tables)', () => {
  const read = fromPdf(readFileSync(HUAIAN), 'huaian.pdf');

  it('reads every cell of the three tables, merged cells and all (checked against the printed pages)', async () => {
    const doc = await read;
    expect(doc.format).toBe('pdf');
    expect(grids(doc.tables)).toEqual([
      [
        ['第二十条第（一）项@4'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '1', '0', '11'],
        ['行政规范性文件', '8', '26', '66'],
        ['第二十条第（五）项@4'],
        ['信息内容', '本年处理决定数量@3'],
        ['行政许可', '447228@3'],
        // page 3 ends here: the rest of table 二 is on page 4, one table with the part above
        ['第二十条第（六）项@4'],
        ['信息内容', '本年处理决定数量@3'],
        ['行政处罚', '3985758@3'],
        ['行政强制', '88283@3'],
        ['第二十条第（八）项@4'],
        ['信息内容', '本年收费金额（单位：万元）@3'],
        ['行政事业性收费', '96171.6@3'],
      ],
      [
        // a cell spanning rows is written once, then as an empty cell in each row below
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）@3', '申请人情况@7'],
        ['@3', '自然人', '法人或其他组织@5', '总计'],
        ['@3', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
        ['一、本年新收政府信息公开申请数量@3', '3001', '53', '0', '0', '61', '4', '3119'],
        ['二、上年结转政府信息公开申请数量@3', '34', '0', '0', '0', '0', '0', '34'],
        ['三、本年度办理结果', '（一）予以公开@2', '1288', '21', '0', '0', '50', '3', '1362'],
        [
          '',
          '（二）部分公开（区分处理的，只计这一情形，不计其他情形）@2',
          '447',
          '7',
          '0',
          '0',
          '0',
          '0',
          '454',
        ],
        ['', '（三）不予公开', '1.属于国家秘密', '2', '0', '0', '0', '0', '0', '2'],
        ['', '', '2.其他法律行政法规禁止公开', '30', '1', '0', '0', '0', '0', '31'],
        ['', '', '3.危及“三安全一稳定”', '5', '0', '0', '0', '0', '0', '5'],
        ['', '', '4.保护第三方合法权益', '6', '0', '0', '0', '0', '0', '6'],
        ['', '', '5.属于三类内部事务信息', '7', '1', '0', '0', '0', '0', '8'],
        ['', '', '6.属于四类过程性信息', '12', '0', '0', '0', '0', '0', '12'],
        ['', '', '7.属于行政执法案卷', '9', '0', '0', '0', '0', '0', '9'],
        ['', '', '8.属于行政查询事项', '105', '0', '0', '0', '0', '0', '105'],
        ['', '（四）无法提供', '1.本机关不掌握相关政府信息', '746', '12', '0', '0', '10', '1', '769'],
        // page 4 ends inside 「（四）无 | 法提供」: the label is joined again, the 「-4-」 footer left out
        ['', '', '2.没有现成信息需要另行制作', '11', '0', '0', '0', '0', '0', '11'],
        ['', '', '3.补正后申请内容仍不明确', '1', '0', '0', '0', '0', '0', '1'],
        ['', '（五）不予处理', '1.信访举报投诉类申请', '56', '6', '0', '0', '0', '0', '62'],
        ['', '', '2.重复申请', '25', '0', '0', '0', '0', '0', '25'],
        ['', '', '3.要求提供公开出版物', '0', '0', '0', '0', '0', '0', '0'],
        ['', '', '4.无正当理由大量反复申请', '0', '0', '0', '0', '0', '0', '0'],
        ['', '', '5.要求行政机关确认或重新出具已获取信息', '1', '0', '0', '0', '0', '0', '1'],
        [
          '',
          '（六）其他处理',
          '1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          '67',
          '3',
          '0',
          '0',
          '1',
          '0',
          '71',
        ],
        [
          '',
          '',
          '2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          '6',
          '0',
          '0',
          '0',
          '0',
          '0',
          '6',
        ],
        ['', '', '3、其他', '108', '2', '0', '0', '0', '0', '110'],
        ['', '（七）总计@2', '2932', '53', '0', '0', '61', '4', '3050'],
        ['四、结转下年度继续办理@3', '103', '0', '0', '0', '0', '0', '103'],
      ],
      [
        ['行政复议@5', '行政诉讼@10'],
        ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉@5', '复议后起诉@5'],
        [
          '',
          '',
          '',
          '',
          '',
          '结果维持',
          '结果纠正',
          '其他结果',
          '尚未审结',
          '总计',
          '结果维持',
          '结果纠正',
          '其他结果',
          '尚未审结',
          '总计',
        ],
        ['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20'],
      ],
    ]);
    expectConsistent(doc);
  });

  it('rejoins the paragraphs broken by page ends and leaves out the 「- N -」 page numbers', async () => {
    const doc = await read;
    const lines = doc.text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['淮安市人民政府', '2024 年政府信息公开工作年度报告']);
    // 「…“建设‘四最’一流」 ends page 1, 「营商环境…」 begins page 2
    expect(doc.text).toContain('“建设‘四最’一流营商环境高质量推进产业发展”');
    expect(doc.text).toContain('将栏目不更新、政策解读不通俗易懂');
    expect(doc.text).not.toMatch(/-\s*\d\s*-/);
    for (const heading of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ])
      expect(lines).toContain(heading);
    expect(lines.at(-2)).toBe(
      '2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 3940 元。',
    );
    // the document property Title, as the file has it
    expect(doc.meta).toEqual({ title: '政府信息公开工作年度报告' });
  });

  it('without its ruling lines (positions only) reads the same rows of figures, in the same columns', async () => {
    const { pages } = await readPdf(readFileSync(HUAIAN), 'huaian.pdf');
    const layout = new Layout();
    for (const b of layoutPages(pages.map((p) => ({ ...p, rules: [] }))))
      if (b.kind === 'paragraph') layout.paragraph(b.text);
      else layout.table(b.rows);
    // a row of figures: its figures, from the first
    const figureRows = (tables: DocTable[]) =>
      grids(tables).flatMap((t) =>
        t.flatMap((r) => {
          const cells = r.map((c) => c.replace(/@\d+$/, ''));
          const first = cells.findIndex((c) => /^[\d.]+$/.test(c));
          return first < 0 ? [] : [cells.slice(first)];
        }),
      );
    const ruled = figureRows((await read).tables);
    expect(ruled).toHaveLength(6 + 25 + 1);
    expect(figureRows(layout.tables)).toEqual(ruled);
    // Table 三 is read by its lines of figures: each line of the block is a row, a line of figures
    // with the label text sharing it, a line of label text alone (the rest of a wrapped label, a
    // label printed vertically) a row of its own; which template row each is, the parser's alignment
    // says (parser/src/misread.test.ts reads this report without its rules to the same cells).
    const t3 = grids(layout.tables)[1]!;
    expect(t3.find((r) => r.includes('3119'))).toEqual(['一、本年新收政府信息公开申请数量', '3001', '53', '0', '0', '61', '4', '3119']);
    expect(t3.filter((r) => r.length === 1).map((r) => r[0]).join('')).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'.slice(0, 7));
  });
});


describe('readPdf: the ruling lines, recorded in the text pass (pdf.js text-only mode)', () => {
  // the figures of pdf.js's own operator list (getOperatorList), read before the text pass recorded them
  it.each([
    [HUAIAN, [0, 0, 15, 39, 45, 0], { x0: 73.16000366210938, y0: 467.8900146484375, x1: 519.6400146484375, y1: 467.8900146484375 }],
    [join(FIXTURES, 'misread.ruled.pdf'), [267, 444, 46], { x0: 73.12499695312499, y0: 254.24998940625005, x1: 73.12499695312499, y1: 272.999988625 }],
    [join(FIXTURES, '000_91e0e63c20f568b3.pdf'), [0, 33, 41, 21], { x0: 56.349998474121094, y0: 345.7007684181999, x1: 567.4000244140625, y1: 345.7007684181999 }],
  ])('%s: the same lines per page as the operator list gives, to the last digit', async (file, perPage, first) => {
    const { pages } = await readPdf(readFileSync(file), 'ruled.pdf');
    expect(pages.map((p) => p.rules.length)).toEqual(perPage);
    expect(pages.find((p) => p.rules.length)!.rules[0]).toEqual(first);
  });
});
describe('fromPdf: where each cell is on its page (the report page boxes it on the original)', () => {
  /**
   * Every text box of a page that a table cell holds lies inside that cell's box, and every cell with
   * text has a box: checked on the page itself (pdf.js's positions), not on numbers copied here.
   */
  async function expectPlaced(bytes: Buffer, name: string, strip = false) {
    const { pages } = await readPdf(bytes, name);
    const input = strip ? pages.map((p) => ({ ...p, rules: [] })) : pages;
    const layout = new Layout();
    for (const b of layoutPages(input))
      if (b.kind === 'paragraph') layout.paragraph(b.text);
      else layout.table(b.rows);
    const cells = layout.tables.flatMap((t) => t.rows.flat());
    const figures = cells.filter((c) => /^\d+(?:\.\d+)?$/.test(c.text.trim()));
    expect(figures.length).toBeGreaterThan(20);
    for (const c of figures) {
      expect(c.position, c.text).toBeDefined();
      const { page, box } = c.position!;
      const p = input[page - 1]!;
      expect(box[0]).toBeGreaterThanOrEqual(0);
      expect(box[2]).toBeLessThanOrEqual(p.width);
      // a box of the page with this figure's text lies inside the cell's box
      const inside = p.boxes.filter(
        (t) =>
          t.str.trim() === c.text.trim() &&
          (t.x0 + t.x1) / 2 >= box[0] &&
          (t.x0 + t.x1) / 2 <= box[2] &&
          (t.top + t.bottom) / 2 >= box[1] &&
          (t.top + t.bottom) / 2 <= box[3],
      );
      expect(inside.length, `${c.text} on page ${page} at ${box.join(',')}`).toBeGreaterThan(0);
    }
    return cells;
  }

  it('淮安 (ruled): each figure inside its cell, the cell its ruled rectangle', async () => {
    const cells = await expectPlaced(readFileSync(HUAIAN), 'huaian.pdf');
    const total = cells.find((c) => c.text === '3119')!;
    // the 总计 column is the table's last: its box ends at the table's right border
    const right = Math.max(...cells.filter((c) => c.position?.page === total.position!.page).map((c) => c.position!.box[2]));
    expect(total.position!.box[2]).toBe(right);
  });

  it('淮安 without its rules: each figure inside the band of its column and line', async () => {
    await expectPlaced(readFileSync(HUAIAN), 'huaian.pdf', true);
  });

  it('paged.pdf (table 二 without borders, table 三 over two pages): each figure inside its cell', async () => {
    const cells = await expectPlaced(fixture('paged.pdf'), 'paged.pdf');
    expect(new Set(cells.flatMap((c) => (c.position ? [c.position.page] : []))).size).toBeGreaterThan(1);
  });
});

describe('fromPdf: LibreOffice prints of the seeds and the corpus (fixtures/)', () => {
  for (const name of ['000_91e0e63c20f568b3', '004_52ba3b16510502cd']) {
    it(`${name}.pdf has the seed's cells, row by row`, async () => {
      const doc = await pdf(`${name}.pdf`);
      expect(cellTexts(doc.tables)).toEqual(
        cellTexts(tabTables(readFileSync(join(SEEDS, `${name}.txt`), 'utf8'))).map((t) =>
          // Lost: spaces around a cell's text (the seeds' 「　10」); a PDF draws no glyph for them
          t.map((r) => r.map((c) => c.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))),
        ),
      );
      expectConsistent(doc);
    });
  }

  for (const name of [
    '000_91e0e63c20f568b3',
    '004_52ba3b16510502cd',
    'suqian-shuyangxian-fazhangaigeju_2023',
    'shanghai-shi-kexue-jishu-weiyuanhui_2024',
    'shanghai-shi-renminzhengfu-bangongting_2025',
  ]) {
    it(`${name}.pdf has the grids of its .docx twin, merged cells included`, async () => {
      const docx = fromDocx(fixture(`${name}.docx`), name);
      // Lost: a line break typed inside a cell, where the line fills the cell (沭阳's 「商业<br>企业」):
      // on the page it looks the same as a line wrapped by the width, and is read as one.
      const unbroken = grids(docx.tables).map((t) =>
        t.map((r) => r.map((c) => (/^(商业|科研)\n/.test(c) ? c.replace('\n', '') : c))),
      );
      expect(grids((await pdf(`${name}.pdf`)).tables)).toEqual(unbroken);
    });
  }

  it('rebuilds table 二 of 南开 whose last rows went over to the next page with fewer column borders', async () => {
    const doc = await pdf('000_91e0e63c20f568b3.pdf');
    expect(grids(doc.tables)[0]!.slice(-3)).toEqual([
      ['第二十条第（九）项@4'],
      ['信息内容@2', '采购项目数量', '采购总金额'],
      ['政府集中采购@2', '', ''],
    ]);
  });
});

describe('fromPdf: paged.pdf (running header, 「- N -」 footers, table 三 over two pages)', () => {
  const read = pdf('paged.pdf');

  it('leaves out the header and footer of each page and joins the paragraph they interrupt', async () => {
    const doc = await read;
    const lines = doc.text.split('\n');
    expect(lines[0]).toBe('某某市某某局2023年政府信息公开工作年度报告');
    expect(lines.filter((l) => l.includes('某某市某某局2023年政府信息公开工作年度报告'))).toHaveLength(1);
    expect(doc.text).not.toMatch(/- \d -/);
    // page 1 ends inside this paragraph
    expect(lines).toContain(
      '在政务公开标准化规范化方面，对照基层政务公开标准目录，逐项梳理公开事项，完善公开要素，推动公开内容标准统一、格式规范。',
    );
    expect(lines.slice(-3)).toEqual(['某某市某某局', '2024年1月20日', '']);
  });

  it('reads table 二, printed without borders, from the positions of its text', async () => {
    expect(grids((await read).tables)[0]).toEqual([
      ['第二十条第（一）项@4'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '3'],
      ['行政规范性文件', '2', '1', '15'],
      ['第二十条第（五）项@4'],
      ['信息内容', '本年处理决定数量@3'],
      ['行政许可', '120@3'],
      ['第二十条第（六）项@4'],
      ['信息内容', '本年处理决定数量@3'],
      ['行政处罚', '35@3'],
      ['行政强制', '0@3'],
      ['第二十条第（八）项@4'],
      ['信息内容', '本年收费金额（单位：万元）@3'],
      ['行政事业性收费', '0@3'],
    ]);
  });

  it('joins table 三 over the page break: the repeated header rows once, the merged labels going on', async () => {
    const t3 = grids((await read).tables)[1]!;
    expect(t3).toHaveLength(3 + 25);
    expect(t3.slice(0, 3)).toEqual([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）@3', '申请人情况@7'],
      ['@3', '自然人', '法人或其他组织@5', '总计'],
      ['@3', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ]);
    // page 2 ends after 「3.要求提供公开出版物」; 「三、本年度办理结果」 and 「（五）不予处理」 run on
    expect(t3.slice(20, 27)).toEqual([
      ['', '', '3.要求提供公开出版物', '0', '0', '0', '0', '0', '0', '0'],
      ['', '', '4.无正当理由大量反复申请', '0', '0', '0', '0', '0', '0', '0'],
      ['', '', '5.要求行政机关确认或重新出具已获取信息', '0', '0', '0', '0', '0', '0', '0'],
      [
        '',
        '（六）其他处理',
        '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
        '1',
        '0',
        '0',
        '0',
        '0',
        '0',
        '1',
      ],
      [
        '',
        '',
        '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
      ],
      ['', '', '3.其他', '2', '0', '0', '0', '0', '0', '2'],
      ['', '（七）总计@2', '41', '5', '0', '0', '0', '0', '46'],
    ]);
    expect(t3.at(-1)).toEqual(['四、结转下年度继续办理@3', '1', '0', '0', '0', '0', '0', '1']);
  });
});

describe('fromPdf: files that cannot be read', () => {
  it('says a scan (pages holding only an image) needs OCR, rather than giving an empty report', async () => {
    await expect(extract(fixture('scanned.pdf'), '扫描件.pdf')).rejects.toThrow(
      new ExtractError('ocr-needed', '扫描件.pdf：PDF 没有文字层（可能是扫描件），需要先做 OCR 识别'),
    );
  });

  it('says text from fonts without a character map is garbage that needs OCR', () => {
    // what such a page gives: a few private-use code points over and over
    const page: PageContent = {
      width: 595,
      height: 842,
      rules: [],
      boxes: Array.from({ length: 40 }, (_, i) => ({
        str: '\ue001\ue002\ue003\ue004',
        x0: 72,
        x1: 120,
        top: 72 + 14 * i,
        bottom: 84 + 14 * i,
        size: 12,
      })),
    };
    expect(() => checkTextLayer([page], '乱码.pdf')).toThrow(
      new ExtractError(
        'ocr-needed',
        '乱码.pdf：PDF 的文字层无法解码（字体缺少字符映射，读出的是乱码），需要先做 OCR 识别',
      ),
    );
  });

  it('says a password-protected PDF cannot be opened', async () => {
    await expect(extract(fixture('locked.pdf'), '加密.pdf')).rejects.toThrow(
      new ExtractError('encrypted', '加密.pdf：PDF 已加密，需要密码才能打开'),
    );
  });

  it('says a truncated or damaged PDF is damaged, quickly', async () => {
    const bytes = readFileSync(HUAIAN);
    const started = Date.now();
    for (const damaged of [
      bytes.subarray(0, 2000),
      bytes.subarray(0, bytes.length / 2),
      new TextEncoder().encode('%PDF-1.7\n'),
      Uint8Array.from(bytes.subarray(0, 20_000), (b, i) => (i > 9 ? (b * 7 + i) & 0xff : b)),
    ])
      await expect(extract(damaged, '损坏.pdf')).rejects.toThrow(
        new ExtractError('corrupt', '损坏.pdf：PDF 文件已损坏或不完整，无法打开'),
      );
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('gives up on a file that keeps the reader busy past the time limit', async () => {
    await expect(readPdf(readFileSync(HUAIAN), '慢.pdf', 1)).rejects.toThrow(
      new ExtractError('too-large', '慢.pdf：PDF 读取超过 0.001 秒仍未完成，文件过于复杂或已损坏'),
    );
  });

  it('goes through extract() by its bytes, whatever the name', async () => {
    expect(await extract(fixture('004_52ba3b16510502cd.pdf'), 'upload.bin')).toEqual(
      await pdf('004_52ba3b16510502cd.pdf'),
    );
  });
});
