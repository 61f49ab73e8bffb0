/**
 * Document → ParsedReport: sections, template detection, label matching, cell states and metadata,
 * exactly in the canonical model of spec/report-model.md (findings and score are the audit's).
 */
import type { Document } from '@nianbao/extract';
import { SECTIONS, TABLE_SECTION, templateOf, type Agency, type Cell, type ParsedReport, type SectionId } from '@nianbao/model';
import { splitLines, type Line } from './lines';
import { metaDate, mostNamedOrgan, pageDate, readSignature, readTitle, readYear } from './meta';
import { foldLabel } from './normalize';
import { regionOf } from './region';
import { rowsIn } from './rows';
import { placeCells } from './positions';
import { findSections } from './sections';
import { completeCells, detectTemplate, readT2, readT3, readT4 } from './tables';

export { parseCell, parseChineseNumber, parseNumberToken, parseDate, CHINESE_NUMERAL } from './numbers';
export { regionByCode, regionOf } from './region';
export { foldLabel, dice } from './normalize';
export { splitLines, type Line } from './lines';
export { splitHeading, type HeadingParts } from './sections';

export interface Overrides {
  agency?: string;
  year?: number;
  /** ISO date yyyy-mm-dd */
  published?: string;
}

export interface ParseInput {
  /** The path as given (goes to `file`). */
  file: string;
  sha256: string;
  overrides?: Overrides;
  /** What the file name says, when the text lacks it (「沭阳县发展和改革局2023年政府信息公开年度报告.html」). */
  fromFileName?: { agency?: string; year?: number };
}

const ANCHORS: Record<'t2' | 't3' | 't4', RegExp> = {
  t2: /第二十条|本年新制作数量|本年制发件数/,
  t3: /本年新收政府信息公开申请/,
  t4: /行政复议/,
};

/** Where each table sits: its section, or where its first label appears when the heading is missing. */
function tableRegions(lines: Line[], sections: ParsedReport['sections'], length: number) {
  const starts = {} as Record<'t2' | 't3' | 't4', number | null>; // each set below
  let after = 0;
  for (const t of ['t2', 't3', 't4'] as const) {
    const s = sections[TABLE_SECTION[t]];
    if (s?.present) starts[t] = s.span![0];
    else {
      const line = lines.find((l) => l.start >= after && ANCHORS[t].test(l.text.replace(/[\s\u3000]/g, '')));
      starts[t] = line ? line.start : null;
    }
    if (starts[t] !== null) after = starts[t]!;
  }
  const boundaries = [
    ...Object.values(sections).flatMap((s) => (s.present ? [s.span![0]] : [])),
    ...Object.values(starts).filter((x): x is number => x !== null),
    length,
  ];
  const region = (t: 't2' | 't3' | 't4'): [number, number] | null => {
    const start = starts[t];
    if (start === null) return null;
    const end = Math.min(...boundaries.filter((b) => b > start));
    return [start, end];
  };
  return { t2: region('t2'), t3: region('t3'), t4: region('t4') };
}

/**
 * A 管理委员会 of a 开发区 / 高新区 / 综合实验区 / 新区 governs its whole area as a 人民政府 does: its
 * report is a government's for the deadline.
 */
const AREA_GOVERNMENT = /(?:开发区|高新区|产业园区|工业园区|园区|综合实验区|实验区|新区|示范区|合作区)(?:管理委员会|管委会)$/;

const agencyKind = (name: string | null): Agency['kind'] =>
  name && (/(?:人民政府|政府)$/.test(name) || AREA_GOVERNMENT.test(name)) && !/办公[室厅]$/.test(name)
    ? 'government'
    : 'department';

/**
 * Rows holding a figure that OCR read with low confidence (`Document.uncertain`) are doubtful: the
 * audit says so (`extract.uncertain`) and raises nothing against the agency on them.
 */
function markUncertain(spans: [number, number][], cells: Record<string, Cell>, reading: NonNullable<ParsedReport['reading']>): void {
  for (const [key, cell] of Object.entries(cells)) {
    const span = cell.span;
    if (!span || !spans.some(([a, b]) => a < span[1] && b > span[0])) continue;
    const table = key.split('.')[0]!;
    const row = key.slice(0, key.lastIndexOf('.'));
    const t = (reading[table] ??= { confidence: 'low', doubtfulRows: [] });
    t.confidence = 'low';
    if (!t.doubtfulRows.includes(row)) t.doubtfulRows.push(row);
  }
}

/**
 * The section headings of a report read by OCR that may be misread (issue 19): a heading not found,
 * or found without its template numeral. OCR loses a heading's numeral easily (「一」 is a single
 * thin stroke, taken for a speck) and may run a heading into the paragraph before it, so the
 * structure rules' findings on these sections are not raised against the agency; `extract.uncertain`
 * asks for a look at the original. Listed under `reading.sections`, as a table's doubtful rows are.
 */
function doubtfulHeadings(sections: ParsedReport['sections']): SectionId[] {
  return SECTIONS.filter((def) => {
    const s = sections[def.id];
    return !s?.present || s.numbering !== 'chinese' || s.ordinal !== def.ordinal;
  }).map((def) => def.id);
}

export function parse(doc: Document, input: ParseInput): ParsedReport {
  const { text } = doc;
  const lines = splitLines(text);
  const sections = findSections(lines, text.length);
  const regions = tableRegions(lines, sections, text.length);

  const tableText = (['t2', 't3', 't4'] as const)
    .map((t) => (regions[t] ? text.slice(regions[t]![0], regions[t]![1]) : ''))
    .join('');
  const template = detectTemplate(foldLabel(tableText || text));

  // metadata
  const firstSection = Math.min(...Object.values(sections).flatMap((s) => (s.present ? [s.span![0]] : [])), 600);
  const head = text.slice(0, Math.max(firstSection, 0));
  const title = readTitle(head || text.slice(0, 400));
  const signature = readSignature(lines);
  const o = input.overrides ?? {};
  const fromName = input.fromFileName ?? {};
  let agency: { name: string | null; source: Agency['source'] } = { name: null, source: null };
  if (o.agency) agency = { name: o.agency, source: 'metadata' };
  else {
    const read = title.agency ?? signature.agency ?? doc.meta.publisher ?? mostNamedOrgan(text);
    if (read) agency = { name: read, source: 'text' };
    else if (fromName.agency) agency = { name: fromName.agency, source: 'filename' };
  }
  // the 落款 date first; else the date the page gives (its metadata, or its info line printed with the report)
  const publishedOn = o.published ?? signature.date ?? metaDate(doc.meta) ?? pageDate(text.slice(0, 600)) ?? null;
  const publishedFrom = !publishedOn ? undefined : o.published ? 'metadata' : signature.date ? 'signature' : 'page';
  const year =
    o.year ??
    title.year ??
    readYear(text.slice(0, 1500)) ??
    (publishedOn ? Number(publishedOn.slice(0, 4)) - 1 : null) ??
    fromName.year ??
    null;

  const version = template !== 'unknown' ? template : templateOf(year);
  const cells: Record<string, Cell> = {};
  const reading: NonNullable<ParsedReport['reading']> = {};
  const laidOut = doc.format === 'pdf';
  if (regions.t2) {
    const t2 = readT2(rowsIn(doc, lines, ...regions.t2), version, cells, { laidOut }).reading;
    if (t2.doubtful.length) reading.t2 = { confidence: 'low', doubtfulRows: t2.doubtful };
  }
  if (regions.t3) {
    const t3 = readT3(rowsIn(doc, lines, ...regions.t3), version, cells, { laidOut }).reading;
    if (t3.doubtful.length) reading.t3 = { confidence: 'low', doubtfulRows: t3.doubtful };
  }
  if (regions.t4) {
    const t4 = readT4(rowsIn(doc, lines, ...regions.t4), version, cells, { laidOut }).reading;
    if (t4.doubtful.length) reading.t4 = { confidence: 'low', doubtfulRows: t4.doubtful };
  }
  if (doc.uncertain?.length) markUncertain(doc.uncertain, cells, reading);
  if (doc.ocr) {
    const headings = doubtfulHeadings(sections);
    if (headings.length) reading.sections = { confidence: 'low', doubtfulRows: headings };
  }
  placeCells(doc, cells);

  return {
    file: input.file,
    sha256: input.sha256,
    agency: {
      name: agency.name,
      source: agency.source,
      region: agency.name ? regionOf(agency.name, text) : null,
      kind: agencyKind(agency.name),
    },
    year,
    template,
    publishedOn,
    ...(publishedFrom ? { publishedFrom } : {}),
    sections: sections as Record<SectionId, ParsedReport['sections'][string]>,
    cells: completeCells(version, cells),
    findings: [],
    score: null,
    ...(Object.keys(reading).length ? { reading } : {}),
    ...(doc.ocr ? { ocr: true } : {}),
  };
}
