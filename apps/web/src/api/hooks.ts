/** TanStack Query hooks over the API client, one per resource; keys start with the resource name. */
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useShowDemo } from '../showDemo';
import { ANONYMOUS, api } from './client';
import type {
  AuditLogQuery,
  BulkReviewBody,
  Decision,
  FindingsQuery,
  RankingsFilter,
  ReportDetail,
  NewUser,
  Role,
  Session,
  UserPatch,
  TrendsQuery,
  AgenciesQuery,
} from './types';

export const queryKeys = {
  session: ['session'] as const,
  users: ['users'] as const,
  auditLog: (q: AuditLogQuery) => ['audit-log', q] as const,
  health: ['health'] as const,
  years: (demo: boolean) => ['years', demo] as const,
  regions: (demo: boolean) => ['regions', demo] as const,
  rules: ['rules'] as const,
  rubric: ['rubric'] as const,
  overview: (year: number | undefined, demo: boolean) => ['overview', year ?? null, demo] as const,
  trends: (q: TrendsQuery) => ['trends', q] as const,
  rankings: (q: RankingsFilter) => ['rankings', q] as const,
  agencies: (q: Partial<AgenciesQuery>) => ['agencies', q] as const,
  agency: (id: number) => ['agency', id] as const,
  report: (id: number) => ['report', id] as const,
  reportSource: (id: number) => ['report', id, 'source'] as const,
  reportOriginal: (id: number) => ['report', id, 'original'] as const,
  findings: (q: Partial<FindingsQuery>) => ['findings', q] as const,
};

export const useSession = () =>
  useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => api.session(signal),
    staleTime: 5 * 60_000,
  });

const RANK: Record<Role, number> = { viewer: 1, reviewer: 2, admin: 3 };

/** Whether the session's role reaches `role` (single-user local mode acts as an administrator). */
export const allows = (session: Session | undefined, role: Role) =>
  !!session?.role && RANK[session.role] >= RANK[role];

/** Logs in; every query is dropped, since what one may see depends on who one is. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      api.login(username, password),
    onSuccess: (session) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(queryKeys.session, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    // the session is fetched again before the caller moves on: on the old one, still cached, the login
    // page would send the user back into the dashboard for a moment (its requests all refused)
    onSettled: () => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      return client.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

/** Changes one's own password; the API answers the renewed session. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ current, next }: { current: string; next: string }) => api.changePassword(current, next),
    onSuccess: (session) => client.setQueryData(queryKeys.session, session),
  });
}

export const useUsers = (enabled = true) =>
  useQuery({ queryKey: queryKeys.users, queryFn: ({ signal }) => api.users(signal), enabled });

/** Creating, changing and deleting accounts; the list (and the audit log) are refetched afterwards. */
export function useUserMutations() {
  const client = useQueryClient();
  const onSuccess = () => {
    void client.invalidateQueries({ queryKey: queryKeys.users });
    void client.invalidateQueries({ queryKey: ['audit-log'] });
  };
  return {
    create: useMutation({ mutationFn: (body: NewUser) => api.createUser(body), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: number; patch: UserPatch }) => api.updateUser(id, patch),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.deleteUser(id), onSuccess }),
  };
}

/** After a 401 anywhere: nobody is logged in any more (the layout then sends to the login page). */
export const sessionLost = (client: QueryClient) =>
  client.setQueryData<Session>(queryKeys.session, ANONYMOUS);

export const useAuditLog = (q: AuditLogQuery, enabled = true) =>
  useQuery({
    queryKey: queryKeys.auditLog(q),
    queryFn: ({ signal }) => api.auditLog(q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useHealth = () =>
  useQuery({ queryKey: queryKeys.health, queryFn: ({ signal }) => api.health(signal) });
export const useYears = () => {
  const demo = useShowDemo();
  return useQuery({ queryKey: queryKeys.years(demo), queryFn: ({ signal }) => api.years(demo, signal) });
};
export const useRegions = () => {
  const demo = useShowDemo();
  return useQuery({
    queryKey: queryKeys.regions(demo),
    queryFn: ({ signal }) => api.regions(demo, signal),
    staleTime: 10 * 60_000,
  });
};
export const useRules = () =>
  useQuery({ queryKey: queryKeys.rules, queryFn: ({ signal }) => api.rules(signal), staleTime: 10 * 60_000 });

export const useRubric = () =>
  useQuery({
    queryKey: queryKeys.rubric,
    queryFn: ({ signal }) => api.rubric(signal),
    staleTime: 10 * 60_000,
    retry: false,
  });
/** The served rubric's category weights (undefined until it has loaded): the dashboard keeps no copy. */
export const useWeights = () => useRubric().data?.weights;

/** The filters with the header's demo switch: `demo: true` when it is on, left out otherwise. */
function useWithDemo<T extends object>(q: T): T & { demo?: true } {
  return useShowDemo() ? { ...q, demo: true } : q;
}

export const useOverview = (year: number | undefined, enabled = true) => {
  const demo = useShowDemo();
  return useQuery({
    queryKey: queryKeys.overview(year, demo),
    queryFn: ({ signal }) => api.overview(year, demo, signal),
    enabled,
  });
};

export const useTrends = (filter: TrendsQuery = {}) => {
  const q = useWithDemo(filter);
  return useQuery({ queryKey: queryKeys.trends(q), queryFn: ({ signal }) => api.trends(q, signal) });
};

export const useRankings = (filter: RankingsFilter) => {
  const q = useWithDemo(filter);
  return useQuery({
    queryKey: queryKeys.rankings(q),
    queryFn: ({ signal }) => api.rankings(q, signal),
    // keep the table in place while the next page or filter loads
    placeholderData: keepPreviousData,
  });
};

export const useAgencies = (filter: Partial<AgenciesQuery>) => {
  const q = useWithDemo(filter);
  return useQuery({
    queryKey: queryKeys.agencies(q),
    queryFn: ({ signal }) => api.agencies(q, signal),
    placeholderData: keepPreviousData,
  });
};

export const useAgency = (id: number) =>
  useQuery({
    queryKey: queryKeys.agency(id),
    queryFn: ({ signal }) => api.agency(id, signal),
    enabled: id > 0,
  });

export const useReport = (id: number) =>
  useQuery({
    queryKey: queryKeys.report(id),
    queryFn: ({ signal }) => api.report(id, signal),
    enabled: id > 0,
  });

export const useReportSource = (id: number) =>
  useQuery({
    queryKey: queryKeys.reportSource(id),
    queryFn: ({ signal }) => api.reportSource(id, signal),
    enabled: id > 0,
    staleTime: Infinity,
  });

export const useReportOriginal = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.reportOriginal(id),
    queryFn: ({ signal }) => api.reportOriginal(id, signal),
    enabled: enabled && id > 0,
    staleTime: Infinity,
  });

/** Several reports at once (an agency's years, to find its recurring findings). */
export const useReports = (ids: number[]) =>
  useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.report(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.report(id, signal),
    })),
  });

/** After an import every list and figure may have changed. */
export function useInvalidateAll() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

/**
 * A reviewer's decision on a finding of report `id` (or its withdrawal). The API answers the report
 * re-scored; every figure elsewhere may have moved with it.
 */
export function useReview(id: number) {
  return useMutation({
    mutationFn: (v: { fingerprint: string; decision: Decision | null; reason?: string }) =>
      v.decision
        ? api.review(id, v.fingerprint, v.decision, v.reason ?? '')
        : api.unreview(id, v.fingerprint),
    onSuccess: useReportChanged(id),
  });
}

/** A reviewer's correction of a cell of report `id` (`value` undefined: its withdrawal); the report comes back re-audited. */
export function useCellCorrection(id: number) {
  return useMutation({
    mutationFn: (v: { cell: string; value?: number | null; reason?: string }) =>
      v.value === undefined ? api.uncorrectCell(id, v.cell) : api.correctCell(id, v.cell, v.value, v.reason ?? ''),
    onSuccess: useReportChanged(id),
  });
}

/** Report `id` as the API answered it after a change: kept; every figure elsewhere may have moved with it. */
function useReportChanged(id: number) {
  const client = useQueryClient();
  return (report: ReportDetail) => {
    client.setQueryData(queryKeys.report(id), report);
    const keep = new Set(['session', 'rules', 'regions', 'rubric']);
    void client.invalidateQueries({
      predicate: (q) =>
        !keep.has(String(q.queryKey[0])) && !(q.queryKey[0] === 'report' && q.queryKey[1] === id),
    });
  };
}

export const useFindings = (filter: Partial<FindingsQuery>) => {
  const q = useWithDemo(filter);
  return useQuery({
    queryKey: queryKeys.findings(q),
    queryFn: ({ signal }) => api.findings(q, signal),
    placeholderData: keepPreviousData,
  });
};

/** One decision for many findings (the queue's bulk confirm / dismiss); every figure may move. */
export function useBulkReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkReviewBody) => api.bulkReview(body),
    onSuccess: () => {
      const keep = new Set(['session', 'rules', 'regions', 'rubric']);
      client.invalidateQueries({ predicate: (q) => !keep.has(String(q.queryKey[0])) });
    },
  });
}
