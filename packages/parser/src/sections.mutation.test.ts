/**
 * Section decisions that mutation testing (issue 20, scripts/MUTATION.md) found untested: a heading
 * split with a blank inside its title, and a 五 whose heading was lost looked for after 四 only, its
 * first line indented as Word and PDF text indent paragraphs.
 */
import { describe, expect, it } from 'vitest';
import { splitLines } from './lines';
import { findSections, splitHeading } from './sections';

describe('splitHeading', () => {
  it('keeps a blank inside the title, drops the trailing ones (a PDF line padded to the page width)', () => {
    expect(splitHeading('五、存在的主要问题 及改进情况   ')).toEqual({
      numbering: 'chinese',
      ordinal: '五',
      number: '五、',
      title: '存在的主要问题 及改进情况',
    });
  });

  it('a Markdown heading: its marks dropped, the blank inside the title kept', () => {
    expect(splitHeading('## 5、 存在的主要问题 及改进情况 **')).toEqual({
      numbering: 'arabic',
      ordinal: '5',
      number: '5、',
      title: '存在的主要问题 及改进情况',
    });
  });
});

describe('五 whose heading was lost', () => {
  const text = [
    '测试县交通运输局2024年政府信息公开工作年度报告',
    '一、总体情况',
    '（一）上年度存在问题的整改情况',
    '针对上年度报告指出的问题，本局逐项整改。',
    '二、主动公开政府信息情况',
    '正文',
    '四、政府信息公开行政复议、行政诉讼情况',
    '正文',
    '　　（一）存在的主要问题',
    '一是公开内容不够全面。',
    '六、其他需要报告的事项',
    '无。',
  ].join('\n');
  const lineAt = (s: string) => {
    const at = text.indexOf(s);
    expect(at).toBeGreaterThan(0);
    return at;
  };

  it('is opened by 「（一）存在的主要问题」 after 四 (indented), not by a subsection of 一 naming 存在问题', () => {
    const r = findSections(splitLines(text), text.length);
    expect(r.s5).toEqual({
      present: true,
      heading: '（一）存在的主要问题',
      numbering: 'none',
      ordinal: null,
      title: '（一）存在的主要问题',
      span: [lineAt('　　（一）存在的主要问题'), lineAt('六、其他需要报告的事项')],
    });
    expect(r.s1!.span).toEqual([lineAt('一、总体情况'), lineAt('二、主动公开政府信息情况')]);
  });
});
