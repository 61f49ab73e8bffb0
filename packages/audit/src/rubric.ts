/**
 * The rubric: weights per category, deductions and caps per rule, grade thresholds, deadlines and
 * the thresholds rules read — one JSON file an office can edit without touching code
 * (packages/audit/rubric.json). Its version is stored with every score.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES, GRADES, SEVERITIES, type Category, type Score, type Severity } from '@nianbao/model';
import { Rubric, type RuleConfig, type Thresholds } from '@nianbao/contract';
import defaultJson from '../rubric.json';
import { rules } from './rules';

const knownRuleIds = () => rules.map((r) => r.meta.id);

export type Grade = Score['grade'];

/** The rubric's shape is declared once, in the contract the API serves it by. */
export type { Rubric, RuleConfig, Thresholds };

export class RubricError extends Error {
  override name = 'RubricError';
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a parsed rubric file and returns it typed; throws RubricError with a Chinese message naming
 * the first problem. `ruleIds` (the known rules) catches misspelt rule ids.
 */
export function validateRubric(input: unknown, ruleIds?: Iterable<string>): Rubric {
  const fail = (msg: string): never => {
    throw new RubricError(msg);
  };
  if (!isObj(input)) fail('评分规则应为 JSON 对象');
  const r = input as Record<string, unknown>;
  if (typeof r.version !== 'string' || !r.version.trim()) fail('缺少版本号 version（字符串）');
  if (!isObj(r.weights)) fail('缺少分项权重 weights');
  const weights = r.weights as Record<string, unknown>;
  for (const c of CATEGORIES) if (!isNum(weights[c])) fail(`weights.${c} 应为非负数`);
  for (const k of Object.keys(weights)) if (!CATEGORIES.includes(k as Category)) fail(`weights 中有未知分项 “${k}”`);
  if (!Array.isArray(r.grades) || !r.grades.length) fail('缺少等次 grades');
  let last = Infinity;
  for (const g of r.grades as unknown[]) {
    if (!isObj(g) || !GRADES.includes(g.grade as Grade) || !isNum(g.min)) fail('grades 每项应为 { "grade": "优秀|良好|合格|不合格", "min": 分数 }');
    const min = (g as { min: number }).min;
    if (min >= last) fail('grades 应按最低分从高到低排列');
    last = min;
  }
  if (last !== 0) fail('grades 最后一项的 min 应为 0');
  if (!isObj(r.deadlines)) fail('缺少发布期限 deadlines');
  for (const k of ['department', 'government']) {
    const d = (r.deadlines as Record<string, unknown>)[k];
    if (typeof d !== 'string' || !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d)) fail(`deadlines.${k} 应为 “MM-DD”（报告年度次年的月日）`);
  }
  const defaults = DEFAULT_THRESHOLDS_AND_DEFAULTS;
  const thresholds = { ...defaults.thresholds, ...(isObj(r.thresholds) ? r.thresholds : {}) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(thresholds)) {
    if (!(k in defaults.thresholds)) fail(`thresholds 中有未知项 “${k}”`);
    if (!isNum(v)) fail(`thresholds.${k} 应为非负数`);
  }
  const sevDefaults = { ...defaults.defaults, ...(isObj(r.defaults) ? r.defaults : {}) } as Record<string, unknown>;
  for (const s of SEVERITIES) if (!isNum(sevDefaults[s])) fail(`defaults.${s} 应为非负数`);
  if (r.rules !== undefined && !isObj(r.rules)) fail('rules 应为对象（规则编号 → 扣分设置）');
  const known = ruleIds ? new Set(ruleIds) : null;
  for (const [id, conf] of Object.entries((r.rules ?? {}) as Record<string, unknown>)) {
    if (known && !known.has(id)) fail(`rules 中有未知规则 “${id}”`);
    if (!isObj(conf)) fail(`rules.${id} 应为对象`);
    const c = conf as Record<string, unknown>;
    if (c.points !== undefined && !isNum(c.points)) {
      if (!isObj(c.points) || Object.entries(c.points).some(([s, v]) => !SEVERITIES.includes(s as Severity) || !isNum(v)))
        fail(`rules.${id}.points 应为非负数，或按严重程度（error/warning/info）给出的分值`);
    }
    if (c.cap !== undefined && !isNum(c.cap)) fail(`rules.${id}.cap 应为非负数`);
    if (c.mode !== undefined && c.mode !== 'each' && c.mode !== 'proportional') fail(`rules.${id}.mode 应为 “each” 或 “proportional”`);
    if (c.severity !== undefined && ![...SEVERITIES, 'off'].includes(c.severity as string))
      fail(`rules.${id}.severity 应为 error、warning、info 或 off`);
  }
  // the checks above name the first problem in Chinese; the contract's schema has the last word
  // a description is only a note: one that is not text is dropped, not an error
  const description = typeof r.description === 'string' ? r.description : undefined;
  const checked = Rubric.safeParse({ ...r, description, thresholds, defaults: sevDefaults, rules: r.rules ?? {} });
  if (!checked.success) fail(`评分规则格式不正确：${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  const rubric = checked.data!;
  return rubric;
}

const DEFAULT_THRESHOLDS_AND_DEFAULTS = {
  thresholds: {
    overviewMinChars: 100,
    measuresMinChars: 30,
    minNarrativeChars: 200,
    peerSimilarity: 0.7,
    lastYearReuse: 0.5,
    maxCount: 1e7,
    maxApplications: 1e6,
    maxAmount: 1e8,
  } satisfies Thresholds,
  defaults: { error: 3, warning: 1, info: 0 } satisfies Record<Severity, number>,
};

let defaultRubric: Rubric | null = null;

/** The rubric in packages/audit/rubric.json. */
export function getDefaultRubric(): Rubric {
  return (defaultRubric ??= validateRubric(defaultJson, knownRuleIds()));
}

/** A rubric file (JSON), validated; without a path, the default rubric. */
export function loadRubric(path?: string): Rubric {
  if (!path) return getDefaultRubric();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RubricError(`无法读取评分规则文件 ${path}：${(e as Error).message}`);
  }
  return validateRubric(json, knownRuleIds());
}

/** The points a finding of this rule and severity costs under the rubric. */
export function pointsOf(rubric: Rubric, rule: string, severity: Severity): number {
  const p = rubric.rules[rule]?.points;
  if (p === undefined) return rubric.defaults[severity];
  if (typeof p === 'number') return p;
  return p[severity] ?? rubric.defaults[severity];
}
