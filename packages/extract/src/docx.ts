import { assertPlausible } from './decode';
import { elements, find, parseTree, tags, textOf, type El } from './dom';
import { Layout, type LayoutCell } from './layout';
import { ExtractError, type Document } from './types';
import { listZip, readZipEntry } from './zip';

/**
 * Uncompressed bytes of a part: a report's document.xml is a few hundred KB, and reading one of
 * 60 MB took half a minute and over a GB before the character limit refused it.
 */
const MAX_PART = 16 * 2 ** 20;

/**
 * Not body text: text boxes and shapes (w:txbxContent inside w:drawing / w:pict / mc:Fallback),
 * deleted revisions, field instructions, properties.
 */
const SKIP =
  tags(`drawing pict object txbxContent Fallback del delText moveFrom instrText rPr pPr tblPr trPr tcPr
  sectPr footnoteReference endnoteReference commentReference`);

/** Dropped while parsing: never text (properties are read through `child`, so they stay in the tree). */
const SKIP_TREE = new Set(['drawing', 'pict', 'object', 'txbxContent', 'Fallback', 'delText', 'instrText']);
const EMPTY: El = { name: '#empty', attrs: {}, children: [], parent: null };

const attr = (el: El | undefined, name: string) => el?.attrs[name];
function child(el: El | undefined, name: string): El | undefined {
  for (const c of el?.children ?? []) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

function parts(bytes: Uint8Array, fileName: string): Map<string, string> {
  const wanted = /^(?:word\/(?:document|numbering|styles)\.xml|docProps\/core\.xml)$/;
  const found = new Map<string, string>();
  try {
    for (const entry of listZip(bytes)) {
      if (!wanted.test(entry.name)) continue;
      // refused by the size its header gives, before inflating; readZipEntry stops one that lies
      if (entry.size > MAX_PART) {
        throw new ExtractError(
          'too-large',
          `${fileName}：Word 文件（.docx）的 ${entry.name} 解压后有 ${Math.round(entry.size / 2 ** 20)} MB，超过 ${MAX_PART / 2 ** 20} MB 的上限，不像是一份年度报告`,
        );
      }
      found.set(entry.name, new TextDecoder().decode(readZipEntry(bytes, entry, MAX_PART)));
    }
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('corrupt', `${fileName}：Word 文件（.docx）已损坏或不完整，无法打开`);
  }
  if (!found.has('word/document.xml')) {
    throw new ExtractError(
      'corrupt',
      `${fileName}：不是有效的 Word 文件（.docx），缺少正文部分 word/document.xml`,
    );
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// List numbering: Word computes 「一、」「1、」 at display time, so the text lacks them

const DIGITS = '〇一二三四五六七八九';
const LEGAL = '零壹贰叁肆伍陆柒捌玖';
const STEMS = '甲乙丙丁戊己庚辛壬癸';

function chinese(n: number, digits = DIGITS, ten = '十'): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return digits[n]!;
  const [tens, ones] = [Math.floor(n / 10), n % 10];
  return (tens > 1 ? digits[tens]! : '') + ten + (ones ? digits[ones]! : '');
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chinese(n);
    case 'chineseLegalSimplified':
      return chinese(n, LEGAL, '拾');
    case 'ideographDigital':
      return [...String(n)].map((d) => DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return STEMS[(n - 1) % 10]!;
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'upperLetter':
    case 'lowerLetter': {
      const s = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? s : s.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      let r = '';
      let m = n;
      for (const [v, s] of [
        [1000, 'M'],
        [900, 'CM'],
        [500, 'D'],
        [400, 'CD'],
        [100, 'C'],
        [90, 'XC'],
        [50, 'L'],
        [40, 'XL'],
        [10, 'X'],
        [9, 'IX'],
        [5, 'V'],
        [4, 'IV'],
        [1, 'I'],
      ] as const) {
        for (; m >= v; m -= v) r += s;
      }
      return format === 'upperRoman' ? r : r.toLowerCase();
    }
    default:
      return String(n);
  }
}

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
}

/** Counts the numbered paragraphs of each list and renders their labels from numbering.xml. */
function numbering(numberingXml: string | undefined, stylesXml: string | undefined) {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  const styleNum = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  if (numberingXml) {
    const root = parseTree(numberingXml, { xml: true, localNames: true });
    for (const a of elements(find(root, 'numbering') ?? EMPTY)) {
      if (a.name === 'abstractNum') {
        const levels = new Map<number, Level>();
        for (const l of elements(a).filter((e) => e.name === 'lvl')) {
          const suff = attr(child(l, 'suff'), 'val') ?? 'tab';
          levels.set(Number(attr(l, 'ilvl') ?? 0), {
            start: Number(attr(child(l, 'start'), 'val') ?? 1),
            format: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
            text: attr(child(l, 'lvlText'), 'val') ?? '',
            suffix: suff === 'nothing' ? '' : suff === 'space' ? ' ' : '\t',
          });
        }
        abstract.set(attr(a, 'abstractNumId') ?? '', levels);
      } else if (a.name === 'num') {
        const starts = new Map<number, number>();
        for (const o of elements(a).filter((e) => e.name === 'lvlOverride')) {
          const s = attr(child(o, 'startOverride'), 'val');
          if (s !== undefined) starts.set(Number(attr(o, 'ilvl') ?? 0), Number(s));
        }
        nums.set(attr(a, 'numId') ?? '', {
          abstractId: attr(child(a, 'abstractNumId'), 'val') ?? '',
          starts,
        });
      }
    }
  }
  if (stylesXml) {
    for (const s of elements(
      find(parseTree(stylesXml, { xml: true, localNames: true }), 'styles') ?? EMPTY,
    )) {
      const numPr = child(child(s, 'pPr'), 'numPr');
      styleNum.set(attr(s, 'styleId') ?? '', {
        numId: attr(child(numPr, 'numId'), 'val'),
        ilvl:
          attr(child(numPr, 'ilvl'), 'val') !== undefined
            ? Number(attr(child(numPr, 'ilvl'), 'val'))
            : undefined,
        basedOn: attr(child(s, 'basedOn'), 'val'),
      });
    }
  }
  const counters = new Map<string, number[]>();
  const started = new Set<string>();

  /** The label of a paragraph (「一、」), or '' when it is not numbered or numbered with bullets. */
  return (pPr: El | undefined): string => {
    const numPr = child(pPr, 'numPr');
    let numId = attr(child(numPr, 'numId'), 'val');
    let ilvl =
      attr(child(numPr, 'ilvl'), 'val') !== undefined ? Number(attr(child(numPr, 'ilvl'), 'val')) : undefined;
    for (
      let id = attr(child(pPr, 'pStyle'), 'val'), hops = 0;
      id && hops < 10 && (!numId || ilvl === undefined);
      hops++
    ) {
      const s = styleNum.get(id);
      numId ??= s?.numId;
      ilvl ??= s?.ilvl;
      id = s?.basedOn;
    }
    const num = numId && numId !== '0' ? nums.get(numId) : undefined;
    const levels = num && abstract.get(num.abstractId);
    const level = ilvl ?? 0;
    const lvl = levels?.get(level);
    if (!num || !levels || !lvl) return '';
    const counts = counters.get(num.abstractId) ?? [];
    counters.set(num.abstractId, counts);
    if (!started.has(numId!)) {
      started.add(numId!);
      for (const [l, s] of num.starts) counts[l] = s - 1;
    }
    counts[level] = (counts[level] ?? (levels.get(level)?.start ?? 1) - 1) + 1;
    counts.length = level + 1;
    if (lvl.format === 'bullet' || lvl.format === 'none' || !lvl.text) return '';
    const label = lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const n = counts[l] ?? levels.get(l)?.start ?? 1;
      return formatNumber(n, levels.get(l)?.format ?? 'decimal');
    });
    return label + lvl.suffix;
  };
}

// ---------------------------------------------------------------------------------------------

const hiddenRun = (r: El) => {
  const vanish = child(child(r, 'rPr'), 'vanish');
  return vanish !== undefined && !['0', 'false', 'off'].includes(attr(vanish, 'val') ?? '');
};

/** A paragraph's text: runs, tabs, breaks; hidden runs and everything in SKIP left out. */
function runsText(el: El): string {
  let s = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (SKIP.has(c.name) || (c.name === 'r' && hiddenRun(c))) continue;
    if (c.name === 't') s += textOf(c);
    else if (c.name === 'tab' || c.name === 'ptab') s += '\t';
    else if (c.name === 'br' || c.name === 'cr') s += '\n';
    else if (c.name === 'noBreakHyphen') s += '-';
    else s += runsText(c);
  }
  return s;
}

/** Elements that only wrap content (content controls, custom XML, smart tags): looked through. */
const WRAPPERS = new Set(['sdt', 'sdtContent', 'customXml', 'smartTag', 'ins', 'moveTo']);
function unwrap(el: El, out: El[] = []): El[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (WRAPPERS.has(c.name)) unwrap(c, out);
    else out.push(c);
  }
  return out;
}

/** Word 2007+ (.docx): paragraphs and tables of the main document, in the seed layout. */
export function fromDocx(bytes: Uint8Array, fileName: string): Document {
  const files = parts(bytes, fileName);
  const label = numbering(files.get('word/numbering.xml'), files.get('word/styles.xml'));
  const root = parseTree(files.get('word/document.xml')!, { xml: true, localNames: true, skip: SKIP_TREE });
  const body = find(root, 'body');
  if (!body) {
    throw new ExtractError('corrupt', `${fileName}：Word 文件（.docx）的正文部分 word/document.xml 已损坏，无法读取`);
  }
  const paragraph = (p: El) => label(child(p, 'pPr')) + runsText(p);
  /** A cell's paragraphs; a table nested in it contributes its cells' paragraphs as lines. */
  const cellLines = (el: El): string[] =>
    unwrap(el).flatMap((c) =>
      c.name === 'p'
        ? [paragraph(c)]
        : c.name === 'tbl'
          ? rows(c)
              .flat()
              .map((x) => x.text)
          : [],
    );
  const rows = (tbl: El): LayoutCell[][] =>
    unwrap(tbl)
      .filter((r) => r.name === 'tr')
      .map((tr) =>
        unwrap(tr)
          .filter((c) => c.name === 'tc')
          .map((tc) => {
            const tcPr = child(tc, 'tcPr');
            const vMerge = child(tcPr, 'vMerge');
            // a vertically merged cell's continuation is an empty cell, as when Word pastes it as text
            const continued = vMerge !== undefined && attr(vMerge, 'val') !== 'restart';
            return {
              text: continued ? '' : cellLines(tc).join('\n'),
              colSpan: Math.max(1, Number(attr(child(tcPr, 'gridSpan'), 'val') ?? 1) || 1),
            };
          }),
      );
  const layout = new Layout();
  for (const c of unwrap(body)) {
    if (c.name === 'p') layout.paragraph(paragraph(c));
    else if (c.name === 'tbl') layout.table(rows(c));
  }
  const text = layout.text;
  assertPlausible(text, fileName);
  const core = parseTree(files.get('docProps/core.xml') ?? '', { xml: true, localNames: true });
  const title = textOf(find(core, 'title') ?? EMPTY).trim();
  return {
    format: 'docx',
    text,
    tables: layout.tables,
    meta: /[\u4e00-\u9fff]{2}/.test(title) ? { title } : {},
  };
}
