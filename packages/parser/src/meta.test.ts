/**
 * Metadata of a report read from its own words: the 落款 (organ on one line, date on the next), the
 * title, the year, and the region an agency name names.
 */
import { describe, expect, it } from 'vitest';
import { fromText } from '@nianbao/extract';
import { parse } from './index';
import { splitLines } from './lines';
import { mostNamedOrgan, readSignature, readTitle, readYear } from './meta';
import { regionOf } from './region';

const signature = (text: string) => readSignature(splitLines(text));
// 30 characters, the longest organ name a 落款 line is read as
const LONG = '中华人民共和国某某某某某某某某某某某某某某某某某某某某委员会';

describe('readSignature: the 落款', () => {
  it('reads the organ above the date, spaces within the name dropped', () => {
    expect(signature('正文内容。\n宿迁市 沭阳县 发展和改革局\n2024年1月15日\n')).toEqual({ agency: '宿迁市沭阳县发展和改革局', date: '2024-01-15', dateSpan: [21, 31] });
  });

  it('reads an organ line of 30 characters, not one of 31', () => {
    expect(LONG).toHaveLength(30);
    expect(signature(`正文内容。\n${LONG}\n2024年1月15日\n`)).toEqual({ agency: LONG, date: '2024-01-15', dateSpan: [37, 47] });
    expect(signature(`正文内容。\n某${LONG}\n2024年1月15日\n`)).toEqual({ agency: null, date: '2024-01-15', dateSpan: [38, 48] });
    expect(signature(`正文内容。\n${LONG}`)).toEqual({ agency: LONG, date: null, dateSpan: null });
    expect(signature(`正文内容。\n某${LONG}`)).toEqual({ agency: null, date: null, dateSpan: null });
  });

  it('a 落款 of organ and date on one line of 20 characters is still read for its date', () => {
    const line = '南开区文化和旅游局 2024年1月15日';
    expect(line).toHaveLength(20);
    expect(signature(`正文内容。\n特此报告。\n${line}`)).toEqual({ agency: null, date: '2024-01-15', dateSpan: [12, 32] });
    expect(signature(`正文内容。\n特此报告。\n南开区文化和旅游局  2024年1月15日`)).toEqual({ agency: null, date: null, dateSpan: null });
  });

  it('takes the date line only when it is short: a sentence starting with a date is not a 落款', () => {
    expect(signature('南开区文化和旅游局\n2024年1月15日，本局召开会议研究部署工作')).toEqual({ agency: null, date: null, dateSpan: null });
  });

  it('without a date, takes the last line when it is an organ name', () => {
    expect(signature('正文内容。\n南开区文化和旅游局')).toEqual({ agency: '南开区文化和旅游局', date: null, dateSpan: null });
    expect(signature('正文内容。\n特此报告。')).toEqual({ agency: null, date: null, dateSpan: null });
  });

  it('reads a date in Chinese numerals, below a line that is not an organ', () => {
    expect(signature('正文内容。\n特此报告。\n二〇二〇年一月十五日')).toEqual({ agency: null, date: '2020-01-15', dateSpan: [12, 22] });
  });
});

describe('readTitle and readYear', () => {
  it('reads 「<organ><year>年政府信息公开工作年度报告」', () => {
    expect(readTitle('新余市文广新旅局2019年政府信息公开工作年度报告\n')).toEqual({ agency: '新余市文广新旅局', year: 2019 });
  });

  it('reads a title that puts the year first and wraps over lines', () => {
    expect(readTitle('2024 年上海市科学技术委员会政府信息公开工作\n年度报告')).toEqual({ agency: '上海市科学技术委员会', year: 2024 });
  });

  it('does not take 「本」「我」 or a bare 「政府」 for an agency', () => {
    expect(readTitle('本机关2019年政府信息公开工作年度报告')).toEqual({ agency: null, year: null });
    expect(readTitle('关于我局2019年政府信息公开工作年度报告')).toEqual({ agency: null, year: null });
  });

  it('the year most named in the opening text', () => {
    expect(readYear('2019年，我局……2018年相比……2019年度')).toBe(2019);
    expect(readYear('2018年相比……2019年，2019年度')).toBe(2019);
    expect(readYear('本年度')).toBeNull();
  });

  it('on a tie, the year named first', () => {
    expect(readYear('2019年…2018年')).toBe(2019);
    expect(readYear('2018年…2019年')).toBe(2018);
  });
});

describe('mostNamedOrgan: an agency named only in the text', () => {
  it('the organ after a place name that the text names at least twice', () => {
    expect(mostNamedOrgan('南开区文化和旅游局认真贯彻条例。南开区文化和旅游局及时公开。')).toBe('南开区文化和旅游局');
    expect(mostNamedOrgan('南开区文化和旅游局认真贯彻条例。')).toBeNull();
  });

  it('on a tie, the longer name; a place named without an organ after it is passed over', () => {
    const text = '南开区教育局召开会议。南开区文化和旅游局发布。南开区教育局、南开区文化和旅游局。南开区位于天津市。';
    expect(mostNamedOrgan(text)).toBe('南开区文化和旅游局');
    expect(mostNamedOrgan('南开区位于天津市，天津市南开区。')).toBeNull();
  });
});

describe('splitLines', () => {
  it('a text opening with a line break starts with an empty line', () => {
    expect(splitLines('\n一、总体情况')).toEqual([
      { text: '', start: 0, end: 0 },
      { text: '一、总体情况', start: 1, end: 7 },
    ]);
  });
});

describe('regionOf: the region an agency name starts with (GB/T 2260)', () => {
  it.each([
    ['南开区文化和旅游局', '', { code: '120104', name: '天津市南开区' }],
    ['北京市东城区人民政府', '', { code: '110101', name: '北京市东城区' }],
    ['江苏省宿迁市沭阳县发展和改革局', '', { code: '321322', name: '江苏省宿迁市沭阳县' }],
    ['新余市文广新旅局', '', { code: '360500', name: '江西省新余市' }],
    ['鼓楼区教育局', '南京市', { code: '320106', name: '江苏省南京市鼓楼区' }],
    ['沛县发展和改革局', '', { code: '320322', name: '江苏省徐州市沛县' }],
  ])('%s (context %j)', (name, context, region) => {
    expect(regionOf(name, context)).toEqual(region);
  });

  it('leaves an ambiguous name null (several 鼓楼区) unless the text names the parent', () => {
    expect(regionOf('鼓楼区教育局')).toBeNull();
  });

  it('a district name several cities have (朝阳区: 北京, 长春) is the one under the place named before it', () => {
    expect(regionOf('北京市朝阳区人民政府')).toEqual({ code: '110105', name: '北京市朝阳区' });
    expect(regionOf('吉林省长春市朝阳区教育局')).toEqual({ code: '220104', name: '吉林省长春市朝阳区' });
    expect(regionOf('朝阳区人民政府')).toBeNull();
  });

  it('a name still ambiguous under its province (南京 and 徐州 both have a 鼓楼区) stops at the province', () => {
    expect(regionOf('江苏省鼓楼区教育局')).toEqual({ code: '320000', name: '江苏省' });
  });

  it('市辖区, the heading under which 直辖市 list their districts, is not a place', () => {
    expect(regionOf('市辖区住房和城乡建设局', '石家庄市')).toBeNull();
  });
});

describe('parse: where the agency and the year come from when the report does not say', () => {
  const body = (extra = '') => `一、总体情况\n本机关认真贯彻条例。${extra}\n二、主动公开政府信息情况\n无\n`;
  const read = (text: string, fromFileName?: { agency?: string; year?: number }) =>
    parse(fromText(text), { file: 'r.txt', sha256: '', fromFileName });

  it('the file name gives the agency and year a text without title, 落款 or named organ lacks', () => {
    const r = read(body(), { agency: '南开区文化和旅游局', year: 2019 });
    expect(r.agency).toEqual({ name: '南开区文化和旅游局', source: 'filename', region: { code: '120104', name: '天津市南开区' }, kind: 'department' });
    expect(r.year).toBe(2019);
  });

  it('no agency from anywhere', () => {
    expect(read(body()).agency).toEqual({ name: null, source: null, region: null, kind: 'department' });
  });

  it('the year from the opening 1 500 characters only, not from figures of other years further on', () => {
    const later = '。'.repeat(1500) + '2022年2022年2022年';
    expect(read(body(`2023年以来${later}`)).year).toBe(2023);
  });

  it('the year before the 落款 date when nothing else names it (a 落款 beyond the opening text)', () => {
    expect(read(`${body('。'.repeat(1500))}\n特此报告。\n2024年1月15日\n`).year).toBe(2023);
  });
});
