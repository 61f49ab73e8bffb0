/**
 * A small demo province in memory, for `npm start --demo`: a few dozen agencies of 江西省 over
 * 2019–2025 in every shape the extract package reads (text, portal HTML, .docx), with the usual
 * defects, so that trends and rankings have depth beside the seeds. Reproducible: the same options
 * give the same bytes. The files are named under `示例数据/` so that they are told apart from real
 * reports wherever a file name shows (and by `isDemoFile`).
 */
import { DEFAULT_RATES, type Rates } from './defects';
import { generateProvince } from './generate';
import { manifestEntry, type ManifestEntry } from './manifest';
import { hashSeed } from './prng';
import { FORMATS, type Format } from './render';

export const DEMO_LABEL = '示例数据';
export const DEMO_PREFIX = `${DEMO_LABEL}/`;

export interface DemoOptions {
  /** Default 2026. */
  seed?: number;
  /** Agencies (人民政府 and departments at every level); default 30. */
  agencies?: number;
  /** Years ending at 2025, both templates from 5 on; default 7 (2019–2025). */
  years?: number;
  /** 2-digit code or name; default 江西省 ('36'). */
  province?: string;
  /** Default text, html, docx in turn. */
  formats?: Format[];
  /** Defect rates merged over DEFAULT_RATES. */
  rates?: Rates;
}

export interface DemoFile {
  /** `示例数据/<agency id>_<year>.<ext>`, e.g. `示例数据/360000-g_2025.html`. */
  name: string;
  bytes: Uint8Array;
  /** Always true: the store's `InputFile.demo`, flagging the report and its agency as demo data. */
  demo: true;
}

export interface DemoProvince {
  province: { code: string; name: string };
  years: number[];
  /** The agencies' names, as their reports print them. */
  agencies: string[];
  /** Ready for `store.ingest(files)` (flagged `demo`), year by year: each year's history and peers are stored first. */
  files: DemoFile[];
  /** The truth of each file (same order): the audit rules it must trigger and the defects injected. */
  manifest: ManifestEntry[];
}

/**
 * How an agency's reports tend to turn out, as in a real province: most agencies are careful, some
 * sloppy, a few poor year after year (each tier's defect rates are DEFAULT_RATES scaled). With these,
 * a year of the demo province spreads over 优秀, 良好, 合格 and 不合格 instead of being all 优秀.
 */
const TIERS: { upTo: number; scale: number; rates?: Rates }[] = [
  { upTo: 0.35, scale: 0.5 },
  { upTo: 0.6, scale: 4 },
  { upTo: 0.8, scale: 8 },
  // a poor agency's report often lacks a section or half a table, and its dates are late
  { upTo: 1, scale: 20, rates: { 'copied-across-agencies': 0.2, 'copied-from-last-year': 0.3 } },
];
/** An agency misses a year's report now and then (never its first year). */
const MISSING_SHARE = 0.05;

const unit = (...parts: (string | number)[]) => hashSeed(...parts) / 2 ** 32;

export function demoProvince(options: DemoOptions = {}): DemoProvince {
  const seed = options.seed ?? 2026;
  const base = { ...DEFAULT_RATES, ...(options.rates ?? {}) };
  // the same province once per tier (same agencies, figures and narratives; other defects): each
  // agency's reports, every year, come from its tier's copy, so its history stays its own
  const tiers = TIERS.map((t) =>
    generateProvince({
      seed,
      agencies: options.agencies ?? 30,
      years: options.years ?? 7,
      province: options.province ?? '36',
      formats: options.formats ?? FORMATS,
      rates: { ...(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, Math.min(0.9, v * t.scale)])) as Rates), ...t.rates },
    }),
  );
  const p = tiers[0]!;
  const tierOf = new Map(p.agencies.map((a) => [a.id, TIERS.findIndex((t) => unit(seed, 'tier', a.id) < t.upTo)]));
  const reports = p.reports
    .map((r, i) => tiers[tierOf.get(r.agency.id)!]!.reports[i]!)
    .filter((r) => r.year === p.years[0] || unit(seed, 'missing', r.agency.id, r.year) >= MISSING_SHARE);
  return {
    province: p.province,
    years: p.years,
    agencies: p.agencies.map((a) => a.name),
    files: reports.map((r) => ({ name: DEMO_PREFIX + r.fileName, bytes: r.bytes, demo: true as const })),
    manifest: reports.map((r) => ({ ...manifestEntry(r), fileName: DEMO_PREFIX + r.fileName })),
  };
}

/** True for a file name `demoProvince` produced (as given to the store, or stored). */
export const isDemoFile = (name: string) => name.startsWith(DEMO_PREFIX);
