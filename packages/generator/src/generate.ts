/**
 * A reproducible synthetic province: agencies of a real province, their reports over the years up
 * to 2025 in both templates, with defects injected at configurable rates and the truth of each
 * report (the audit rules it must trigger). Reports are produced one at a time (`iterateProvince`),
 * year by year, so 10,000 reports never sit in memory at once; only a few figures per agency are
 * carried from one year to the next.
 */
import type { SectionId, TemplateVersion } from '@nianbao/model';
import { agenciesOf, loadProvince, type Agency } from './agencies';
import { numberOf, printFigures, type Padding, type Printed } from './cells';
import {
  DEFAULT_RATES,
  DEFECT_KINDS,
  defect,
  injectStateDefect,
  injectTruncation,
  injectValueDefect,
  type CellDefectContext,
  type Defect,
  type DefectKind,
  type Rates,
} from './defects';
import { adaptState, carryFrom, drawFigures, versionOfYear, type CarryState } from './figures';
import { drawNarrative, type Narrative, type Stated } from './narrative';
import { Rng, hashSeed } from './prng';
import { EXTENSION, FORMATS, render, type Block, type Format, type ReportDocument } from './render';
import { tableFour, tableThree, tableTwo } from './tables';
import { cellRules, deadline, historyRules, identityRules, metaRules, narrativeRules, sectionRules } from './truth';

export const LAST_YEAR = 2025;

export interface GenerateOptions {
  seed: number;
  /** Number of agencies (the province's 人民政府 and departments at every level). */
  agencies: number;
  /** Number of report years, ending at 2025 (2019–2020 in the 2019 layout, 2021 on in the 2021 one). */
  years: number;
  /** Shapes to write, assigned to reports in turn (default: all three). */
  formats?: Format[];
  /** Chance per report of each defect (merged over DEFAULT_RATES). */
  rates?: Rates;
  /** The province (2-digit code or name; default 江西省). */
  province?: string;
}

export interface Truth {
  /** Every audit rule the report must trigger, sorted. */
  rules: string[];
  /** The defects injected into it. */
  defects: Defect[];
  /** The publication date a reader can know (落款, else the portal's record). */
  publishedOn: string | null;
  /** Sections the report leaves out. */
  missingSections: SectionId[];
  /** What the parser must read from every cell of the template (state, value). */
  cells: Printed;
  /** The figures the narrative states. */
  stated: Stated;
}

export interface GeneratedReport {
  fileName: string;
  bytes: Uint8Array;
  format: Format;
  agency: Agency;
  year: number;
  template: TemplateVersion;
  truth: Truth;
  /** The document the bytes render (for printing it in other layouts: print.ts). */
  document: ReportDocument;
}

/** What one agency hands from one year to the next. */
interface AgencyYear {
  carry: CarryState;
  version: TemplateVersion;
  /** The printed cells history rules read next year. */
  history: Printed;
  narrativeSeed: number;
  missingSection: boolean;
}

interface Plan {
  kinds: Set<DefectKind>;
  /** Index (in the agency list) of the agency whose narrative this one copies. */
  copyFrom?: number;
}

const HISTORY_KEYS = [
  ...['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'].map((c) => `t3.carriedForward.${c}`),
  ...['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees'].flatMap((r) => [`${r}.previousCount`, `${r}.change`]),
  't2.regulations.inForce',
  't2.normativeDocs.inForce',
];

export function yearsOf(years: number): number[] {
  const n = Math.max(1, Math.min(years, LAST_YEAR - 2019 + 1));
  return Array.from({ length: n }, (_, i) => LAST_YEAR - n + 1 + i);
}

export interface Province {
  province: { code: string; name: string };
  agencies: Agency[];
  years: number[];
  /** The reports, one at a time, year by year, agencies in order. */
  reports: Generator<GeneratedReport>;
}

export function iterateProvince(options: GenerateOptions): Province {
  const prov = loadProvince(options.province ?? '36');
  const agencies = agenciesOf(prov, options.seed, options.agencies);
  const years = yearsOf(options.years);
  return {
    province: { code: prov.code, name: prov.name },
    agencies,
    years,
    reports: reportsOf(options, agencies, years),
  };
}

/** Everything in memory: for tests and small provinces. */
export function generateProvince(options: GenerateOptions): { province: { code: string; name: string }; agencies: Agency[]; years: number[]; reports: GeneratedReport[] } {
  const p = iterateProvince(options);
  return { ...p, reports: [...p.reports] };
}

function* reportsOf(options: GenerateOptions, agencies: Agency[], years: number[]): Generator<GeneratedReport> {
  const rates = { ...DEFAULT_RATES, ...(options.rates ?? {}) };
  const formats = options.formats?.length ? options.formats : FORMATS;
  const seed = options.seed;
  const state = new Map<string, AgencyYear>();
  for (let yi = 0; yi < years.length; yi++) {
    const year = years[yi]!;
    const plans = planYear(seed, agencies, year, rates, state);
    // the narrative's seed: its own, last year's (a copy), or the copied agency's of this year
    const narrativeSeeds: number[] = [];
    agencies.forEach((agency, i) => {
      const plan = plans[i]!;
      const prev = state.get(agency.id);
      let s = hashSeed(seed, 'narrative', agency.id, year);
      if (plan.kinds.has('copied-from-last-year') && prev) s = prev.narrativeSeed;
      if (plan.copyFrom !== undefined) s = narrativeSeeds[plan.copyFrom]!;
      narrativeSeeds.push(s);
    });
    // reports drawing the same sentences are near-identical, however they came to share them
    const bySeed = new Map<number, number[]>();
    narrativeSeeds.forEach((s, i) => bySeed.set(s, [...(bySeed.get(s) ?? []), i]));
    for (let i = 0; i < agencies.length; i++) {
      const agency = agencies[i]!;
      const plan = plans[i]!;
      const prev = state.get(agency.id) ?? null;
      const narrativeSeed = narrativeSeeds[i]!;
      const sharedWith = bySeed.get(narrativeSeed)!.filter((j) => j !== i).map((j) => agencies[j]!.name);
      const format = formats[(i + yi) % formats.length]!;
      const { report, next } = generateReport({ seed, agency, year, format, plan, prev, narrativeSeed, sharedWith, agencies });
      state.set(agency.id, next);
      yield report;
    }
  }
}

/** Which defects each report of the year gets, and who copies whom (decided before any is written). */
function planYear(seed: number, agencies: Agency[], year: number, rates: Record<DefectKind, number>, state: Map<string, AgencyYear>): Plan[] {
  const version = versionOfYear(year);
  const plans: Plan[] = [];
  const sources: Record<string, number[]> = { government: [], department: [] };
  agencies.forEach((agency, i) => {
    const rng = Rng.of(seed, 'plan', agency.id, year);
    const kinds = new Set<DefectKind>();
    for (const k of DEFECT_KINDS) if (rng.chance(rates[k])) kinds.add(k);
    const prev = state.get(agency.id);
    if (!prev) {
      kinds.delete('wrong-carry-over');
      kinds.delete('copied-from-last-year');
    }
    if (!(version === '2019' && prev?.version === '2019')) kinds.delete('wrong-item-count');
    if (!(version === '2021' && prev?.version === '2021')) kinds.delete('wrong-in-force');
    if (kinds.has('missing-date')) kinds.delete('late-date');
    // a copy is of whole narratives: neither side leaves out a section
    if (kinds.has('copied-from-last-year') && (prev?.missingSection || kinds.has('copied-across-agencies'))) {
      kinds.delete('copied-from-last-year');
    }
    const plan: Plan = { kinds };
    if (kinds.has('copied-across-agencies')) {
      const pool = sources[agency.kind]!;
      if (pool.length) {
        plan.copyFrom = rng.pick(pool);
      } else kinds.delete('copied-across-agencies');
    }
    if (kinds.has('copied-across-agencies') || kinds.has('copied-from-last-year')) kinds.delete('missing-section');
    if (!kinds.has('missing-section') && !kinds.has('copied-across-agencies') && !kinds.has('copied-from-last-year')) {
      sources[agency.kind]!.push(i);
    }
    plans.push(plan);
  });
  return plans;
}

const VALUE_DEFECTS: DefectKind[] = [
  'broken-t3-flow',
  'broken-t3-outcomes',
  'broken-t3-applicants',
  'broken-t4-totals',
  'wrong-carry-over',
  'wrong-item-count',
  'wrong-in-force',
  'unit-in-cell',
];

const CN_DIGITS = '〇一二三四五六七八九';
const cnYear = (y: number) => [...String(y)].map((d) => CN_DIGITS[Number(d)]).join('');
const cnSmall = (n: number) => (n <= 10 ? (n === 10 ? '十' : CN_DIGITS[n]!) : n < 20 ? `十${CN_DIGITS[n - 10]}` : `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`);

function writtenDate(iso: string, rng: Rng): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const style = rng.int(0, 9);
  if (style === 0) return `${cnYear(y)}年${cnSmall(m)}月${cnSmall(d)}日`;
  if (style === 1) return `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`;
  return `${y}年${m}月${d}日`;
}

function addDays(iso: string, days: number): string {
  const t = new Date(`${iso}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

interface ReportInput {
  seed: number;
  agency: Agency;
  year: number;
  format: Format;
  plan: Plan;
  prev: AgencyYear | null;
  narrativeSeed: number;
  /** Agencies whose report of the year draws the same narrative. */
  sharedWith: string[];
  agencies: Agency[];
}

function generateReport(input: ReportInput): { report: GeneratedReport; next: AgencyYear } {
  const { seed, agency, year, format, plan, prev } = input;
  const version = versionOfYear(year);
  const rng = Rng.of(seed, 'report', agency.id, year);
  const figures = drawFigures(Rng.of(seed, 'figures', agency.id, year), agency, year, prev ? adaptState(prev.carry, year) : null);
  const pad = rng.pick<Padding>(['', '', '', '\u3000', ' ', '\u3000\u3000']);
  const printed = printFigures(version, figures, pad);
  const defects: Defect[] = [];

  // figures first, then cells left blank or filled with symbols, then the truncation
  const ctx: CellDefectContext = {
    rng: Rng.of(seed, 'defects', agency.id, year),
    version,
    printed,
    pad,
    prev: prev ? { version: prev.version, printed: prev.history } : null,
    touched: new Set(),
  };
  for (const kind of VALUE_DEFECTS) {
    if (!plan.kinds.has(kind)) continue;
    const d = injectValueDefect(kind, ctx);
    if (d) defects.push(d);
  }
  for (const kind of ['blank-cell', 'placeholder-cell', 'text-cell'] as const) {
    if (!plan.kinds.has(kind)) continue;
    const d = injectStateDefect(kind, ctx);
    if (d) defects.push(d);
  }
  let through: string | undefined;
  // a truncated table would hide a broken identity's own rows: one or the other
  if (plan.kinds.has('truncated-table') && !defects.some((d) => d.kind.startsWith('broken-'))) {
    const t = injectTruncation(ctx);
    if (t) {
      defects.push(t.defect);
      through = t.through;
    }
  }

  // the figures the text states: as printed, else the true figure (the text was written from the files)
  const shown = (key: string) => numberOf(printed[key]) ?? figures[key]!;
  const stated: Stated = {
    newReceived: shown('t3.newReceived.total'),
    review: shown('t4.review.total'),
    litigation: shown('t4.litigationDirect.total') + shown('t4.litigationAfterReview.total'),
  };
  if (plan.kinds.has('text-contradiction')) {
    const r = Rng.of(seed, 'contradiction', agency.id, year);
    const k = r.int(1, 9);
    const which = r.pick(['newReceived', 'review'] as const);
    stated[which] = stated[which]! + k;
    defects.push(defect('text-contradiction', { detail: `正文${which === 'newReceived' ? '收到申请' : '行政复议'}件数+${k}` }));
  }
  const narrative = drawNarrative(input.narrativeSeed, agency, year, stated);
  // the none-sentence 「未发生…行政复议、行政诉讼」 states no figure the audit can read
  const statedForTruth: Stated = { ...stated };
  if (stated.review === 0 && stated.litigation === 0) {
    statedForTruth.review = null;
    statedForTruth.litigation = null;
  }
  if (plan.kinds.has('copied-from-last-year')) defects.push(defect('copied-from-last-year', { detail: `${year - 1}年报告改年份` }));
  if (plan.copyFrom !== undefined) {
    defects.push(defect('copied-across-agencies', { detail: `抄自${input.agencies[plan.copyFrom]!.name}` }));
  }

  const missingSections: SectionId[] = [];
  if (plan.kinds.has('missing-section')) {
    const s = rng.pick<SectionId>(['s5', 's6']);
    missingSections.push(s);
    defects.push(defect('missing-section', { detail: s }));
  }

  // dates: on time by default; departments by 31 January, 人民政府 by 31 March of the next year
  const due = deadline(year, agency.kind);
  const dateRng = Rng.of(seed, 'date', agency.id, year);
  const onTime = addDays(due, -dateRng.int(0, agency.kind === 'government' ? 80 : 25));
  let signed: string | null = onTime;
  if (plan.kinds.has('late-date')) {
    signed = addDays(due, dateRng.int(1, 90));
    defects.push(defect('late-date', { detail: signed }));
  }
  if (plan.kinds.has('missing-date')) {
    signed = null;
    defects.push(defect('missing-date'));
  }
  // the portal records the day it published the page, which is the 落款's or, without one, on time
  const portalDate = format === 'html' ? (signed ?? onTime) : null;
  const publishedOn = signed ?? portalDate;

  const doc = buildDocument({ agency, year, version, printed, narrative, through, missingSections, signed, portalDate, rng });
  const bytes = render(doc, format);

  const rules = new Set<string>([
    ...cellRules(version, printed),
    ...identityRules(version, printed),
    ...historyRules(version, printed, prev ? { version: prev.version, printed: prev.history } : null),
    ...narrativeRules(printed, statedForTruth),
    ...metaRules({ year, kind: agency.kind, signed, publishedOn }),
    ...sectionRules(missingSections),
  ]);
  // a copy is found on both sides (the copied report too), and a copy of a copy is a copy
  if (input.sharedWith.length) rules.add('originality.copied-across-agencies');
  if (prev && prev.narrativeSeed === input.narrativeSeed) rules.add('originality.copied-from-last-year');

  const history: Printed = {};
  for (const k of HISTORY_KEYS) if (printed[k]) history[k] = printed[k]!;
  const next: AgencyYear = {
    carry: carryFrom(version, (k) => numberOf(printed[k]), figures),
    version,
    history,
    narrativeSeed: input.narrativeSeed,
    missingSection: missingSections.length > 0,
  };
  return {
    report: {
      fileName: `${agency.id}_${year}.${EXTENSION[format]}`,
      bytes,
      format,
      agency,
      year,
      template: version,
      truth: { rules: [...rules].sort(), defects, publishedOn, missingSections, cells: printed, stated: statedForTruth },
      document: doc,
    },
    next,
  };
}

const SECTION_TITLES: Record<SectionId, string> = {
  s1: '一、总体情况',
  s2: '二、主动公开政府信息情况',
  s3: '三、收到和处理政府信息公开申请情况',
  s4: '四、政府信息公开行政复议、行政诉讼情况',
  s5: '五、存在的主要问题及改进情况',
  s6: '六、其他需要报告的事项',
};

function buildDocument(o: {
  agency: Agency;
  year: number;
  version: TemplateVersion;
  printed: Printed;
  narrative: Narrative;
  through: string | undefined;
  missingSections: SectionId[];
  signed: string | null;
  portalDate: string | null;
  rng: Rng;
}): ReportDocument {
  const { agency, year, version, printed, narrative: n } = o;
  const show = (key: string) => (printed[key]!.state === 'absent' ? undefined : printed[key]!.raw);
  const blocks: Block[] = n.preamble.map((text) => ({ kind: 'paragraph', text }));
  const section = (id: SectionId, body: Block[]) => {
    if (o.missingSections.includes(id)) return;
    blocks.push({ kind: 'heading', text: SECTION_TITLES[id] }, ...body);
  };
  const paras = (list: { text: string; heading?: boolean }[] | string[]): Block[] =>
    list.map((p) => (typeof p === 'string' ? { kind: 'paragraph', text: p } : { kind: 'paragraph', text: p.text, sub: p.heading }));
  section('s1', paras(n.s1));
  section('s2', [...paras(n.s2), { kind: 'table', table: tableTwo(version, show) }]);
  section('s3', [...paras(n.s3), { kind: 'table', table: tableThree(version, show, o.through) }]);
  section('s4', [...paras(n.s4), { kind: 'table', table: tableFour(version, show) }]);
  section('s5', paras(n.s5));
  section('s6', paras(n.s6));
  const title = `${agency.name}${year}年${o.rng.chance(0.3) ? '度' : ''}政府信息公开工作年度报告`;
  const site = agency.level === 'province' || agency.level === 'city' ? agency.region.name.replace(/^.*?省(?=.)/, '') : agency.name.replace(/人民政府$|[^县区市旗]*$/, '');
  return {
    title,
    blocks,
    signature: { name: agency.name, date: o.signed ? writtenDate(o.signed, o.rng) : null },
    portal: {
      publisher: agency.name,
      publishedOn: o.portalDate,
      site: `${site || agency.region.name}人民政府门户网站`,
      index: `${agency.region.code}-${String(hashSeed(agency.id, year) % 100000).padStart(5, '0')}/${year + 1}-00${o.rng.int(100, 999)}`,
    },
    style: { indent: o.rng.pick(['', '\u3000\u3000', '  ']), signatureIndent: o.rng.pick(['', '\u3000\u3000\u3000\u3000\u3000\u3000', '                    ']) },
  };
}
