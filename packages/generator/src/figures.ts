/**
 * The numbers of one agency's report for one year, internally consistent (the four identities of
 * formats.md hold for every column, row and group) and carried over from the agency's previous
 * report (上年结转, 上一年项目数量, 现行有效件数).
 */
import { T3_COLUMNS, TEMPLATES, cellKeys, templateOf, type TemplateVersion } from '@nianbao/model';
import type { Agency } from './agencies';
import type { Rng } from './prng';

export const versionOfYear = (year: number): TemplateVersion => templateOf(year);

/** Cell key → number, every cell of the year's template. */
export type Figures = Record<string, number>;

/** What one report hands to the next year's (read from the figures as printed, defects included). */
export interface CarryState {
  /** 四、结转下年度继续办理 per applicant column (six parts, total last). */
  carriedForward: number[];
  /** 2019 layout: 上一年项目数量 + 本年增/减 per row (next year's 上一年项目数量). */
  itemCounts: Record<string, number>;
  /** 2021 layout: 现行有效件数 per row. */
  inForce: Record<string, number>;
  /** 2019 layout: 对外公开总数量 per row (cumulative). */
  totalPublished: Record<string, number>;
}

const PARTS = T3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
/** Share of applications per applicant column: most come from natural persons. */
const APPLICANT_WEIGHTS = [0.78, 0.12, 0.005, 0.01, 0.04, 0.045];

const OUTCOMES_HEAD: [string, number][] = [
  ['t3.granted', 40],
  ['t3.partiallyGranted', 8],
  ['t3.denied.stateSecret', 0.3],
  ['t3.denied.lawProhibited', 0.6],
  ['t3.denied.safetyStability', 0.4],
  ['t3.denied.thirdParty', 0.8],
  ['t3.denied.internalAffairs', 1.2],
  ['t3.denied.processInfo', 1.5],
  ['t3.denied.enforcementFile', 0.6],
  ['t3.denied.queryMatter', 1],
  ['t3.unable.notHeld', 18],
  ['t3.unable.needsCreation', 2],
  ['t3.unable.unclear', 2],
  ['t3.notProcessed.complaint', 3],
  ['t3.notProcessed.duplicate', 2],
  ['t3.notProcessed.publication', 0.5],
  ['t3.notProcessed.massRepeated', 0.5],
  ['t3.notProcessed.confirmation', 0.8],
];
const OUTCOMES_2019: [string, number][] = [...OUTCOMES_HEAD, ['t3.otherHandling', 4]];
const OUTCOMES_2021: [string, number][] = [
  ...OUTCOMES_HEAD,
  ['t3.otherHandling.overdueCorrection', 2],
  ['t3.otherHandling.overdueFee', 0.2],
  ['t3.otherHandling.other', 2],
];

export const outcomeRows = (v: TemplateVersion) => (v === '2019' ? OUTCOMES_2019 : OUTCOMES_2021).map(([r]) => r);
export const t3Rows = (v: TemplateVersion) => TEMPLATES[v].tables.find((t) => t.id === 't3')!.rows.map((r) => r.key);
export const T3_PARTS = PARTS;
export const T4_GROUPS = ['t4.review', 't4.litigationDirect', 't4.litigationAfterReview'];
export const T4_PARTS = ['upheld', 'corrected', 'other', 'pending'];

/** Splits `n` units over weighted buckets (exactly, no rounding loss). */
function split(rng: Rng, n: number, weights: number[]): number[] {
  const out = new Array<number>(weights.length).fill(0);
  if (n <= 0) return out;
  if (n <= 64) {
    for (let i = 0; i < n; i++) out[rng.weighted(weights)]!++;
    return out;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  let left = n;
  weights.forEach((w, i) => {
    const k = Math.min(left, Math.floor((n * w * (0.8 + rng.next() * 0.4)) / total));
    out[i] = k;
    left -= k;
  });
  out[0]! += left;
  return out;
}

const initialState = (): CarryState => ({ carriedForward: [], itemCounts: {}, inForce: {}, totalPublished: {} });

/**
 * The figures of `agency`'s report for `year`, given what its previous report handed on (null for
 * the first year generated: the carried-over figures are then drawn).
 */
export function drawFigures(rng: Rng, agency: Agency, year: number, prev: CarryState | null): Figures {
  const v = versionOfYear(year);
  const f: Figures = {};
  for (const k of cellKeys(v)) f[k] = 0;
  const state = prev ?? initialState();
  const big = agency.scale;
  const gov = agency.kind === 'government';

  // Table 三
  const newReceived = PARTS.map((_, j) => rng.count(big * APPLICANT_WEIGHTS[j]!));
  const carriedOver = PARTS.map((_, j) =>
    state.carriedForward.length ? state.carriedForward[j]! : rng.chance(0.3) ? rng.count(big * APPLICANT_WEIGHTS[j]! * 0.08) : 0,
  );
  const outcomes = v === '2019' ? OUTCOMES_2019 : OUTCOMES_2021;
  const weights = outcomes.map(([, w]) => w);
  PARTS.forEach((col, j) => {
    const available = newReceived[j]! + carriedOver[j]!;
    const forward = available > 0 && rng.chance(0.35) ? rng.int(0, Math.max(1, Math.ceil(available * 0.12))) : 0;
    const processed = available - Math.min(forward, available);
    f[`t3.newReceived.${col}`] = newReceived[j]!;
    f[`t3.carriedOver.${col}`] = carriedOver[j]!;
    f[`t3.carriedForward.${col}`] = available - processed;
    f[`t3.totalProcessed.${col}`] = processed;
    split(rng, processed, weights).forEach((n, i) => (f[`${outcomes[i]![0]}.${col}`] = n));
  });
  for (const row of t3Rows(v)) f[`${row}.total`] = PARTS.reduce((s, col) => s + f[`${row}.${col}`]!, 0);

  // Table 四: cases are rare, governments have more
  for (const g of T4_GROUPS) {
    const mean = (g === 't4.review' ? 0.12 : g === 't4.litigationDirect' ? 0.06 : 0.03) * big * (gov ? 1.5 : 1);
    const n = rng.count(mean);
    const parts = split(rng, n, [6, 1.5, 1, 1.5]);
    T4_PARTS.forEach((p, i) => (f[`${g}.${p}`] = parts[i]!));
    f[`${g}.total`] = n;
  }

  // Table 二
  const makesRules = agency.level === 'province' || (agency.level === 'city' && gov);
  const docs = (row: string, mean: number) => rng.count(mean);
  if (v === '2019') {
    for (const row of ['t2.regulations', 't2.normativeDocs']) {
      const made = row === 't2.regulations' ? (makesRules ? docs(row, gov ? 3 : 0.6) : 0) : docs(row, gov ? 6 : 1.2);
      const published = made;
      const before = state.totalPublished[row] ?? (made ? rng.int(0, 40) : rng.chance(0.5) ? rng.int(0, 20) : 0);
      f[`${row}.made`] = made;
      f[`${row}.published`] = published;
      f[`${row}.totalPublished`] = before + published;
    }
    const items: [string, number, number][] = [
      ['t2.licensing', 25, 400],
      ['t2.otherServices', 10, 80],
      ['t2.penalty', 12, 60],
      ['t2.coercion', 4, 8],
      ['t2.fees', 3, 0],
    ];
    for (const [row, count, decisions] of items) {
      const has = gov || agency.level !== 'township' ? rng.chance(row === 't2.fees' ? 0.3 : 0.7) : false;
      const previous = state.itemCounts[row] ?? (has ? rng.count(count * Math.sqrt(big / 10 + 0.1)) : 0);
      const change = previous > 0 || has ? Math.max(-previous, rng.int(-2, 3)) : 0;
      f[`${row}.previousCount`] = previous;
      f[`${row}.change`] = change;
      if (row !== 't2.fees') f[`${row}.decisions`] = previous + change > 0 ? rng.count(decisions * Math.sqrt(big / 5 + 0.2)) : 0;
    }
    const projects = rng.chance(0.6) ? rng.count(8) : 0;
    f['t2.procurement.projects'] = projects;
    f['t2.procurement.amount'] = projects ? rng.int(50, 500000) / 100 : 0;
  } else {
    for (const row of ['t2.regulations', 't2.normativeDocs']) {
      const issued = row === 't2.regulations' ? (makesRules ? docs(row, gov ? 2 : 0.4) : 0) : docs(row, gov ? 5 : 1);
      const before = state.inForce[row] ?? (row === 't2.regulations' && !makesRules ? 0 : rng.count(row === 't2.regulations' ? 30 : 25));
      const repealed = before > 0 && rng.chance(0.4) ? rng.int(0, Math.min(before, 5)) : 0;
      f[`${row}.issued`] = issued;
      f[`${row}.repealed`] = repealed;
      f[`${row}.inForce`] = before + issued - repealed;
    }
    f['t2.licensing.decisions'] = rng.chance(0.7) ? rng.count(400 * Math.sqrt(big / 5 + 0.2)) : 0;
    f['t2.penalty.decisions'] = rng.chance(0.6) ? rng.count(60 * Math.sqrt(big / 5 + 0.2)) : 0;
    f['t2.coercion.decisions'] = rng.chance(0.3) ? rng.count(8) : 0;
    f['t2.fees.amount'] = rng.chance(0.25) ? rng.int(1, 200000) / 100 : 0;
  }
  return f;
}

/** What a report as printed hands on: numbers that could not be read keep the true figure. */
export function carryFrom(v: TemplateVersion, printed: (key: string) => number | null, truth: Figures): CarryState {
  const read = (k: string) => printed(k) ?? truth[k] ?? 0;
  const state = initialState();
  state.carriedForward = PARTS.map((col) => read(`t3.carriedForward.${col}`));
  if (v === '2019') {
    for (const row of ['t2.licensing', 't2.otherServices', 't2.penalty', 't2.coercion', 't2.fees']) {
      state.itemCounts[row] = Math.max(0, read(`${row}.previousCount`) + read(`${row}.change`));
    }
    for (const row of ['t2.regulations', 't2.normativeDocs']) state.totalPublished[row] = read(`${row}.totalPublished`);
  } else {
    for (const row of ['t2.regulations', 't2.normativeDocs']) state.inForce[row] = read(`${row}.inForce`);
  }
  return state;
}

/** Carries a 2019-layout state into the 2021 layout (no 现行有效件数 printed before 2021). */
export function adaptState(state: CarryState, year: number): CarryState {
  if (versionOfYear(year) === '2021' && !Object.keys(state.inForce).length) return { ...state, itemCounts: {}, totalPublished: {} };
  return state;
}
