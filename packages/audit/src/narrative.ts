/**
 * Figures the narrative states about quantities the tables hold: 「收到政府信息公开申请34件」,
 * 「行政复议351件」, 「行政规范性文件34件」. A figure is read only when the clause is clearly about
 * the same quantity and scope — 「办理完结了市人大代表的建议一条」 is not an application — because
 * a false alarm in front of an official costs more than a miss. Arabic and Chinese numerals both.
 */
import type { Span } from '@nianbao/model';
import { parseNumberToken } from '@nianbao/parser';

/** The text with whitespace dropped (layout wraps sentences over lines) and table cells masked. */
export interface CompactText {
  s: string;
  /** Offset in the original text of each character of `s`. */
  at: Int32Array;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0xfeff;

const UTF16 = new TextDecoder('utf-16le');

const CN_DIGITS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));
const OUTLINE_SEPARATORS = new Set([...'、.．'].map((c) => c.charCodeAt(0)));
/** 。；！？;!? — compared, not looked up in a Set: it runs on every character of the text. */
const isSentencePunct = (c: number) =>
  c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 0x3b || c === 0x21 || c === 0x3f;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Does text at `i` start an outline marker: 「一、」「（一）」「1、」「1.」 (not 「1.5」), 「#」? */
function outlineAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x23) return true; // #
  if (c === 0xff08 || c === 0x28) return CN_DIGITS.has(text.charCodeAt(i + 1)); // （一
  let j = i;
  if (CN_DIGITS.has(c)) while (CN_DIGITS.has(text.charCodeAt(j))) j++;
  else if (isDigit(c)) {
    while (isDigit(text.charCodeAt(j))) j++;
    if (j - i > 2 || isDigit(text.charCodeAt(j + 1))) return false;
  } else return false;
  return OUTLINE_SEPARATORS.has(text.charCodeAt(j));
}

/**
 * Cell spans become one `|` each, so that numbers of a table row never run into a sentence. Line
 * breaks vanish (layout wraps sentences over lines) except those that end a paragraph or a heading:
 * a blank line, a heading line (an outline marker and no sentence punctuation), a line before a heading.
 * Those become `\n`.
 */
export function compact(text: string, masks: Span[]): CompactText {
  const sorted = masks.filter((m) => m[1] > m[0]).sort((a, b) => a[0] - b[0]);
  const at = new Int32Array(text.length + 1);
  const out = new Uint16Array(text.length);
  let n = 0;
  let m = 0;
  let lineFirst = -1; // where the line's first character is, in text
  let linePunct = false;
  for (let i = 0; i < text.length; i++) {
    while (m < sorted.length && sorted[m]![1] <= i) m++;
    const mask = sorted[m];
    if (mask && mask[0] <= i) {
      if (lineFirst < 0) lineFirst = i;
      at[n] = i;
      out[n++] = 0x7c; // |
      i = mask[1] - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      let next = i + 1;
      while (next < text.length && isSpace(text.charCodeAt(next)) && text.charCodeAt(next) !== 0x0a) next++;
      const breaks =
        lineFirst < 0 || next >= text.length || text.charCodeAt(next) === 0x0a || outlineAt(text, next) || (!linePunct && outlineAt(text, lineFirst));
      if (breaks && n && out[n - 1] !== 0x0a) {
        at[n] = i;
        out[n++] = 0x0a;
      }
      lineFirst = -1;
      linePunct = false;
      continue;
    }
    if (isSpace(c)) continue;
    if (lineFirst < 0) lineFirst = i;
    if (!linePunct && isSentencePunct(c)) linePunct = true;
    at[n] = i;
    out[n++] = c;
  }
  at[n] = text.length;
  return { s: UTF16.decode(out.subarray(0, n)), at: at.subarray(0, n + 1) };
}

export interface Sentence {
  text: string;
  /** Start in the compact string. */
  from: number;
}

const SENTENCE_END = /[。！？；;!?\n]/g;

export function sentences(c: CompactText): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (const m of c.s.matchAll(SENTENCE_END)) {
    const i = m.index!;
    if (i > from) out.push({ text: c.s.slice(from, i + 1), from });
    from = i + 1;
  }
  if (from < c.s.length) out.push({ text: c.s.slice(from), from });
  return out;
}

/** The original-text span of compact positions [from, to). */
export const spanOf = (c: CompactText, from: number, to: number): Span => [c.at[from]!, c.at[Math.max(from, to - 1)]! + 1];

export type Quantity = 'newReceived' | 'carriedOver' | 'review' | 'litigation' | 'normativeDocs' | 'regulations';

export interface Figure {
  quantity: Quantity;
  value: number;
  /** The clause that states it, whitespace dropped: 「2019收到依法申请公开件1件」. */
  clause: string;
  span: Span;
  /** The sentence says the figure includes last year's carried-over applications (「含上年结转」). */
  includesCarriedOver: boolean;
}

const NUM = '(\\d+|[零〇一二两三四五六七八九十百千万]+)';
const GAP = '[^，,；;：:（）()。|\\n\\d]';
const CLAUSE = /[^，,；;：:（）()。！？!?|\n]+/g;

const P_RECEIVED = new RegExp(`(?:收到|受理|新收|接收|接到)了?(${GAP}{0,16}?)${NUM}(?:件|个|份|条)`, 'g');
const P_RECEIVED_NONE = /(?:未|没有)(?:收到|受理|接到)过?(?:任何)?[^，,；;。]{0,8}?(?:政府信息公开申请|信息公开申请|依申请公开)/;
const P_CARRIED = new RegExp(`上一?年度?结转的?(${GAP}{0,12}?)${NUM}件`, 'g');
const P_REVIEW_A = new RegExp(`行政复议(?:案件|申请)?(?:数量|总数|数)?(?:共|为|共计|合计|总计|计|有|达)*${NUM}(?:件|起|宗)`, 'g');
const P_REVIEW_B = new RegExp(`${NUM}(?:件|起|宗)(${GAP}{0,14}?)行政复议(?:案件|申请)?$`);
const P_SUIT_A = new RegExp(`行政诉讼(?:案件)?(?:数量|总数|数)?(?:共|为|共计|合计|总计|计|有|达)*${NUM}(?:件|起|宗)`, 'g');
const P_SUIT_B = new RegExp(`${NUM}(?:件|起|宗)(${GAP}{0,14}?)行政诉讼(?:案件)?$`);
const P_NORMATIVE = new RegExp(`(?:行政)?规范性文件${NUM}件`, 'g');
const P_REGULATIONS = new RegExp(`规章${NUM}件`, 'g');

const NOT_APPLICATION = /人大|政协|建议|提案|信访|投诉|举报|咨询|留言|诉求|复议|诉讼|来信|来电|热线|问政|网民|意见|结转|上年/;
const WIDER_SCOPE = /全省|全国|各地|各部门|各单位|各级|下属|所属|系统内|各区|各县|各乡镇|各街道|各镇/;
const OWN_AREA = /全市|全县|全区|全镇|全旗|全州|全盟/;
const PART_OF_YEAR = /季度|上半年|下半年|月份|当月|本月/;
const CASE_DETAIL = /纠错|纠正|维持|败诉|胜诉|撤销|审结|结转|办结|化解|调解|确认违法|驳回|其他结果|尚未|其中/;
const DOC_OTHER_WORK = /清理|废止|失效|有效|备案|审查|审核|合法性|解读|征求意见|起草|修订|修改|宣传|培训|转发|上级|评估|监督|检查|等/;
const PUBLISHED_VERB = /制发|印发|出台|发布|公开|制定|新增/;
const OTHERS_DOCS = /部门|各区|区级|县级|下属|所属|街道|乡镇/;
const DISCLOSURE = /信息公开|依申请/;
const COUNTED = /[件个份条起宗]/;

function clauses(sentence: string): { text: string; from: number }[] {
  const out: { text: string; from: number }[] = [];
  for (const m of sentence.matchAll(CLAUSE)) out.push({ text: m[0], from: m.index! });
  return out;
}

const num = (s: string) => parseNumberToken(s);

/**
 * Every figure the narrative states about a table quantity. `government` widens the accepted scope
 * to 「全市」「全县」 (a 人民政府's own area); for a department those words name a wider scope.
 */
export function statedFigures(c: CompactText, government: boolean): Figure[] {
  const out: Figure[] = [];
  const all = sentences(c);
  all.forEach((sentence, si) => {
    const s = sentence.text;
    if (!COUNTED.test(s) && !s.includes('未') && !s.includes('没有')) return;
    const hasApplication = s.includes('申请');
    const hasReview = s.includes('行政复议');
    const hasSuit = s.includes('行政诉讼');
    const hasDocs = s.includes('规范性文件') || s.includes('规章');
    if (!hasApplication && !hasReview && !hasSuit && !hasDocs) return;
    const includesCarriedOver = /(?:含|包括|包含)(?:上一?年度?)?结转/.test(s);
    const disclosureContext = DISCLOSURE.test(s) || DISCLOSURE.test(all[si - 1]?.text ?? '');
    for (const clause of clauses(s)) {
      const t = clause.text;
      // every pattern ends on a counting word, or says 「未收到」: most clauses (table labels) have neither
      if (!COUNTED.test(t) && !t.includes('未') && !t.includes('没有')) continue;
      const at = sentence.from + clause.from;
      const push = (quantity: Quantity, value: number | null, part = t, offset = 0) => {
        if (value === null) return;
        out.push({ quantity, value, clause: part, span: spanOf(c, at + offset, at + offset + part.length), includesCarriedOver });
      };
      const outOfScope = (prefix: string) => WIDER_SCOPE.test(prefix) || (!government && OWN_AREA.test(prefix));
      if (PART_OF_YEAR.test(t)) continue;

      if (hasApplication) {
        for (const m of t.matchAll(P_RECEIVED)) {
          const gap = m[1]!;
          if (!gap.includes('申请') || !/公开|信息/.test(gap) || NOT_APPLICATION.test(gap)) continue;
          if (NOT_APPLICATION.test(t.slice(0, m.index)) || outOfScope(t.slice(0, m.index))) continue;
          push('newReceived', num(m[2]!));
        }
        if (P_RECEIVED_NONE.test(t) && !/复议|诉讼|人大|政协/.test(t) && !outOfScope(t)) push('newReceived', 0);
        for (const m of t.matchAll(P_CARRIED)) {
          if (m[1]!.includes('下') || outOfScope(t.slice(0, m.index))) continue;
          push('carriedOver', num(m[2]!));
        }
      }
      if (disclosureContext && !CASE_DETAIL.test(t)) {
        if (hasReview && !t.includes('行政诉讼')) {
          for (const m of t.matchAll(P_REVIEW_A)) if (!outOfScope(t.slice(0, m.index))) push('review', num(m[1]!));
          const b = t.match(P_REVIEW_B);
          if (b && !outOfScope(t.slice(0, b.index))) push('review', num(b[1]!));
        }
        if (hasSuit && !t.includes('行政复议')) {
          for (const m of t.matchAll(P_SUIT_A)) if (!outOfScope(t.slice(0, m.index))) push('litigation', num(m[1]!));
          const b = t.match(P_SUIT_B);
          if (b && !outOfScope(t.slice(0, b.index))) push('litigation', num(b[1]!));
        }
      }
      if (hasDocs && PUBLISHED_VERB.test(s)) {
        // a list clause 「规章22件、行政规范性文件34件」: judge each item by its own words
        let offset = 0;
        for (const item of t.split('、')) {
          const from = offset;
          offset += item.length + 1;
          if (DOC_OTHER_WORK.test(item) || outOfScope(item)) continue;
          // each item of a list (「规章22件、行政规范性文件34件」) is quoted on its own
          for (const m of item.matchAll(P_NORMATIVE)) {
            if (!OTHERS_DOCS.test(item.slice(Math.max(0, m.index! - 8), m.index))) push('normativeDocs', num(m[1]!), item, from);
          }
          for (const m of item.matchAll(P_REGULATIONS)) {
            if (!OTHERS_DOCS.test(item.slice(Math.max(0, m.index! - 8), m.index))) push('regulations', num(m[1]!), item, from);
          }
        }
      }
    }
  });
  return out;
}
