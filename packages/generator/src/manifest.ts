import type { GeneratedReport } from './generate';

/** One report's line in manifest.json: where it is, whose it is, and the rules it must trigger. */
export interface ManifestEntry {
  fileName: string;
  format: string;
  agency: { id: string; name: string; kind: string; level: string; region: { code: string; name: string } };
  year: number;
  template: string;
  publishedOn: string | null;
  truth: { rules: string[]; defects: GeneratedReport['truth']['defects']; cells?: Record<string, { state: string; value: number | null }> };
}

export function manifestEntry(r: GeneratedReport, withCells = false): ManifestEntry {
  const { agency } = r;
  const entry: ManifestEntry = {
    fileName: r.fileName,
    format: r.format,
    agency: { id: agency.id, name: agency.name, kind: agency.kind, level: agency.level, region: agency.region },
    year: r.year,
    template: r.template,
    publishedOn: r.truth.publishedOn,
    truth: { rules: r.truth.rules, defects: r.truth.defects },
  };
  if (withCells) {
    entry.truth.cells = Object.fromEntries(Object.entries(r.truth.cells).map(([k, c]) => [k, { state: c.state, value: c.value }]));
  }
  return entry;
}
