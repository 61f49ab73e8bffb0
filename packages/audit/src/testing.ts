/**
 * Test reports without the parser: a ParsedReport and its normalised text from a map of cell key →
 * raw string, the template's other cells filled in (`0` by default), six sections with plausible
 * content unless told otherwise, and a 落款. Cells are parsed with the parser's own cell reader.
 */
import {
  SECTIONS,
  TABLE_SECTION,
  cellDef,
  cellKeys,
  templateOf,
  type Agency,
  type Cell,
  type ParsedReport,
  type Section,
  type SectionId,
  type TableId,
  type TemplateVersion,
} from '@nianbao/model';
import { parseCell, splitHeading } from '@nianbao/parser';

export interface SectionSpec {
  heading?: string;
  body?: string;
  numbering?: Section['numbering'];
  ordinal?: string | null;
}

export interface ReportSpec {
  template?: TemplateVersion | 'unknown';
  /** The cells' layout when `template` is unknown (default: the year's). */
  layout?: TemplateVersion;
  year?: number | null;
  agency?: string | null | Partial<Agency>;
  /** ISO date; defaults to 15 January of the year after. `null` for none. */
  publishedOn?: string | null;
  /** Raw text per cell key; `null` makes the cell absent. */
  cells?: Record<string, string | null>;
  /** The raw text of every other template cell: `'0'` by default, `''` blank, `null` absent. */
  fill?: string | null;
  /** Body text per section (the heading is the template's), a full spec, or `false` for a missing section. */
  sections?: Partial<Record<SectionId, string | false | SectionSpec>>;
  /** Order the sections appear in (default s1…s6). */
  order?: SectionId[];
  /** The 落款 at the end (default: agency name and the date); `''` for none. */
  signature?: string;
  /** Text before the first section (default: a title line). */
  preamble?: string;
}

export const DEFAULT_BODIES: Record<SectionId, string> = {
  s1:
    '本年度，我局认真贯彻《中华人民共和国政府信息公开条例》，扎实推进主动公开工作，及时发布政策文件和工作动态；' +
    '规范办理依申请公开，严格按照法定期限答复；加强政府信息管理，落实公开属性源头认定和保密审查机制；' +
    '加强政府网站和政务新媒体等政府信息公开平台建设；健全监督保障机制，组织业务培训，将政务公开纳入年度考核。',
  s2: '本年度主动公开政府信息情况如下表。',
  s3: '本年度收到和处理政府信息公开申请情况如下表。',
  s4: '本年度政府信息公开行政复议、行政诉讼情况如下表。',
  s5: '存在的主要问题是政策解读形式较为单一。下一步，我局将丰富解读形式，提升政策解读质量，加强队伍建设。',
  s6: '本年度未收取信息处理费。无其他需要报告的事项。',
};


export function buildReport(spec: ReportSpec = {}): { report: ParsedReport; text: string } {
  const year = spec.year === undefined ? 2021 : spec.year;
  const template = spec.template ?? (year === null ? '2021' : templateOf(year));
  const layout: TemplateVersion = template !== 'unknown' ? template : (spec.layout ?? templateOf(year));
  const agencyIn = spec.agency === undefined ? '测试市测试局' : spec.agency;
  const agency: Agency =
    agencyIn === null
      ? { name: null, source: null, region: null, kind: 'department' }
      : typeof agencyIn === 'string'
        ? { name: agencyIn, source: 'text', region: null, kind: /人民政府$/.test(agencyIn) ? 'government' : 'department' }
        : { name: '测试市测试局', source: 'text', region: null, kind: 'department', ...agencyIn };
  const publishedOn = spec.publishedOn === undefined ? (year === null ? null : `${year + 1}-01-15`) : spec.publishedOn;

  const raw = new Map<string, string | null>();
  const fill = spec.fill === undefined ? '0' : spec.fill;
  for (const key of cellKeys(layout)) raw.set(key, fill);
  for (const [k, v] of Object.entries(spec.cells ?? {})) raw.set(k, v);

  let text = spec.preamble ?? `${agency.name ?? ''}${year ?? ''}年政府信息公开工作年度报告\n`;
  const sections = {} as Record<SectionId, Section>;
  const cells: Record<string, Cell> = {};
  const order = spec.order ?? SECTIONS.map((s) => s.id);
  const starts: { id: SectionId; start: number }[] = [];
  for (const id of order) {
    const def = SECTIONS.find((s) => s.id === id)!;
    const given = spec.sections?.[id];
    if (given === false) continue;
    const s: SectionSpec = typeof given === 'string' ? { body: given } : (given ?? {});
    const ordinal = s.ordinal === undefined ? def.ordinal : s.ordinal;
    const heading = s.heading ?? `${ordinal ?? ''}、${def.title}`;
    const start = text.length;
    text += `${heading}\n${s.body ?? DEFAULT_BODIES[id]}\n`;
    // the table of the section, one cell a line
    for (const [key, value] of raw) {
      if (TABLE_SECTION[key.slice(0, 2) as TableId] !== id || value === null) continue;
      const line = `${key}\t`;
      const at = text.length + line.length;
      text += `${line}${value}\n`;
      cells[key] = parseCell(value, cellDef(layout, key)?.column, [at, at + value.length]);
    }
    starts.push({ id, start });
    sections[id] = {
      present: true,
      heading,
      numbering: s.numbering ?? (ordinal === null ? 'none' : /\d/.test(ordinal) ? 'arabic' : 'chinese'),
      ordinal,
      title: splitHeading(heading).title,
      span: [start, start],
    };
  }
  // cells of a table whose section is missing still sit in the text, at the end
  for (const [key, value] of raw) {
    if (value === null || cells[key]) continue;
    const line = `${key}\t`;
    const at = text.length + line.length;
    text += `${line}${value}\n`;
    cells[key] = parseCell(value, cellDef(layout, key)?.column, [at, at + value.length]);
  }
  const signature = spec.signature ?? `${agency.name ?? ''}\n${publishedOn ? publishedOn.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') : ''}`;
  text += signature;
  const sorted = [...starts].sort((a, b) => a.start - b.start);
  sorted.forEach((s, i) => (sections[s.id].span = [s.start, sorted[i + 1]?.start ?? text.length]));
  for (const def of SECTIONS) sections[def.id] ??= { present: false, heading: null, numbering: null, span: null, ordinal: null };

  const allCells: Record<string, Cell> = {};
  for (const key of cellKeys(layout)) allCells[key] = cells[key] ?? { raw: '', state: 'absent', value: null, span: null };
  for (const [k, c] of Object.entries(cells)) allCells[k] ??= c;

  return {
    text,
    report: {
      file: 'test.txt',
      sha256: '',
      agency,
      year,
      template,
      publishedOn,
      sections,
      cells: allCells,
      findings: [],
      score: null,
    },
  };
}

/** A table 三 column's figures: 本年新收, 上年结转, 予以公开, 总计, 结转下年度 (the rest 0). */
export function t3Column(column: string, f: { newReceived: number; carriedOver?: number; granted?: number; carriedForward?: number }) {
  const carriedOver = f.carriedOver ?? 0;
  const carriedForward = f.carriedForward ?? 0;
  const granted = f.granted ?? f.newReceived + carriedOver - carriedForward;
  return {
    [`t3.newReceived.${column}`]: String(f.newReceived),
    [`t3.carriedOver.${column}`]: String(carriedOver),
    [`t3.granted.${column}`]: String(granted),
    [`t3.totalProcessed.${column}`]: String(granted),
    [`t3.carriedForward.${column}`]: String(carriedForward),
  };
}
