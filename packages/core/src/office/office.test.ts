import { describe, expect, it } from 'vitest';
import { locationOf } from './notice';
import { kindOfLabel } from './roster';

describe('locationOf', () => {
  it('names the table, rows and columns of the cells a finding concerns', () => {
    expect(locationOf({ cells: ['t3.newReceived.total'], span: null }, '2019', null)).toBe('表三“一、本年新收政府信息公开申请数量”行“总计”列');
    // an identity down one column: the column, then its rows
    expect(
      locationOf({ cells: ['t3.newReceived.naturalPerson', 't3.carriedOver.naturalPerson', 't3.totalProcessed.naturalPerson', 't3.carriedForward.naturalPerson'], span: null }, '2019', null),
    ).toBe('表三“自然人”列“一、本年新收政府信息公开申请数量”“二、上年结转政府信息公开申请数量”“（七）总计”“四、结转下年度继续办理”行');
  });

  it('quotes the text, names the part, or falls back to the whole report', () => {
    expect(locationOf({ cells: [], span: [0, 10], fingerprint: 'structure.section-numbering:s1' }, '2019', ' 1、   总体情况\n')).toBe('原文：“1、 总体情况”');
    expect(locationOf({ cells: [], span: null, fingerprint: 'structure.section-missing:s6' }, '2019', '')).toBe('第六部分“其他需要报告的事项”');
    expect(locationOf({ cells: [], span: null, fingerprint: 'originality.copied-from-last-year:x' }, '2021', '')).toBe('全文');
  });
});

describe('kindOfLabel', () => {
  it('gives governments and 管委会 the government deadline', () => {
    expect(kindOfLabel('人民政府', '新余市渝水区人民政府')).toBe('government');
    expect(kindOfLabel('管委会', '新余高新技术产业开发区管理委员会')).toBe('government');
    expect(kindOfLabel('部门', '新余市财政局')).toBe('department');
    expect(kindOfLabel(null, '新余市人民政府')).toBe('government');
    expect(kindOfLabel(null, '新余市人民政府办公室')).toBe('department');
  });
});
