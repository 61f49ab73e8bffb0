/** Messages rendered from their rule's `meta.messages`, and rendered again with a name withheld. */
import type { Finding } from '@nianbao/model';
import { describe, expect, it } from 'vitest';
import { formatMessage, renderFinding, renderMessage } from './messages';
import { rules } from './rules';

const COPIED = 'originality.copied-across-agencies';

describe('meta.messages', () => {
  it.each(rules.map((r) => [r.meta.id, r.meta] as const))('%s declares its messages in Chinese', (_, meta) => {
    const templates = Object.values(meta.messages);
    expect(templates.length).toBeGreaterThan(0);
    // Chinese words, or the full-width punctuation of a formula (「{where}：{lhs}≠{rhs}」)
    for (const t of templates) expect(t).toMatch(/[\u4e00-\u9fff\uff01-\uff5e]/);
  });
});

describe('formatMessage', () => {
  it('fills each placeholder, and leaves one without data as written', () => {
    expect(formatMessage('{a}与{b}相差{gap}，{a}', { a: '甲', b: 0, gap: 2 })).toBe('甲与0相差2，甲');
    expect(formatMessage('缺少{section}', {})).toBe('缺少{section}');
  });
});

describe('renderFinding', () => {
  const copied: Finding = {
    rule: COPIED,
    severity: 'warning',
    category: 'conformity',
    cells: [],
    message: renderMessage(COPIED, 'copied', { agency: '沭阳县发展和改革局', similarity: 96 }),
    messageId: 'copied',
    data: { agency: '沭阳县发展和改革局', similarity: 96 },
    span: null,
    fingerprint: `${COPIED}:7`,
  };

  it('renders the rule’s message again, with the withheld parameter replaced in the message and the data', () => {
    expect(copied.message).toBe('正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“沭阳县发展和改革局”同年度报告高度雷同（相似度约96%）');
    const hidden = renderFinding(copied, { withhold: { agency: '其他地区的机关' } });
    expect(hidden).toEqual({
      ...copied,
      message: '正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“其他地区的机关”同年度报告高度雷同（相似度约96%）',
      data: { agency: '其他地区的机关', similarity: 96 },
    });
    expect(JSON.stringify(hidden)).not.toContain('沭阳');
    expect(copied.data!.agency).toBe('沭阳县发展和改革局');
  });

  it('withholds whatever the wording, since it renders from the data and not from the text', () => {
    const reworded = { ...copied, message: '沭阳县发展和改革局' };
    expect(renderFinding(reworded, { withhold: { agency: '其他地区的机关' } }).message).not.toContain('沭阳');
  });

  it('leaves a finding whose data has no such parameter as it was', () => {
    const unknown = { rule: 'time.unknown', messageId: 'unknown', data: {}, message: '报告没有落款日期，也没有发布日期信息，无法判断是否按时公布' };
    expect(renderFinding(unknown, { withhold: { agency: '其他地区的机关' } })).toEqual(unknown);
  });

  it('replaces the quoted name of a finding stored before message ids, whose text its rule wrote then', () => {
    const { messageId: _id, data: _data, ...legacy } = copied;
    expect(renderFinding(legacy, { withhold: { agency: '其他地区的机关' } }).message).toBe(
      '正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“其他地区的机关”同年度报告高度雷同（相似度约96%）',
    );
  });
});
