/**
 * How the benchmark multiplies a stored province into `--stored` reports, on either engine: the k-th
 * copy of a table's rows, with ids shifted past the originals and names marked 「（副本k）」, as an
 * `INSERT … SELECT` the engine runs itself. Tables keyed neither by report nor by agency (regions,
 * settings, accounts …) are not copied (null).
 */
export interface CopyPass {
  k: number;
  /** Shifts of report and agency ids for this copy. */
  offR: number;
  offA: number;
  /** The highest agency id, and the id of the last report copied in this pass. */
  maxA: number;
  lastId: number;
  /** An empty byte string in the engine's SQL (`x''`, `''::bytea`). */
  emptyBytes: string;
}

export function copyOf(table: string, names: string[], p: CopyPass): { subst: Record<string, string>; where: string } | null {
  const has = (c: string) => names.includes(c);
  const suffix = `'（副本${p.k}）'`;
  if (table === 'agencies') return { subst: { id: `id + ${p.offA}`, name: `name || ${suffix}`, merged_into: `merged_into + ${p.offA}` }, where: `id <= ${p.maxA}` };
  if (table === 'agency_aliases') return { subst: { alias: `alias || ${suffix}`, agency_id: `agency_id + ${p.offA}` }, where: `agency_id <= ${p.maxA}` };
  if (table === 'reports')
    return {
      subst: { id: `id + ${p.offR}`, agency_id: `agency_id + ${p.offA}`, sha256: `sha256 || '#${p.k}'`, file_name: `'copy${p.k}/' || file_name`, agency_name: `agency_name || ${suffix}` },
      where: `id <= ${p.lastId}`,
    };
  if (table === 'sources')
    return {
      subst: { sha256: `sha256 || '#${p.k}'`, bytes: p.emptyBytes, text: `''`, file_name: `'copy${p.k}/' || file_name` },
      where: `sha256 IN (SELECT sha256 FROM reports WHERE id <= ${p.lastId})`,
    };
  if (has('report_id')) return { subst: { report_id: `report_id + ${p.offR}`, ...(has('agency_id') ? { agency_id: `agency_id + ${p.offA}` } : {}) }, where: `report_id <= ${p.lastId}` };
  if (has('agency_id')) return { subst: { agency_id: `agency_id + ${p.offA}` }, where: `agency_id <= ${p.maxA}` };
  return null;
}
