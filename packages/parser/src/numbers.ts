import type { Cell, ColumnDef, Span } from '@nianbao/model';

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]';
const ALL_CHINESE_NUMERALS = new RegExp(`^${CHINESE_NUMERAL}+$`);
const CHINESE_DATE = new RegExp(`(${CHINESE_NUMERAL}{4})年(${CHINESE_NUMERAL}{1,3})月(${CHINESE_NUMERAL}{1,3})日`);

/**
 * Reads a Chinese numeral: 「十五」 15, 「三百二十一」 321, 「两」 2, 「一万零五」 10005, and the digit-by-digit
 * style of dates 「二〇二〇」 2020. Returns null for anything else.
 */
export function parseChineseNumber(s: string): number | null {
  if (!s || !ALL_CHINESE_NUMERALS.test(s)) return null;
  if (/^[零〇一二三四五六七八九]{2,}$/.test(s) && !/[十百千万亿]/.test(s)) {
    const n = Number([...s].map((c) => DIGIT[c]).join(''));
    // hundreds of digits are Infinity, which JSON would write as null: not a number a report can mean
    return Number.isFinite(n) ? n : null;
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in DIGIT) digit = DIGIT[c]!;
    else if (c in UNIT) {
      section += (digit || 1) * UNIT[c]!;
      digit = 0;
    } else if (c in BIG) {
      total += (section + digit) * BIG[c]!;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** A number written with Arabic digits or Chinese numerals: 「1」「1,234」「一」「两」. */
export function parseNumberToken(s: string): number | null {
  const t = s.normalize('NFKC').replace(/[,，]/g, '');
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return Number.isFinite(Number(t)) ? Number(t) : null;
  return parseChineseNumber(s);
}

/** Dates as reports write them: 「2020年1月15日」「二〇二〇年一月十五日」「2024-01-17」 → yyyy-mm-dd. */
export function parseDate(s: string): string | null {
  const t = s.normalize('NFKC').replace(/\s+/g, '');
  let m = t.match(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/);
  let y: number | null, mo: number | null, d: number | null;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = t.match(CHINESE_DATE);
    if (!m) return null;
    [y, mo, d] = [parseChineseNumber(m[1]!), parseChineseNumber(m[2]!), parseChineseNumber(m[3]!)];
  }
  if (!y || !mo || !d || mo > 12 || d > 31 || y < 1990 || y > 2100) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const BLANK = /^[\s\u3000\u00a0\ufeff]*$/;
const DASH = /^(?:[—\-–―─－/／\\~～_＿…·.。]+|无|空|暂无|没有|null|n\/a)$/i;
const NUMBER =
  /^(增加|减少|增|减)?([+\-－−]?)(\d[\d,，]*(?:\.\d+)?|零|〇)\s*(万元|元|件|个|项|条|次|宗|家|人)?\s*([（(][^）)]*[）)]?.*)?$/;

const PLAIN_INT = /^[\s\u3000\u00a0]*(\d{1,12})[\s\u3000\u00a0]*$/;
const UNIT_FACTOR: Record<string, number> = { 元: 1e-4, 万元: 1 };

/**
 * One table cell from its raw text: value / blank / dash / text (spec/report-model.md). A unit written in
 * the cell is converted to the column's (98850元 in a 万元 column → 9.885, unit 元 kept); an annotation
 * beside the number is kept as `note`.
 */
export function parseCell(raw: string, column: ColumnDef | undefined, span: Span | null): Cell {
  // object literals, not spreads: this runs ~200 times per report and spreading is ~20× slower here
  if (BLANK.test(raw)) return { raw, span, state: 'blank', value: null };
  const plain = PLAIN_INT.exec(raw);
  if (plain) return { raw, span, state: 'value', value: Number(plain[1]) };
  const t = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (DASH.test(t.replace(/\s/g, ''))) return { raw, span, state: 'dash', value: null };
  const m = t.match(NUMBER);
  if (!m) {
    const cn = parseChineseNumber(t);
    if (cn !== null) return { raw, span, state: 'value', value: cn };
    return { raw, span, state: 'text', value: null };
  }
  const [, word, sign, digits, unit, note] = m;
  let value = digits === '零' || digits === '〇' ? 0 : Number(digits!.replace(/[,，]/g, ''));
  // more digits than a double holds (Infinity, null once stored): text that looks like a number
  if (!Number.isFinite(value)) return { raw, span, state: 'text', value: null };
  if (sign && sign !== '+') value = -value;
  if (word?.startsWith('减')) value = -value;
  const cell: Cell = { raw, span, state: 'value', value };
  if (unit && column?.unit && unit !== column.unit && unit in UNIT_FACTOR) {
    cell.value = Number((value * UNIT_FACTOR[unit]!).toPrecision(12));
    cell.unit = unit;
  } else if (unit && column?.unit && unit !== column.unit) {
    cell.unit = unit;
  }
  if (note?.trim()) cell.note = note.trim();
  return cell;
}

/** Does this text read as a table value (a number, with or without a unit) rather than a label? */
export function isValueText(s: string): boolean {
  const t = s.normalize('NFKC').trim();
  return t !== '' && NUMBER.test(t);
}
