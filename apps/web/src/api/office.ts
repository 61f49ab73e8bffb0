/**
 * The office's loop in the dashboard: roster and status, rectification cases, the 通报 and the
 * rankings by region — calls and TanStack Query hooks (types from @nianbao/contract).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulletinResponse,
  LoopTrendsResponse,
  NewUnit,
  UnitPatch,
  NoticeResponse,
  RectificationsResponse,
  RegionRankingsResponse,
  RosterImportResponse,
  RosterResponse,
  UnitStatus,
} from '@nianbao/contract';
import { ITEM_STATUS_LABEL, UNIT_STATUS_LABEL, type ItemStatusId } from '@nianbao/model';
import { ApiError, errorFrom, queryString, request } from './client';

export type { NewUnit, UnitPatch };
export type { BulletinResponse, LoopTrendsResponse, NoticeResponse, RectificationsResponse, RegionRankingsResponse, RosterImportResponse, RosterResponse, UnitStatus };
export type ItemStatus = ItemStatusId;

export interface LoopFilter {
  year?: number;
  region?: string;
  asOf?: string;
}

const get = <T>(path: string, params: Record<string, string | number | undefined>, signal?: AbortSignal) =>
  request<T>('GET', path + queryString(params), undefined, signal);

export const rosterUrl = (q: LoopFilter & { status?: UnitStatus }) => `/api/roster${queryString({ ...q, format: 'xlsx' })}`;
export const rectificationsUrl = (q: LoopFilter & { status?: ItemStatus }) => `/api/rectifications${queryString({ ...q, format: 'xlsx' })}`;
export const bulletinUrl = (q: LoopFilter, format: 'docx' | 'xlsx') => `/api/bulletin${queryString({ ...q, format })}`;
export const noticeUrl = (reportId: number, due?: string) => `/api/reports/${reportId}/notice${queryString({ format: 'docx', due })}`;

export const useRoster = (q: LoopFilter & { status?: UnitStatus }) =>
  useQuery({ queryKey: ['roster', q], queryFn: ({ signal }) => get<RosterResponse>('/api/roster', { ...q }, signal), placeholderData: keepPreviousData });

export const useRectifications = (q: LoopFilter & { status?: ItemStatus }) =>
  useQuery({
    queryKey: ['rectifications', q],
    queryFn: ({ signal }) => get<RectificationsResponse>('/api/rectifications', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useBulletin = (q: LoopFilter) =>
  useQuery({ queryKey: ['bulletin', q], queryFn: ({ signal }) => get<BulletinResponse>('/api/bulletin', { ...q }, signal), placeholderData: keepPreviousData });

export const useRegionRankings = (q: LoopFilter) =>
  useQuery({
    queryKey: ['region-rankings', q],
    queryFn: ({ signal }) => get<RegionRankingsResponse>('/api/rankings/regions', { ...q }, signal),
    placeholderData: keepPreviousData,
  });

export const useLoopTrends = (q: { region?: string; asOf?: string } = {}) =>
  useQuery({ queryKey: ['loop-trends', q], queryFn: ({ signal }) => get<LoopTrendsResponse>('/api/trends/loop', { ...q }, signal) });

export const useOfficeSettings = () =>
  useQuery({ queryKey: ['office-settings'], queryFn: ({ signal }) => get<{ officeName: string; rectifyDays: number }>('/api/office-settings', {}, signal) });

/** Uploads a roster file; every figure of the loop changes with it. */
export function useRosterImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<RosterImportResponse> => {
      const form = new FormData();
      form.append('file', file, file.name);
      let res: Response;
      try {
        res = await fetch('/api/roster', { method: 'POST', body: form, headers: { accept: 'application/json' } });
      } catch {
        throw new ApiError(0, 'network', '无法连接到审查平台服务，请确认服务已启动后刷新页面');
      }
      if (!res.ok) throw await errorFrom(res);
      return (await res.json()) as RosterImportResponse;
    },
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Records a 报送日期 (or clears it with null). */
export function useFiling() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { agencyId: number; year: number; filedOn: string | null }) =>
      request<{ ok: true }>('PUT', `/api/agencies/${v.agencyId}/filing`, { year: v.year, filedOn: v.filedOn }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roster'] }),
  });
}

/** Adds a unit to the roster (matched to a registered agency by its names, like a row of a file). */
export function useAddUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: NewUnit) => request<RosterImportResponse['results'][number]>('POST', '/api/roster/units', v),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Edits a unit of the roster: a new name (the old one stays an alias), years due, 撤并, 免报, URL. */
export function useUpdateUnit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ agencyId, ...patch }: UnitPatch & { agencyId: number }) => request<{ ok: true }>('PATCH', `/api/agencies/${agencyId}/roster`, patch),
    onSuccess: () => client.invalidateQueries(),
  });
}

export const UNIT_STATUS: Record<UnitStatus, { label: string; color: string }> = {
  'on-time': { label: UNIT_STATUS_LABEL['on-time'], color: 'success' },
  late: { label: UNIT_STATUS_LABEL.late, color: 'warning' },
  missing: { label: UNIT_STATUS_LABEL.missing, color: 'error' },
  'not-due': { label: UNIT_STATUS_LABEL['not-due'], color: 'default' },
  exempt: { label: UNIT_STATUS_LABEL.exempt, color: 'purple' },
};

export const ITEM_STATUS: Record<ItemStatus, { label: string; color: string }> = {
  pending: { label: ITEM_STATUS_LABEL.pending, color: 'processing' },
  fixed: { label: ITEM_STATUS_LABEL.fixed, color: 'success' },
  overdue: { label: ITEM_STATUS_LABEL.overdue, color: 'error' },
};
