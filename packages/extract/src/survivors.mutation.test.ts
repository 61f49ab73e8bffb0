/**
 * Decisions of the extractors that mutation testing (issue 20, scripts/MUTATION.md) found no test
 * pinning down: a Windows text with its CR LF line ends, pdftotext's form feeds, a `pdftotext -layout`
 * text whose columns are three spaces apart, an HTML table with header cells (th) and a colspan="0".
 */
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { fromHtml } from './html';
import { fromText } from './text';

const REPORT = '某某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，及时主动公开政府信息。\n';

describe('decodeText: line ends and page breaks are not control characters, however many', () => {
  it('a Windows text: CR LF after each of twelve lines', () => {
    const text = Array.from({ length: 12 }, () => REPORT.trim()).join('\r\n') + '\r\n';
    expect(decodeText(new TextEncoder().encode(text), 'a.txt')).toEqual({ text, encoding: 'utf-8' });
  });

  it('pdftotext output: a form feed after each of eight pages', () => {
    const text = Array.from({ length: 8 }, () => REPORT).join('\f') + '\f';
    expect(decodeText(new TextEncoder().encode(text), 'a.txt')).toEqual({ text, encoding: 'utf-8' });
  });
});

describe('fromText: a `pdftotext -layout` text is told by its columns', () => {
  it('figures three spaces after their label: layout', () => {
    const text = `${REPORT}三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量   10   0   0   0   0   0   10\n`;
    expect(fromText(text).format).toBe('layout');
  });
});

describe('fromHtml: table grids', () => {
  const page = (table: string) =>
    `<html><head><title>某某县人民政府2024年政府信息公开工作年度报告</title></head><body><p>一、总体情况</p><p>本机关认真贯彻《条例》，及时主动公开政府信息。</p>${table}</body></html>`;

  it('header cells (th) are cells of their row', () => {
    const doc = fromHtml(
      page('<table><tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr><tr><td>规章</td><td>1</td><td>0</td><td>5</td></tr></table>'),
      'a.html',
    );
    expect(doc.tables).toHaveLength(1);
    expect(doc.tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '5'],
    ]);
  });

  it('a colspan of 0 (or nonsense) spans one column', () => {
    const doc = fromHtml(page('<table><tr><td colspan="0">规章</td><td colspan="x">1</td><td colspan="2">0</td></tr></table>'), 'a.html');
    expect(doc.tables[0]!.rows[0]!.map((c) => [c.text, c.colSpan])).toEqual([
      ['规章', 1],
      ['1', 1],
      ['0', 2],
    ]);
  });
});
