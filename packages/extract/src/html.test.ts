import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml } from './html';
import { extract } from './index';
import { cellTexts } from './testing/grids';
import { seedToHtml } from './testing/seed-html';
import { tabTables } from './text';
import type { Document } from './types';

const SEEDS = join(import.meta.dirname, '../../../data/samples');
const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const SHUYANG = 'suqian-shuyangxian-fazhangaigeju_2023.html';
const shuyangHtml = readFileSync(join(CORPUS, SHUYANG), 'utf8');
const seeds = ['000_91e0e63c20f568b3.txt', '004_52ba3b16510502cd.txt'].map((f) => ({
  name: f,
  text: readFileSync(join(SEEDS, f), 'utf8'),
}));

/** Every span points at its cell's text, and the text reads back, as tab layout, to the same grids. */
function expectConsistent(doc: Document) {
  for (const t of doc.tables) {
    for (const c of t.rows.flat()) expect(doc.text.slice(c.span[0], c.span[1])).toBe(c.text);
    expect(doc.text[t.span[0]]).toBe('\t');
  }
  expect(cellTexts(tabTables(doc.text))).toEqual(cellTexts(doc.tables));
}

const B = ''; // a blank cell
const t3Row = (label: string, n: string) => [label, n, B, B, B, B, B, n];

describe('fromHtml: the 沭阳县发展和改革局 portal page (corpus)', () => {
  const doc = fromHtml(shuyangHtml, SHUYANG);

  it('reads 名称, 发布机构 and 公开日期 from the portal metadata table, not 单位 or 采集时间 from the info block', () => {
    expect(doc.meta).toEqual({
      title: '沭阳县发展和改革局2023年政府信息公开年度报告',
      publisher: '沭阳县发展和改革局',
      publishedOn: '2024-01-17',
    });
    expect(doc.format).toBe('html');
  });

  it('keeps the headline and the body (#zoomcon), not the metadata chrome', () => {
    expect(
      doc.text.startsWith(
        '沭阳县发展和改革局2023年政府信息公开年度报告\n根据《中华人民共和国政府信息公开条例》',
      ),
    ).toBe(true);
    expect(
      doc.text.endsWith(
        '2023年度，县发展和改革局政府信息公开未发生收费情况。\n沭阳县发展和改革局\n2024年1月17日\n',
      ),
    ).toBe(true);
    for (const chrome of [
      '采集时间',
      '索引号',
      '标题：',
      '单位：沭阳县发改局',
      'http://www.shuyang.gov.cn/sygfj',
    ]) {
      expect(doc.text).not.toContain(chrome);
    }
    expect(doc.text).toContain(
      '\n二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年制发件数\n',
    );
  });

  it('renders table 二 in the seed layout, a colspan cell once', () => {
    expect(doc.tables).toHaveLength(3);
    expect(cellTexts(doc.tables)[0]).toEqual([
      ['第二十条第（一）项'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
      ['规范性文件', '8', '0', '18'],
      ['第二十条第（五）项'],
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '0'],
      ['第二十条第（六）项'],
      ['信息内容', '本年处理决定数量'],
      ['行政处罚', '0'],
      ['行政强制', '0'],
      ['第二十条第（八）项'],
      ['信息内容', '本年收费金额（单位：万元）'],
      ['行政事业性收费', '0'],
    ]);
    expect(doc.tables[0]!.rows[0]![0]).toMatchObject({ colSpan: 4, rowSpan: 1 });
    expect(doc.tables[0]!.rows[6]![1]).toMatchObject({ text: '0', colSpan: 3 });
  });

  it('renders table 三 with blank 法人或其他组织 cells kept, multi-<p> cells joined by a line break, rowspans once', () => {
    const t3 = doc.tables[1]!;
    const rows = cellTexts([t3])[0]!;
    expect(rows).toHaveLength(28);
    expect(rows.slice(0, 6)).toEqual([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
      ['自然人', '法人或其他组织', '总计'],
      ['商业\n企业', '科研\n机构', '社会公益组织', '法律服务机构', '其他'],
      t3Row('一、本年新收政府信息公开申请数量', '26'),
      t3Row('二、上年结转政府信息公开申请数量', '0'),
      ['三、本年度办理结果', ...t3Row('（一）予以公开', '26')],
    ]);
    expect(rows.slice(6, 9)).toEqual([
      t3Row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '0'),
      ['（三）不予公开', ...t3Row('1.属于国家秘密', '0')],
      t3Row('2.其他法律行政法规禁止公开', '0'),
    ]);
    expect(rows.slice(-2)).toEqual([t3Row('（七）总计', '26'), t3Row('四、结转下年度继续办理', '0')]);
    expect(t3.rows[0]![0]).toMatchObject({ colSpan: 3, rowSpan: 3 });
    expect(t3.rows[0]![1]).toMatchObject({ colSpan: 7, rowSpan: 1 });
    expect(t3.rows[5]![0]).toMatchObject({ text: '三、本年度办理结果', rowSpan: 22 });
    expect(t3.rows[7]![0]).toMatchObject({ text: '（三）不予公开', rowSpan: 8 });
    // an empty <td></td> is a blank cell in the text, not a missing one
    expect(t3.rows[3]!.map((c) => c.text)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '26',
      '',
      '',
      '',
      '',
      '',
      '26',
    ]);
  });

  it('renders table 四 with its two header rows and the fifteen figures', () => {
    expect(cellTexts(doc.tables)[2]).toEqual([
      ['行政复议', '行政诉讼'],
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
      [
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
      ['0', '0', '0', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
    ]);
  });

  it('gives every cell a span on its text, and tabTables reads the text back to the same grids', () => {
    expectConsistent(doc);
  });

  it('is what extract() gives, whatever the file is called (portals serve web pages as .doc)', async () => {
    const bytes = new TextEncoder().encode(shuyangHtml);
    for (const name of [SHUYANG, '沭阳县发展和改革局2023年政府信息公开年度报告.doc', 'report']) {
      expect(await extract(bytes, name)).toEqual({ ...doc, encoding: 'utf-8' });
    }
  });
});

describe('fromHtml: broken and hostile markup', () => {
  const original = fromHtml(shuyangHtml, SHUYANG);

  it('keeps the tables of a body nested in 20 000 unclosed <div>s and <font>s', () => {
    const html = shuyangHtml.replace(
      '<div class="article-content" id="zoomcon">',
      (m) => '<div><font>'.repeat(10_000) + m,
    );
    const doc = fromHtml(html, SHUYANG);
    expect(cellTexts(doc.tables)).toEqual(cellTexts(original.tables));
    expect(doc.meta).toEqual(original.meta);
  });

  it('reads tables whose </td>, </tr> and </p> are all missing', () => {
    const doc = fromHtml(shuyangHtml.replace(/<\/(?:td|tr|p)>/g, ''), SHUYANG);
    expect(cellTexts(doc.tables)).toEqual(cellTexts(original.tables));
  });

  it('reads what arrived of a page cut off inside table 三', () => {
    const cut = shuyangHtml.slice(0, shuyangHtml.indexOf('<tr><td>6.属于四类过程性信息'));
    const doc = fromHtml(cut, SHUYANG);
    expect(doc.tables).toHaveLength(2);
    expect(cellTexts(doc.tables)[1]!.at(-1)).toEqual(t3Row('5.属于三类内部事务信息', '0'));
    expectConsistent(doc);
  });

  it('decodes entities, drops scripts, styles, hidden elements and comments, executes nothing', () => {
    const doc = fromHtml(
      `<html><head><style>p{}</style><script>document.write('<p>脚本</p>')</script></head><body>
       <p>A&amp;B&nbsp;&#x4E00;&#20108;&lt;三&gt;&quot;</p><!-- <p>注释</p> -->
       <div style="display: none">隐藏</div><p hidden>也隐藏</p><noscript>无脚本</noscript>
       <iframe src="x"><p>框架</p></iframe><table><tr><td>&nbsp;</td><td> </td><td>0</td></tr></table></body></html>`,
      'x.html',
    );
    expect(doc.text).toBe('A&B\u00a0一二<三>"\n\t\u00a0\n\t\n\t0\n\n');
    expect(doc.tables[0]!.rows[0]!.map((c) => c.text)).toEqual(['\u00a0', '', '0']);
  });

  it('says so when a page has no text (a page that loads its content by script)', () => {
    expect(() => fromHtml('<html><body><script>load()</script></body></html>', 'empty.html')).toThrow(
      'empty.html：网页中没有找到正文内容',
    );
  });
});

describe('seedToHtml', () => {
  for (const seed of seeds) {
    it(`renders ${seed.name} as a portal page whose tables read back as the seed's cells`, () => {
      const html = seedToHtml(seed.text);
      const seedTables = tabTables(seed.text);
      expect(html.slice(html.indexOf('<body')).match(/<td[ >]/g)).toHaveLength(
        seedTables.flatMap((t) => t.rows.flat()).length,
      );
      const doc = fromHtml(html, seed.name);
      expect(cellTexts(doc.tables)).toEqual(cellTexts(seedTables));
      // a blank seed cell is an &nbsp; cell: blank, but there
      const blanks = seedTables.flatMap((t) => t.rows.flat()).filter((c) => !c.text.trim()).length;
      expect(doc.tables.flatMap((t) => t.rows.flat()).filter((c) => c.text === '\u00a0')).toHaveLength(
        blanks,
      );
      expectConsistent(doc);
    });

    it(`keeps ${seed.name}'s prose and none of the page chrome`, () => {
      const doc = fromHtml(seedToHtml(seed.text), seed.name);
      // HTML collapses runs of spaces: compare lines with white space collapsed
      const prose = (text: string, tables: { span: [number, number] }[]) => {
        let rest = text;
        for (const t of [...tables].reverse()) rest = rest.slice(0, t.span[0]) + '\n' + rest.slice(t.span[1]);
        return rest
          .split('\n')
          .map((l) => l.replace(/[ \t]+/g, ' ').trim())
          .filter((l) => l.trim());
      };
      expect(prose(doc.text, doc.tables)).toEqual(prose(seed.text, tabTables(seed.text)));
      for (const chrome of [
        '首页',
        '当前位置',
        '浏览次数',
        '分享到',
        '相关信息',
        '主办单位',
        '脚本中的表格',
        '您的浏览器',
      ]) {
        expect(doc.text).not.toContain(chrome);
      }
      expect(doc.meta).toEqual({ title: '政府信息公开年度报告' });
    });
  }

  it('puts the title, publisher and date given to it where portals do', () => {
    const doc = fromHtml(
      seedToHtml(seeds[0]!.text, {
        title: '南开区文化和旅游局2019年政务公开工作年度报告',
        publisher: '南开区文化和旅游局',
        publishedOn: '2020-01-15',
      }),
      'nankai.html',
    );
    expect(doc.meta).toEqual({
      title: '南开区文化和旅游局2019年政务公开工作年度报告',
      publisher: '南开区文化和旅游局',
      publishedOn: '2020-01-15',
    });
    expect(doc.text.startsWith('南开区文化和旅游局2019年政务公开工作年度报告\n1、 总体情况\n')).toBe(true);
  });
});

describe('fromHtml: a portal page with its headline above the content and spaces around cell text', () => {
  const page = (headline: string) => `<html><head></head><body>
<div class="nav">首页 > 政务公开 > 政府信息公开年报</div>
${headline}
<div id="content"><p>一、总体情况</p><p>${'本机关认真贯彻条例，主动公开政府信息。'.repeat(3)}</p>
<table><tr><td>规章 </td><td> 12 </td><td>0 </td></tr><tr><td>规范性文件</td><td>3</td><td> 1</td></tr></table></div></body></html>`;
  const TITLE = '新余市文广新旅局2019年政府信息公开工作年度报告';

  it.each([
    ['an <h1>', `<h1>${TITLE}</h1>`],
    ['an <h2 class="article-title">', `<h2 class="article-title">${TITLE}</h2>`],
    ['a <div class="title">', `<div class="title">${TITLE}</div>`],
    ['a <div id="newsTitle">', `<div id="newsTitle">${TITLE}</div>`],
  ])('the title is the headline in %s', (_, headline) => {
    expect(fromHtml(page(headline), 'r.html').meta).toEqual({ title: TITLE });
  });

  it('cell text loses the spaces before and after it', () => {
    const doc = fromHtml(page(`<h1>${TITLE}</h1>`), 'r.html');
    expect(doc.tables.map((t) => t.rows.map((r) => r.map((c) => c.text)))).toEqual([
      [
        ['规章', '12', '0'],
        ['规范性文件', '3', '1'],
      ],
    ]);
  });
});
