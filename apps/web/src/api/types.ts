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
  BulkReviewBody,
  BulkReviewResponse,
  Decision,
  ErrorBody,
  FindingReview,
  FindingCount,
  FindingListItem,
  FindingsQuery,
  FindingsResponse,
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
  ReviewedFinding,
  RuleRef,
  RulesResponse,
  TrendsQuery,
  TrendsResponse,
  TrendYear,
  YearsResponse,
} from '@nianbao/api/schemas';
export type { Category, Cell, CellState, Finding, Score, Severity, Span } from '@nianbao/model';

import type { RankingsQuery, RuleRef } from '@nianbao/api/schemas';
/*
 * Sessions, roles and the audit log. `@nianbao/api` exports only ./schemas, so this type-only import
 * reaches into its sources; nothing of it reaches the bundle.
 */
import type { AuditLogResponse, Role, SessionResponse, UserInfo } from '../../../api/src/schemas-auth';

export type { AuditLogResponse, Role, UserInfo };
/** Who is asking: a logged-in user, single-user local mode, or nobody (the API answered 401). */
export type Session = SessionResponse | { mode: 'anonymous'; user: null; role: null; region: null };
export interface NewUser {
  username: string;
  password: string;
  role: Role;
  region?: string | null;
}
export interface UserPatch {
  role?: Role;
  region?: string | null;
  password?: string;
  disabled?: boolean;
}
export type AuditLogEntry = AuditLogResponse['items'][number];
export interface AuditLogQuery {
  page?: number;
  pageSize?: number;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

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
