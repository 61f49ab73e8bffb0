/**
 * Metadata read from the report itself: agency (title, 落款, or the organ the text keeps naming), report
 * year and publication date.
 */
import type { DocMeta } from '@nianbao/extract';
import type { Line } from './lines';
import { parseDate } from './numbers';
import { placeNamesIn } from './region';

const ORGAN_SUFFIX = '(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|管理局|局|委|厅|办|院|中心|馆|所|站|队|处|会|政府)';
const ORGAN = new RegExp(`^[\\u4e00-\\u9fa5（）()]{2,30}?${ORGAN_SUFFIX}$`);

const TITLE_YEAR_FIRST = /(\d{4})\s*年度?\s*([\u4e00-\u9fa5（）()]{2,30}?)\s*(?:政府信息公开|政务公开|信息公开)/;
const TITLE_AGENCY_FIRST = /([\u4e00-\u9fa5（）()]{2,30}?)\s*(\d{4})\s*年度?\s*(?:政府信息公开|政务公开|信息公开)[^，。]{0,12}(?:年度报告|年报|工作报告)/;

export interface TitleInfo {
  agency: string | null;
  year: number | null;
}

/**
 * Lines of a web page around the report, not its title: the breadcrumb (「当前位置：首页 > 政务公开 > …」)
 * and the page's info line (「发布时间：2025-01-20　来源：…　浏览次数：…」).
 */
const PAGE_LINE = /^(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置|位置)[:：]|(?:首页|主页)\s*[>＞»/]|^(?:发布时间|发布日期|公开日期|时间|日期|来源|浏览次数|字号)[:：]/;

/** The head of the text without the web page's breadcrumb and info lines. */
export function withoutPageLines(head: string): string {
  return head
    .split('\n')
    .filter((l) => !PAGE_LINE.test(l.trim()))
    .join('\n');
}

const PAGE_DATE = /(?:发布时间|发布日期|公开日期|时间|日期)\s*[:：]\s*((?:19|20)\d{2}\s*(?:[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?))/;

/** The web page's own date, printed with the report (「发布时间：2025-01-20」): its publication date. */
export function pageDate(head: string): string | null {
  const m = head.match(PAGE_DATE);
  return m ? parseDate(m[1]!.replace(/\s+/g, '')) : null;
}

/** The title: the text before the first section, lines joined (titles wrap: 「2024 年上海市科委政府信息公开工作\n年度报告」). */
export function readTitle(head: string): TitleInfo {
  const joined = withoutPageLines(head).replace(/[\s\u3000]+/g, '').slice(0, 160);
  // the earliest match is the title; a later one is a sentence of the preamble (「市科委编制了2024年度…报告」)
  const candidates: { at: number; agency: string; year: number }[] = [];
  const a = joined.match(TITLE_AGENCY_FIRST);
  if (a && isOrganName(a[1]!)) candidates.push({ at: a.index!, agency: a[1]!, year: Number(a[2]) });
  const y = joined.match(TITLE_YEAR_FIRST);
  if (y && isOrganName(y[2]!)) candidates.push({ at: y.index!, agency: y[2]!, year: Number(y[1]) });
  candidates.sort((p, q) => p.at - q.at);
  const best = candidates[0];
  return best ? { agency: cleanName(best.agency), year: best.year } : { agency: null, year: null };
}

const cleanName = (s: string) => s.replace(/^(?:正文|关于|附件\d?)/, '').replace(/[\s\u3000]/g, '');
const isOrganName = (s: string) =>
  // Stryker disable next-line Regex: the candidates are captured as [\u4e00-\u9fa5（）()]{2,30}, so the anchors cannot change a verdict
  /^[\u4e00-\u9fa5（）()]{3,30}$/.test(cleanName(s)) && !/^(?:本|我|年度|关于|政府)/.test(cleanName(s));

export interface Signature {
  agency: string | null;
  date: string | null;
  dateSpan: [number, number] | null;
}

/** The 落款 at the end: the organ's name, then the date, each on a line of its own. */
export function readSignature(lines: Line[]): Signature {
  const tail = lines.filter((l) => l.text.trim()).slice(-6);
  for (let i = tail.length - 1; i >= 0; i--) {
    const t = tail[i]!.text.trim();
    if (t.length > 20 || PAGE_LINE.test(t)) continue;
    const date = parseDate(t);
    if (!date) continue;
    const prev = tail[i - 1]?.text.trim() ?? '';
    const agency = prev.length <= 30 && ORGAN.test(prev.replace(/[\s\u3000]/g, '')) ? prev.replace(/[\s\u3000]/g, '') : null;
    return { agency, date, dateSpan: [tail[i]!.start, tail[i]!.end] };
  }
  const last = tail.at(-1)?.text.trim().replace(/[\s\u3000]/g, '') ?? '';
  return { agency: last.length <= 30 && ORGAN.test(last) ? last : null, date: null, dateSpan: null };
}

const ORGAN_AFTER_PLACE = new RegExp(`^[\\u4e00-\\u9fa5]{0,14}?${ORGAN_SUFFIX}`);

/** The organ the text keeps naming (「南开区文化和旅游局」), for reports with neither title nor 落款. */
export function mostNamedOrgan(text: string): string | null {
  const counts = new Map<string, number>();
  for (const { name, index } of placeNamesIn(text)) {
    const m = text.slice(index + name.length, index + name.length + 20).match(ORGAN_AFTER_PLACE);
    if (!m || !m[0]) continue;
    const organ = name + m[0];
    counts.set(organ, (counts.get(organ) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const e of counts) if (!best || e[1] > best[1] || (e[1] === best[1] && e[0].length > best[0].length)) best = e;
  return best && best[1] >= 2 ? best[0] : null;
}

/** The report year from the opening text: the year most named in it (「2019年，…」「现将我局2019年度…」). */
export function readYear(head: string): number | null {
  const counts = new Map<number, number>();
  for (const m of head.matchAll(/(20\d{2})\s*年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: [number, number] | null = null;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  return best?.[0] ?? null;
}

export function metaDate(meta: DocMeta): string | null {
  return meta.publishedOn ? parseDate(meta.publishedOn) : null;
}
