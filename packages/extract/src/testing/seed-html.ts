import { tabTables } from '../text';

export interface SeedHtmlOptions {
  /** Portal chrome around the report (navigation, breadcrumbs, sidebar, footer, scripts). Default true. */
  chrome?: boolean;
  /** Shown as the page headline and in <title>; without it the page has no report title (like the seeds). */
  title?: string;
  /** Put in the portal's info line (发布机构 / 发布日期), as many portals do. */
  publisher?: string;
  publishedOn?: string;
}

const escape = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');

/** The shapes CMS editors and Word's "save as web page" give a cell's content. */
function cellHtml(text: string, i: number): string {
  if (!text.trim()) return '&nbsp;';
  const lines = text.split('\n');
  if (lines.length > 1) return lines.map((l) => `<p>${escape(l)}</p>`).join('\n      ');
  const t = escape(text);
  switch (i % 3) {
    case 0:
      return `\n      <p style="text-align:center"><span style="font-size:14px;font-family:宋体">${t}</span></p>\n    `;
    case 1:
      return `<span>${t}</span>`;
    default:
      return t;
  }
}

const isValue = (s: string) =>
  /^[\s\u3000\u00a0]*(?:[-+]?\d[\d,.]*\s*(?:万元|元|%)?|[—\-–/／]+|无)?[\s\u3000\u00a0]*$/.test(s);

/**
 * Which cell of a short row spans the missing columns, as in the Word tables the seeds were pasted
 * from: the row's last label before its figures (「一、本年新收…」 spans three columns), or the first
 * cell of a header row. The pasted text lost the spans; a rectangular table gets them back.
 */
function widened(row: string[]): number {
  let label = -1;
  for (let i = 0; i < row.length; i++) {
    if (!isValue(row[i]!)) label = i;
    else if (row[i]!.trim()) break;
  }
  return label >= 0 && label < row.length - 1 ? label : 0;
}

const HEADING = /^[\s\u3000\u00a0]*(?:[一二三四五六七八九十]+、|\d+、\s)/;

function prose(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) =>
      HEADING.test(l) && l.length < 40
        ? `<p><strong>${escape(l)}</strong></p>`
        : `<p style="text-indent:2em;line-height:1.8">${escape(l)}</p>`,
    )
    .join('\n');
}

/** The report body: paragraphs and one <table> per seed table, one <td> per seed cell. */
function body(seed: string): string {
  const parts: string[] = [];
  let at = 0;
  let cell = 0;
  for (const table of tabTables(seed)) {
    parts.push(prose(seed.slice(at, table.span[0])));
    const width = Math.max(...table.rows.map((r) => r.length));
    const rows = table.rows.map((row) => {
      const wide = widened(row.map((c) => c.text));
      const tds = row.map((c, i) => {
        const span = i === wide && row.length < width ? ` colspan="${width - row.length + 1}"` : '';
        return `    <td${span} valign="center">${cellHtml(c.text, cell++)}</td>`;
      });
      return `  <tr>\n${tds.join('\n')}\n  </tr>`;
    });
    parts.push(
      `<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
    );
    at = table.span[1];
  }
  parts.push(prose(seed.slice(at)));
  return parts.join('\n');
}

/**
 * Renders a report in the seed layout (Word table pasted as text) as a government portal page would
 * show it, for tests: the same report as HTML must give the same cells.
 */
export function seedToHtml(seedText: string, options: SeedHtmlOptions = {}): string {
  const { chrome = true, title, publisher, publishedOn } = options;
  const head = `<meta charset="utf-8">
<title>${escape(title ?? '政府信息公开年度报告')}_政务公开_门户网站</title>
<meta name="keywords" content="政府信息公开,年度报告">
${title ? `<meta name="ArticleTitle" content="${escape(title)}">` : ''}
<style>td { border: 1px solid #000; } .nav li { float: left; }</style>
<script>var tpl = '<table><tr><td>脚本中的表格不是正文</td></tr></table>'; document.write(tpl);</script>`;
  if (!chrome)
    return `<!DOCTYPE html>\n<html>\n<head>\n${head}\n</head>\n<body>\n${body(seedText)}\n</body>\n</html>\n`;
  const info = [publishedOn && `发布日期：${publishedOn}`, publisher && `发布机构：${publisher}`]
    .filter(Boolean)
    .join('&nbsp;&nbsp;&nbsp;');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${head}
</head>
<body>
<div class="header">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="门户网站"></a></div>
  <div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxx/">走进本地</a></li>
  </ul>
</div>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年度报告</a></div>
<div class="container">
  <div class="article">
    ${title ? `<h1 class="article-title">${escape(title)}</h1>` : ''}
    <div class="article-info">${info}&nbsp;&nbsp;浏览次数：<span id="hits">1024</span>&nbsp;&nbsp;字号：[<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>]</div>
    <div class="article-content" id="zoomcon">
${body(seedText)}
    </div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a><iframe src="/share.html"></iframe></div>
  </div>
  <div class="sidebar">
    <h3>相关信息</h3>
    <ul><li><a href="/a/1.html">关于印发政务公开工作要点的通知</a></li><li><a href="/a/2.html">政府信息公开指南</a></li><li><a href="/a/3.html">政府信息公开制度</a></li></ul>
  </div>
</div>
<div class="footer">
  <p>主办单位：市人民政府办公室&nbsp;&nbsp;承办单位：市大数据管理中心</p>
  <p>地址：人民路1号&nbsp;&nbsp;邮编：100000&nbsp;&nbsp;联系电话：0000-12345678</p>
  <p>网站标识码：0000000000&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">京ICP备00000000号</a></p>
  <noscript>您的浏览器不支持脚本</noscript>
  <script src="/js/stat.js"></script>
</div>
</body>
</html>
`;
}
