/**
 * extract()'s checks before reading (issue 20, scripts/MUTATION.md): an RTF file named by its kind
 * (Word saves one as 「.doc」 when asked for RTF); a text's length counted as received, before its
 * CR LF become LF; a web page whose markup (a script) is past the character limit while its text is a report.
 */
import { describe, expect, it } from 'vitest';
import { extract, foreignFormat, TEXT_LIMITS } from './index';

const enc = (s: string) => new TextEncoder().encode(s);

describe('extract: limits and kinds', () => {
  it('an RTF file is named as one, whatever its extension', () => {
    const rtf = enc(
      '{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0 宋体;}} 某某县人民政府2024年政府信息公开工作年度报告\\par }',
    );
    expect([foreignFormat(rtf, '年报.doc'), foreignFormat(rtf, '年报.txt')]).toEqual([
      'RTF 文档（.rtf）',
      'RTF 文档（.rtf）',
    ]);
  });

  it('a text past the character limit is refused by its length as received, CR LF counted', async () => {
    const lines = 400_000;
    const text = '一、总体情况\r\n'.repeat(lines);
    await expect(extract(enc(text), '年报.txt')).rejects.toMatchObject({
      code: 'too-large',
      message: `年报.txt：正文有 ${text.length} 字，超过 ${TEXT_LIMITS.maxChars / 10_000} 万字的上限，不像是一份年度报告`,
    });
  });

  it('a web page whose markup is past the character limit but whose text is a report is read', async () => {
    // a portal's data embedded in a script after the article, as some CMS pages carry
    const script = `<script>var nav = [${'{"id":1,"url":"/col/col1/index.html"},'.repeat(30_000)}];</script>`;
    const html = `<html><body><p>某某县人民政府2024年政府信息公开工作年度报告</p><p>一、总体情况</p>${script}</body></html>`;
    expect(html.length).toBeGreaterThan(TEXT_LIMITS.maxChars);
    expect((await extract(enc(html), '年报.html')).text).toBe(
      '某某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n',
    );
  });
});
