/**
 * One report document written in each shape the extract package reads: the text agencies paste
 * (seed layout: each table cell on its own line starting with a tab, rows separated by blank lines),
 * a portal web page (tables with rowspan/colspan, the portal's chrome around the article), and a
 * minimal but valid .docx (WordprocessingML tables with gridSpan/vMerge), zipped with fflate.
 */
import { strToU8, zipSync } from 'fflate';
import type { Table } from './tables';

export type Format = 'text' | 'html' | 'docx';
export const FORMATS: Format[] = ['text', 'html', 'docx'];
export const EXTENSION: Record<Format, string> = { text: 'txt', html: 'html', docx: 'docx' };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; sub?: boolean }
  | { kind: 'table'; table: Table };

export interface ReportDocument {
  title: string;
  blocks: Block[];
  /** 落款: the agency's name and the date as written (null: no date). */
  signature: { name: string; date: string | null };
  /** The portal's own record of the page (web pages only): publisher and ISO date, or none. */
  portal: { publisher: string; publishedOn: string | null; site: string; index: string };
  /** Small choices of typography (indent, padding) that vary between agencies. */
  style: { indent: string; signatureIndent: string };
}

// ---------------------------------------------------------------------------------------------
// Text (the seeds' layout)

export function toText(doc: ReportDocument): string {
  const out: string[] = [doc.title, ''];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') out.push(b.text);
    else if (b.kind === 'paragraph') out.push((b.sub ? '' : doc.style.indent) + b.text);
    else {
      for (const row of b.table.rows) {
        for (const slot of row) out.push('\t' + (slot.covered ? '' : slot.cell.text));
        out.push('');
      }
      out.push('');
    }
  }
  out.push(doc.style.signatureIndent + doc.signature.name);
  if (doc.signature.date) out.push(doc.style.signatureIndent + doc.signature.date);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// A portal web page

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A cell's text in HTML: line breaks as <br>, a blank cell as &nbsp; or nothing, as CMS editors leave it. */
const cellHtml = (s: string) => (s === '' ? '' : s.split('\n').map(esc).join('<br>'));

function htmlTable(t: Table): string {
  const rows = t.rows.map((row) => {
    const cells = row
      .filter((s) => !s.covered)
      .map(({ cell }) => {
        const attrs = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
        return `<td${attrs} valign="center"><p style="text-align:center">${cellHtml(cell.text)}</p></td>`;
      });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse" width="100%"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function toHtml(doc: ReportDocument): string {
  const { portal } = doc;
  const body: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') body.push(`<p style="text-indent:2em"><strong>${esc(b.text)}</strong></p>`);
    else if (b.kind === 'paragraph') body.push(`<p style="text-indent:2em">${esc(b.text)}</p>`);
    else body.push(htmlTable(b.table));
  }
  body.push(`<p style="text-align:right">${esc(doc.signature.name)}</p>`);
  if (doc.signature.date) body.push(`<p style="text-align:right">${esc(doc.signature.date)}</p>`);
  const date = portal.publishedOn;
  const nav = ['首页', '政务公开', '政务服务', '互动交流', '走进' + portal.site.replace(/人民政府门户网站$/, '')]
    .map((n, i) => `<li><a href="/col/col${1000 + i}/index.html">${esc(n)}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(doc.title)}_${esc(portal.site)}</title>
<meta name="ArticleTitle" content="${esc(doc.title)}">
<meta name="ContentSource" content="${esc(portal.publisher)}">
${date ? `<meta name="PubDate" content="${date} 09:30">\n` : ''}<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="top-bar"><span>欢迎访问${esc(portal.site)}</span><a href="/wza/">无障碍浏览</a><a href="/old/">长者模式</a></div>
<div class="header"><div class="logo"><a href="/">${esc(portal.site)}</a></div><ul class="nav">${nav}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/">政府信息公开年报</a></div>
<div class="xxgk-meta">
<table class="xxgk-info">
<tr><td>索&nbsp;引&nbsp;号：</td><td>${esc(portal.index)}</td><td>发布机构：</td><td>${esc(portal.publisher)}</td></tr>
<tr><td>名　　称：</td><td>${esc(doc.title)}</td><td>发布日期：</td><td>${date ?? ''}</td></tr>
</table>
</div>
<div class="article">
<h1 class="article-title">${esc(doc.title)}</h1>
<div class="article-info"><span>来源：${esc(portal.publisher)}</span><span>浏览次数：<script>document.write(123)</script></span><span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="zoomcon" id="zoom">
${body.join('\n')}
</div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/art/1.html">政府信息公开指南</a></li><li><a href="/art/2.html">政府信息公开制度</a></li></ul></div>
<div class="footer"><p>主办单位：${esc(portal.site.replace(/门户网站$/, ''))}办公室　网站标识码：3600000001</p><p>赣ICP备05004563号　公安机关备案号 36010202000123</p></div>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// A .docx: the three parts Word needs and nothing else

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function run(text: string, bold = false): string {
  return `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xml(text)}</w:t></w:r>`;
}

function para(text: string, opts: { center?: boolean; right?: boolean; bold?: boolean; indent?: boolean } = {}): string {
  const ppr = opts.center
    ? '<w:pPr><w:jc w:val="center"/></w:pPr>'
    : opts.right
      ? '<w:pPr><w:jc w:val="right"/></w:pPr>'
      : opts.indent
        ? '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
        : '';
  return `<w:p>${ppr}${text ? run(text, opts.bold) : ''}</w:p>`;
}

function docxTable(t: Table): string {
  const colW = Math.floor(9000 / t.width);
  const grid = `<w:tblGrid>${`<w:gridCol w:w="${colW}"/>`.repeat(t.width)}</w:tblGrid>`;
  const rows = t.rows.map((row) => {
    const cells = row.map(({ cell, covered }) => {
      const span = cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : '';
      const merge = covered ? '<w:vMerge/>' : cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '';
      const tcPr = `<w:tcPr><w:tcW w:w="${colW * cell.colSpan}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr>`;
      const paras = covered ? '<w:p/>' : cell.text.split('\n').map((l) => para(l, { center: true })).join('');
      return `<w:tc>${tcPr}${paras}</w:tc>`;
    });
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
    .join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>${grid}${rows.join('')}</w:tbl>`;
}

function documentXml(doc: ReportDocument): string {
  const body: string[] = [para(doc.title, { center: true, bold: true })];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') body.push(para(b.text, { bold: true, indent: true }));
    else if (b.kind === 'paragraph') body.push(para(b.text, { indent: !b.sub }));
    else body.push(docxTable(b.table), para(''));
  }
  body.push(para(doc.signature.name, { right: true }));
  if (doc.signature.date) body.push(para(doc.signature.date, { right: true }));
  const sect =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body.join('')}${sect}</w:body></w:document>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
/** A fixed timestamp, so that the same report zips to the same bytes. */
const MTIME = new Date('2020-01-01T00:00:00Z');

export function toDocx(doc: ReportDocument): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': [strToU8(CONTENT_TYPES), { mtime: MTIME }],
      '_rels/.rels': [strToU8(RELS), { mtime: MTIME }],
      'word/document.xml': [strToU8(documentXml(doc)), { mtime: MTIME }],
    },
    { level: 6 },
  );
}

export function render(doc: ReportDocument, format: Format): Uint8Array {
  if (format === 'docx') return toDocx(doc);
  return strToU8(format === 'html' ? toHtml(doc) : toText(doc));
}
