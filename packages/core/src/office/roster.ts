/**
 * A row of the roster (应报送名单) as the office gives it: what is checked before it is matched to an
 * agency, the kind of agency its 类型 means, and the registered agencies its name resembles.
 */
import type { RosterImportResponse } from '@nianbao/contract';
import { normaliseName } from '@nianbao/db';
import { REGION_PREFIX, type AgencyKindId } from '@nianbao/model';
import { dice } from '@nianbao/parser';

/** One row of a roster file, as read (the row number is the spreadsheet's, header = 1). */
export interface RosterRow {
  row: number;
  name: string;
  regionCode?: string | null;
  kindLabel?: string | null;
  parentName?: string | null;
  fromYear?: number | null;
  withdrawnFrom?: number | null;
  url?: string | null;
  /** What the reader could not take (「自何年起应报“二〇一九”应为四位年份」): the row is reported back. */
  invalid?: string;
}

export type RosterResult = RosterImportResponse['results'][number];
export type RosterSummary = RosterImportResponse['summary'];

/** The roster's own fields, which a re-import updates where its file has the column. */
export const ROSTER_FIELDS = ['kindLabel', 'parentName', 'fromYear', 'withdrawnFrom', 'url'] as const;

/** A row that cannot be taken: reported back with its reason, the import goes on. */
export class RowError extends Error {}

/** 类型 → the agency kind that decides its deadline: governments and 管委会 report by 31 March. */
export function kindOfLabel(label: string | null | undefined, name: string): AgencyKindId {
  const s = (label ?? '').trim();
  if (/政府|管委会|管理委员会|管理区|新区/.test(s) && !/部门|办公室/.test(s)) return 'government';
  if (s) return 'department';
  return /(人民政府|管理委员会|管委会)$/.test(normaliseName(name)) ? 'government' : 'department';
}

/** `第3行：` of a row of a file; nothing for a unit added on the roster page (row 0). */
export const rowLabel = (r: Pick<RosterRow, 'row'>) => (r.row ? `第${r.row}行：` : '');

/** The row's checks that need no lookup: its name, region code, years and URL (a RowError otherwise). */
export function checkRow(r: RosterRow): { name: string; alias: string; region: string | null } {
  const at = rowLabel(r);
  const name = (r.name ?? '').trim();
  if (!name) throw new RowError(`${at}机关名称为空`);
  if (r.invalid) throw new RowError(`${at}${r.invalid}`);
  if (r.regionCode && !REGION_PREFIX.test(r.regionCode)) throw new RowError(`${at}地区代码“${r.regionCode}”应为 2、4 或 6 位数字（GB/T 2260）`);
  for (const [label, y] of [
    ['自何年起应报', r.fromYear],
    ['撤并年份', r.withdrawnFrom],
  ] as const) {
    if (y !== null && y !== undefined && !(Number.isInteger(y) && y >= 2000 && y <= 2100)) throw new RowError(`${at}${label}“${y}”应为四位年份`);
  }
  if (r.url && !/^https?:\/\/\S+$/i.test(r.url.trim())) throw new RowError(`${at}年报栏目网址“${r.url}”应以 http:// 或 https:// 开头`);
  return { name, alias: normaliseName(name), region: r.regionCode ? r.regionCode.padEnd(6, '0') : null };
}

/** The roster fields of the columns a row has (undefined: the column is absent, keep what is stored). */
export function givenFields(r: RosterRow) {
  const trimmed = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
  return { kindLabel: trimmed(r.kindLabel), parentName: trimmed(r.parentName), fromYear: r.fromYear, withdrawnFrom: r.withdrawnFrom, url: trimmed(r.url) };
}

/** Of the registered names, the agencies whose names resemble `alias` (one contains the other, or close by bigrams). */
export function similarAgencies(alias: string, names: { id: number; name: string; alias: string }[]): { id: number; name: string }[] {
  const out = new Map<number, string>();
  for (const r of names) {
    const shorter = r.alias.length < alias.length ? r.alias : alias;
    const longer = shorter === alias ? r.alias : alias;
    const contains = shorter.length >= 4 && longer.includes(shorter);
    if (contains || dice(alias, r.alias) >= 0.75) out.set(r.id, r.name);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}
