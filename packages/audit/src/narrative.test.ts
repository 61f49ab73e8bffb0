/**
 * Reading the figures a narrative states (the basis of narrative.table-mismatch): which sentence and
 * clause is about which table quantity, in which scope, on sentences as real reports write them.
 */
import { describe, expect, it } from 'vitest';
import { compact, sentences, spanOf, statedFigures } from './narrative';

const figures = (text: string, government = false) =>
  statedFigures(compact(text, []), government).map((f) => [f.quantity, f.value, f.clause, f.span, f.includesCarriedOver]);

describe('statedFigures', () => {
  it.each<[string, boolean, unknown[]]>([
    ['全年收到政府信息公开申请34件。', false, [['newReceived', 34, '全年收到政府信息公开申请34件', [0, 15], false]]],
    ['全年共受理政府信息公开申请三百二十一件。', false, [['newReceived', 321, '全年共受理政府信息公开申请三百二十一件', [0, 19], false]]],
    ['本年度共收到依申请公开件两件，均按时答复。', false, [['newReceived', 2, '本年度共收到依申请公开件两件', [0, 14], false]]],
    [
      '全年共收到政府信息公开申请26件（含上年结转2件）。',
      false,
      [
        ['newReceived', 26, '全年共收到政府信息公开申请26件', [0, 16], true],
        ['carriedOver', 2, '含上年结转2件', [17, 24], true],
      ],
    ],
    ['全年受理网络问政182件。', false, []],
    ['全市各部门共收到政府信息公开申请500件，我局收到政府信息公开申请3件。', false, [['newReceived', 3, '我局收到政府信息公开申请3件', [21, 35], false]]],
    ['全市共受理政府信息公开申请500件。', false, []],
    ['全市共受理政府信息公开申请500件。', true, [['newReceived', 500, '全市共受理政府信息公开申请500件', [0, 17], false]]],
    ['全省共受理政府信息公开申请500件。', true, []],
    ['第一季度收到政府信息公开申请2件。', false, []],
    ['本年度我局未收到政府信息公开申请。', false, [['newReceived', 0, '本年度我局未收到政府信息公开申请', [0, 16], false]]],
    ['本年度没有收到过任何政府信息公开申请，也未发生行政复议。', false, [['newReceived', 0, '本年度没有收到过任何政府信息公开申请', [0, 18], false]]],
    ['全县未收到政府信息公开申请。', false, []],
    ['上年结转政府信息公开申请2件。', false, [['carriedOver', 2, '上年结转政府信息公开申请2件', [0, 14], false]]],
    ['上一年度结转的政府信息公开申请3件。', false, [['carriedOver', 3, '上一年度结转的政府信息公开申请3件', [0, 17], false]]],
    ['结转下年度办理的申请2件。', false, []],
    [
      '本年度因政府信息公开工作被申请行政复议3件，被提起行政诉讼2件。',
      false,
      [
        ['review', 3, '本年度因政府信息公开工作被申请行政复议3件', [0, 21], false],
        ['litigation', 2, '被提起行政诉讼2件', [22, 31], false],
      ],
    ],
    ['政府信息公开行政复议数量为5件。', false, [['review', 5, '政府信息公开行政复议数量为5件', [0, 15], false]]],
    ['2024年有1件涉及政府信息公开工作的行政复议。', false, [['review', 1, '2024年有1件涉及政府信息公开工作的行政复议', [0, 23], false]]],
    ['涉及政府信息公开的行政复议3件，其中结果维持2件。', false, [['review', 3, '涉及政府信息公开的行政复议3件', [0, 15], false]]],
    ['行政复议3件。', false, []],
    ['全年公开行政规范性文件2件，清理规范性文件15件。', false, [['normativeDocs', 2, '全年公开行政规范性文件2件', [0, 13], false]]],
    [
      '全年主动公开市政府规章22件、市政府及市政府办公厅行政规范性文件34件、人事任免文件196件。',
      false,
      [
        ['regulations', 22, '全年主动公开市政府规章22件', [0, 14], false],
        ['normativeDocs', 34, '市政府及市政府办公厅行政规范性文件34件', [15, 35], false],
      ],
    ],
    ['各区印发规范性文件30件。', false, []],
    ['全年制发行政规范性文件5件。', false, [['normativeDocs', 5, '全年制发行政规范性文件5件', [0, 13], false]]],
    ['收到人大代表建议5件，政协提案3件，政府信息公开申请4件。', false, []],
    ['一、总体情况\n2024年，收到政府信息\n公开申请12件。', false, [['newReceived', 12, '收到政府信息公开申请12件', [13, 27], false]]],
    ['共接到信访投诉申请10件。', false, []],
    ['因政府信息公开被提起行政诉讼5件。', false, [['litigation', 5, '因政府信息公开被提起行政诉讼5件', [0, 16], false]]],
    ['政府信息公开行政诉讼案件共计4起。', false, [['litigation', 4, '政府信息公开行政诉讼案件共计4起', [0, 16], false]]],
    [
      '发生政府信息公开行政复议案件2宗，行政诉讼1宗。',
      false,
      [
        ['review', 2, '发生政府信息公开行政复议案件2宗', [0, 16], false],
        ['litigation', 1, '行政诉讼1宗', [17, 23], false],
      ],
    ],
  ])('%s (government: %s)', (text, government, expected) => {
    expect(figures(text, government)).toEqual(expected);
  });
});

describe('compact and sentences', () => {
  const TEXT = '一、总体情况\n本年度收到政府信息公开申请\n12件，均已答复。\n\n（一）主动公开\n规章　3　件\n二、主动公开政府信息情况\n规章\t3\t4\n1.予以公开\n第1.5项\n';

  it('joins wrapped lines, keeps paragraph and heading breaks, and masks each table cell as 「|」', () => {
    const i3 = TEXT.indexOf('\t3') + 1;
    const i4 = TEXT.indexOf('\t4') + 1;
    const c = compact(TEXT, [[i4, i4 + 1], [i3, i3 + 1], [5, 5]]);
    expect(c.s).toBe('一、总体情况\n本年度收到政府信息公开申请12件，均已答复。\n（一）主动公开\n规章3件\n二、主动公开政府信息情况\n规章||\n1.予以公开\n第1.5项\n');
    expect(sentences(c)).toEqual([
      { text: '一、总体情况\n', from: 0 },
      { text: '本年度收到政府信息公开申请12件，均已答复。', from: 7 },
      { text: '（一）主动公开\n', from: 30 },
      { text: '规章3件\n', from: 38 },
      { text: '二、主动公开政府信息情况\n', from: 43 },
      { text: '规章||\n', from: 56 },
      { text: '1.予以公开\n', from: 61 },
      { text: '第1.5项\n', from: 68 },
    ]);
    expect(spanOf(c, 7, 20)).toEqual([7, 20]);
    expect(TEXT.slice(...spanOf(c, 7, 20))).toBe('本年度收到政府信息公开申请');
    expect(TEXT.slice(...spanOf(c, 7, 29))).toBe('本年度收到政府信息公开申请\n12件，均已答复。');
  });

  it('maps each compact character back to the text, blanks dropped', () => {
    const c = compact('  \n\n本年度\u3000收到\n', []);
    expect(c.s).toBe('本年度收到\n');
    expect(Array.from(c.at)).toEqual([4, 5, 6, 8, 9, 10, 11]);
  });

  it.each([
    ['收取信息处理费共计\n1.5万元。\n', '收取信息处理费共计1.5万元。\n', ['收取信息处理费共计1.5万元。']],
    ['收到申请\n1、予以公开\n', '收到申请\n1、予以公开\n', ['收到申请\n', '1、予以公开\n']],
    ['收到申请。\n1、予以公开\n', '收到申请。\n1、予以公开\n', ['收到申请。', '1、予以公开\n']],
    ['收到申请\n123、予以公开\n', '收到申请123、予以公开\n', ['收到申请123、予以公开\n']],
    ['# 标题\n正文\n', '#标题\n正文\n', ['#标题\n', '正文\n']],
    ['收到申请\n(一)公开\n', '收到申请\n(一)公开\n', ['收到申请\n', '(一)公开\n']],
    ['收到申请\n（一）公开\n', '收到申请\n（一）公开\n', ['收到申请\n', '（一）公开\n']],
    ['收到申请\n（1）公开\n', '收到申请（1）公开\n', ['收到申请（1）公开\n']],
    ['一、总体情况\n正文。\n', '一、总体情况\n正文。\n', ['一、总体情况\n', '正文。']],
    ['一、总体情况。\n正文。\n', '一、总体情况。正文。\n', ['一、总体情况。', '正文。']],
    ['正文\n  \n下一段', '正文\n下一段', ['正文\n', '下一段']],
    ['正文\n  二、标题\n', '正文\n二、标题\n', ['正文\n', '二、标题\n']],
  ])('%j → %j', (text, s, list) => {
    const c = compact(text, []);
    expect(c.s).toBe(s);
    expect(sentences(c).map((x) => x.text)).toEqual(list);
  });
});
