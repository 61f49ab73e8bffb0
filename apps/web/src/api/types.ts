/**
 * The API contract as the dashboard sees it: types only, inferred from the zod schemas of
 * @nianbao/contract (and the canonical model of @nianbao/model). Nothing here reaches the bundle.
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
  CellCorrection,
  Decision,
  ErrorBody,
  FindingReview,
  FindingCount,
  FindingListItem,
  FindingsQuery,
  FindingsResponse,
  Grade,
  HealthResponse,
  ImportFileState,
  ImportJob,
  ImportJobFile,
  ImportJobList,
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
  ReportOriginal,
  ReportSource,
  ReportVersion,
  ReviewedFinding,
  RuleRef,
  RulesResponse,
  TrendsResponse,
  TrendYear,
  YearsResponse,
} from '@nianbao/contract';
export type { Category, Cell, CellState, Finding, Score, Severity, Span } from '@nianbao/model';

import type { AuditLogResponse, RankingsQuery, TrendsQuery as TrendsQueryOut, Role, RubricResponse, RuleRef, SessionResponse, UserInfo } from '@nianbao/contract';

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
/** Trend filters; `demo` (include the demo province) is added by the hooks from the header's switch. */
export type TrendsQuery = Partial<TrendsQueryOut>;
export type RankingSort = NonNullable<RankingsQuery['sort']>;
import type { AgencyKindId } from '@nianbao/model';
export type AgencyKind = AgencyKindId;

/** A rule of the rules reference (`GET /api/rules`): its metadata and its rubric entry. */
export type RuleInfo = RuleRef;
/** The active rubric (`GET /api/rubric`): weights, grade thresholds, deadlines, points per rule. */
export type RubricInfo = RubricResponse;
