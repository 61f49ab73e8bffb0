import { describe, expect, it } from 'vitest';
import { layoutPages, tidy, type Block, type PageContent, type Rule, type TextBox } from './pdf-layout';

// Hand-made pages in display coordinates (points, y downwards), A4 like the real reports: 12 pt
// text, a CJK character as wide as the type is high, a Latin letter or a figure half that.

const SIZE = 12;
/** The left edge of the text block; a full line is 37 characters of 12 pt. */
const LEFT = 72;
const widthOf = (s: string, size: number) =>
  [...s].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0) * size;

function box(str: string, x: number, top: number, size = SIZE): TextBox {
  return { str, x0: x, x1: x + widthOf(str, size), top, bottom: top + size, size };
}

/** A run of pieces on one line, each placed right after the previous with the given gap (in em). */
function run(top: number, x: number, ...parts: (string | number)[]): TextBox[] {
  const out: TextBox[] = [];
  let at = x;
  for (const p of parts) {
    if (typeof p === 'number') at += p * SIZE;
    else {
      out.push(box(p, at, top));
      at += widthOf(p, SIZE);
    }
  }
  return out;
}

const page = (boxes: TextBox[], rules: Rule[] = []): PageContent => ({
  width: 595,
  height: 842,
  boxes,
  rules,
});

/** Horizontal and vertical rules of a table: every cell boxed, `merged` lists the inner borders left out. */
function grid(
  xs: number[],
  ys: number[],
  skip: (kind: 'v' | 'h', i: number, j: number) => boolean = () => false,
): Rule[] {
  const rules: Rule[] = [];
  ys.forEach((y, i) =>
    xs.slice(0, -1).forEach((x, j) => {
      if (!skip('h', i, j)) rules.push({ x0: x, x1: xs[j + 1]!, y0: y - 0.25, y1: y + 0.25 });
    }),
  );
  xs.forEach((x, j) =>
    ys.slice(0, -1).forEach((y, i) => {
      if (!skip('v', i, j)) rules.push({ x0: x - 0.25, x1: x + 0.25, y0: y, y1: ys[i + 1]! });
    }),
  );
  return rules;
}

/** A cell's text centred in [x0, x1] on the row [top, top + h]. */
const centred = (str: string, x0: number, x1: number, top: number, h = 20, size = 9) =>
  box(str, (x0 + x1) / 2 - widthOf(str, size) / 2, top + (h - size) / 2, size);

const tables = (blocks: Block[]) =>
  blocks.flatMap((b) =>
    b.kind === 'table'
      ? [b.rows.map((r) => r.map((c) => (c.colSpan && c.colSpan > 1 ? `${c.text}@${c.colSpan}` : c.text)))]
      : [],
  );
const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

const FULL = '我局认真贯彻落实政府信息公开条例全面推进政务公开工作不断提高';
const full = (i: number) => (FULL + FULL).slice(i % 5, (i % 5) + 37);

describe('tidy: the spaces a layout put between characters', () => {
  it.each([
    ['三 、本 年 度办 理 结果', '三、本年度办理结果'],
    ['第二十条 第（一）项', '第二十条第（一）项'],
    ['商 业 企', '商业企'],
    // beside a figure or a Latin word, a space is the author's (or Word's spacing; see joinBoxes)
    ['全市在运维政务新媒体共计 95', '全市在运维政务新媒体共计 95'],
    ['（其中修订 16 件）', '（其中修订 16 件）'],
    ['PDF 2.0  版', 'PDF 2.0 版'],
    ['\u3000 一、总体情况\u00a0', '一、总体情况'],
  ])('%j → %j', (raw, tidied) => {
    expect(tidy(raw)).toBe(tidied);
  });
});

describe('layoutPages: prose', () => {
  it('joins lines that run to the right edge, ends a paragraph at a short line or an indent', () => {
    const blocks = layoutPages([
      page([
        ...run(100, LEFT + 2 * SIZE, '一、总体情况'),
        ...run(120, LEFT + 2 * SIZE, full(0).slice(2)),
        ...run(140, LEFT, full(1)),
        ...run(160, LEFT, '以人民为中心。'),
        ...run(180, LEFT + 2 * SIZE, full(2).slice(2)),
        ...run(200, LEFT, full(3)),
        ...run(220, LEFT, full(4)),
        ...run(240, LEFT, '结束。'),
      ]),
    ]);
    expect(paragraphs(blocks)).toEqual([
      '一、总体情况',
      full(0).slice(2) + full(1) + '以人民为中心。',
      full(2).slice(2) + full(3) + full(4) + '结束。',
    ]);
  });

  it('starts a new paragraph at a numbered heading after a finished sentence, even under a full line', () => {
    const last = full(1).slice(0, 36) + '。';
    const blocks = layoutPages([
      page([
        ...run(100, LEFT, full(0)),
        ...run(120, LEFT, full(2)),
        ...run(140, LEFT, last),
        ...run(160, LEFT, '二、主动公开政府信息情况'),
      ]),
    ]);
    expect(paragraphs(blocks)).toEqual([full(0) + full(2) + last, '二、主动公开政府信息情况']);
  });

  it('tells the spacing Word and LibreOffice put beside figures (1/5 em) from a typed space', () => {
    const blocks = layoutPages([
      page([...run(100, LEFT, '2019', 0.2, '年，全年发布信息', 0.2, '374', 0.2, '条；行政许可', 0.3, '97')]),
    ]);
    expect(paragraphs(blocks)).toEqual(['2019年，全年发布信息374条；行政许可 97']);
  });

  it('takes out page numbers and running headers, and joins a paragraph across the page break', () => {
    const header = (top: number) => run(top, 200, '某某局2023年政府信息公开工作年度报告');
    const pages = [1, 2, 3].map((n) =>
      page([
        ...header(40),
        ...run(100, LEFT, full(n)),
        ...run(120, LEFT, full(n + 1)),
        ...run(140, LEFT, full(n + 2)),
        ...(n === 3 ? run(160, LEFT, '完。') : []),
        ...run(790, 290, `- ${n} -`),
      ]),
    );
    pages[1]!.boxes.push(...run(800, 260, '第 2 页 共 3 页'));
    const text = paragraphs(layoutPages(pages));
    expect(text).toEqual([[1, 2, 3].map((n) => full(n) + full(n + 1) + full(n + 2)).join('') + '完。']);
  });
});

describe('layoutPages: ruled tables', () => {
  const xs = [LEFT, 272, 372, 472];

  it('reads cells from the rules: a cell over two columns, a label wrapped over two lines', () => {
    const ys = [300, 320, 340, 372];
    const rules = grid(xs, ys, (kind, i, j) => kind === 'v' && i === 0 && j === 2);
    const blocks = layoutPages([
      page(
        [
          centred('信息内容', xs[0]!, xs[1]!, ys[0]!),
          centred('本年处理决定数量', xs[1]!, xs[3]!, ys[0]!),
          centred('行政许可', xs[0]!, xs[1]!, ys[1]!),
          centred('12', xs[1]!, xs[2]!, ys[1]!),
          centred('3', xs[2]!, xs[3]!, ys[1]!),
          // 「（二）部分公开（区分处理的，只计这一情形，」 fills the cell and wraps
          box('（二）部分公开（区分处理的，只计这一情形，', LEFT + 2, 343, 9),
          box('不计其他情形）', LEFT + 2, 356, 9),
          centred('4', xs[1]!, xs[2]!, ys[2]!, 32),
          centred('0', xs[2]!, xs[3]!, ys[2]!, 32),
        ],
        rules,
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['信息内容', '本年处理决定数量@2'],
        ['行政许可', '12', '3'],
        ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '4', '0'],
      ],
    ]);
  });

  it('writes a cell spanning rows once, as an empty cell in the rows below (as Word writes it as text)', () => {
    const cols = [LEFT, 172, 372, 472];
    const ys = [300, 320, 340, 360];
    // 「（三）不予公开」 spans the three rows: no border between them in its column
    const rules = grid(cols, ys, (kind, i, j) => kind === 'h' && (i === 1 || i === 2) && j === 0);
    const blocks = layoutPages([
      page(
        [
          centred('（三）不予公开', cols[0]!, cols[1]!, 300, 60),
          ...['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”'].flatMap((t, i) => [
            box(t, cols[1]! + 2, ys[i]! + 5, 9),
            centred(String(i), cols[2]!, cols[3]!, ys[i]!),
          ]),
        ],
        rules,
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['（三）不予公开', '1.属于国家秘密', '0'],
        ['', '2.其他法律行政法规禁止公开', '1'],
        ['', '3.危及“三安全一稳定”', '2'],
      ],
    ]);
  });

  it('keeps a lone figure at the foot of the page in its table cell: it is no page number', () => {
    // a scan's table 三 ending near the foot: the row's 0 printed after an ideographic space wrapped
    // to a line of its own in its narrow cell, below the row's other figures, where page numbers sit
    const xs = [72, 250, 330, 410];
    const ys = [700, 720, 770];
    const blocks = layoutPages([
      page(
        [
          ...run(100, LEFT, '三、收到和处理政府信息公开申请情况'),
          centred('项目', xs[0]!, xs[1]!, ys[0]!),
          centred('自然人', xs[1]!, xs[2]!, ys[0]!),
          centred('总计', xs[2]!, xs[3]!, ys[0]!),
          box('2.没有现成信息需要另行制作', 80, 736, 9),
          box('0', 300, 752, 9),
          box('3', 365, 736, 9),
        ],
        grid(xs, ys),
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['项目', '自然人', '总计'],
        ['2.没有现成信息需要另行制作', '0', '3'],
      ],
    ]);
  });

  it('joins a table broken across pages, its repeated header row and the page numbers left out', () => {
    const part = (n: number, rows: [string, string, string][], withHeader: boolean) => {
      const all: [string, string, string][] = withHeader ? [['项目', '自然人', '总计'], ...rows] : rows;
      const top = n === 1 ? 700 : 60;
      const ys = all.map((_, i) => top + 20 * i).concat(top + 20 * all.length);
      return page(
        [
          ...all.flatMap((r, i) => r.map((t, j) => centred(t, xs[j]!, xs[j + 1]!, ys[i]!))),
          ...run(800, 290, `- ${n} -`),
          ...(n === 1 ? run(100, LEFT, '三、收到和处理政府信息公开申请情况') : []),
        ],
        grid(xs, ys),
      );
    };
    const blocks = layoutPages([
      part(
        1,
        [
          ['一、本年新收', '40', '45'],
          ['二、上年结转', '2', '2'],
        ],
        true,
      ),
      part(
        2,
        [
          ['（一）予以公开', '20', '23'],
          ['（七）总计', '41', '46'],
        ],
        true,
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['项目', '自然人', '总计'],
        ['一、本年新收', '40', '45'],
        ['二、上年结转', '2', '2'],
        ['（一）予以公开', '20', '23'],
        ['（七）总计', '41', '46'],
      ],
    ]);
    expect(paragraphs(blocks)).toEqual(['三、收到和处理政府信息公开申请情况']);
  });

  it('keeps the cells of a row cut by the page break, where no line closes the table (its blanks stay blanks)', () => {
    const x4 = [LEFT, 252, 332, 412, 492];
    // page 1: a header, a row, and the first 40 pt of a row the page cuts (its borders run to the cut)
    const ys1 = [680, 700, 720, 760];
    // page 2: the rest of the cut row (no line above it), then the 总计 row
    const ys2 = [60, 80, 100];
    const blocks = layoutPages([
      page(
        [
          ...['项目', '自然人', '商业企业', '总计'].map((t, j) => centred(t, x4[j]!, x4[j + 1]!, ys1[0]!)),
          ...['一、本年新收', '40', '', '45'].flatMap((t, j) => (t ? [centred(t, x4[j]!, x4[j + 1]!, ys1[1]!)] : [])),
          centred('（六）1.申请人无正当', x4[0]!, x4[1]!, ys1[2]!),
          centred('0', x4[1]!, x4[2]!, ys1[2]!),
          centred('0', x4[3]!, x4[4]!, ys1[2]!),
        ],
        grid(x4, ys1, (kind, i) => kind === 'h' && i === ys1.length - 1),
      ),
      page(
        [
          centred('理由逾期不补正', x4[0]!, x4[1]!, ys2[0]!),
          ...['（七）总计', '41', '', '46'].flatMap((t, j) => (t ? [centred(t, x4[j]!, x4[j + 1]!, ys2[1]!)] : [])),
        ],
        grid(x4, ys2, (kind, i) => kind === 'h' && i === 0),
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['项目', '自然人', '商业企业', '总计'],
        ['一、本年新收', '40', '', '45'],
        ['（六）1.申请人无正当理由逾期不补正', '0', '', '0'],
        ['（七）总计', '41', '', '46'],
      ],
    ]);
  });

  it('joins the part on the next page that has fewer column borders (a merged cell over them)', () => {
    const ys1 = [700, 720, 740];
    const ys2 = [60, 80];
    const blocks = layoutPages([
      page(
        [
          centred('信息内容', xs[0]!, xs[1]!, ys1[0]!),
          centred('采购项目数量', xs[1]!, xs[2]!, ys1[0]!),
          centred('采购总金额', xs[2]!, xs[3]!, ys1[0]!),
          centred('行政许可', xs[0]!, xs[1]!, ys1[1]!),
          centred('1', xs[1]!, xs[2]!, ys1[1]!),
          centred('2', xs[2]!, xs[3]!, ys1[1]!),
        ],
        grid(xs, ys1),
      ),
      page(
        [centred('政府集中采购', xs[0]!, xs[2]!, ys2[0]!), centred('18', xs[2]!, xs[3]!, ys2[0]!)],
        grid([xs[0]!, xs[2]!, xs[3]!], ys2),
      ),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['信息内容', '采购项目数量', '采购总金额'],
        ['行政许可', '1', '2'],
        ['政府集中采购@2', '18'],
      ],
    ]);
  });
});

describe('layoutPages: tables without rules (columns from x, rows from y)', () => {
  const xs = [LEFT, 212, 322, 432, 542];
  /** One line of the table: each text centred in its column, 15 pt high. */
  const row = (top: number, ...cells: string[]) => cells.flatMap((t, j) => (t ? [centred(t, xs[j]!, xs[j + 1]!, top, 15)] : []));

  it('finds the columns between the texts and the rows from the lines, a wrapped label kept whole', () => {
    const blocks = layoutPages([
      page([
        ...run(80, LEFT, '二、主动公开政府信息情况'),
        ...row(100, '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'),
        ...row(115, '规章', '0', '0', '3'),
        ...row(130, '行政规范性文件', '2', '1', '15'),
        // a label over two lines, its figures beside the first (cells aligned to the top)
        box('其他对外管理服务', LEFT + 20, 148, 9),
        ...row(145, '', '7', '0', '7'),
        box('事项', LEFT + 20, 158, 9),
        ...row(175, '行政处罚', '35', '', '35'),
        ...run(220, LEFT, '三、收到和处理政府信息公开申请情况'),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '0', '0', '3'],
        ['行政规范性文件', '2', '1', '15'],
        ['其他对外管理服务事项', '7', '0', '7'],
        ['行政处罚', '35', '', '35'],
      ],
    ]);
    expect(paragraphs(blocks)).toEqual(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']);
  });

  it('joins a figure wrapped below its row to it, unless it stands as near the next row (table 四)', () => {
    const blocks = layoutPages([
      page([
        ...run(80, LEFT, '四、政府信息公开行政复议、行政诉讼情况'),
        ...row(100, '项目', '结果维持', '结果纠正', '总计'),
        ...row(115, '行政复议', '1', '2', ''),
        ...row(121, '', '', '', '3'),
        ...row(145, '行政诉讼', '4', '5', ''),
        // halfway between two rows that both leave 总计 blank: either row's, so neither's
        ...row(152.5, '', '', '', '9'),
        ...row(160, '复议后起诉', '6', '7', ''),
        ...run(220, LEFT, '五、存在的主要问题及改进情况'),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['项目', '结果维持', '结果纠正', '总计'],
        ['行政复议', '1', '2', '3'],
        ['行政诉讼', '4', '5', ''],
        ['', '', '', '9'],
        ['复议后起诉', '6', '7', ''],
      ],
    ]);
  });

  it('table 三 by its lines of figures: a padded figure wrapped a line below its row joins it, unless as near the next row', () => {
    const C = [260, 295, 330, 365, 400, 435, 470];
    /** A figure of 9 pt centred in figure column j, `dx` off (a padded figure wrapped in its narrow cell). */
    const fig = (t: string, j: number, top: number, dx = 0) => box(t, C[j]! - widthOf(t, 9) / 2 + dx, top, 9);
    const line = (top: number, label: string, ...figs: [number, string][]) => [
      ...(label ? [box(label, LEFT, top, 9)] : []),
      ...figs.map(([j, t]) => fig(t, j, top)),
    ];
    const blocks = layoutPages([
      page([
        ...[0, 1, 2].flatMap((i) => run(200 + 20 * i, LEFT, full(i))),
        ...run(280, LEFT, '三、收到和处理政府信息公开申请情况'),
        // 「　104」 wrapped: a figure's width left of the 「0」 under it, with 其他 and 总计 below the row
        ...line(300, '一、本年新收申请数量', [1, '8'], [2, '0'], [3, '3'], [4, '0']),
        fig('104', 0, 306, -9.5),
        ...line(306, '', [5, '5'], [6, '120']),
        ...line(330, '二、上年结转申请数量', [0, '0'], [1, '1'], [2, '0'], [3, '0'], [4, '0'], [6, '1']),
        ...line(336, '', [5, '0']),
        // 「2」 halfway between two rows that both leave 总计 blank: either row's, so neither's
        ...line(360, '三、甲', [0, '2'], [1, '0'], [2, '0'], [3, '0'], [4, '0'], [5, '0']),
        ...line(369.5, '', [6, '2']),
        ...line(379, '四、乙', [0, '1'], [1, '0'], [2, '0'], [3, '0'], [4, '0'], [5, '1']),
        ...run(420, LEFT, '四、政府信息公开行政复议、行政诉讼情况'),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['一、本年新收申请数量', '104', '8', '0', '3', '0', '5', '120'],
        ['二、上年结转申请数量', '0', '1', '0', '0', '0', '0', '1'],
        ['三、甲', '2', '0', '0', '0', '0', '0', ''],
        ['', '', '', '', '', '', '2'],
        ['四、乙', '1', '0', '0', '0', '0', '1', ''],
      ],
    ]);
  });

  it('spans the figure columns of a group whose heading names one of them (2021 table 二)', () => {
    const at = (t: string, j0: number, j1: number, top: number) => centred(t, xs[j0]!, xs[j1 + 1]!, top, 15);
    const blocks = layoutPages([
      page([
        // the table's type is smaller than the text's: a title row over it belongs to it
        ...[0, 1, 2].flatMap((i) => run(20 + 20 * i, LEFT, full(i))),
        ...run(80, LEFT, '二、主动公开政府信息情况'),
        at('第二十条第（一）项', 0, 3, 100),
        at('信息内容', 0, 0, 115),
        at('本年制发件数', 1, 1, 115),
        at('本年废止件数', 2, 2, 115),
        at('现行有效件数', 3, 3, 115),
        at('规章', 0, 0, 130),
        at('0', 1, 1, 130),
        at('0', 2, 2, 130),
        at('3', 3, 3, 130),
        at('第二十条第（五）项', 0, 3, 145),
        at('信息内容', 0, 0, 160),
        at('本年处理决定数量', 1, 3, 160),
        at('行政许可', 0, 0, 175),
        at('120', 1, 3, 175),
      ]),
    ]);
    expect(tables(blocks)).toEqual([
      [
        ['第二十条第（一）项@4'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '0', '0', '3'],
        ['第二十条第（五）项@4'],
        ['信息内容', '本年处理决定数量@3'],
        ['行政许可', '120@3'],
      ],
    ]);
  });
});
