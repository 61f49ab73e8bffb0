/** TanStack Query hooks over the API client, one per resource; keys start with the resource name. */
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { RankingsFilter, TrendsQuery, AgenciesQuery } from './types';

export const queryKeys = {
  health: ['health'] as const,
  years: ['years'] as const,
  regions: ['regions'] as const,
  rules: ['rules'] as const,
  rubric: ['rubric'] as const,
  overview: (year?: number) => ['overview', year ?? null] as const,
  trends: (q: TrendsQuery) => ['trends', q] as const,
  rankings: (q: RankingsFilter) => ['rankings', q] as const,
  agencies: (q: Partial<AgenciesQuery>) => ['agencies', q] as const,
  agency: (id: number) => ['agency', id] as const,
  report: (id: number) => ['report', id] as const,
  reportSource: (id: number) => ['report', id, 'source'] as const,
};

export const useHealth = () => useQuery({ queryKey: queryKeys.health, queryFn: ({ signal }) => api.health(signal) });
export const useYears = () => useQuery({ queryKey: queryKeys.years, queryFn: ({ signal }) => api.years(signal) });
export const useRegions = () =>
  useQuery({ queryKey: queryKeys.regions, queryFn: ({ signal }) => api.regions(signal), staleTime: 10 * 60_000 });
export const useRules = () =>
  useQuery({ queryKey: queryKeys.rules, queryFn: ({ signal }) => api.rules(signal), staleTime: 10 * 60_000 });

export const useRubric = () =>
  useQuery({ queryKey: queryKeys.rubric, queryFn: ({ signal }) => api.rubric(signal), staleTime: 10 * 60_000, retry: false });

export const useOverview = (year: number | undefined, enabled = true) =>
  useQuery({ queryKey: queryKeys.overview(year), queryFn: ({ signal }) => api.overview(year, signal), enabled });

export const useTrends = (q: TrendsQuery = {}) =>
  useQuery({ queryKey: queryKeys.trends(q), queryFn: ({ signal }) => api.trends(q, signal) });

export const useRankings = (q: RankingsFilter) =>
  useQuery({
    queryKey: queryKeys.rankings(q),
    queryFn: ({ signal }) => api.rankings(q, signal),
    // keep the table in place while the next page or filter loads
    placeholderData: keepPreviousData,
  });

export const useAgencies = (q: Partial<AgenciesQuery>) =>
  useQuery({ queryKey: queryKeys.agencies(q), queryFn: ({ signal }) => api.agencies(q, signal), placeholderData: keepPreviousData });

export const useAgency = (id: number) =>
  useQuery({ queryKey: queryKeys.agency(id), queryFn: ({ signal }) => api.agency(id, signal), enabled: id > 0 });

export const useReport = (id: number) =>
  useQuery({ queryKey: queryKeys.report(id), queryFn: ({ signal }) => api.report(id, signal), enabled: id > 0 });

export const useReportSource = (id: number) =>
  useQuery({
    queryKey: queryKeys.reportSource(id),
    queryFn: ({ signal }) => api.reportSource(id, signal),
    enabled: id > 0,
    staleTime: Infinity,
  });

/** Several reports at once (an agency's years, to find its recurring findings). */
export const useReports = (ids: number[]) =>
  useQueries({
    queries: ids.map((id) => ({ queryKey: queryKeys.report(id), queryFn: ({ signal }: { signal: AbortSignal }) => api.report(id, signal) })),
  });

/** After an import every list and figure may have changed. */
export function useInvalidateAll() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}
