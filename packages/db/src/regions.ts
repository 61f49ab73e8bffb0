/**
 * GB/T 2260 codes: the level of a code and its ancestors come from its digits (36 0000 a province,
 * 3605 00 a city, 360502 a county), so the region tree and subtree filters need no lookups. Names
 * are the full official ones of the division list (江西省赣州市, 天津市南开区), whatever a report or a
 * roster wrote.
 */
import { regionByCode } from '@nianbao/parser';

export type RegionLevel = 'province' | 'city' | 'county';

/** Province-level municipalities: their districts hang directly under the province code. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

export function parentCode(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'province') return null;
  const province = code.slice(0, 2) + '0000';
  if (level === 'city' || MUNICIPALITIES.has(code.slice(0, 2))) return province;
  // 省直辖县级行政区划 (4290xx, 4690xx …) have no city of their own
  if (code.slice(2, 4) === '90') return province;
  return code.slice(0, 4) + '00';
}

/** The code and its ancestors, root first. */
export function lineage(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) out.unshift(c);
  return out;
}

/** A subtree filter as a code range: '36' or '360000' → ['360000', '370000'), '3605' → ['360500', '360600'). */
export function subtreeRange(filter: string): [string, string] {
  let prefix = filter;
  if (filter.length === 6) prefix = filter.endsWith('0000') ? filter.slice(0, 2) : filter.endsWith('00') ? filter.slice(0, 4) : filter;
  if (prefix.length === 6) return [prefix, String(Number(prefix) + 1).padStart(6, '0')];
  const lo = prefix.padEnd(6, '0');
  const hi = String(Number(prefix) + 1).padStart(prefix.length, '0').padEnd(6, '0');
  return [lo, hi];
}

/** The full GB/T 2260 name of a code (2, 4 or 6 digits): 360700 → 江西省赣州市; null for a code not in the list. */
export function regionFullName(code: string): string | null {
  return regionByCode(code)?.name ?? null;
}

/**
 * The names of a region and its ancestors, root first: the official full names, else (a code the
 * division list lacks) cut from the full name a report gave (江西省新余市渝水区 → 江西省,
 * 江西省新余市, 江西省新余市渝水区), else the code.
 */
export function lineageNames(code: string, fullName: string | null): { code: string; name: string }[] {
  const codes = lineage(code);
  const cut = fullName ? cutFullName(fullName) : [];
  return codes.map((c, i) => {
    const fromCut = cut.length === codes.length ? cut[i] : c === code ? fullName : undefined;
    return { code: c, name: regionFullName(c) ?? fromCut ?? c };
  });
}

function cutFullName(full: string): string[] {
  const province = full.match(/^(北京市|天津市|上海市|重庆市|.+?(?:省|自治区|特别行政区))/)?.[1];
  if (!province) return [full];
  const out = [province];
  let rest = full.slice(province.length);
  const city = rest.match(/^(.+?(?:自治州|地区|盟|市|州))/)?.[1];
  if (city && city.length < rest.length && !/^(北京|天津|上海|重庆)/.test(province)) {
    out.push(province + city);
    rest = rest.slice(city.length);
  }
  if (rest) out.push(full);
  return out;
}
