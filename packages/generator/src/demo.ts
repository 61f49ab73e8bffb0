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

export function demoProvince(options: DemoOptions = {}): DemoProvince {
  const p = generateProvince({
    seed: options.seed ?? 2026,
    agencies: options.agencies ?? 30,
    years: options.years ?? 7,
    province: options.province ?? '36',
    formats: options.formats ?? FORMATS,
    rates: { ...DEFAULT_RATES, ...(options.rates ?? {}) },
  });
  return {
    province: p.province,
    years: p.years,
    agencies: p.agencies.map((a) => a.name),
    files: p.reports.map((r) => ({ name: DEMO_PREFIX + r.fileName, bytes: r.bytes, demo: true as const })),
    manifest: p.reports.map((r) => ({ ...manifestEntry(r), fileName: DEMO_PREFIX + r.fileName })),
  };
}

/** True for a file name `demoProvince` produced (as given to the store, or stored). */
export const isDemoFile = (name: string) => name.startsWith(DEMO_PREFIX);
