/**
 * The six sections found in text as reports print their headings: trailing spaces of a PDF's layout
 * text, unnumbered headings, a heading repeated in the body, and a 五 whose heading was lost.
 */
import { describe, expect, it } from 'vitest';
import { splitLines } from './lines';
import { findSections, splitHeading } from './sections';

const sections = (text: string) => findSections(splitLines(text), text.length);
const ABSENT = { present: false, heading: null, numbering: null, span: null, ordinal: null };

describe('findSections', () => {
  it('a heading padded with spaces to the page width (pdftotext -layout) is still a heading', () => {
    const text = '一、 总体情况' + ' '.repeat(45) + '\n正文\n';
    expect(sections(text).s1).toEqual({ present: true, heading: '一、 总体情况', numbering: 'chinese', span: [0, text.length], ordinal: '一', title: '总体情况' });
  });

  it('an unnumbered heading with trailing spaces', () => {
    expect(sections('总体情况  \n正文\n').s1).toEqual({ present: true, heading: '总体情况', numbering: 'none', span: [0, 10], ordinal: null, title: '总体情况' });
  });

  it('a heading worded again later (「1、总体情况」 inside 二) does not start the section again', () => {
    const r = sections('一、总体情况\n正文\n二、主动公开政府信息情况\n正文\n1、总体情况\n正文\n');
    expect(r.s1).toMatchObject({ heading: '一、总体情况', span: [0, 10] });
    expect(r.s2).toEqual({ present: true, heading: '二、主动公开政府信息情况', numbering: 'chinese', span: [10, 36], ordinal: '二', title: '主动公开政府信息情况' });
  });

  it('五 without its heading: 「（一）主要问题」 between 四 and 六 opens it, unnumbered', () => {
    const r = sections('一、总体情况\n正文\n四、政府信息公开行政复议、行政诉讼情况\n正文\n（一）主要问题\n正文\n六、其他需要报告的事项\n无\n');
    expect(r.s4).toMatchObject({ present: true, span: [10, 33] });
    expect(r.s5).toEqual({ present: true, heading: '（一）主要问题', numbering: 'none', span: [33, 44], ordinal: null, title: '（一）主要问题' });
    expect(r.s6).toMatchObject({ present: true, span: [44, 58] });
  });

  it('but not a 「（一）存在问题」 inside 六', () => {
    const r = sections('一、总体情况\n正文\n四、政府信息公开行政复议、行政诉讼情况\n正文\n六、其他需要报告的事项\n（一）存在问题\n无\n');
    expect(r.s5).toEqual(ABSENT);
    expect(r.s6).toEqual({ present: true, heading: '六、其他需要报告的事项', numbering: 'chinese', span: [33, 55], ordinal: '六', title: '其他需要报告的事项' });
  });
});

describe('splitHeading', () => {
  // moved from the audit's helpers.test.ts (headingTitle), where a copy of the numbering pattern lived
  it.each([
    ['5、 存在的主要问题及改进情况', '存在的主要问题及改进情况'],
    ['  一、总体情况 ', '总体情况'],
    ['第五部分：存在的主要问题及改进情况', '存在的主要问题及改进情况'],
    ['## 六．其他需要报告的事项', '其他需要报告的事项'],
    ['总体情况', '总体情况'],
  ])('title of %j = %j', (heading, title) => {
    expect(splitHeading(heading).title).toBe(title);
  });

  it.each([
    ['5、 存在的主要问题及改进情况', { numbering: 'arabic', ordinal: '5', number: '5、' }],
    ['  一 、总体情况 ', { numbering: 'chinese', ordinal: '一', number: '一、' }],
    ['第五部分：存在的主要问题及改进情况', { numbering: 'chinese', ordinal: '五', number: '第五部分：' }],
    ['总体情况', { numbering: 'none', ordinal: null, number: '' }],
  ])('numbering of %j', (heading, parts) => {
    expect(splitHeading(heading)).toMatchObject(parts);
  });
});
