/**
 * The one HTTP client: typed calls for every route of the contract. Errors become ApiError with the
 * server's Chinese message (the API answers `{ error: { code, message } }`).
 */
import type {
  AuditLogQuery,
  AuditLogResponse,
  BulkReviewBody,
  BulkReviewResponse,
  Decision,
  FindingsQuery,
  FindingsResponse,
  Session,
  NewUser,
  UserInfo,
  UserPatch,
  AgenciesQuery,
  AgenciesResponse,
  AgencyDetail,
  HealthResponse,
  ImportJob,
  ImportJobList,
  IngestFields,
  OverviewResponse,
  RankingsFilter,
  RankingsResponse,
  RegionsResponse,
  ReportDetail,
  ReportOriginal,
  ReportSource,
  RubricInfo,
  RuleInfo,
  TrendsQuery,
  TrendsResponse,
  YearsResponse,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Params = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x` from the defined, non-empty params (stable order, so URLs and cache keys match). */
export function queryString(params: Params): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

const NETWORK_MESSAGE = '无法连接到审查平台服务，请确认服务已启动后刷新页面';

export async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return new ApiError(res.status, body.error.code ?? 'error', body.error.message);
  } catch {
    // not JSON: fall through to a generic message
  }
  if (res.status === 401) return new ApiError(401, 'unauthenticated', '请先登录');
  if (res.status === 403) return new ApiError(403, 'forbidden', '没有权限执行此操作');
  if (res.status === 404) return new ApiError(404, 'not-found', '请求的记录不存在，可能已被删除');
  if (res.status >= 500)
    return new ApiError(
      res.status,
      'server-error',
      `服务器内部错误（${res.status}），请稍后重试或联系管理员`,
    );
  return new ApiError(res.status, 'http-error', `请求失败（${res.status}）`);
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (!res.ok) throw await errorFrom(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const get = <T>(path: string, params: Params = {}, signal?: AbortSignal) =>
  request<T>('GET', path + queryString(params), undefined, signal);

export const ANONYMOUS: Session = { mode: 'anonymous', user: null, role: null, region: null };

/** Who is asking; nobody (rather than an error) when the API wants a login. */
async function session(signal?: AbortSignal): Promise<Session> {
  try {
    return await get<Session>('/api/session', {}, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return ANONYMOUS;
    throw e;
  }
}

export const api = {
  session,
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/session', { username, password }),
  logout: () => request<void>('DELETE', '/api/session'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Session>('PUT', '/api/session/password', { currentPassword, newPassword }),
  users: (signal?: AbortSignal) => get<{ items: UserInfo[] }>('/api/users', {}, signal),
  createUser: (body: NewUser) => request<UserInfo>('POST', '/api/users', body),
  updateUser: (id: number, patch: UserPatch) => request<UserInfo>('PATCH', `/api/users/${id}`, patch),
  deleteUser: (id: number) => request<void>('DELETE', `/api/users/${id}`),
  // the fingerprint in the body: those of table cells can be longer than a path segment
  review: (id: number, fingerprint: string, decision: Decision, reason: string) =>
    request<ReportDetail>('POST', `/api/reports/${id}/reviews`, { fingerprint, decision, reason }),
  unreview: (id: number, fingerprint: string) =>
    request<ReportDetail>('DELETE', `/api/reports/${id}/reviews`, { fingerprint }),
  /** A reviewer's correction of a cell as read (null: blank), or its withdrawal. */
  correctCell: (id: number, key: string, value: number | null, reason: string) =>
    request<ReportDetail>('PUT', `/api/reports/${id}/cells/${key}`, { value, reason }),
  uncorrectCell: (id: number, key: string) => request<ReportDetail>('DELETE', `/api/reports/${id}/cells/${key}`),
  /** Findings across reports: the reports with a problem, the 待复核 queue. */
  findings: (q: Partial<FindingsQuery>, signal?: AbortSignal) =>
    get<FindingsResponse>('/api/findings', { ...q }, signal),
  bulkReview: (body: BulkReviewBody) => request<BulkReviewResponse>('POST', '/api/reviews', body),
  auditLog: (q: AuditLogQuery, signal?: AbortSignal) =>
    get<AuditLogResponse>('/api/audit-log', { ...q }, signal),
  health: (signal?: AbortSignal) => get<HealthResponse>('/api/health', {}, signal),
  years: (demo: boolean, signal?: AbortSignal) => get<YearsResponse>('/api/years', { demo: demo || undefined }, signal),
  regions: (demo: boolean, signal?: AbortSignal) =>
    get<RegionsResponse>('/api/regions', { demo: demo || undefined }, signal),
  rules: (signal?: AbortSignal) => get<RuleInfo[]>('/api/rules', {}, signal),
  rubric: (signal?: AbortSignal) => get<RubricInfo>('/api/rubric', {}, signal),
  overview: (year: number | undefined, demo: boolean, signal?: AbortSignal) =>
    get<OverviewResponse>('/api/overview', { year, demo: demo || undefined }, signal),
  trends: (q: TrendsQuery, signal?: AbortSignal) => get<TrendsResponse>('/api/trends', { ...q }, signal),
  rankings: (q: RankingsFilter, signal?: AbortSignal) =>
    get<RankingsResponse>('/api/rankings', { ...q }, signal),
  agencies: (q: Partial<AgenciesQuery>, signal?: AbortSignal) =>
    get<AgenciesResponse>('/api/agencies', { ...q }, signal),
  agency: (id: number, signal?: AbortSignal) => get<AgencyDetail>(`/api/agencies/${id}`, {}, signal),
  report: (id: number, signal?: AbortSignal) => get<ReportDetail>(`/api/reports/${id}`, {}, signal),
  reportSource: (id: number, signal?: AbortSignal) =>
    get<ReportSource>(`/api/reports/${id}/source`, {}, signal),
  /** An import job: the files to come (in upload order) and the fields for all of them. */
  createImport: (files: { name: string; size: number }[], fields: IngestFields) =>
    request<ImportJob>('POST', '/api/imports', { ...fields, files }),
  importJob: (id: string, signal?: AbortSignal) => get<ImportJob>(`/api/imports/${id}`, {}, signal),
  imports: (signal?: AbortSignal) => get<ImportJobList>('/api/imports', {}, signal),
  cancelImport: (id: string) => request<ImportJob>('POST', `/api/imports/${id}/cancel`),
  /** The original's tables as the file lays them out (Word, web page). */
  reportOriginal: (id: number, signal?: AbortSignal) =>
    get<ReportOriginal>(`/api/reports/${id}/original`, {}, signal),
};

/** The export link for exactly the filters and order the ranking table shows (all pages of it). */
export function rankingsExportUrl(filter: RankingsFilter, format: 'csv' | 'xlsx'): string {
  const { page: _page, pageSize: _pageSize, ...rest } = filter;
  return `/api/rankings/export${queryString({ ...rest, format })}`;
}

/**
 * Uploads a batch of an import job's files, each as the part `file-<index>` of its place in the job.
 * Answers the job once the server has queued them (and caught up with the batch before).
 */
export function uploadImportFiles(
  jobId: string,
  files: { index: number; file: File }[],
  onProgress: (loaded: number) => void,
  signal?: AbortSignal,
): Promise<ImportJob> {
  const form = new FormData();
  for (const { index, file } of files) form.append(`file-${index}`, file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports/${jobId}/files`);
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const body = xhr.response as (ImportJob & { error?: { code: string; message: string } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.files) resolve(body);
      else if (body?.error) reject(new ApiError(xhr.status, body.error.code, body.error.message));
      else reject(new ApiError(xhr.status, 'http-error', `上传失败（${xhr.status}），请稍后重试`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', NETWORK_MESSAGE));
    xhr.onabort = () => reject(new DOMException('已取消', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
