/**
 * The rubric's shape (packages/audit/rubric.json) and the rules reference, declared once: the audit
 * package types and checks its rubric with these, the API serves them, the dashboard reads them.
 */
import { z } from 'zod';
import { AGENCY_KINDS, CATEGORIES, Category, Grade, SEVERITIES, Severity } from '@nianbao/model';

const points = z.number().finite().nonnegative();

/** One value per member of `keys`, every member present. */
const each = <K extends string, T extends z.ZodTypeAny>(keys: readonly K[], value: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, T>);

export const DeductionMode = z.enum(['each', 'proportional']);
export type DeductionMode = z.infer<typeof DeductionMode>;

export const RuleConfig = z.object({
  /** Points per finding (`each`), or for the whole share of required cells (`proportional`); per severity if an object. */
  points: z.union([points, z.record(Severity, points)]).optional(),
  /** Most points the rule can cost. */
  cap: points.optional(),
  /**
   * `each`: every finding costs `points`. `proportional`: the rule costs `points` × the share of the
   * template's required cells its findings cover (1 blank of 170 is cheap, 150 of 170 ruinous).
   */
  mode: DeductionMode.optional(),
  /** Overrides the rule's default severity, or turns it off. */
  severity: z.enum([...SEVERITIES, 'off']).optional(),
});
export type RuleConfig = z.infer<typeof RuleConfig>;

export const Thresholds = z.object({
  /** 总体情况 shorter than this (characters of content) is thin. */
  overviewMinChars: points,
  /** 存在的主要问题及改进情况 shorter than this is empty. */
  measuresMinChars: points,
  /** Narratives shorter than this are not compared for originality. */
  minNarrativeChars: points,
  /** Estimated Jaccard similarity of narratives above which two agencies' reports are near-identical. */
  peerSimilarity: points,
  /** Share of this year's narrative found in last year's above which it is a copy (宿迁: 重复率大于50%). */
  lastYearReuse: points,
  /** Implausible figures: a table 二 count, a table 三/四 count, an amount in 万元. */
  maxCount: points,
  maxApplications: points,
  maxAmount: points,
});
export type Thresholds = z.infer<typeof Thresholds>;

export const Rubric = z.object({
  version: z.string().min(1),
  description: z.string().optional(),
  weights: each(CATEGORIES, points),
  /** Highest first; a total at or above `min` earns `grade`. */
  grades: z.array(z.object({ grade: Grade, min: points })).min(1),
  /** Month-day of the year after the report year, per agency kind (条例 Art. 49). */
  deadlines: each(AGENCY_KINDS, z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)),
  thresholds: Thresholds,
  /** Points of a rule the rubric does not list, by severity. */
  defaults: each(SEVERITIES, points),
  rules: z.record(z.string(), RuleConfig),
});
export type Rubric = z.infer<typeof Rubric>;

/** `GET /api/rubric`: the rubric scores are computed with, and the version the stored scores carry. */
export const RubricResponse = Rubric.extend({
  /** The version the stored scores were computed with (null before any score): differs after the rubric file changed until a rescore. */
  storedVersion: z.string().nullable(),
});
export type RubricResponse = z.infer<typeof RubricResponse>;

/** One audit rule as the rules reference shows it: its metadata (declared beside the rule) and its rubric entry. */
export const RuleReference = z.object({
  id: z.string(),
  category: Category,
  /** The severity in force (the rubric's override, or the rule's default). */
  severity: Severity,
  defaultSeverity: Severity,
  enabled: z.boolean(),
  description: z.string(),
  docs: z.string(),
  deduction: z.object({
    mode: DeductionMode,
    /** Points per finding (each) or for the whole of the required cells (proportional), at the severity in force. */
    points: z.number(),
    cap: z.number().nullable(),
    /** Points by severity, when the rubric sets them so (a rule reporting at several severities). */
    bySeverity: z.record(Severity, z.number()).optional(),
  }),
});
export type RuleReference = z.infer<typeof RuleReference>;
