/**
 * Portal pages as government sites publish a report (issue 20, scripts/MUTATION.md): the report in
 * a div before the site's footer, in the one cell of a layout table, or as the page's only grid; a
 * table row with a CMS's bookmark anchor in it; the 发布日期 given twice; the page's headline above
 * the article, repeated in it or not.
 */
import { describe, expect, it } from 'vitest';
import { fromHtml } from './html';

const REPORT = [
  '某某县人民政府2024年政府信息公开工作年度报告',
  '一、总体情况',
  '2024年，某某县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，及时回应社会关切。',
];
const FOOTER = '版权所有：某某县人民政府办公室';
const paragraphs = REPORT.map((p) => `<p>${p}</p>`).join('');

describe('fromHtml: where the report is on the page', () => {
  it('the report in a div before the footer: the footer is not read', () => {
    const doc = fromHtml(`<html><body><div>${paragraphs}</div><div>${FOOTER}</div></body></html>`, 'a.html');
    expect(doc.text).toBe(REPORT.join('\n') + '\n');
  });

  it('the report in the one cell of a layout table: read from that cell, not the footer beside the table', () => {
    const doc = fromHtml(
      `<html><body><table><tr><td>${paragraphs}</td></tr></table><div>${FOOTER}</div></body></html>`,
      'a.html',
    );
    expect(doc.text).toBe(REPORT.join('\n') + '\n');
    expect(doc.tables).toEqual([]);
  });

  it('a page that is one grid and a line under it: the whole page, the grid as a table', () => {
    const rows = [
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '5'],
      ['行政规范性文件', '12', '3', '40'],
    ];
    const table = `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
    const doc = fromHtml(`<html><body>${table}<p>（完）</p></body></html>`, 'a.html');
    expect(doc.tables.map((t) => t.rows.map((r) => r.map((c) => c.text)))).toEqual([rows]);
    expect(doc.text.endsWith('（完）\n')).toBe(true);
  });
});

describe('fromHtml: the headline above the article', () => {
  const title = REPORT[0]!;
  it('is written once when the article begins with it, and put first when it does not', () => {
    const repeated = fromHtml(
      `<html><body><h1 class="title">${title}</h1><div class="zoom">${paragraphs}</div></body></html>`,
      'a.html',
    );
    expect(repeated.text).toBe(REPORT.join('\n') + '\n');
    // (two paragraphs of body text: a single one would hold 85 % of the article, and be taken for it)
    const rest = [...REPORT.slice(1), REPORT[2]!];
    const apart = fromHtml(
      `<html><body><h1 class="title">${title}</h1><div class="zoom">${rest.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`,
      'a.html',
    );
    expect(apart.text).toBe([title, ...rest].join('\n') + '\n');
  });
});

describe('fromHtml: table rows', () => {
  it("a CMS's bookmark anchor inside a row is no cell of it", () => {
    const doc = fromHtml(
      `<html><body>${paragraphs}<table><tr><td>规章</td><td>1</td><a name="row17"></a></tr><tr><td>行政规范性文件</td><td>12</td></tr></table></body></html>`,
      'a.html',
    );
    expect(doc.tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['规章', '1'],
      ['行政规范性文件', '12'],
    ]);
  });
});

describe('fromHtml: the portal metadata', () => {
  it('the first 发布日期 is the one taken: the info table above the report, not the footer line', () => {
    const doc = fromHtml(
      `<html><body><table><tr><td>发布机构：</td><td>某某县人民政府办公室</td><td>发布日期：</td><td>2024-01-20</td></tr></table>` +
        `<div class="zoom">${paragraphs}</div><div>发布机构： 发布日期：2023-12-01 ${FOOTER}</div></body></html>`,
      'a.html',
    );
    expect(doc.meta).toMatchObject({ publisher: '某某县人民政府办公室', publishedOn: '2024-01-20' });
  });
});
