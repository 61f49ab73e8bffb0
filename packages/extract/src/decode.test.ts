/**
 * Decoding a text report: every encoding agencies save in, and the limits past which bytes are not a
 * readable Chinese document (control characters, no Chinese, rare characters).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPlausible, decodeText, normaliseText } from './decode';
import { ExtractError } from './types';

const XINYU = readFileSync(join(import.meta.dirname, '../../../data/samples/004_52ba3b16510502cd.txt'), 'utf8').replace(/^\ufeff/, '');
const utf16 = (s: string, big: boolean) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i * 2 + (big ? 1 : 0)] = c & 0xff;
    out[i * 2 + (big ? 0 : 1)] = c >> 8;
  }
  return out;
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ExtractError);
    return [(e as ExtractError).code, (e as ExtractError).message];
  }
  return null;
};
// 20 common characters of a report (GB 2312 level 1)
const COMMON = '政府信息公开工作年度报告本机关收到申请表';
// characters outside GB 2312 level 1 (CJK Extension A)
const RARE = (n: number) => String.fromCharCode(...Array.from({ length: n }, (_, i) => 0x3400 + i));

describe('decodeText: the encodings agencies save in', () => {
  it.each<[string, Uint8Array, string]>([
    ['UTF-8', new TextEncoder().encode(XINYU), 'utf-8'],
    ['UTF-8 with a BOM', concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(XINYU)), 'utf-8'],
    ['UTF-16LE with a BOM', concat(new Uint8Array([0xff, 0xfe]), utf16(XINYU, false)), 'utf-16le'],
    ['UTF-16BE with a BOM', concat(new Uint8Array([0xfe, 0xff]), utf16(XINYU, true)), 'utf-16be'],
    ['UTF-16LE without a BOM (mostly ASCII layout)', utf16(XINYU.replace(/[\u4e00-\u9fff]/g, (c, i: number) => (i % 3 ? ' ' : c)), false), 'utf-16le'],
    ['UTF-16BE without a BOM (mostly ASCII layout)', utf16(XINYU.replace(/[\u4e00-\u9fff]/g, (c, i: number) => (i % 3 ? ' ' : c)), true), 'utf-16be'],
  ])('%s', (_, bytes, encoding) => {
    const r = decodeText(bytes, 'r.txt');
    expect(r.encoding).toBe(encoding);
    expect(r.text.startsWith('\ufeff')).toBe(false);
    expect(r.text.length).toBeGreaterThan(1000);
  });

  it('reads the text itself, not only its encoding', () => {
    expect(decodeText(concat(new Uint8Array([0xff, 0xfe]), utf16(XINYU, false)), 'r.txt').text).toBe(XINYU);
    expect(decodeText(concat(new Uint8Array([0xfe, 0xff]), utf16(XINYU, true)), 'r.txt').text).toBe(XINYU);
    expect(decodeText(concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(XINYU)), 'r.txt').text).toBe(XINYU);
  });

  it('falls back to GB18030 where the bytes are not UTF-8', () => {
    // 「政府信息公开」 in GBK, repeated
    const gbk = new Uint8Array([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]);
    const bytes = concat(...Array.from({ length: 5 }, () => gbk), new Uint8Array([0x0a]));
    expect(decodeText(bytes, 'r.txt')).toEqual({ text: '政府信息公开'.repeat(5) + '\n', encoding: 'gb18030' });
  });

  it('refuses bytes no encoding reads, naming the file', () => {
    expect(errorOf(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]), '坏.txt'))).toEqual([
      'encoding',
      '坏.txt：无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030）',
    ]);
  });
});

describe('assertPlausible: where bytes stop being a report', () => {
  const text = (prefix: string) => `${prefix}${COMMON}`;

  it('an empty or blank file', () => {
    expect(errorOf(() => assertPlausible(' \n\u3000', 'a.txt'))).toEqual(['empty', 'a.txt：文件内容为空']);
  });

  it('up to four control characters pass, the fifth does not (in a short text)', () => {
    expect(errorOf(() => assertPlausible(text('\u0001\u0002\u0003\u0004'), 'a.txt'))).toBeNull();
    expect(errorOf(() => assertPlausible(text('\u0001\u0002\u0003\u0004\u0005'), 'a.txt'))).toEqual([
      'encoding',
      'a.txt：内容含大量控制字符或乱码，不是可读的文本文件',
    ]);
    expect(errorOf(() => assertPlausible(text('\u007f\ufffd\u0000\u001f\u0008'), 'a.txt'))?.[0]).toBe('encoding');
  });

  it('tabs, line feeds, carriage returns and form feeds are not control characters', () => {
    expect(errorOf(() => assertPlausible(text('\t\n\r\f\t\n\r\f\t\n'), 'a.txt'))).toBeNull();
  });

  it('a long text may hold one control character in a thousand', () => {
    const long = COMMON.repeat(500); // 10 000 characters: up to 10 controls
    expect(errorOf(() => assertPlausible(long + '\u0001'.repeat(10), 'a.txt'))).toBeNull();
    expect(errorOf(() => assertPlausible(long + '\u0001'.repeat(11), 'a.txt'))?.[0]).toBe('encoding');
  });

  it('needs 20 Chinese characters', () => {
    expect(errorOf(() => assertPlausible(COMMON, 'a.txt'))).toBeNull();
    expect(errorOf(() => assertPlausible(COMMON.slice(1) + ' report', 'a.txt'))).toEqual([
      'encoding',
      'a.txt：文件中几乎没有中文内容，不像是政府信息公开年度报告',
    ]);
  });

  it('from 50 Chinese characters on, 60 % must be common ones', () => {
    expect(errorOf(() => assertPlausible(RARE(49), 'a.txt'))).toBeNull(); // too few to judge
    expect(errorOf(() => assertPlausible(RARE(50), 'a.txt'))).toEqual([
      'encoding',
      'a.txt：文字大多是生僻字，是乱码（编码无法识别或不是文本文件），不是可读的报告',
    ]);
    // 60 common of 100: exactly the limit
    expect(errorOf(() => assertPlausible(COMMON.repeat(3) + RARE(40), 'a.txt'))).toBeNull();
    expect(errorOf(() => assertPlausible(COMMON.repeat(3).slice(1) + RARE(41), 'a.txt'))?.[0]).toBe('encoding');
  });
});

describe('normaliseText', () => {
  it.each([
    ['\ufeff一、总体情况\r\n正文\r二、', '一、总体情况\n正文\n二、'],
    ['第一页\f第二页', '第一页\n第二页'],
    ['正文\n-3-\n正文', '正文\n正文'],
    ['正文\n— 1 —\n正文', '正文\n正文'],
    ['正文\n  -- 12 --  \n正文', '正文\n正文'],
    ['正文\n\u3000—\u30002\u3000—\n正文', '正文\n正文'],
    ['正文\n-1234-\n正文', '正文\n-1234-\n正文'],
    ['正文\n3\n正文', '正文\n3\n正文'],
    ['正文\n---3---\n正文', '正文\n---3---\n正文'],
    ['收到申请 -3- 件\n', '收到申请 -3- 件\n'],
    ['收到申请\u00003\u0000件', '收到申请3件'],
  ])('%j → %j', (input, output) => {
    expect(normaliseText(input)).toBe(output);
  });
});

describe('decodeText: the first characters of a file without a BOM are kept', () => {
  // 「政」 is E6 94 BF and 「（」 EF BC 88 in UTF-8: bytes a BOM check must not take for one
  const body = `\n一、总体情况\n${COMMON.repeat(4)}\n`;
  it.each([['政府信息公开工作年度报告'], ['（一）主动公开情况'], ['\ufeff政府信息公开工作年度报告']])('%j', (head) => {
    expect(decodeText(new TextEncoder().encode(head + body), 'r.txt')).toEqual({ text: head.replace(/^\ufeff/, '') + body, encoding: 'utf-8' });
  });
});
