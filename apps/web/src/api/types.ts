/**
 * The API contract as the dashboard sees it: types only, inferred from the zod schemas of
 * apps/api/src/schemas.ts (and the canonical model of @nianbao/model). Nothing here reaches the bundle.
 */
export type {
  AgenciesQuery,
  AgenciesResponse,
  AgencyDetail,
  AgencyListItem,
  AgencyRef,
  AgencyYear,
  ErrorBody,
  FindingCount,
  Grade,
  HealthResponse,
  IngestFields,
  IngestResponse,
  IngestResult,
  IngestSummary,
  IngestStatus,
  OverviewQuery,
  OverviewResponse,
  RankingItem,
  RankingsQuery,
  RankingsResponse,
  RegionNode,
  RegionsResponse,
  ReportDetail,
  ReportSource,
  ReportVersion,
  RuleRef,
  RulesResponse,
  TrendsQuery,
  TrendsResponse,
  TrendYear,
  YearsResponse,
} from '@nianbao/api/schemas';
export type { Category, Cell, CellState, Finding, Score, Severity, Span } from '@nianbao/model';

import type { RankingsQuery, RuleRef } from '@nianbao/api/schemas';

/** Ranking filters as the page holds them (the query without its defaults filled in). */
export type RankingsFilter = Partial<RankingsQuery>;
export type RankingSort = NonNullable<RankingsQuery['sort']>;
export type AgencyKind = 'government' | 'department';

/**
 * What the rules page reads from a rule beyond the contract's id/category/severity: the API passes
 * through the audit package's rules reference (metadata beside each rule, plus its rubric entry).
 */
export interface RuleInfo extends RuleRef {
  description?: string;
  docs?: string;
  defaultSeverity?: 'error' | 'warning' | 'info';
  enabled?: boolean;
  deduction?: {
    mode: 'each' | 'proportional';
    points: number;
    cap: number | null;
    bySeverity?: Partial<Record<'error' | 'warning' | 'info', number>>;
  };
}

/** The active rubric (`GET /api/rubric`, not yet in the contract): weights, grade thresholds, deadlines. */
export interface RubricInfo {
  version: string;
  description?: string;
  weights: Record<'completeness' | 'accuracy' | 'conformity' | 'timeliness', number>;
  grades?: { grade: '优秀' | '良好' | '合格' | '不合格'; min: number }[];
  deadlines?: Partial<Record<AgencyKind, string>>;
}
