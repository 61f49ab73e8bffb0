import { SECTIONS, type Section, type SectionId, type Span } from '@nianbao/model';
import type { Line } from './lines';

const CN_ORDINALS = '一二三四五六七八九十';
const NUMBERING = /^(?:([一二三四五六七八九十])\s*[、.．，,:：]|([1-9])\s*[、.．]|第([一二三四五六])部分[、:：]?)\s*/;

export interface FoundSection extends Section {
  id: SectionId;
  lineIndex: number;
}

export interface HeadingParts {
  numbering: NonNullable<Section['numbering']>;
  /** 一 … 十, 1 … 9, or null when unnumbered. */
  ordinal: string | null;
  /** The numbering as written, blanks dropped: 「5、」「一、」「第五部分：」 (empty when none). */
  number: string;
  /** The heading without its numbering: 「5、 存在的主要问题及改进情况」 → 「存在的主要问题及改进情况」. */
  title: string;
}

/** A heading line split into its numbering and its title (leading marks 「#」「>」「*」 and blanks dropped). */
export const splitHeading = (heading: string): HeadingParts => split(heading.replace(/^[\s\u3000#>*]+/, '').replace(/[\s\u3000*]+$/, ''));

/** `t` a heading with its leading and trailing blanks and marks already dropped. */
function split(t: string): HeadingParts {
  const m = t.match(NUMBERING);
  if (!m) return { numbering: 'none', ordinal: null, number: '', title: t };
  return { numbering: m[2] ? 'arabic' : 'chinese', ordinal: m[1] ?? m[2] ?? m[3]!, number: m[0].replace(/[\s\u3000]/g, ''), title: t.slice(m[0].length) };
}

function headingOf(line: Line): HeadingParts | null {
  if (line.text.length > 80) return null; // a paragraph, not a heading (checked before any regex: hot path)
  const t = line.text
    .replace(/^[\s\u3000#>*]+/, '')
    .replace(/[\s\u3000*]+$/, '');
  if (!t || t.length > 40 || /[，。；;,]/.test(t)) return null;
  return split(t);
}

/**
 * The six template sections: numbered 一、 or 1、 or not at all, wording that varies
 * (「政府信息公开工作的基本情况」 is 一; 「主动公开政府信息统计表」 is 二).
 */
export function findSections(lines: Line[], textLength: number): Record<SectionId, Section> {
  const found: FoundSection[] = [];
  const seen = new Set<SectionId>();
  lines.forEach((line, lineIndex) => {
    const h = headingOf(line);
    if (!h) return;
    const compact = h.title.replace(/[\s\u3000]+/g, '');
    for (const def of SECTIONS) {
      if (seen.has(def.id)) continue;
      const m = compact.match(def.patterns[0]!);
      if (!m) continue;
      // an unnumbered heading must be its title alone, not a line that mentions it (「(一)主动公开…」, a wrapped intro)
      if (h.numbering === 'none' && (m.index !== 0 || compact.length > 20)) continue;
      if (h.numbering !== 'none' && m.index! > 12) continue;
      seen.add(def.id);
      found.push({
        id: def.id,
        present: true,
        heading: line.text.trim(),
        numbering: h.numbering,
        ordinal: h.ordinal,
        title: h.title,
        span: [line.start, line.end],
        lineIndex,
      });
      break;
    }
  });
  inferProblemsSection(lines, found);
  found.sort((a, b) => a.span![0] - b.span![0]);
  // a section runs from its heading to the next template heading
  for (let i = 0; i < found.length; i++) {
    const next = found[i + 1];
    found[i]!.span = [found[i]!.span![0], next ? next.span![0] : textLength] as Span;
  }
  const out = {} as Record<SectionId, Section>;
  for (const def of SECTIONS) {
    const f = found.find((s) => s.id === def.id);
    out[def.id] = f
      ? { present: true, heading: f.heading, numbering: f.numbering, span: f.span, ordinal: f.ordinal, title: f.title }
      : { present: false, heading: null, numbering: null, span: null, ordinal: null };
  }
  return out;
}

/**
 * Reports converted from PDF sometimes lose the heading of 五 while its content stays, opening with
 * 「（一）主要问题」 or 「（一）2024年工作中存在问题的改进情况」. Such a part counts as the section, unnumbered.
 */
function inferProblemsSection(lines: Line[], found: FoundSection[]) {
  if (found.some((s) => s.id === 's5')) return;
  const s4 = found.find((s) => s.id === 's4');
  const s6 = found.find((s) => s.id === 's6');
  const from = s4 ? s4.lineIndex + 1 : 0;
  const to = s6 ? s6.lineIndex : lines.length;
  if (!s4 && !s6) return;
  for (let i = from; i < to; i++) {
    const t = lines[i]!.text.trim();
    if (t.length <= 40 && /^[（(][一二][)）]/.test(t) && /主要问题|存在问题|改进情况|改进措施|整改措施/.test(t)) {
      found.push({
        id: 's5',
        present: true,
        heading: t,
        numbering: 'none',
        ordinal: null,
        title: t,
        span: [lines[i]!.start, lines[i]!.end],
        lineIndex: i,
      });
      return;
    }
  }
}

export const ordinalIndex = (ordinal: string | null | undefined): number | null =>
  !ordinal ? null : /\d/.test(ordinal) ? Number(ordinal) : CN_ORDINALS.indexOf(ordinal) + 1;
