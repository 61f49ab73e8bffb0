/**
 * Reads generated reports back with the real pipeline and scores the audit against the truth:
 * `readBack` compares what the parser reads with what the generator printed; `AccuracyMeter` runs the
 * real audit with the cross-report context an ingest gives it (the agency's previous report, the
 * same year's reports sharing an LSH band) and counts, per rule, reports where the rule fired as the
 * truth says (true positives), fired without cause (false positives) or stayed silent (misses).
 */
import { createHash } from 'node:crypto';
import { audit, LshIndex, narrativeSignature, narrativeText } from '@nianbao/audit';
import type { Finding } from '@nianbao/model';
import { extract, type Document } from '@nianbao/extract';
import { cellDefs, type ParsedReport } from '@nianbao/model';
import { parse } from '@nianbao/parser';
import type { GeneratedReport } from './generate';

export interface ReadBack {
  doc: Document;
  report: ParsedReport;
}

export async function readBack(r: GeneratedReport): Promise<ReadBack> {
  const doc = await extract(r.bytes, r.fileName);
  const sha256 = createHash('sha256').update(r.bytes).digest('hex');
  return { doc, report: parse(doc, { file: r.fileName, sha256 }) };
}

/** Differences between what was printed and what was read: cells, sections, year, agency, date. */
export function differences(r: GeneratedReport, parsed: ParsedReport): string[] {
  const out: string[] = [];
  if (parsed.template !== r.template) out.push(`template: read ${parsed.template}, printed ${r.template}`);
  if (parsed.year !== r.year) out.push(`year: read ${parsed.year}, printed ${r.year}`);
  if (parsed.agency.name !== r.agency.name) out.push(`agency: read ${parsed.agency.name}, printed ${r.agency.name}`);
  if (parsed.publishedOn !== r.truth.publishedOn) out.push(`publishedOn: read ${parsed.publishedOn}, printed ${r.truth.publishedOn}`);
  if ((parsed.agency.kind ?? 'department') !== r.agency.kind) out.push(`kind: read ${parsed.agency.kind}, is ${r.agency.kind}`);
  for (const id of ['s1', 's2', 's3', 's4', 's5', 's6'] as const) {
    const present = !r.truth.missingSections.includes(id);
    if (!!parsed.sections[id]?.present !== present) out.push(`section ${id}: read ${parsed.sections[id]?.present}, printed ${present}`);
  }
  for (const d of cellDefs(r.template)) {
    const want = r.truth.cells[d.key]!;
    const got = parsed.cells[d.key];
    if (!got || got.state !== want.state || got.value !== want.value || (want.unit ?? null) !== (got.unit ?? null)) {
      out.push(`${d.key}: read ${got ? `${got.state} ${JSON.stringify(got.raw)} ${got.value}` : 'nothing'}, printed ${want.state} ${JSON.stringify(want.raw)} ${want.value}`);
    }
  }
  return out;
}

export interface RuleCount {
  tp: number;
  fp: number;
  fn: number;
}

/** How well one set of reports (a PDF layout) is read and audited. */
export interface GroupAccuracy {
  reports: number;
  perRule: Accuracy['perRule'];
  minPrecision: number;
  minRecall: number;
  /** Cells of the template read to the state and value printed, of all cells (0–1). */
  cellAccuracy: number;
  cells: number;
  wrongCells: number;
  /** Reports given `extract.uncertain` (a reading to check by hand), of all (0–1). */
  uncertainRate: number;
  uncertain: number;
  /** A few reports with cells read wrong: the file and its first differences. */
  misread: { fileName: string; differences: string[] }[];
}

export interface Accuracy {
  reports: number;
  perRule: Record<string, { precision: number; recall: number; tp: number; fp: number; fn: number }>;
  minPrecision: number;
  minRecall: number;
  /** A few reports per rule where the audit and the truth disagree, for the reader. */
  examples: Record<string, { fileName: string; kind: 'fp' | 'fn'; messages: string[] }[]>;
  /** Reports the pipeline could not read at all. */
  errors: { fileName: string; message: string }[];
  /** Per group of reports (`add(r, group)`): each PDF layout of the stress set. */
  groups: Record<string, GroupAccuracy>;
  /** Cells and uncertain readings over all reports (as in `GroupAccuracy`). */
  cellAccuracy: number;
  uncertainRate: number;
}

/**
 * `extract.uncertain` is not a fault of the report: the truth never holds it, so it is counted as a rate
 * (how often a person is asked to check a reading), not as a rule with precision and recall.
 */
const UNCERTAIN = 'extract.uncertain';

interface Tally {
  counts: Map<string, RuleCount>;
  reports: number;
  cells: number;
  wrongCells: number;
  uncertain: number;
  misread: GroupAccuracy['misread'];
}
const tally = (): Tally => ({ counts: new Map(), reports: 0, cells: 0, wrongCells: 0, uncertain: 0, misread: [] });

function rulesOf(counts: Map<string, RuleCount>) {
  const perRule: Accuracy['perRule'] = {};
  for (const [rule, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perRule[rule] = {
      precision: c.tp + c.fp ? round(c.tp / (c.tp + c.fp)) : 1,
      recall: c.tp + c.fn ? round(c.tp / (c.tp + c.fn)) : 1,
      ...c,
    };
  }
  const values = Object.values(perRule);
  return {
    perRule,
    minPrecision: values.length ? Math.min(...values.map((v) => v.precision)) : 1,
    minRecall: values.length ? Math.min(...values.map((v) => v.recall)) : 1,
  };
}

function groupResult(t: Tally): GroupAccuracy {
  return {
    reports: t.reports,
    ...rulesOf(t.counts),
    cellAccuracy: t.cells ? round((t.cells - t.wrongCells) / t.cells, 6) : 1,
    cells: t.cells,
    wrongCells: t.wrongCells,
    uncertainRate: t.reports ? round(t.uncertain / t.reports, 6) : 0,
    uncertain: t.uncertain,
    misread: t.misread,
  };
}

interface Held {
  group?: string;
  r: GeneratedReport;
  read: ReadBack;
  narrative: string;
}

/**
 * Feeds one year at a time (reports arrive year by year from the generator): the year's reports
 * are audited together once the year is complete, since a copy is found on both sides.
 */
export class AccuracyMeter {
  private counts = new Map<string, RuleCount>();
  private examples: Accuracy['examples'] = {};
  private errors: Accuracy['errors'] = [];
  private year: number | null = null;
  private pending: Held[] = [];
  private previous = new Map<string, { report: ParsedReport; narrative: string }>();
  private n = 0;
  private all = tally();
  private groups = new Map<string, Tally>();

  constructor(
    private readonly options: {
      ignore?: (rule: string) => boolean;
      /** Called once per report audited: its findings, the truth's rules and the cells read wrong. */
      onReport?: (r: GeneratedReport, group: string | undefined, found: Finding[], wrong: string[]) => void;
      /** Told of each report read back, before it is audited (the cells, for a cell-level count). */
      onRead?: (r: GeneratedReport, read: ReadBack) => void;
    } = {},
  ) {}

  /**
   * Adds a report; `group` (a PDF layout) gets figures of its own besides the whole's. `readAs` is
   * the report's reading when it was already done elsewhere (the OCR benchmark reads in parallel).
   */
  async add(r: GeneratedReport, group?: string, readAs?: ReadBack): Promise<void> {
    if (this.year !== null && r.year !== this.year) this.flush();
    this.year = r.year;
    try {
      const read = readAs ?? (await readBack(r));
      this.options.onRead?.(r, read);
      this.pending.push({ r, read, narrative: narrativeText(read.report, read.doc.text), group });
    } catch (e) {
      this.errors.push({ fileName: r.fileName, message: (e as Error).message });
      this.n++;
      for (const t of this.tallies(group)) {
        t.reports++;
        for (const rule of r.truth.rules) this.count(rule, t.counts).fn++;
      }
      for (const rule of r.truth.rules) this.count(rule).fn++;
    }
  }

  private tallies(group: string | undefined): Tally[] {
    if (group === undefined) return [this.all];
    let g = this.groups.get(group);
    if (!g) this.groups.set(group, (g = tally()));
    return [this.all, g];
  }

  private count(rule: string, counts = this.counts): RuleCount {
    let c = counts.get(rule);
    if (!c) counts.set(rule, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  }

  private flush() {
    const index = new LshIndex<number>();
    const sigs = this.pending.map((h) => narrativeSignature(h.read.report, h.read.doc.text));
    sigs.forEach((s, i) => index.add(i, s));
    const next = new Map<string, { report: ParsedReport; narrative: string }>();
    this.pending.forEach((h, i) => {
      const peers = index
        .candidates(sigs[i]!)
        .filter((c) => c.id !== i && this.pending[c.id]!.r.agency.id !== h.r.agency.id)
        .slice(0, 20)
        .map((c) => ({ reportId: c.id, agency: this.pending[c.id]!.read.report.agency.name ?? '', text: '', signature: sigs[c.id]! }));
      const prev = this.previous.get(h.r.agency.id);
      const { findings } = audit(h.read.report, {
        text: h.read.doc.text,
        previous: prev?.report ?? null,
        previousText: prev?.narrative ?? null,
        peers,
      });
      next.set(h.r.agency.id, { report: h.read.report, narrative: h.narrative });
      this.n++;
      const found = new Set(findings.map((f) => f.rule));
      const truth = new Set(h.r.truth.rules);
      const wrong = differences(h.r, h.read.report).filter((d) => /^t[234]\./.test(d));
      this.options.onReport?.(h.r, h.group, findings, wrong);
      const tallies = this.tallies(h.group);
      for (const t of tallies) {
        t.reports++;
        t.cells += cellDefs(h.r.template).length;
        t.wrongCells += wrong.length;
        if (found.has(UNCERTAIN)) t.uncertain++;
        if (wrong.length && t.misread.length < 5) t.misread.push({ fileName: h.r.fileName, differences: wrong.slice(0, 5) });
      }
      for (const rule of new Set([...found, ...truth])) {
        if (this.options.ignore?.(rule) || rule === UNCERTAIN) continue;
        const c = this.count(rule);
        const kind = found.has(rule) && truth.has(rule) ? 'tp' : found.has(rule) ? 'fp' : 'fn';
        c[kind]++;
        for (const t of tallies) if (t !== this.all) this.count(rule, t.counts)[kind]++;
        if (kind !== 'tp') {
          const list = (this.examples[rule] ??= []);
          if (list.length < 3) {
            list.push({ fileName: h.r.fileName, kind, messages: findings.filter((f) => f.rule === rule).map((f) => f.message) });
          }
        }
      }
    });
    this.previous = next;
    this.pending = [];
  }

  result(): Accuracy {
    this.flush();
    const all = groupResult(this.all);
    return {
      reports: this.n,
      ...rulesOf(this.counts),
      examples: this.examples,
      errors: this.errors,
      groups: Object.fromEntries([...this.groups].map(([g, t]) => [g, groupResult(t)])),
      cellAccuracy: all.cellAccuracy,
      uncertainRate: all.uncertainRate,
    };
  }
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
