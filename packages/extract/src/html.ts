import { contains, descendants, elements, find, parseTree, tags, textOf, type El } from './dom';
import { Layout, type LayoutCell } from './layout';
import { ExtractError, type DocMeta, type Document } from './types';

/** Never content: dropped with everything inside while parsing. */
const SKIP = tags(`script style noscript iframe frame frameset template object embed svg canvas select button
  textarea input audio video`);
/** Kept however deep the markup nests (see parseTree). */
const STRUCTURAL = tags(`table thead tbody tfoot tr td th caption p br li body`);
/** Kept in the tree for the metadata, never rendered. */
const UNRENDERED = new Set(['head', 'title', 'meta', 'link']);
const BLOCK =
  tags(`address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
  figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre
  section summary table tbody td tfoot th thead tr ul`);

const WIDE = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef';
// a source line break between two Chinese characters is no space (CSS Text: segment break transformation)
const WIDE_BREAK = new RegExp(`([${WIDE}])[ \\t\\r\\f]*\\n[ \\t\\n\\r\\f]*(?=[${WIDE}])`, 'g');

const HTML_SPACE = /[ \t\n\r\f]/;

/** HTML white space collapses; U+00A0 (&nbsp;) and U+3000 are content and stay. */
function clean(raw: string): string {
  if (!HTML_SPACE.test(raw)) return raw; // most cells: nothing to collapse or cut
  // run on every line and cell: the segment-break pass only where there is a line break, and the
  // ends (one space at most, once collapsed) cut by hand rather than by a regular expression
  const s = (raw.includes('\n') ? raw.replace(WIDE_BREAK, '$1') : raw).replace(/[ \t\n\r\f]+/g, ' ');
  const from = s.charCodeAt(0) === 32 ? 1 : 0;
  const to = s.length > from && s.charCodeAt(s.length - 1) === 32 ? s.length - 1 : s.length;
  return s.slice(from, to); // the whole string itself when there is nothing to cut
}

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const hidden = (el: El) =>
  'hidden' in el.attrs || (el.attrs.style !== undefined && HIDDEN_STYLE.test(el.attrs.style));

function rowsOf(table: El, out: El[] = []): El[] {
  for (const c of elements(table)) {
    if (c.name === 'tr') out.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') rowsOf(c, out);
  }
  return out;
}
const cellsOf = (tr: El): El[] => elements(tr).filter((c) => c.name === 'td' || c.name === 'th');
/** A table used for page layout (one cell per row) is read as flowing text, not as a grid. */
const isGrid = (table: El) => rowsOf(table).some((tr) => cellsOf(tr).length > 1);

interface Sink {
  line(text: string): void;
  table?(table: El): void;
}

/**
 * Renders an element's content as lines: block elements and <br> break lines, inline text joins.
 * A class rather than closures made per call: it runs once per table cell, and under tsx every
 * named closure costs an Object.defineProperty (esbuild's keepNames) each time it is made.
 */
class Flow {
  private buffer = '';
  constructor(
    private readonly sink: Sink,
    private readonly exclude: El | undefined,
  ) {}
  private flush(): void {
    if (!this.buffer) return;
    const line = clean(this.buffer);
    this.buffer = '';
    if (line) this.sink.line(line);
  }
  walk(el: El): void {
    for (const c of el.children) {
      if (typeof c === 'string') {
        this.buffer += c;
        continue;
      }
      if (c === this.exclude || UNRENDERED.has(c.name) || hidden(c)) continue;
      if (c.name === 'br') {
        this.flush();
      } else if (c.name === 'table' && this.sink.table && isGrid(c)) {
        this.flush();
        this.sink.table(c);
      } else if (BLOCK.has(c.name)) {
        this.flush();
        this.walk(c);
        this.flush();
      } else {
        this.walk(c);
      }
    }
  }
  end(): void {
    this.flush();
  }
}

function flow(root: El, sink: Sink, exclude?: El): void {
  const f = new Flow(sink, exclude);
  f.walk(root);
  f.end();
}

/** A sink that keeps the lines. */
class Lines implements Sink {
  readonly lines: string[] = [];
  line(text: string): void {
    this.lines.push(text);
  }
}

const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 1000) : 1;
};

/** A cell's lines joined by "\n". */
function cellText(td: El): string {
  // most cells are one piece of text (or none), or one block (<p>) of it, which is one line at most
  let only = td.children.length > 1 ? undefined : (td.children[0] ?? '');
  if (typeof only === 'object' && only.children.length <= 1 && BLOCK.has(only.name) && !hidden(only))
    only = only.children[0] ?? '';
  if (typeof only === 'string') return clean(only);
  const sink = new Lines();
  flow(td, sink);
  return sink.lines.join('\n');
}

function grid(table: El): LayoutCell[][] {
  return rowsOf(table).map((tr) =>
    cellsOf(tr).map((td) => ({ text: cellText(td), colSpan: span(td.attrs.colspan), rowSpan: span(td.attrs.rowspan) })),
  );
}

// ---------------------------------------------------------------------------------------------
// The main content

/** Characters that weigh: CJK, digits, latin letters (counted, not matched: a page can be megabytes). */
function weighty(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
  }
  return n;
}
/** Classes and ids that portal CMSs give the article body (TRS, 政府网站集约化平台, …). */
const CONTENT_HINT =
  /zoomcon|zoom|article[-_]?content|trs_editor|custom_unionstyle|news[-_]?content|con[-_]?text|contentbox|main[-_]?content|^content$/i;
const REPORT_TABLE = /第二十条|政府信息公开申请|行政复议/;

/** Characters of text outside links, per element: navigation and link lists weigh nothing. */
function weigher() {
  // kept on the element: a Map keyed by elements cost more than the counting itself
  const weight = (el: El & { weight?: number }): number => {
    let w = el.weight;
    if (w !== undefined) return w;
    w = 0;
    if (el.name !== 'a' && !UNRENDERED.has(el.name) && !hidden(el)) {
      for (const c of el.children)
        w += typeof c === 'string' ? weighty(c) : weight(c);
    }
    el.weight = w;
    return w;
  };
  return weight;
}

function commonAncestor(a: El, b: El): El {
  for (let e: El | null = a; e; e = e.parent) if (contains(e, b)) return e;
  return a;
}

/**
 * The element holding the report: start from the deepest element a CMS marks as content (when it
 * holds at least half the page's text) or the body, descend while one child holds nearly all of the
 * text, then widen to take in every report table the page has.
 */
function mainContent(body: El): El {
  const weight = weigher();
  // the heaviest cell (td, th) of each subtree, so that the search for the cell holding the text
  // skips the subtrees that cannot have it: tables nested hundreds deep are not searched once per level
  const heaviestCell = new Map<El, number>();
  const cellWeight = (el: El): number => {
    let w = heaviestCell.get(el);
    if (w === undefined) {
      w = el.name === 'td' || el.name === 'th' ? weight(el) : 0;
      for (const c of el.children) if (typeof c !== 'string') w = Math.max(w, cellWeight(c));
      heaviestCell.set(el, w);
    }
    return w;
  };
  /** The first td or th below `el`, in document order, weighing at least `min`. */
  const firstCell = (el: El, min: number): El | undefined => {
    const stack = elements(el).reverse();
    while (stack.length) {
      const e = stack.pop()!;
      if (cellWeight(e) < min) continue;
      if ((e.name === 'td' || e.name === 'th') && weight(e) >= min) return e;
      for (let i = e.children.length - 1; i >= 0; i--) if (typeof e.children[i] !== 'string') stack.push(e.children[i] as El);
    }
    return undefined;
  };
  const total = weight(body);
  let main = body;
  const all = descendants(body);
  for (const el of all) {
    if (el.attrs.id === undefined && el.attrs.class === undefined) continue;
    const hint = `${el.attrs.id ?? ''} ${el.attrs.class ?? ''}`.trim().split(/\s+/);
    if (hint.some((h) => CONTENT_HINT.test(h)) && weight(el) >= total * 0.5 && contains(main, el)) main = el;
  }
  for (;;) {
    const here = weight(main);
    let best: El | undefined;
    for (const c of elements(main)) if (!best || weight(c) > weight(best)) best = c;
    if (!best || weight(best) < here * 0.85) break;
    if (best.name === 'table' || best.name === 'tbody' || best.name === 'tr') {
      // only a layout table is entered, through its one cell that holds the text
      const cell = firstCell(best, here * 0.85);
      if (!cell) break;
      main = cell;
      continue;
    }
    main = best;
  }
  for (const t of all) {
    if (t.name === 'table' && !contains(main, t) && !contains(t, main) && REPORT_TABLE.test(textOf(t))) {
      main = commonAncestor(main, t);
    }
  }
  return main;
}

// ---------------------------------------------------------------------------------------------
// Metadata: the portal's 信息公开 table and info line, <meta> tags, <title>

const LABELS = {
  title: ['名称', '标题', '文章标题', '题名'],
  publisher: ['发布机构', '发文机关', '发布单位', '公开单位', '信息来源', '来源', '单位'],
  publishedOn: ['公开日期', '发布日期', '发布时间', '公开时间', '日期', '成文日期'],
} as const;
const ALL_LABELS = Object.values(LABELS)
  .flat()
  .sort((a, b) => b.length - a.length);
const INLINE = new RegExp(`(?:^|[\\s\\u3000\\u00a0|｜])(${ALL_LABELS.join('|')})\\s*[:：]\\s*`, 'g');
const META_TAGS = {
  title: ['articletitle', 'og:title', 'title'],
  publisher: ['contentsource', 'source'],
  publishedOn: ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'published_time'],
} as const;

function isoDate(s: string): string | undefined {
  const m = s.match(/(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const VALID: Record<keyof typeof LABELS, (v: string) => string | undefined> = {
  title: (v) => (/[\u4e00-\u9fff]{2}/.test(v) ? v : undefined),
  publisher: (v) => (/^[\u4e00-\u9fff（）()]{2,40}$/.test(v) ? v : undefined),
  publishedOn: isoDate,
};

function readMeta(root: El, body: El, main: El, headline: string | undefined): DocMeta {
  const pairs = new Map<string, string>();
  const put = (label: string, value: string) => {
    if (value && !pairs.has(label)) pairs.set(label, value);
  };
  const label = (s: string) => s.replace(/[\s\u3000\u00a0:：]/g, '');
  for (const t of descendants(body)) {
    if (t.name !== 'table' || contains(main, t) || contains(t, main)) continue;
    for (const row of grid(t)) {
      for (let i = 0; i + 1 < row.length; i++) put(label(row[i]!.text), row[i + 1]!.text.trim());
    }
  }
  flow(
    body,
    {
      line(line) {
        const found = [...line.matchAll(INLINE)];
        found.forEach((m, i) => {
          const value = line.slice(m.index! + m[0].length, found[i + 1]?.index ?? line.length);
          put(m[1]!, value.trim().split(/[\s\u3000\u00a0]+/)[0]!);
        });
      },
    },
    main,
  );
  const tags = new Map<string, string>();
  for (const m of descendants(root)) {
    const key = (m.attrs.name ?? m.attrs.property ?? '').toLowerCase();
    if (m.name === 'meta' && key && m.attrs.content?.trim()) tags.set(key, m.attrs.content.trim());
  }
  const pick = (field: keyof typeof LABELS) => {
    for (const l of LABELS[field]) {
      const v = pairs.has(l) ? VALID[field](pairs.get(l)!) : undefined;
      if (v) return v;
    }
    for (const k of META_TAGS[field]) {
      const v = tags.has(k) ? VALID[field](tags.get(k)!) : undefined;
      if (v) return v;
    }
    return undefined;
  };
  const titleTag = clean(textOf(find(root, 'title') ?? root)).split(/\s*[-_|｜—–]+\s*/);
  const meta: DocMeta = {};
  const title = pick('title') ?? headline ?? (titleTag.find((p) => /报告|年报/.test(p)) || undefined);
  const publisher = pick('publisher');
  const publishedOn = pick('publishedOn');
  if (title) meta.title = title;
  if (publisher) meta.publisher = publisher;
  if (publishedOn) meta.publishedOn = publishedOn;
  return meta;
}

/** The page's headline for the report when it sits outside the content element (<h1 class="title">). */
function headlineOf(body: El, main: El): string | undefined {
  let found: string | undefined;
  for (const el of descendants(body)) {
    if (el === main) break;
    const titled = /^h[1-3]$/.test(el.name) || /title/i.test(`${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`);
    if (!titled || contains(el, main)) continue;
    const text = clean(textOf(el));
    if (text.length >= 4 && text.length <= 100 && /报告|年报/.test(text)) found = text;
  }
  return found && !cleanStartsWith(main, found) ? found : undefined;
}

/**
 * `clean(textOf(el)).startsWith(prefix)`, reading only as much of the text as it takes: the cleaned
 * text up to its last non-blank character is a prefix of the whole one cleaned (every run of blanks
 * in it is decided by characters inside it).
 */
function cleanStartsWith(el: El, prefix: string): boolean {
  let raw = '';
  for (const chunk of texts(el)) {
    raw += chunk;
    if (raw.length < 2 * prefix.length + 64) continue;
    const head = clean(raw.replace(/[ \t\n\r\f]+$/, ''));
    if (head.length >= prefix.length) return head.startsWith(prefix);
  }
  return clean(raw).startsWith(prefix);
}

function* texts(el: El): Generator<string> {
  for (const c of el.children) {
    if (typeof c === 'string') yield c;
    else yield* texts(c);
  }
}

/** A portal page: the report body with its tables in the seed layout, and the portal's metadata. */
export function fromHtml(html: string, fileName: string): Document {
  const root = parseTree(html, { skip: SKIP, structural: STRUCTURAL, tableEnds: true });
  const body = find(root, 'body') ?? root;
  const main = mainContent(body);
  const headline = headlineOf(body, main);
  const layout = new Layout();
  if (headline) layout.paragraph(headline);
  flow(main, { line: (l) => layout.paragraph(l), table: (t) => layout.table(grid(t)) });
  const text = layout.text;
  if (!text.trim())
    throw new ExtractError('empty', `${fileName}：网页中没有找到正文内容（可能需要脚本加载或页面为空）`);
  return { format: 'html', text, tables: layout.tables, meta: readMeta(root, body, main, headline) };
}
